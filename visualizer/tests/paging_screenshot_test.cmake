# Runs kernsim-viz's paging view off screen under Xvfb and checks the screenshot with
# ks-viz-shotcheck --paging. Variables: VIZ, CHECK, XVFB, OUT, ARGS (kernsim-viz arguments).
get_filename_component(dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
string(REGEX REPLACE "\\.png$" ".json" layout "${OUT}")
execute_process(
  COMMAND "${XVFB}" -a -s "-screen 0 1920x1080x24" "${VIZ}" ${ARGS} --screenshot "${OUT}" --layout "${layout}"
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kernsim-viz --screenshot failed (${status}):\n${out}\n${err}")
endif()
execute_process(COMMAND "${CHECK}" "${OUT}" "${layout}" --paging RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the screenshot ${OUT} does not show the paging exercise")
endif()
