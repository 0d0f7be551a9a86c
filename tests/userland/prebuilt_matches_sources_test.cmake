# tests/userland/prebuilt_matches_sources_test.cmake — the committed userland/prebuilt/*.elf must be
# exactly what userland/build.sh makes from the sources today.
#
#   cmake -DSH=sh -DCLANG=clang -DSOURCE_DIR=<repo> -DSCRATCH=<empty dir to build into> -P this file
#
# Builds every program with build.sh into SCRATCH (emptied first, so only what build.sh produces
# now is compared), then compares each produced .elf (prebuilt/NAME.elf and the test programs'
# prebuilt/tests/NAME.elf) byte for byte with userland/prebuilt/. Fails listing the files that
# differ, are missing from prebuilt/, or are left in prebuilt/ though no source builds them
# any more, and says how to fix it.
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...)
foreach(variable SH CLANG SOURCE_DIR SCRATCH)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "prebuilt_matches_sources_test.cmake: -D${variable}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${SCRATCH}")
file(MAKE_DIRECTORY "${SCRATCH}")
execute_process(COMMAND "${SH}" "${SOURCE_DIR}/userland/build.sh" "${CLANG}" "${SCRATCH}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "userland/build.sh failed (status ${status}) with ${CLANG}:\n${output}")
endif()

file(GLOB_RECURSE produced RELATIVE "${SCRATCH}" "${SCRATCH}/*.elf")
list(SORT produced)
if(NOT produced)
  message(FATAL_ERROR "userland/build.sh produced no .elf file in ${SCRATCH}:\n${output}")
endif()

set(problems "")
foreach(name IN LISTS produced)
  set(committed "${SOURCE_DIR}/userland/prebuilt/${name}")
  if(NOT EXISTS "${committed}")
    string(APPEND problems "  missing:  userland/prebuilt/${name} (build.sh builds it)\n")
    continue()
  endif()
  file(SHA256 "${SCRATCH}/${name}" built_hash)
  file(SHA256 "${committed}" committed_hash)
  if(NOT built_hash STREQUAL committed_hash)
    file(SIZE "${SCRATCH}/${name}" built_size)
    file(SIZE "${committed}" committed_size)
    string(APPEND problems "  differs:  userland/prebuilt/${name} (committed ${committed_size} bytes, built ${built_size} bytes)\n")
    # The compiler leaves its version in .comment; a different clang is a common cause.
    file(STRINGS "${committed}" committed_compiler REGEX "clang version" LIMIT_COUNT 1)
    file(STRINGS "${SCRATCH}/${name}" built_compiler REGEX "clang version" LIMIT_COUNT 1)
    if(NOT committed_compiler STREQUAL built_compiler)
      string(APPEND problems "            committed with \"${committed_compiler}\", built with \"${built_compiler}\"\n")
    endif()
  endif()
endforeach()

file(GLOB_RECURSE committed_files RELATIVE "${SOURCE_DIR}/userland/prebuilt" "${SOURCE_DIR}/userland/prebuilt/*.elf")
list(SORT committed_files)
foreach(name IN LISTS committed_files)
  if(NOT name IN_LIST produced)
    string(APPEND problems "  stale:    userland/prebuilt/${name} (no source builds it: remove it)\n")
  endif()
endforeach()

list(LENGTH produced count)
if(problems)
  message(FATAL_ERROR "userland/prebuilt/ does not match the sources:\n${problems}"
                      "Run `sh userland/build.sh ${CLANG}` and commit userland/prebuilt/.")
endif()
message(STATUS "all ${count} programs built by userland/build.sh match userland/prebuilt/")
