// kernel/fs/fat32/mkfs.cpp — writing a fresh FAT32 volume.
//
// THE FAT SIZE comes from the specification's formula: with D the sectors after the reserved
// region, each FAT sector maps 128 clusters of SPC sectors and there are N FATs, so
//   FATSz = ceil(D / ((256 * SPC + N) / 2))
// which slightly overestimates (the extra entries are never used). Only the first sectors are
// held in memory; the rest of the image is zeros, made by growing the file.
#include "kernel/fs/fat32/mkfs.h"

#include <algorithm>

#include "kernel/fs/fat32/boot_sector.h"
#include "kernel/fs/fat32/image.h"
#include "kernel/fs/fat32/layout.h"
#include "kernel/fs/fat32/names.h"
#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

constexpr std::uint32_t kReserved = 32;
constexpr std::uint32_t kFats = 2;
constexpr std::uint32_t kFsInfoSector = 1;
constexpr std::uint32_t kBackupBootSector = 6;

}  // namespace

std::uint32_t sectors_per_cluster_for(std::uint64_t sectors) {
  if (sectors <= 532480) return 1;     // up to 260 MiB: 512-byte clusters
  if (sectors <= 16777216) return 8;   // up to 8 GiB: 4 KiB
  if (sectors <= 33554432) return 16;  // up to 16 GiB: 8 KiB
  if (sectors <= 67108864) return 32;  // up to 32 GiB: 16 KiB
  return 64;                           // beyond: 32 KiB
}

std::uint32_t fat_sectors_for(std::uint32_t total_sectors, std::uint32_t reserved, std::uint32_t sectors_per_cluster,
                              std::uint32_t fats) {
  const std::uint64_t data = total_sectors - reserved;
  const std::uint64_t per = (256 * std::uint64_t{sectors_per_cluster} + fats) / 2;
  return static_cast<std::uint32_t>((data + per - 1) / per);
}

std::string mkfs_size_problem(std::uint64_t bytes) {
  if (bytes % 512 != 0) return "the size must be a whole number of 512-byte sectors";
  if (bytes < kMinMkfsBytes) {
    return "a FAT32 volume needs at least 66601 sectors (" + std::to_string(kMinMkfsBytes) +
           " bytes, about 32.5 MiB) to have 65525 clusters";
  }
  if (bytes > kMaxImageBytes) return "kernsim holds images of at most 2G in memory";
  return {};
}

std::string mkfs_label_problem(const std::string& label) {
  if (label.size() > 11) return "a volume label has at most 11 characters";
  for (const char c : label) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' || c == '-';
    if (!ok) return "a volume label may hold only A-Z, 0-9, space, '_' and '-'";
  }
  return {};
}

std::string mkfs_problem(const MkfsOptions& options) {
  const std::string size = mkfs_size_problem(options.bytes);
  return size.empty() ? mkfs_label_problem(options.label) : size;
}

MkfsLayout mkfs_layout(const MkfsOptions& options) {
  KS_ASSERT(mkfs_problem(options).empty(), "mkfs is given options it can use");
  MkfsLayout layout;
  layout.total_sectors = static_cast<std::uint32_t>(options.bytes / 512);
  layout.sectors_per_cluster = sectors_per_cluster_for(layout.total_sectors);
  layout.fat_sectors = fat_sectors_for(layout.total_sectors, kReserved, layout.sectors_per_cluster, kFats);
  layout.data_sector = kReserved + kFats * layout.fat_sectors;
  layout.clusters = (layout.total_sectors - layout.data_sector) / layout.sectors_per_cluster;
  return layout;
}

std::vector<std::uint8_t> mkfs_head(const MkfsOptions& options) {
  const MkfsLayout layout = mkfs_layout(options);
  const std::uint32_t total = layout.total_sectors;
  const std::uint32_t spc = layout.sectors_per_cluster;
  const std::uint32_t fat_sectors = layout.fat_sectors;
  const std::uint64_t data_sector = layout.data_sector;
  const std::uint64_t head_bytes = (data_sector + spc) * 512;  // through cluster 2, the root
  std::vector<std::uint8_t> head(static_cast<std::size_t>(head_bytes), 0);
  const std::span<std::uint8_t> all(head);

  const std::span<std::uint8_t> boot = all.subspan(0, 512);
  boot[0] = 0xEB, boot[1] = 0x58, boot[2] = 0x90;  // jmp over the BPB; nop
  const std::string oem = "KERNSIM ";
  std::copy(oem.begin(), oem.end(), boot.begin() + 3);
  put16(boot, 11, 512);
  boot[13] = static_cast<std::uint8_t>(spc);
  put16(boot, 14, kReserved);
  boot[16] = kFats;
  boot[21] = 0xF8;      // media: a fixed disk
  put16(boot, 24, 32);  // sectors per track and heads: only for old BIOSes
  put16(boot, 26, 64);
  put32(boot, 32, total);
  put32(boot, 36, fat_sectors);
  put32(boot, 44, kFirstCluster);  // the root directory
  put16(boot, 48, kFsInfoSector);
  put16(boot, 50, kBackupBootSector);
  boot[64] = 0x80;  // drive number
  boot[66] = 0x29;  // the next three fields are present
  put32(boot, 67, options.volume_id);
  std::string label = options.label.empty() ? "NO NAME" : options.label;
  label.resize(11, ' ');
  std::copy(label.begin(), label.end(), boot.begin() + 71);
  const std::string type = "FAT32   ";
  std::copy(type.begin(), type.end(), boot.begin() + 82);
  boot[90] = 0xF4, boot[91] = 0xEB, boot[92] = 0xFD;  // hlt; jmp back: not a bootable disk
  boot[510] = 0x55, boot[511] = 0xAA;

  const std::uint32_t clusters = layout.clusters;
  const std::span<std::uint8_t> fsinfo = all.subspan(std::size_t{kFsInfoSector} * 512, 512);
  write_fsinfo(fsinfo, clusters - 1, kFirstCluster + 1);
  std::copy(boot.begin(), boot.end(), all.begin() + std::ptrdiff_t{kBackupBootSector} * 512);
  std::copy(fsinfo.begin(), fsinfo.end(), all.begin() + std::ptrdiff_t{kBackupBootSector + kFsInfoSector} * 512);
  all[2 * 512 + 510] = 0x55, all[2 * 512 + 511] = 0xAA;  // the third sector of the boot record
  all[std::size_t{kBackupBootSector + 2} * 512 + 510] = 0x55;
  all[std::size_t{kBackupBootSector + 2} * 512 + 511] = 0xAA;

  for (std::uint32_t copy = 0; copy < kFats; ++copy) {
    const std::size_t fat = (kReserved + std::size_t{copy} * fat_sectors) * 512;
    put32(all, fat + 0, 0x0FFFFF00 | 0xF8);  // entry 0: the media byte
    put32(all, fat + 4, 0x0FFFFFFF);         // entry 1: end of chain, clean, no errors
    put32(all, fat + 8, kEndOfChain);        // entry 2: the root's one cluster
  }
  if (!options.label.empty()) {
    const std::span<std::uint8_t> entry = all.subspan(static_cast<std::size_t>(data_sector * 512), kEntryBytes);
    std::copy(label.begin(), label.end(), entry.begin());
    entry[kDirAttr] = kAttrVolumeId;
    put16(entry, kDirWrtDate, FatTime{}.date);
  }
  return head;
}

std::vector<std::uint8_t> mkfs_image(const MkfsOptions& options) {
  std::vector<std::uint8_t> image = mkfs_head(options);
  image.resize(static_cast<std::size_t>(options.bytes), 0);
  return image;
}

void mkfs_file(const std::string& path, const MkfsOptions& options) {
  const std::string size = mkfs_size_problem(options.bytes);
  if (!size.empty()) throw InputError({"", 0, 0, "--size"}, size);
  const std::string label = mkfs_label_problem(options.label);
  if (!label.empty()) throw InputError({"", 0, 0, "--label"}, label);
  write_file_atomically(path, mkfs_head(options), options.bytes);
}

}  // namespace ks::fat32
