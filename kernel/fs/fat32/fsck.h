// kernel/fs/fat32/fsck.h — checking a FAT32 volume and listing every problem found.
//
// fsck reads the image without changing it and lists each problem with the structure it is in:
//   boot sector   a field that cannot be used (then nothing else is checked), the backup boot
//                 sector differing from the boot sector
//   FSInfo        bad signatures, a free-cluster count that is not the FAT's
//   FAT           entries 0 and 1, an entry pointing outside the data region, copies that differ
//   chains        a chain that loops, leaves the data region, reaches a free or bad cluster, or
//                 shares a cluster with another file (cross-linked); clusters in use that no
//                 file reaches (lost clusters)
//   directories   an entry whose first cluster is outside the data region, a file whose size
//                 does not match its chain's length, "." and ".." that are wrong, a directory
//                 that contains itself or one of its ancestors (a cycle)
// It never repairs (`kernsim fsck --repair` is not written yet).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/fs/fat32/image.h"

namespace ks::fat32 {

struct FsckProblem {
  std::string structure;  // "boot sector", "FSInfo", "FAT", "directory /a", "file /a/b.txt"
  std::string message;
};

struct FsckReport {
  bool is_fat32 = true;  // false: not a FAT32 image at all (the first problem says why)
  std::vector<FsckProblem> problems;
  std::uint32_t files = 0;
  std::uint32_t directories = 0;  // the root not counted
  std::uint32_t clusters = 0;
  std::uint32_t used_clusters = 0;
  bool clean() const { return is_fat32 && problems.empty(); }
};

// At most this many problems are listed; the rest are counted in the last one.
inline constexpr std::size_t kMaxFsckProblems = 1000;

FsckReport fsck(const DiskImage& image);

}  // namespace ks::fat32
