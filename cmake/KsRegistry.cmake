# The lists of registered policies, generated from the markers in the kernel's sources.
#
# A policy file marks its entry function on the line before it with the kind and an order key
# (kernel/policy/registry.h says why the list is generated rather than self-registered):
#     // registry: scheduler 20
#     PolicyInfo rr_policy() {
# For every kind below this file writes KIND_entries.cpp, defining the kind's list function
# (scheduler_entries()) that returns the marked entries sorted by key. It runs at build time (as
# a script, cmake -P) so that a marker added, moved or removed in any file is seen by the next
# build; the output is rewritten only when it changes.
#
# Included: defines ks_generate_registries(OUT_VAR SOURCES...), which sets OUT_VAR to the
# generated files to compile. Run as a script: -DKS_REGISTRY_SOURCES=FILE (one source path a
# line) -DKS_REGISTRY_OUTPUT=DIR -DKS_REGISTRY_ROOT=SOURCE_DIR.

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
endif()

# The kinds: name, entry type, the header that declares it, the list function.
set(KS_REGISTRY_KINDS "scheduler|PolicyInfo|kernel/sched/registry.h|scheduler_entries"
                      "replacement|ReplacementInfo|kernel/mm/replacement.h|replacement_entries"
                      "disk_scheduler|DiskSchedulerInfo|kernel/blk/disk_scheduler.h|disk_scheduler_entries")

if(NOT CMAKE_SCRIPT_MODE_FILE)
  function(ks_generate_registries out_var)
    set(_ks_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
    set(_ks_list ${_ks_dir}/registry-sources.txt)
    string(REPLACE ";" "\n" _ks_lines "${ARGN}")
    file(WRITE ${_ks_list}.new "${_ks_lines}\n")
    file(COPY_FILE ${_ks_list}.new ${_ks_list} ONLY_IF_DIFFERENT)
    set(_ks_outputs "")
    foreach(_ks_kind IN LISTS KS_REGISTRY_KINDS)
      string(REPLACE "|" ";" _ks_fields "${_ks_kind}")
      list(GET _ks_fields 0 _ks_name)
      list(APPEND _ks_outputs ${_ks_dir}/${_ks_name}_entries.cpp)
    endforeach()
    add_custom_command(
      OUTPUT ${_ks_outputs}
      COMMAND ${CMAKE_COMMAND} -DKS_REGISTRY_SOURCES=${_ks_list} -DKS_REGISTRY_OUTPUT=${_ks_dir}
              -DKS_REGISTRY_ROOT=${PROJECT_SOURCE_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/KsRegistry.cmake
      DEPENDS ${ARGN} ${_ks_list} ${PROJECT_SOURCE_DIR}/cmake/KsRegistry.cmake
      COMMENT "Listing the registered policies"
      VERBATIM)
    set(${out_var} ${_ks_outputs} PARENT_SCOPE)
  endfunction()
  return()
endif()

# Script mode: scan, check, write.
file(STRINGS ${KS_REGISTRY_SOURCES} _ks_sources)
set(_ks_known_kinds "")
foreach(_ks_kind IN LISTS KS_REGISTRY_KINDS)
  string(REPLACE "|" ";" _ks_fields "${_ks_kind}")
  list(GET _ks_fields 0 _ks_name)
  list(APPEND _ks_known_kinds ${_ks_name})
  set(_ks_entries_${_ks_name} "")
endforeach()

foreach(_ks_source IN LISTS _ks_sources)
  file(READ ${_ks_source} _ks_text)
  string(REPLACE "\r" "" _ks_text "${_ks_text}")  # a checkout with Windows line ends
  if(NOT _ks_text MATCHES "\n// registry:")
    continue()
  endif()
  file(RELATIVE_PATH _ks_relative ${KS_REGISTRY_ROOT} ${_ks_source})
  # Each marker starts a line; its line number is one more than the newlines before it.
  set(_ks_rest "${_ks_text}")
  set(_ks_offset 0)
  while(TRUE)
    string(FIND "${_ks_rest}" "\n// registry:" _ks_at)
    if(_ks_at EQUAL -1)
      break()
    endif()
    math(EXPR _ks_offset "${_ks_offset} + ${_ks_at} + 1")
    string(SUBSTRING "${_ks_text}" 0 ${_ks_offset} _ks_before)
    string(REGEX MATCHALL "\n" _ks_newlines "${_ks_before}")
    list(LENGTH _ks_newlines _ks_number)
    math(EXPR _ks_number "${_ks_number} + 1")
    math(EXPR _ks_at "${_ks_at} + 1")
    string(SUBSTRING "${_ks_rest}" ${_ks_at} -1 _ks_rest)
    string(FIND "${_ks_rest}" "\n" _ks_end)
    string(SUBSTRING "${_ks_rest}" 0 ${_ks_end} _ks_line)
    set(_ks_next "")
    if(NOT _ks_end EQUAL -1)
      math(EXPR _ks_end "${_ks_end} + 1")
      string(SUBSTRING "${_ks_rest}" ${_ks_end} -1 _ks_after)
      string(FIND "${_ks_after}" "\n" _ks_next_end)
      string(SUBSTRING "${_ks_after}" 0 ${_ks_next_end} _ks_next)
    endif()
    set(_ks_where "${_ks_relative}:${_ks_number}")
    if(NOT _ks_line MATCHES "^// registry: ([a-z_]+) ([0-9]+)$")
      message(FATAL_ERROR "${_ks_where}: a registry marker reads \"// registry: KIND ORDER\" (e.g. \"// registry: scheduler 20\"), got \"${_ks_line}\"")
    endif()
    set(_ks_kind ${CMAKE_MATCH_1})
    set(_ks_order ${CMAKE_MATCH_2})
    if(NOT _ks_kind IN_LIST _ks_known_kinds)
      string(REPLACE ";" ", " _ks_list "${_ks_known_kinds}")
      message(FATAL_ERROR "${_ks_where}: unknown registry kind \"${_ks_kind}\" (known: ${_ks_list}; cmake/KsRegistry.cmake lists them)")
    endif()
    if(NOT _ks_next MATCHES "^([A-Za-z_][A-Za-z0-9_:]*) ([A-Za-z_][A-Za-z0-9_]*)\\(\\) {$")
      message(FATAL_ERROR "${_ks_where}: a registry marker must be followed by its entry function's definition, such as \"PolicyInfo rr_policy() {\"")
    endif()
    set(_ks_type ${CMAKE_MATCH_1})
    set(_ks_function ${CMAKE_MATCH_2})
    foreach(_ks_entry IN LISTS _ks_entries_${_ks_kind})
      string(REPLACE "|" ";" _ks_other "${_ks_entry}")
      list(GET _ks_other 0 _ks_other_order)
      list(GET _ks_other 2 _ks_other_where)
      if(_ks_other_order EQUAL _ks_order)
        message(FATAL_ERROR "${_ks_where}: order ${_ks_order} of kind ${_ks_kind} is taken by ${_ks_other_where}: give each entry its own key")
      endif()
    endforeach()
    list(APPEND _ks_entries_${_ks_kind} "${_ks_order}|${_ks_function}|${_ks_where}|${_ks_type}")
  endwhile()
endforeach()

foreach(_ks_kind IN LISTS KS_REGISTRY_KINDS)
  string(REPLACE "|" ";" _ks_fields "${_ks_kind}")
  list(GET _ks_fields 0 _ks_name)
  list(GET _ks_fields 1 _ks_entry_type)
  list(GET _ks_fields 2 _ks_header)
  list(GET _ks_fields 3 _ks_list_function)
  set(_ks_entries ${_ks_entries_${_ks_name}})
  list(SORT _ks_entries COMPARE NATURAL)
  set(_ks_declarations "")
  set(_ks_calls "")
  foreach(_ks_entry IN LISTS _ks_entries)
    string(REPLACE "|" ";" _ks_entry "${_ks_entry}")
    list(GET _ks_entry 1 _ks_function)
    list(GET _ks_entry 2 _ks_where)
    list(GET _ks_entry 3 _ks_type)
    if(NOT _ks_type STREQUAL _ks_entry_type)
      message(FATAL_ERROR "${_ks_where}: an entry of kind ${_ks_name} is a ${_ks_entry_type}, but ${_ks_function}() returns ${_ks_type}")
    endif()
    string(REGEX REPLACE ":[0-9]+$" "" _ks_file "${_ks_where}")
    string(APPEND _ks_declarations "${_ks_entry_type} ${_ks_function}();  // ${_ks_file}\n")
    string(APPEND _ks_calls "  entries.push_back(${_ks_function}());\n")
  endforeach()
  set(_ks_content "// Generated by cmake/KsRegistry.cmake from the \"// registry: ${_ks_name} ORDER\" markers: do not edit.
#include \"${_ks_header}\"

namespace ks {

${_ks_declarations}
std::vector<${_ks_entry_type}> ${_ks_list_function}() {
  std::vector<${_ks_entry_type}> entries;
${_ks_calls}  return entries;
}

}  // namespace ks
")
  set(_ks_output ${KS_REGISTRY_OUTPUT}/${_ks_name}_entries.cpp)
  set(_ks_old "")
  if(EXISTS ${_ks_output})
    file(READ ${_ks_output} _ks_old)
  endif()
  if(NOT _ks_old STREQUAL _ks_content)
    file(WRITE ${_ks_output} "${_ks_content}")
  endif()
endforeach()
