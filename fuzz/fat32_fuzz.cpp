// fuzz/fat32_fuzz.cpp — arbitrary bytes as a FAT32 image: mount, walk every file, read each one,
// run fsck, then make a few changes (libFuzzer target ks-fuzz-fat32; see fuzz/README.md).
//
// WHAT IT CHECKS. Mounting may only succeed or throw ks::InputError naming the image; walking,
// reading and changing a mounted volume may only succeed, return -errno or throw InputError;
// fsck never throws and lists at least one problem for a volume the walk found problems in; the
// volume behind the FileSystem seam (Fat32FileSystem) answers every call with a value or -errno. Any
// other exception, a crash, a sanitizer report or a hang is a finding. Inputs are small: the
// seeds (fuzz/corpus/make_seeds.py) are the first sectors of 64 KiB volumes (fewer clusters than
// FAT32 strictly has, which kernsim reads all the same), padded by the target.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kernel/fs/fat32/fat32_file_system.h"
#include "kernel/fs/fat32/fsck.h"
#include "kernel/fs/fat32/layout.h"
#include "kernel/fs/fat32/volume.h"
#include "sim-core/error.h"

namespace {

constexpr std::size_t kMaxInput = std::size_t{4} << 20;

void check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fat32_fuzz: check failed: %s\n", what);
  std::abort();
}

void exercise(ks::fat32::Volume& volume) {
  bool walk_problem = false;
  std::vector<ks::fat32::WalkItem> items;
  volume.walk([&](const ks::fat32::WalkItem& item) { items.push_back(item); },
              [&](const std::string&) { walk_problem = true; });
  std::vector<std::uint8_t> buffer(4096);
  for (const ks::fat32::WalkItem& item : items) {
    if (item.entry.is_directory()) continue;
    try {
      for (std::uint64_t offset = 0; offset < item.entry.size && offset < (1u << 20); offset += buffer.size()) {
        const std::int64_t n = volume.read(item.entry, offset, buffer);
        check(n >= 0 && static_cast<std::uint64_t>(n) <= buffer.size(), "a read returns at most its buffer");
      }
    } catch (const ks::InputError& error) {
      check(error.where().file == "fuzz.img", "a read error names the image");
      walk_problem = true;
    }
    if (items.size() > 200) break;
  }
  const ks::fat32::FsckReport report = ks::fat32::fsck(volume.image());
  check(!walk_problem || !report.problems.empty(), "fsck finds a problem the walk met");
  // A few changes: each may fail with -errno or an InputError, never otherwise.
  const std::uint32_t root = volume.geometry().root_cluster;
  try {
    ks::fat32::Entry made;
    if (volume.create(root, "A fuzzed long name.txt", false, {}, &made) == 0) {
      (void)volume.write(made, 100, std::vector<std::uint8_t>(700, 0x5A), {});
      (void)volume.truncate(made, 3, {});
    }
    (void)volume.create(root, "DIR", true, {});
    (void)volume.rename(root, "A fuzzed long name.txt", root, "short.txt", {});
    if (!items.empty()) {
      const ks::fat32::WalkItem& first = items.front();
      if (first.entry.directory == root) (void)volume.remove(root, first.entry.name, first.entry.is_directory());
    }
  } catch (const ks::InputError& error) {
    check(error.where().file == "fuzz.img", "a change's error names the image");
  }
}

// The volume behind the FileSystem seam: a bounded walk by lookups (depth 4, 64 names a
// directory), reading each file, "..", an unlink of an open file and its last close. Every call
// returns a value or -errno: an exception (other than none) is a finding.
void exercise_file_system(ks::fat32::Fat32FileSystem& fs, ks::Ino dir, int depth) {
  std::vector<std::string> names;
  fs.list(dir, 0, [&](const ks::DirectoryEntry& entry) {
    names.emplace_back(entry.name);
    return names.size() < 64;
  });
  std::vector<std::uint8_t> buffer(512);
  for (const std::string& name : names) {
    const std::int64_t ino = fs.lookup(dir, name);
    if (ino <= 0) continue;
    const auto child = static_cast<ks::Ino>(ino);
    const ks::InodeStat stat = fs.stat(child);
    if (stat.type == ks::FileType::Directory) {
      check(fs.lookup(child, "..") != 0, "\"..\" is a number or -errno");
      if (depth < 4) exercise_file_system(fs, child, depth + 1);
    } else if (stat.type == ks::FileType::File) {
      (void)fs.read(child, 0, buffer);
    }
  }
  const std::int64_t made = fs.create(dir, "open then unlinked");
  if (made > 0) {
    const auto ino = static_cast<ks::Ino>(made);
    fs.open_inode(ino);
    (void)fs.write(ino, 0, buffer);
    (void)fs.unlink(dir, "open then unlinked");
    (void)fs.read(ino, 0, buffer);
    fs.close_inode(ino);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  std::vector<std::uint8_t> bytes(data, data + size);
  // Padded with zeros to a whole number of sectors, and up to the size the boot sector gives
  // (at most 1 MiB), so that a seed need hold only a volume's first sectors. The first input
  // byte's low bit unset (0xEB, a jump, has it set) keeps the input as short as it is: a
  // truncated image.
  std::size_t length = (size + 511) / 512 * 512;
  if (size >= 36 && (data[0] & 1) != 0) {
    const std::size_t declared = std::size_t{ks::fat32::get32(bytes, 32)} * 512;
    if (declared > length && declared <= (std::size_t{1} << 20)) length = declared;
  }
  bytes.resize(length, 0);
  const ks::fat32::FsckReport first = ks::fat32::fsck(ks::fat32::DiskImage::in_memory(bytes, "fuzz.img"));
  (void)first;
  try {
    ks::fat32::Volume volume(ks::fat32::DiskImage::in_memory(std::move(bytes), "fuzz.img"));
    exercise(volume);
    ks::fat32::Fat32FileSystem fs(std::move(volume));
    exercise_file_system(fs, fs.root(), 0);
  } catch (const ks::InputError& error) {
    check(error.where().file == "fuzz.img", "a mount error names the image");
  }
  return 0;
}
