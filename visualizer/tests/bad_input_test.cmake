# Runs kernsim-viz with bad input (ARGS) and expects exit status 2 and a message matching EXPECT
# on standard error, before any window is asked for (so no display is needed).
execute_process(COMMAND "${VIZ}" ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "kernsim-viz ${ARGS}: exit status ${status}, expected 2\n${out}\n${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "kernsim-viz ${ARGS}: the message does not match \"${EXPECT}\":\n${err}")
endif()
message("${err}")
