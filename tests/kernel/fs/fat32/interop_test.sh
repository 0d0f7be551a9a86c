#!/bin/sh
# tests/kernel/fs/fat32/interop_test.sh KERNSIM MKFS_FAT FSCK_FAT MTOOLS_DIR DIRECTION SCRATCH
# Differential test of kernsim's FAT32 against the real tools (dosfstools and mtools):
#   from-tools: an image made by mkfs.fat -F 32 and filled with mmd/mcopy (nested directories,
#               long file names, one in UTF-8, a file over many clusters, an empty file) must read the same
#               in kernsim: names (kernsim image ls), sizes, bytes (kernsim image cat), fsck clean.
#   to-tools:   an image kernsim made and changed (mkfs, put, mkdir, rm, rmdir, mv) must pass
#               fsck.fat -n (exit 0) and read back with mdir -i and mtype -i byte for byte.
set -eu
kernsim=$1 mkfs_fat=$2 fsck_fat=$3 mtools=$4 direction=$5 scratch=$6
export MTOOLS_SKIP_CHECK=1   # mtools checks floppy geometry otherwise
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"

fail() { echo "interop ($direction): $*" >&2; exit 1; }
# mtools reads names in the locale's character set: a UTF-8 locale for the UTF-8 names, if the
# host has one (else those steps are skipped, and the output says so).
utf8=$(locale -a 2>/dev/null | grep -i -m 1 -E '^(C|en_US)\.utf-?8$' || true)
[ -n "$utf8" ] || echo "interop ($direction): no UTF-8 locale; the UTF-8 name steps are skipped"
on_utf8() { if [ -n "$utf8" ]; then LC_ALL=$utf8 "$@"; fi; }

# Host files with known contents: a large one (200,000 bytes: 391 clusters of 512 bytes),
# a small one with a long name, an empty one.
i=0
: > big.bin
while [ $i -lt 2000 ]; do
  printf '%099d\n' $i >> big.bin   # 100 bytes a line
  i=$((i + 1))
done
[ "$(wc -c < big.bin)" -eq 200000 ] || fail "big.bin is not 200000 bytes"
printf 'a file with a long name\n' > long.txt
: > empty.dat

if [ "$direction" = from-tools ]; then
  "$mkfs_fat" -F 32 -n TOOLS -C tools.img 40000 > /dev/null
  "$mtools/mmd" -i tools.img ::/dir ::/dir/nested
  "$mtools/mcopy" -i tools.img big.bin ::/dir/nested/BIG.BIN
  "$mtools/mcopy" -i tools.img long.txt "::/dir/A Long File Name.text"
  "$mtools/mcopy" -i tools.img empty.dat ::/empty.dat
  on_utf8 "$mtools/mcopy" -i tools.img long.txt "::/dir/naïve café.txt"
  "$kernsim" image ls tools.img / > root.txt
  grep -q ' dir/$' root.txt || fail "kernsim ls / lacks dir/: $(cat root.txt)"
  grep -q '^- *0 .* empty.dat$' root.txt || fail "kernsim ls / lacks the empty file: $(cat root.txt)"
  "$kernsim" image ls tools.img /dir > dir.txt
  grep -q '^- *24 .* A Long File Name.text$' dir.txt || fail "kernsim ls /dir: $(cat dir.txt)"
  grep -q ' nested/$' dir.txt || fail "kernsim ls /dir lacks nested/: $(cat dir.txt)"
  "$kernsim" image ls tools.img /dir/nested > nested.txt
  grep -q '^- *200000 .* BIG.BIN$' nested.txt || fail "kernsim ls /dir/nested: $(cat nested.txt)"
  "$kernsim" image cat tools.img /dir/nested/big.bin > big.out
  cmp big.bin big.out || fail "the big file differs"
  "$kernsim" image cat tools.img "/DIR/a long file name.text" > long.out
  cmp long.txt long.out || fail "the long-named file differs"
  if [ -n "$utf8" ]; then
    grep -q '^- *24 .* naïve café.txt$' dir.txt || fail "kernsim ls /dir lacks the UTF-8 name: $(cat dir.txt)"
    "$kernsim" image cat tools.img "/dir/naïve café.txt" > utf8.out
    cmp long.txt utf8.out || fail "the file with a UTF-8 name differs"
    files=4
  else
    files=3
  fi
  "$kernsim" image get tools.img /empty.dat empty.out
  cmp empty.dat empty.out || fail "the empty file differs"
  "$kernsim" fsck tools.img > fsck.txt || fail "kernsim fsck of mkfs.fat's image: $(cat fsck.txt)"
  grep -q "clean, $files files, 2 directories" fsck.txt || fail "kernsim fsck: $(cat fsck.txt)"
  # kernsim changes the tools' image; the tools still accept it.
  "$kernsim" image put tools.img long.txt /dir/nested/
  "$kernsim" image rm tools.img /dir/nested/BIG.BIN
  "$fsck_fat" -n tools.img > fsck_fat.txt 2>&1 || fail "fsck.fat after kernsim's changes: $(cat fsck_fat.txt)"
  "$mtools/mtype" -i tools.img ::/dir/nested/long.txt > back.txt
  cmp long.txt back.txt || fail "mtype of the file kernsim put differs"
  echo "interop from-tools: ok"
  exit 0
fi

"$kernsim" mkfs --type fat32 mine.img --size 48M > mkfs.txt
"$fsck_fat" -n mine.img > fsck0.txt 2>&1 || fail "fsck.fat of a fresh kernsim image: $(cat fsck0.txt)"
"$kernsim" image mkdir mine.img /docs
"$kernsim" image mkdir mine.img "/docs/Nested Directory"
"$kernsim" image put mine.img big.bin "/docs/Nested Directory/"
"$kernsim" image put mine.img long.txt "/docs/A long file name.text"
"$kernsim" image put mine.img empty.dat /empty.dat
"$kernsim" image put mine.img long.txt "/docs/naïve café €.txt"
"$kernsim" image put mine.img long.txt /gone.txt
"$kernsim" image rm mine.img /gone.txt
"$kernsim" image mkdir mine.img /tmpdir
"$kernsim" image rmdir mine.img /tmpdir
"$kernsim" image put mine.img long.txt /moved.txt
"$kernsim" image mv mine.img /moved.txt "/docs/Moved here with a long name.txt"
"$kernsim" image mv mine.img "/docs/Nested Directory" /Top
"$fsck_fat" -n mine.img > fsck1.txt 2>&1 || fail "fsck.fat -n: $(cat fsck1.txt)"
"$kernsim" fsck mine.img > fsck2.txt || fail "kernsim fsck: $(cat fsck2.txt)"
"$mtools/mdir" -i mine.img ::/ > mdir_root.txt
grep -q '<DIR>.* Top$' mdir_root.txt || fail "mdir / lacks Top: $(cat mdir_root.txt)"
grep -q -i '^empty *dat  *0 ' mdir_root.txt || fail "mdir / lacks empty.dat: $(cat mdir_root.txt)"
if grep -q -i 'gone\|tmpdir\|moved' mdir_root.txt; then fail "mdir / shows removed names: $(cat mdir_root.txt)"; fi
"$mtools/mdir" -i mine.img ::/docs > mdir_docs.txt
grep -q 'A long file name.text' mdir_docs.txt || fail "mdir /docs: $(cat mdir_docs.txt)"
grep -q 'Moved here with a long name.txt' mdir_docs.txt || fail "mdir /docs: $(cat mdir_docs.txt)"
"$mtools/mtype" -i mine.img ::/Top/big.bin > big.out
cmp big.bin big.out || fail "mtype of the big file differs"
"$mtools/mtype" -i mine.img "::/docs/A long file name.text" > long.out
cmp long.txt long.out || fail "mtype of the long-named file differs"
"$mtools/mtype" -i mine.img "::/docs/Moved here with a long name.txt" > moved.out
cmp long.txt moved.out || fail "mtype of the moved file differs"
if [ -n "$utf8" ]; then
  LC_ALL=$utf8 "$mtools/mtype" -i mine.img "::/docs/naïve café €.txt" > utf8.out
  cmp long.txt utf8.out || fail "mtype of the file with a UTF-8 name differs"
fi
"$mtools/mcopy" -i mine.img ::/empty.dat empty.out
cmp empty.dat empty.out || fail "the empty file differs"
echo "interop to-tools: ok"
