// tests/kernel/fs/fat32/fat32_test_support.h — a fresh 34 MiB FAT32 volume in memory, and the
// geometry mkfs gives it, worked out by hand from the specification's formulas.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/fs/fat32/mkfs.h"
#include "kernel/fs/fat32/volume.h"

namespace ks::fat32::test {

// 34 MiB = 35,651,584 bytes = 69,632 sectors of 512 bytes: up to 532,480 sectors the table gives
// 1 sector per cluster. FATSz = ceil((69,632 - 32) / ((256 * 1 + 2) / 2)) = ceil(69,600 / 129)
// = 540. The data region starts at 32 + 2 * 540 = 1,112 sectors, so there are
// 69,632 - 1,112 = 68,520 clusters, numbered 2..68,521.
inline constexpr std::uint64_t kVolumeBytes = std::uint64_t{34} << 20;
inline constexpr std::uint32_t kFatSectors = 540;
inline constexpr std::uint32_t kDataSector = 1112;
inline constexpr std::uint32_t kClusters = 68520;

inline std::vector<std::uint8_t> fresh_image() {
  MkfsOptions options;
  options.bytes = kVolumeBytes;
  return mkfs_image(options);
}

inline Volume fresh_volume() { return Volume(DiskImage::in_memory(fresh_image(), "test.img")); }

inline std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

inline std::string read_all(const Volume& volume, const Entry& file) {
  std::string out(file.size, '\0');
  const std::int64_t n = volume.read(file, 0, std::span(reinterpret_cast<std::uint8_t*>(out.data()), out.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

}  // namespace ks::fat32::test
