# Project-wide compile options: warnings (as errors in CI), determinism, sanitizers.
add_library(ks_options INTERFACE)
if(MSVC)
  target_compile_options(ks_options INTERFACE /W4 /permissive- /utf-8 /fp:precise)
  if(KS_WERROR)
    target_compile_options(ks_options INTERFACE /WX)
  endif()
else()
  target_compile_options(ks_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wno-missing-field-initializers -Wnon-virtual-dtor -Wold-style-cast
    # Determinism: never fuse a*b+c into one FMA, whose rounding differs from two operations.
    -ffp-contract=off
    # Messages name source files relative to the project, never by this machine's paths.
    -fmacro-prefix-map=${PROJECT_SOURCE_DIR}/=)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12's -Wrestrict misfires inside libstdc++'s std::string at -O3 (GCC bug 105329).
    target_compile_options(ks_options INTERFACE -Wno-restrict)
  endif()
  if(KS_WERROR)
    target_compile_options(ks_options INTERFACE -Werror)
  endif()
  if(KS_SANITIZE)
    # (At -O1, which AddressSanitizer's documentation advises for speed, GCC 12 warns of a
    # maybe-uninitialized std::function inside libstdc++'s <regex>: a false positive that -Werror
    # turns into a failed build. The sanitizer build stays at the build type's level.)
    target_compile_options(ks_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
    target_link_options(ks_options INTERFACE -fsanitize=address,undefined)
  endif()
  if(KS_FUZZ)
    # Every library gets libFuzzer's coverage instrumentation (the targets in fuzz/ add its main)
    # and ASan + UBSan, so that a finding anywhere below a fuzz target is a crash.
    target_compile_options(ks_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
      -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(ks_options INTERFACE -fsanitize=address,undefined)
  endif()
endif()
target_include_directories(ks_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_definitions(ks_options INTERFACE KS_VERSION="${PROJECT_VERSION}")
