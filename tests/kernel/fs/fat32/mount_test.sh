#!/bin/sh
# tests/kernel/fs/fat32/mount_test.sh KERNSIM MKFS_FAT FSCK_FAT MTOOLS_DIR SHELL_ELF SCRATCH
# --mount IMAGE:PATH[:ro] end to end (docs/fat32.md, "In the kernel"), against the real tools:
# an image mkfs.fat made and mcopy filled is read by the shell inside kernsim; what the shell
# writes reads back with mtype and passes fsck.fat -n; :ro leaves the image's bytes as they were;
# the same run twice writes the same trace; bad --mount values and bad images exit 2 with a message.
set -eu
kernsim=$1 mkfs_fat=$2 fsck_fat=$3 mtools=$4 sh_elf=$5 scratch=$6
export MTOOLS_SKIP_CHECK=1
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
fail() { echo "mount test: $*" >&2; exit 1; }

printf 'hello from the host\n' > hello.txt
"$mkfs_fat" -F 32 -n TOOLS -C tools.img 40000 > /dev/null
"$mtools/mmd" -i tools.img ::/docs
"$mtools/mcopy" -i tools.img hello.txt ::/hello.txt
"$mtools/mcopy" -i tools.img hello.txt "::/docs/A long name.txt"

# Read and write through the mount; ".." at the image's directories, and the path back.
"$kernsim" exec --mount tools.img:/mnt -- "$sh_elf" -c \
  "cat /mnt/hello.txt; ls /mnt/docs; echo written > /mnt/new.txt; mkdir /mnt/d2; cd /mnt/docs; ls ..; pwd" > out.txt ||
  fail "the shell's run failed: $(cat out.txt)"
grep -qx 'hello from the host' out.txt || fail "cat of a mcopy'd file: $(cat out.txt)"
grep -qx 'A long name.txt' out.txt || fail "ls of the image's directory: $(cat out.txt)"
grep -qx 'd2' out.txt || fail "ls .. from /mnt/docs should list the image's root: $(cat out.txt)"
grep -qx '/mnt/docs' out.txt || fail "pwd: $(cat out.txt)"
[ "$("$mtools/mtype" -i tools.img ::/new.txt)" = written ] || fail "mtype of the file the shell wrote"
"$mtools/mdir" -i tools.img ::/d2 > /dev/null || fail "mdir of the directory the shell made"
"$fsck_fat" -n tools.img > fsck.txt || fail "fsck.fat -n after the run: $(cat fsck.txt)"

# Read-only: the change fails, and the image's bytes are untouched.
cp tools.img before.img
if "$kernsim" exec --mount tools.img:/mnt:ro -- "$sh_elf" -c "echo no > /mnt/ro.txt" > ro.txt 2>&1; then
  fail "a write to a read-only mount succeeded: $(cat ro.txt)"
fi
cmp -s before.img tools.img || fail "a read-only mount changed the image"
"$kernsim" exec --mount tools.img:/mnt:ro -- "$sh_elf" -c "cat /mnt/new.txt" > ro-read.txt
grep -qx written ro-read.txt || fail "reading through a read-only mount: $(cat ro-read.txt)"

# The same run twice: the same trace bytes.
"$kernsim" exec --mount tools.img:/mnt:ro --trace one.jsonl -- "$sh_elf" -c "ls /mnt" > /dev/null
"$kernsim" exec --mount tools.img:/mnt:ro --trace two.jsonl -- "$sh_elf" -c "ls /mnt" > /dev/null
cmp -s one.jsonl two.jsonl || fail "two runs on the same image wrote different traces"

# Bad values: exit 2 and a message naming --mount or the image.
refused() {  # refused PATTERN --mount VALUE
  pattern=$1; shift
  status=0
  "$kernsim" exec "$@" -- "$sh_elf" -c true > err.txt 2>&1 || status=$?
  [ "$status" -eq 2 ] || fail "$* should exit 2, got $status: $(cat err.txt)"
  grep -q -- "$pattern" err.txt || fail "$*: the message should say '$pattern': $(cat err.txt)"
}
refused 'expected IMAGE:PATH' --mount tools.img
refused 'no such image file' --mount missing.img:/mnt
refused 'with PATH absolute' --mount tools.img:mnt
refused 'unknown mount option "rx"' --mount tools.img:/mnt:rx
refused 'root file system' --mount tools.img:/
refused '"\.\." are not allowed' --mount tools.img:/a/../b
head -c 100000 /dev/zero > zeros.img
refused 'zeros.img' --mount zeros.img:/mnt
cp tools.img bad.img
printf '\000\000' | dd of=bad.img bs=1 seek=11 conv=notrunc 2> /dev/null   # BPB_BytsPerSec = 0
refused 'BPB_BytsPerSec' --mount bad.img:/mnt
cmp -s tools.img before.img || fail "a refused mount changed another image"
echo "mount test: ok"
