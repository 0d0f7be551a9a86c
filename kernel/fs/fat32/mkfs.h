// kernel/fs/fat32/mkfs.h — making a fresh FAT32 file system.
//
// The layout mkfs writes (as the specification and mkfs.fat do): 512-byte sectors; 32 reserved
// sectors holding the boot sector (0), FSInfo (1) and their backups (6 and 7); two FATs of the
// size the specification's formula gives; sectors per cluster from the specification's table
// for FAT32 by volume size (up to 260 MiB: 1; 8 GiB: 8; 16 GiB: 16; 32 GiB: 32; beyond: 64); the
// root directory in cluster 2. A volume smaller than 66,601 sectors (about 32.5 MiB) is refused:
// it would have fewer than the 65,525 clusters that make a FAT32 volume FAT32.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ks::fat32 {

inline constexpr std::uint64_t kMinMkfsBytes = std::uint64_t{66601} * 512;

struct MkfsOptions {
  std::uint64_t bytes = 0;               // the volume's size: a whole number of 512-byte sectors
  std::string label;                     // at most 11 characters of a short name; empty: "NO NAME"
  std::uint32_t volume_id = 0x4B53494D;  // fixed, so that the same command makes the same bytes
};

// The shape mkfs gives a volume of OPTIONS.bytes.
struct MkfsLayout {
  std::uint32_t total_sectors = 0;
  std::uint32_t sectors_per_cluster = 0;
  std::uint32_t fat_sectors = 0;  // of each of the 2 FATs
  std::uint32_t data_sector = 0;  // the first sector of cluster 2
  std::uint32_t clusters = 0;
};
MkfsLayout mkfs_layout(const MkfsOptions& options);

// Why OPTIONS cannot make a volume (size too small, too large, not whole sectors, a bad label);
// empty when they can.
std::string mkfs_problem(const MkfsOptions& options);
std::string mkfs_size_problem(std::uint64_t bytes);
std::string mkfs_label_problem(const std::string& label);
// The bytes of the volume up to the end of its root directory's cluster (everything after is
// zeros). OPTIONS must have no problem.
std::vector<std::uint8_t> mkfs_head(const MkfsOptions& options);
// The whole volume in memory (tests, the fuzz corpus).
std::vector<std::uint8_t> mkfs_image(const MkfsOptions& options);
// Writes the volume to host file PATH atomically. Throws InputError naming PATH, or the option
// ("--size", "--label") that cannot be used.
void mkfs_file(const std::string& path, const MkfsOptions& options);

// The sectors per cluster the specification's table gives for a volume of SECTORS sectors.
std::uint32_t sectors_per_cluster_for(std::uint64_t sectors);
// The FAT size (sectors) the specification's formula gives.
std::uint32_t fat_sectors_for(std::uint32_t total_sectors, std::uint32_t reserved, std::uint32_t sectors_per_cluster,
                              std::uint32_t fats);

}  // namespace ks::fat32
