#!/bin/sh
# userland/build.sh — rebuilds the prebuilt RISC-V programs in userland/prebuilt/.
# Needs clang (14 or later) and ld.lld. Usage: userland/build.sh [clang]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cc=${1:-clang}
flags="--target=riscv32-unknown-elf -march=rv32ima -mabi=ilp32 -mno-relax -O2 -ffreestanding -fno-builtin
       -fno-pic -fno-stack-protector -nostdlib -fuse-ld=lld -static -Wl,--gc-sections -Wl,-e,_start
       -Wl,--build-id=none -Wall -Wextra"
mkdir -p "$here/prebuilt"
for program in "$here"/bench/*.c; do
  name=$(basename "$program" .c)
  # shellcheck disable=SC2086
  "$cc" $flags -o "$here/prebuilt/$name.elf" "$here/lib/crt0.c" "$here/lib/syscalls.c" "$program"
  echo "built prebuilt/$name.elf ($(wc -c < "$here/prebuilt/$name.elf") bytes)"
done
