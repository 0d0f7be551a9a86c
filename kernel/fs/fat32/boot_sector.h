// kernel/fs/fat32/boot_sector.h — the boot sector (BIOS parameter block) and FSInfo, checked.
//
// read_boot_sector checks, at mount, every field that a later step divides by, loops over or
// uses as a position: bytes per sector (512, 1024, 2048 or 4096), sectors per cluster (a power
// of two, 1..128, a cluster at most 64 KiB), reserved sectors (at least 1), the number of FATs
// (1..4), the FAT size (nonzero, an entry for every cluster), the total sector count (nonzero,
// within the image), the root cluster (a data cluster), FSInfo's and the backup boot sector's
// positions (inside the reserved region), the 0x55AA signature and the FAT12/16 fields that
// FAT32 leaves zero. A bad field is an InputError naming the image, the structure and the field
// (key path "boot sector.BPB_BytsPerSec").
//
// A volume with fewer than 65,525 clusters is FAT16 by the specification's rule; like Linux and
// mtools, kernsim still reads it as FAT32 when its fields say FAT32 (fsck notes it).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace ks::fat32 {

// The volume's shape, from the boot sector; every value checked against the image's size.
struct Geometry {
  std::uint32_t bytes_per_sector = 512;
  std::uint32_t sectors_per_cluster = 1;
  std::uint32_t reserved_sectors = 32;
  std::uint32_t fat_count = 2;
  std::uint32_t fat_sectors = 0;    // of one FAT
  std::uint32_t total_sectors = 0;  // of the volume
  std::uint32_t root_cluster = 2;
  std::uint32_t fsinfo_sector = 1;
  std::uint32_t backup_boot_sector = 6;
  std::uint16_t ext_flags = 0;  // bit 7: only FAT number (bits 0..3) is active
  std::uint32_t volume_id = 0;
  std::string volume_label;  // trailing spaces removed

  // Derived.
  std::uint32_t cluster_bytes = 512;
  std::uint64_t fat_offset = 0;     // byte offset of FAT 0
  std::uint64_t data_offset = 0;    // byte offset of cluster 2
  std::uint32_t cluster_count = 0;  // data clusters: numbers 2 .. cluster_count + 1
  std::uint32_t fat_entries = 0;    // entries one FAT holds (fat_sectors * bytes / 4)
  std::uint32_t max_cluster() const { return cluster_count + 1; }
  bool valid_cluster(std::uint32_t c) const { return c >= 2 && c <= max_cluster(); }
  std::uint64_t cluster_offset(std::uint32_t c) const { return data_offset + std::uint64_t{c - 2} * cluster_bytes; }
};

// The boot sector of IMAGE (its bytes), checked; IMAGE_NAME names it in errors.
Geometry read_boot_sector(std::span<const std::uint8_t> image, const std::string& image_name);

// Whether IMAGE's first sector looks like a FAT32 boot sector (signature, "FAT32" type text, or
// FATSz16 = 0 with a nonzero FATSz32): how the type of an image is told from its boot sector.
bool looks_like_fat32(std::span<const std::uint8_t> image);

// FSInfo's free-cluster count and next-free hint (0xFFFFFFFF: unknown), when its three
// signatures are right.
struct FsInfo {
  bool valid = false;
  std::uint32_t free_count = 0xFFFFFFFF;
  std::uint32_t next_free = 0xFFFFFFFF;
};
FsInfo read_fsinfo(std::span<const std::uint8_t> image, const Geometry& geometry);
void write_fsinfo(std::span<std::uint8_t> sector, std::uint32_t free_count, std::uint32_t next_free);

inline constexpr std::uint32_t kFsInfoLeadSig = 0x41615252;
inline constexpr std::uint32_t kFsInfoStrucSig = 0x61417272;
inline constexpr std::uint32_t kFsInfoTrailSig = 0xAA550000;

}  // namespace ks::fat32
