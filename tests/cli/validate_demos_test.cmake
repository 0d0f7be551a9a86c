# Runs `kernsim validate` on every demo scenario; fails if any is rejected.
file(GLOB demos ${DEMOS}/*.json)
foreach(demo IN LISTS demos)
  execute_process(COMMAND ${KERNSIM} validate ${demo} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "kernsim validate ${demo} failed (${status}): ${out}${err}")
  endif()
endforeach()
