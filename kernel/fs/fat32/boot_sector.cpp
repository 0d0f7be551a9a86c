// kernel/fs/fat32/boot_sector.cpp — reading and checking the BPB, and FSInfo.
//
// The order of the checks matters: each one only uses fields already checked, so that no
// division by zero or out-of-range position can happen while the next field is checked.
#include "kernel/fs/fat32/boot_sector.h"

#include <bit>

#include "kernel/fs/fat32/layout.h"
#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

[[noreturn]] void bad(const std::string& image, const std::string& field, const std::string& problem) {
  throw InputError({image, 0, 0, "boot sector." + field}, problem);
}

std::string text(std::uint64_t value) { return std::to_string(value); }

}  // namespace

bool looks_like_fat32(std::span<const std::uint8_t> image) {
  if (image.size() < 512) return false;
  if (image[510] != 0x55 || image[511] != 0xAA) return false;
  const bool type_text =
      image[82] == 'F' && image[83] == 'A' && image[84] == 'T' && image[85] == '3' && image[86] == '2';
  return type_text || (get16(image, 22) == 0 && get32(image, 36) != 0);
}

Geometry read_boot_sector(std::span<const std::uint8_t> image, const std::string& name) {
  if (image.size() < 512) bad(name, "size", "the image is " + text(image.size()) + " bytes, smaller than one sector");
  if (image[510] != 0x55 || image[511] != 0xAA) {
    bad(name, "signature", "bytes 510..511 are not 0x55 0xAA: not a FAT boot sector");
  }
  Geometry g;
  g.bytes_per_sector = get16(image, 11);
  if (g.bytes_per_sector != 512 && g.bytes_per_sector != 1024 && g.bytes_per_sector != 2048 &&
      g.bytes_per_sector != 4096) {
    bad(name, "BPB_BytsPerSec", "is " + text(g.bytes_per_sector) + "; must be 512, 1024, 2048 or 4096");
  }
  g.sectors_per_cluster = image[13];
  if (g.sectors_per_cluster == 0 || !std::has_single_bit(g.sectors_per_cluster)) {
    bad(name, "BPB_SecPerClus", "is " + text(g.sectors_per_cluster) + "; must be a power of two from 1 to 128");
  }
  g.cluster_bytes = g.bytes_per_sector * g.sectors_per_cluster;
  if (g.cluster_bytes > 65536) {
    bad(name, "BPB_SecPerClus", "makes clusters of " + text(g.cluster_bytes) + " bytes; at most 65536");
  }
  g.reserved_sectors = get16(image, 14);
  if (g.reserved_sectors == 0) bad(name, "BPB_RsvdSecCnt", "is 0; the boot sector itself is reserved");
  g.fat_count = image[16];
  if (g.fat_count == 0 || g.fat_count > 4) bad(name, "BPB_NumFATs", "is " + text(g.fat_count) + "; must be 1..4");
  if (get16(image, 17) != 0) {
    bad(name, "BPB_RootEntCnt", "is " + text(get16(image, 17)) + "; FAT32 keeps it 0 (is this FAT12 or FAT16?)");
  }
  if (get16(image, 22) != 0) {
    bad(name, "BPB_FATSz16", "is " + text(get16(image, 22)) + "; FAT32 keeps it 0 (is this FAT12 or FAT16?)");
  }
  const std::uint32_t total16 = get16(image, 19);
  const std::uint32_t total32 = get32(image, 32);
  g.total_sectors = total16 != 0 ? total16 : total32;
  if (g.total_sectors == 0) bad(name, "BPB_TotSec32", "is 0 (and BPB_TotSec16 too)");
  const std::uint64_t volume_bytes = std::uint64_t{g.total_sectors} * g.bytes_per_sector;
  if (volume_bytes > image.size()) {
    bad(name, "BPB_TotSec32",
        "says " + text(g.total_sectors) + " sectors (" + text(volume_bytes) + " bytes) but the image has only " +
            text(image.size()) + " bytes (truncated?)");
  }
  g.fat_sectors = get32(image, 36);
  if (g.fat_sectors == 0) bad(name, "BPB_FATSz32", "is 0");
  const std::uint64_t metadata = std::uint64_t{g.reserved_sectors} + std::uint64_t{g.fat_count} * g.fat_sectors;
  if (metadata >= g.total_sectors) {
    bad(name, "BPB_FATSz32",
        "the reserved sectors and FATs (" + text(metadata) + " sectors) leave no data region in " +
            text(g.total_sectors) + " sectors");
  }
  g.fat_offset = std::uint64_t{g.reserved_sectors} * g.bytes_per_sector;
  g.data_offset = metadata * g.bytes_per_sector;
  const std::uint64_t clusters = (g.total_sectors - metadata) / g.sectors_per_cluster;
  if (clusters == 0) bad(name, "BPB_TotSec32", "leaves no whole cluster for data");
  if (clusters > 0x0FFFFFF5)
    bad(name, "BPB_TotSec32", "gives " + text(clusters) + " clusters; FAT32 has at most 268435445");
  g.cluster_count = static_cast<std::uint32_t>(clusters);
  const std::uint64_t entries = std::uint64_t{g.fat_sectors} * g.bytes_per_sector / 4;
  g.fat_entries = static_cast<std::uint32_t>(std::min<std::uint64_t>(entries, 0x10000000));
  if (entries < std::uint64_t{g.cluster_count} + 2) {
    bad(name, "BPB_FATSz32",
        "is " + text(g.fat_sectors) + " sectors: " + text(entries) + " entries, too few for " + text(g.cluster_count) +
            " clusters (and the 2 reserved entries)");
  }
  g.ext_flags = get16(image, 40);
  if ((g.ext_flags & 0x80) != 0 && (g.ext_flags & 0x0F) >= g.fat_count) {
    bad(name, "BPB_ExtFlags",
        "makes FAT " + text(g.ext_flags & 0x0F) + " the active one, but there are " + text(g.fat_count));
  }
  if (get16(image, 42) != 0) bad(name, "BPB_FSVer", "is version " + text(get16(image, 42)) + "; only 0.0 is known");
  g.root_cluster = get32(image, 44);
  if (!g.valid_cluster(g.root_cluster)) {
    bad(name, "BPB_RootClus", "is " + text(g.root_cluster) + "; data clusters are 2.." + text(g.max_cluster()));
  }
  g.fsinfo_sector = get16(image, 48);
  if (g.fsinfo_sector == 0 || g.fsinfo_sector >= g.reserved_sectors) {
    if (g.fsinfo_sector != 0xFFFF) {
      bad(name, "BPB_FSInfo",
          "is sector " + text(g.fsinfo_sector) + "; must be inside the reserved region (1.." +
              text(g.reserved_sectors - 1) + ") or 0xFFFF (none)");
    }
  }
  g.backup_boot_sector = get16(image, 50);
  if (g.backup_boot_sector != 0 && g.backup_boot_sector != 0xFFFF && g.backup_boot_sector >= g.reserved_sectors) {
    bad(name, "BPB_BkBootSec", "is sector " + text(g.backup_boot_sector) + "; must be inside the reserved region");
  }
  g.volume_id = get32(image, 67);
  if (image[66] == 0x29) {
    std::string label(reinterpret_cast<const char*>(image.data() + 71), 11);
    while (!label.empty() && label.back() == ' ') label.pop_back();
    g.volume_label = label;
  }
  return g;
}

FsInfo read_fsinfo(std::span<const std::uint8_t> image, const Geometry& g) {
  FsInfo info;
  if (g.fsinfo_sector == 0xFFFF) return info;
  const std::uint64_t at = std::uint64_t{g.fsinfo_sector} * g.bytes_per_sector;
  const auto sector = image.subspan(static_cast<std::size_t>(at), 512);
  if (get32(sector, 0) != kFsInfoLeadSig || get32(sector, 484) != kFsInfoStrucSig ||
      get32(sector, 508) != kFsInfoTrailSig) {
    return info;
  }
  info.valid = true;
  info.free_count = get32(sector, 488);
  info.next_free = get32(sector, 492);
  return info;
}

void write_fsinfo(std::span<std::uint8_t> sector, std::uint32_t free_count, std::uint32_t next_free) {
  put32(sector, 0, kFsInfoLeadSig);
  put32(sector, 484, kFsInfoStrucSig);
  put32(sector, 488, free_count);
  put32(sector, 492, next_free);
  put32(sector, 508, kFsInfoTrailSig);
}

}  // namespace ks::fat32
