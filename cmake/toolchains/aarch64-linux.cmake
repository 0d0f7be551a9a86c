# Cross-compiles kernsim for 64-bit Arm Linux (Debian: g++-aarch64-linux-gnu), as
# scripts/check-platforms does to run it under qemu-aarch64 and compare its traces with the
# x86-64 build's: the floating-point and integer code must decide the same on arm64 (the
# processor of Apple-silicon Macs) as on x86-64. KS_CROSS_DEPS: see mingw-w64.cmake.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu ${KS_CROSS_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
