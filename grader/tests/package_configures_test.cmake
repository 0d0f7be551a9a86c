# grader/tests/package_configures_test.cmake — the Gradescope zip unpacks and its tree configures
# with setup.sh's options; setup.sh and run_autograder are executable and run kgrade doctor.
#   cmake -DZIP=autograder.zip -DOUT=folder -P package_configures_test.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${CMAKE_COMMAND} -E tar xf ${ZIP} WORKING_DIRECTORY ${OUT} RESULT_VARIABLE _status)
if(NOT _status STREQUAL "0")
  message(FATAL_ERROR "cannot unpack ${ZIP}")
endif()
file(READ ${OUT}/setup.sh _setup)
if(NOT _setup MATCHES "kgrade doctor labs/scheduling" OR NOT _setup MATCHES "chmod -R go-rwx /autograder/source")
  message(FATAL_ERROR "setup.sh must run kgrade doctor and close the source tree to others:\n${_setup}")
endif()
file(READ ${OUT}/run_autograder _run)
if(NOT _run MATCHES "rm -f /autograder/results/results.json")
  message(FATAL_ERROR "run_autograder must remove results.json when grading was not done:\n${_run}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${OUT} -B ${OUT}/build -DCMAKE_BUILD_TYPE=Release -DKS_BUILD_TESTS=OFF
                        -DKS_BUILD_BENCH=OFF -DKS_BUILD_VISUALIZER=OFF -DKS_BUILD_GRADEBOOK=OFF
                RESULT_VARIABLE _status OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _status STREQUAL "0")
  message(FATAL_ERROR "the package's tree does not configure:\n${_out}${_err}")
endif()
message(STATUS "the Gradescope package unpacks and configures")
