#!/bin/sh
# userland/build.sh — rebuilds the prebuilt RISC-V programs in userland/prebuilt/.
# Needs clang (14 or later) and ld.lld. Usage: userland/build.sh [CLANG [OUT_DIR]]
# (OUT_DIR defaults to userland/prebuilt; the test suite builds into a scratch folder and
# checks that the result is byte-identical to the committed files.)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cc=${1:-clang}
out=${2:-$here/prebuilt}
flags="--target=riscv32-unknown-elf -march=rv32ima -mabi=ilp32 -mno-relax -O2 -ffreestanding -fno-builtin
       -fno-pic -fno-stack-protector -nostdlib -fuse-ld=lld -static -Wl,--gc-sections -Wl,-e,_start
       -Wl,--build-id=none -Wall -Wextra"
mkdir -p "$out"
for program in "$here"/bench/*.c "$here"/tests/*.c; do
  name=$(basename "$program" .c)
  # shellcheck disable=SC2086
  "$cc" $flags -o "$out/$name.elf" "$here/lib/crt0.c" "$here/lib/syscalls.c" "$program"
  echo "built $name.elf ($(wc -c < "$out/$name.elf") bytes)"
done
