# The build's reading of registry markers (cmake/KsRegistry.cmake), run on made-up policy files:
# the generated list follows the order keys, not the files' order; a malformed marker, an unknown
# kind, a marker without its entry function, a key used twice and an entry of the wrong type each
# stop the build with the file, the line and the problem.
#   cmake -DKS_SOURCE_DIR=SOURCE -DWORKDIR=SCRATCH -P registry_markers_test.cmake
set(_root ${WORKDIR}/registry-markers)
file(REMOVE_RECURSE ${_root})
file(MAKE_DIRECTORY ${_root}/kernel/sched)

# run_scan(RESULT OUTPUT_TEXT ERROR_TEXT FILE...): writes the list of FILEs, scans it.
function(run_scan result_var output_var error_var)
  set(_list "")
  foreach(_file IN LISTS ARGN)
    string(APPEND _list "${_root}/${_file}\n")
  endforeach()
  file(WRITE ${_root}/sources.txt "${_list}")
  file(REMOVE ${_root}/out/scheduler_entries.cpp)
  execute_process(COMMAND ${CMAKE_COMMAND} -DKS_REGISTRY_SOURCES=${_root}/sources.txt -DKS_REGISTRY_OUTPUT=${_root}/out
                          -DKS_REGISTRY_ROOT=${_root} -P ${KS_SOURCE_DIR}/cmake/KsRegistry.cmake
                  RESULT_VARIABLE _result ERROR_VARIABLE _error OUTPUT_QUIET)
  set(_output "")
  if(EXISTS ${_root}/out/scheduler_entries.cpp)
    file(READ ${_root}/out/scheduler_entries.cpp _output)
  endif()
  set(${result_var} ${_result} PARENT_SCOPE)
  set(${output_var} "${_output}" PARENT_SCOPE)
  set(${error_var} "${_error}" PARENT_SCOPE)
endfunction()

function(expect_failure what regex)
  run_scan(_result _output _error ${ARGN})
  if(_result EQUAL 0)
    message(FATAL_ERROR "${what}: the scan succeeded; expected an error matching \"${regex}\"")
  endif()
  string(REGEX REPLACE "[ \n]+" " " _error "${_error}")
  if(NOT _error MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected an error matching \"${regex}\", got: ${_error}")
  endif()
endfunction()

file(WRITE ${_root}/kernel/sched/zeta.cpp "// zeta: listed first, ordered last\n#include \"x.h\"\n\n// registry: scheduler 100\nPolicyInfo zeta_policy() {\n  return {};\n}\n")
file(WRITE ${_root}/kernel/sched/alpha.cpp "// alpha; with a semicolon [and a bracket\n\n// registry: scheduler 10\nPolicyInfo alpha_policy() {\n}\n\n// registry: scheduler 20\nPolicyInfo beta_policy() {\n}\n")
file(WRITE ${_root}/kernel/sched/helper.cpp "// no marker: a helper\nint helper() { return 1; }\n//     // registry: scheduler 40 (an example inside a comment is no marker)\n")
file(WRITE ${_root}/kernel/sched/crlf.cpp "// written on Windows\r\n\r\n// registry: scheduler 25\r\nPolicyInfo crlf_policy() {\r\n}\r\n")

run_scan(_result _output _error kernel/sched/zeta.cpp kernel/sched/helper.cpp kernel/sched/alpha.cpp kernel/sched/crlf.cpp)
if(NOT _result EQUAL 0)
  message(FATAL_ERROR "a valid set of markers was refused: ${_error}")
endif()
string(REGEX MATCHALL "push_back\\([a-z_]+\\(\\)\\)" _calls "${_output}")
set(_expected "push_back(alpha_policy());push_back(beta_policy());push_back(crlf_policy());push_back(zeta_policy())")
if(NOT _calls STREQUAL _expected)
  message(FATAL_ERROR "the entries are not in the order of their keys:\n  got      ${_calls}\n  expected ${_expected}")
endif()
if(NOT _output MATCHES "PolicyInfo alpha_policy\\(\\);  // kernel/sched/alpha.cpp\n")
  message(FATAL_ERROR "the generated list does not declare alpha_policy() with its file:\n${_output}")
endif()
if(_output MATCHES "helper")
  message(FATAL_ERROR "a file without a marker was listed:\n${_output}")
endif()

file(WRITE ${_root}/kernel/sched/bad_form.cpp "// a\n// registry: scheduler twenty\nPolicyInfo bad_policy() {\n}\n")
expect_failure("a malformed marker" "kernel/sched/bad_form.cpp:2: a registry marker reads \"// registry: KIND ORDER\"" kernel/sched/bad_form.cpp)

file(WRITE ${_root}/kernel/sched/bad_kind.cpp "// a\n\n\n// registry: pager 10\nPolicyInfo bad_policy() {\n}\n")
expect_failure("an unknown kind" "kernel/sched/bad_kind.cpp:4: unknown registry kind \"pager\" \\(known: scheduler" kernel/sched/bad_kind.cpp)

file(WRITE ${_root}/kernel/sched/no_function.cpp "// a\n// registry: scheduler 50\n\nPolicyInfo late_policy() {\n}\n")
expect_failure("a marker without its function" "kernel/sched/no_function.cpp:2: a registry marker must be followed by its entry function" kernel/sched/no_function.cpp)

file(WRITE ${_root}/kernel/sched/last_line.cpp "// a\n// registry: scheduler 50")
expect_failure("a marker on the last line" "kernel/sched/last_line.cpp:2: a registry marker must be followed" kernel/sched/last_line.cpp)

file(WRITE ${_root}/kernel/sched/same_key.cpp "// a\n// registry: scheduler 20\nPolicyInfo same_policy() {\n}\n")
expect_failure("a key used twice" "kernel/sched/same_key.cpp:2: order 20 of kind scheduler is taken by kernel/sched/alpha.cpp:7" kernel/sched/alpha.cpp kernel/sched/same_key.cpp)

file(WRITE ${_root}/kernel/sched/wrong_type.cpp "// a\n// registry: scheduler 60\nSchedulerView wrong_policy() {\n}\n")
expect_failure("an entry of another type" "kernel/sched/wrong_type.cpp:2: an entry of kind scheduler is a PolicyInfo, but wrong_policy\\(\\) returns SchedulerView" kernel/sched/wrong_type.cpp)

file(REMOVE_RECURSE ${_root})
