# The labs' student files that live in the kernel (labs/*/lab.json, "student_files" under kernel/).
#
# These files are what students write (labs are cumulative, as in xv6's: a lab's work is a file of
# the kernel itself). The kernel is built in two forms: ks-kernel, with every file, for kernsim,
# the visualizer and kgrade (which runs the reference solution in its own process); and
# ks-kernel-runner, without them, for the per-submission runner that kgrade builds from a
# student's files (grader/runner/): the program that runs a student's code contains no other
# implementation of the lab's work than the student's.
#
# Sets KS_LAB_KERNEL_FILES: absolute paths of those files.
set(KS_LAB_KERNEL_FILES "")
file(GLOB _ks_lab_specs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/labs/*/lab.json)
foreach(_ks_spec IN LISTS _ks_lab_specs)
  file(READ ${_ks_spec} _ks_json)
  string(JSON _ks_count ERROR_VARIABLE _ks_error LENGTH "${_ks_json}" student_files)
  if(_ks_error)
    continue()  # a lab without student files (kgrade checks lab files and says what is wrong)
  endif()
  if(_ks_count GREATER 0)
    math(EXPR _ks_last "${_ks_count} - 1")
    foreach(_ks_i RANGE ${_ks_last})
      string(JSON _ks_file GET "${_ks_json}" student_files ${_ks_i})
      if(_ks_file MATCHES "^kernel/.*\\.cpp$")
        list(APPEND KS_LAB_KERNEL_FILES ${PROJECT_SOURCE_DIR}/${_ks_file})
      endif()
    endforeach()
  endif()
endforeach()
list(REMOVE_DUPLICATES KS_LAB_KERNEL_FILES)
