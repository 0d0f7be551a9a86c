# Runs kernsim-viz where no window can appear: it must exit with status 3 and say "no display",
# promptly (the old behaviour was to run invisibly for ever).
# Variables: VIZ, SCENARIO, DISPLAY_VALUE (empty: no DISPLAY at all; else DISPLAY is set to it).
set(env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=SDL_VIDEODRIVER)
if(DISPLAY_VALUE)
  list(APPEND env "DISPLAY=${DISPLAY_VALUE}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${env} "${VIZ}" "${SCENARIO}"
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
message("status ${status}\n${out}${err}")
if(NOT status STREQUAL "3")
  message(FATAL_ERROR "kernsim-viz without a display: expected exit status 3, got ${status}")
endif()
if(NOT err MATCHES "no display")
  message(FATAL_ERROR "kernsim-viz without a display did not say so")
endif()
