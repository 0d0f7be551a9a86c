# userland/lib/toolchain.sh — how every RISC-V program of kernsim is compiled and linked: the one
# place that holds the flags. Sourced by userland/build.sh (the prebuilt programs) and
# userland/cc (a student's program); needs $here, the userland folder, and $cc, the clang to use.
#
# compile      for every object: RV32IMA, ilp32, freestanding, no PIC, warnings are errors
# link         a static ELF entered at _start, without the host's libraries
# libc_flags   for programs of the libc: its headers; one section per function, so that
#              --gc-sections drops what a program does not use
# compile_libc DIR   compiles the libc (lib/libc/*.c and lib/syscalls.c) into DIR and sets
#              $libc_objects to the objects, in a fixed order (then the lazy ones)
compile="--target=riscv32-unknown-elf -march=rv32ima -mabi=ilp32 -mno-relax -O2 -ffreestanding -fno-builtin
         -fno-pic -fno-stack-protector -Wall -Wextra -Werror"
link="-nostdlib -fuse-ld=lld -static -Wl,--gc-sections -Wl,-e,_start -Wl,--build-id=none"
libc_flags="-I$here/lib/include -ffunction-sections -fdata-sections"
libc_sources="start syscall stdio malloc string ctype stdlib thread dirent"
# Linked as an archive member would be (lld's --start-lib): only into programs that use them, so
# the programs that do not are byte for byte what they were before these files existed.
libc_lazy_sources="pthread"

compile_libc() {
  libc_objects=""
  for source in $libc_sources; do
    # shellcheck disable=SC2086
    "$cc" $compile $libc_flags -c -o "$1/$source.o" "$here/lib/libc/$source.c"
    libc_objects="$libc_objects $1/$source.o"
  done
  # shellcheck disable=SC2086
  "$cc" $compile $libc_flags -c -o "$1/syscalls.o" "$here/lib/syscalls.c"
  libc_objects="$libc_objects $1/syscalls.o -Wl,--start-lib"
  for source in $libc_lazy_sources; do
    # shellcheck disable=SC2086
    "$cc" $compile $libc_flags -c -o "$1/$source.o" "$here/lib/libc/$source.c"
    libc_objects="$libc_objects $1/$source.o"
  done
  libc_objects="$libc_objects -Wl,--end-lib"
}
