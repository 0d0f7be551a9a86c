#!/bin/sh
# tests/kernel/fs/fat32/cli_test.sh KERNSIM SCRATCH
# kernsim mkfs, fsck and image on images it makes and then damages with dd (no other tool): exit
# 0 when clean, 1 with each problem listed, 2 for what is not an image; the image commands name
# the image and the path; a failed change and --read-only leave the image's bytes as they were.
set -eu
kernsim=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
fail() { echo "fat32 cli: $*" >&2; exit 1; }
expect() {  # expect STATUS PATTERN COMMAND...
  want=$1 pattern=$2
  shift 2
  status=0
  "$@" > out.txt 2>&1 || status=$?
  [ "$status" -eq "$want" ] || fail "$* exited $status, not $want: $(cat out.txt)"
  [ -z "$pattern" ] || grep -q -- "$pattern" out.txt || fail "$* printed no '$pattern': $(cat out.txt)"
}
poke() {  # poke FILE OFFSET OCTAL_BYTES: write bytes at a byte offset
  printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

expect 0 'FAT32, 69632 sectors of 512 bytes, 68520 clusters of 512 bytes, 2 FATs of 540 sectors' \
  "$kernsim" mkfs --type fat32 disk.img --size 34M
printf 'hello, FAT\n' > hello.txt
inode_before=$(ls -i disk.img | awk '{print $1}')
expect 0 '' "$kernsim" image put disk.img hello.txt
inode_after=$(ls -i disk.img | awk '{print $1}')
# Saved atomically: a new file renamed over the old one, so the name has a new inode.
[ "$inode_before" != "$inode_after" ] || fail "the image was rewritten in place, not replaced by a rename"
expect 0 'hello.txt' "$kernsim" image ls disk.img
expect 0 'hello, FAT' "$kernsim" image cat disk.img /HELLO.TXT
expect 0 'clean, 1 file, 0 directories, 2/68520 clusters used' "$kernsim" fsck disk.img
expect 2 'disk.img: /nope.txt: no such file or directory' "$kernsim" image cat disk.img /nope.txt
expect 2 'disk.img: /hello.txt/x: not a directory' "$kernsim" image ls disk.img /hello.txt/x
cp disk.img before.img
expect 2 'disk.img: /hello.txt: already exists' "$kernsim" image mkdir disk.img /hello.txt
expect 2 'disk.img: --read-only: rm would change the image' "$kernsim" image rm disk.img /hello.txt --read-only
cmp disk.img before.img || fail "a failed change altered the image"
[ ! -e disk.img.tmp-kernsim ] || fail "a temporary file was left behind"

# FAT copy 2's entry for cluster 100 (FAT 2 starts at sector 32 + 540 = 572: byte 292,864 + 400).
cp disk.img fats.img
poke fats.img 293264 '\377\377\377\017'
expect 1 'fats.img: FAT: FAT copy 2 differs from FAT 1 in 1 entry (the first: cluster 100)' "$kernsim" fsck fats.img
grep -q '1 problem found' out.txt || fail "no count of problems: $(cat out.txt)"
# BPB_BytsPerSec = 0 (byte 11): fsck lists it (exit 1); the image commands refuse the image (exit 2).
cp disk.img zero.img
poke zero.img 11 '\000\000'
expect 1 'zero.img: boot sector: BPB_BytsPerSec: is 0' "$kernsim" fsck zero.img
expect 2 'zero.img: boot sector.BPB_BytsPerSec: is 0' "$kernsim" image ls zero.img
# Not an image at all.
printf 'not a disk' > text.img
expect 2 'text.img: the image is 10 bytes, not a whole number of 512-byte sectors' "$kernsim" fsck text.img
dd if=/dev/zero of=zeros.img bs=512 count=4 2>/dev/null
expect 2 'zeros.img: not a FAT32 boot sector' "$kernsim" fsck zeros.img
expect 2 'zeros.img: not a FAT32 image' "$kernsim" image ls zeros.img
expect 2 'no-such.img: cannot open the image' "$kernsim" fsck no-such.img
echo "fat32 cli: ok"
