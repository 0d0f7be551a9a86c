# grader/tests/private_work_folder_test.cmake — grading with --work under a mode-700 folder.
#   cmake -DKGRADE=kgrade -DWORK=folder -P private_work_folder_test.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(CHMOD ${WORK} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
execute_process(COMMAND ${KGRADE} test scheduling --test mlfq_mixed --work ${WORK}/inside
                RESULT_VARIABLE _status OUTPUT_VARIABLE _out ERROR_VARIABLE _err TIMEOUT 280)
if(NOT _status STREQUAL "0" OR NOT _out MATCHES "score: 15 / 15")
  message(FATAL_ERROR "the reference must get full marks (exit 0) with the work folder under a mode-700 folder; exit ${_status}\n${_out}${_err}")
endif()
execute_process(COMMAND id -u OUTPUT_VARIABLE _uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(_uid STREQUAL "0" AND NOT _out MATCHES "cannot be entered by the sandbox's unprivileged user")
  message(FATAL_ERROR "as root the report must say that the work folder was moved:\n${_out}")
endif()
message(STATUS "graded in full with the work folder under a mode-700 folder")
