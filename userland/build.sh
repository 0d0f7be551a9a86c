#!/bin/sh
# userland/build.sh — rebuilds the prebuilt RISC-V programs in userland/prebuilt/.
# Needs clang (14 or later) and ld.lld. Usage: userland/build.sh [CLANG [OUT_DIR]]
# (OUT_DIR defaults to userland/prebuilt; the output is byte-identical from run to run, so a test
# can build into a scratch folder and compare with the committed files.)
#
# Two kinds of program:
#   raw   bench/*.c, and tests/*.c that include no <...> header: only lib/ks_user.h, linked
#         with lib/crt0.c and lib/syscalls.c exactly as before the libc existed;
#   libc  bin/*.c, the other tests/*.c, and folders tests/NAME/ (all their .c files make one
#         program NAME): lib/include/ headers, linked with lib/libc/*.c, whose _start
#         (libc/start.c) returns through exit() so stdout is flushed.
set -eu
export LC_ALL=C # the order of the glob, hence of the linked objects, is fixed
here=$(cd "$(dirname "$0")" && pwd)
cc=${1:-clang}
out=${2:-$here/prebuilt}
compile="--target=riscv32-unknown-elf -march=rv32ima -mabi=ilp32 -mno-relax -O2 -ffreestanding -fno-builtin
         -fno-pic -fno-stack-protector -Wall -Wextra -Werror"
link="-nostdlib -fuse-ld=lld -static -Wl,--gc-sections -Wl,-e,_start -Wl,--build-id=none"
flags="$compile $link"
libc_flags="-I$here/lib/include -ffunction-sections -fdata-sections"
libc_sources="start syscall stdio malloc string ctype stdlib thread dirent"
mkdir -p "$out"
objects=$(mktemp -d)
trap 'rm -rf "$objects"' EXIT

# The libc, compiled once. (Object names carry no path into the programs: the symbol table
# names each source by its basename.)
libc_objects=""
for source in $libc_sources; do
  # shellcheck disable=SC2086
  "$cc" $compile $libc_flags -c -o "$objects/$source.o" "$here/lib/libc/$source.c"
  libc_objects="$libc_objects $objects/$source.o"
done
# shellcheck disable=SC2086
"$cc" $compile $libc_flags -c -o "$objects/syscalls.o" "$here/lib/syscalls.c"

build_raw() {
  # shellcheck disable=SC2086
  "$cc" $flags -o "$out/$1.elf" "$here/lib/crt0.c" "$here/lib/syscalls.c" "$2"
}

# build_libc NAME SOURCE...: one program from one or more sources.
build_libc() {
  name=$1
  shift
  program_objects=""
  for source in "$@"; do
    object="$objects/program_$(basename "$source" .c).o"
    # shellcheck disable=SC2086
    "$cc" $compile $libc_flags -c -o "$object" "$source"
    program_objects="$program_objects $object"
  done
  # shellcheck disable=SC2086
  "$cc" $compile $link -o "$out/$name.elf" $libc_objects "$objects/syscalls.o" $program_objects
  rm -f $program_objects
}

# A .c file is a program; so is a folder of .c files (tests/usertests/), named after the folder.
for program in "$here"/bench/*.c "$here"/tests/*.c "$here"/tests/*/ "$here"/bin/*.c "$here"/bin/*/; do
  [ -e "$program" ] || continue
  name=$(basename "$program" .c)
  case "$program" in
    */) build_libc "$name" "$program"*.c ;;
    "$here"/bin/*) build_libc "$name" "$program" ;;
    "$here"/bench/*) build_raw "$name" "$program" ;;
    *) if grep -q '^#include <' "$program"; then build_libc "$name" "$program"; else build_raw "$name" "$program"; fi ;;
  esac
  echo "built $name.elf ($(wc -c < "$out/$name.elf") bytes)"
done
