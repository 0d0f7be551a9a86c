#!/bin/sh
# userland/build.sh — rebuilds the prebuilt RISC-V programs in userland/prebuilt/.
# Needs clang (14 or later) and ld.lld. Usage: userland/build.sh [CLANG [OUT_DIR]]
# (OUT_DIR defaults to userland/prebuilt; the output is byte-identical from run to run, so a test
# can build into a scratch folder and compare with the committed files.)
#
# Two kinds of program:
#   raw   bench/*.c, and tests/*.c that include no <...> header: only lib/ks_user.h, linked
#         with lib/crt0.c and lib/syscalls.c exactly as before the libc existed;
#   libc  bin/*.c, demos/*.c (into OUT_DIR/demos/), the other tests/*.c, and folders tests/NAME/ (all their .c files make one
#         program NAME): lib/include/ headers, linked with lib/libc/*.c, whose _start
#         (libc/start.c) returns through exit() so stdout is flushed.
set -eu
export LC_ALL=C # the order of the glob, hence of the linked objects, is fixed
here=$(cd "$(dirname "$0")" && pwd)
cc=${1:-clang}
out=${2:-$here/prebuilt}
. "$here/lib/toolchain.sh"
flags="$compile $link"
mkdir -p "$out" "$out/tests" "$out/demos"
objects=$(mktemp -d)
trap 'rm -rf "$objects"' EXIT

# The libc, compiled once. (Object names carry no path into the programs: the symbol table
# names each source by its basename.)
compile_libc "$objects"

# build_raw OUT SOURCE: one raw program.
build_raw() {
  # shellcheck disable=SC2086
  "$cc" $flags -o "$1" "$here/lib/crt0.c" "$here/lib/syscalls.c" "$2"
}

# build_libc OUT SOURCE...: one program from one or more sources.
build_libc() {
  elf_out=$1
  shift
  program_objects=""
  for source in "$@"; do
    object="$objects/program_$(basename "$source" .c).o"
    # shellcheck disable=SC2086
    "$cc" $compile $libc_flags -c -o "$object" "$source"
    program_objects="$program_objects $object"
  done
  # shellcheck disable=SC2086
  "$cc" $compile $link -o "$elf_out" $libc_objects $program_objects
  rm -f $program_objects
}

# A .c file is a program; so is a folder of .c files (tests/usertests/), named after the folder.
# The test programs go to OUT_DIR/tests/, apart from the programs of /bin and the benchmarks.
for program in "$here"/bench/*.c "$here"/tests/*.c "$here"/tests/*/ "$here"/demos/*.c "$here"/bin/*.c "$here"/bin/*/; do
  [ -e "$program" ] || continue
  name=$(basename "$program" .c)
  case "$program" in
    "$here"/tests/*) elf="$out/tests/$name.elf" ;;
    "$here"/demos/*) elf="$out/demos/$name.elf" ;;
    *) elf="$out/$name.elf" ;;
  esac
  case "$program" in
    */) build_libc "$elf" "$program"*.c ;;
    "$here"/bin/* | "$here"/demos/*) build_libc "$elf" "$program" ;;
    "$here"/bench/*) build_raw "$elf" "$program" ;;
    *) if grep -q '^#include <' "$program"; then build_libc "$elf" "$program"; else build_raw "$elf" "$program"; fi ;;
  esac
  echo "built ${elf#"$out"/} ($(wc -c < "$elf") bytes)"
done
