# Cross-compiles kernsim for 64-bit Windows with MinGW-w64 from Linux (Debian:
# g++-mingw-w64-x86-64-posix), as scripts/check-platforms does to prove that the code builds
# for Windows. KS_CROSS_DEPS is a folder laid out as a prefix (include/, share/cmake/) holding
# the header-only dependencies (nlohmann/json, CLI11); the script makes it from the system's.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${KS_CROSS_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# A self-contained kernsim.exe: no libstdc++/libgcc/winpthread DLLs to carry along.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
