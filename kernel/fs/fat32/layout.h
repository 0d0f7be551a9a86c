// kernel/fs/fat32/layout.h — FAT32's on-disk constants and little-endian field access.
//
// THE LAYOUT, from sector 0 of the volume:
//   reserved region   the boot sector (BPB) at 0, FSInfo at 1, a backup boot sector at 6 (and
//                     FSInfo backup at 7); BPB_RsvdSecCnt sectors in all (32 is usual)
//   FAT region        BPB_NumFATs copies (2) of the file allocation table, BPB_FATSz32 sectors
//                     each: one 32-bit entry per cluster, of which the low 28 bits count
//   data region       clusters 2, 3, ... of BPB_SecPerClus sectors each; the root directory is
//                     an ordinary cluster chain starting at BPB_RootClus (2)
// A FAT entry is 0 (free), 2..0x0FFFFFF6 (the next cluster of the chain), 0x0FFFFFF7 (a bad
// cluster) or 0x0FFFFFF8..0x0FFFFFFF (end of chain). Entries 0 and 1 are reserved.
// A directory is an array of 32-byte entries: an 8.3 short entry per file, preceded by the long
// file name entries (lfn.h) that spell its long name.
#pragma once

#include <cstdint>
#include <span>

namespace ks::fat32 {

inline constexpr std::uint32_t kFatMask = 0x0FFFFFFF;
inline constexpr std::uint32_t kFree = 0;
inline constexpr std::uint32_t kBadCluster = 0x0FFFFFF7;
inline constexpr std::uint32_t kEndOfChain = 0x0FFFFFFF;  // what kernsim writes; >= 0x0FFFFFF8 reads as the end
inline constexpr std::uint32_t kFirstCluster = 2;
inline constexpr std::uint32_t kMinFat32Clusters = 65525;  // fewer: the specification calls it FAT16 (or FAT12)

inline constexpr std::uint32_t kEntryBytes = 32;
inline constexpr std::uint8_t kAttrReadOnly = 0x01;
inline constexpr std::uint8_t kAttrHidden = 0x02;
inline constexpr std::uint8_t kAttrSystem = 0x04;
inline constexpr std::uint8_t kAttrVolumeId = 0x08;
inline constexpr std::uint8_t kAttrDirectory = 0x10;
inline constexpr std::uint8_t kAttrArchive = 0x20;
inline constexpr std::uint8_t kAttrLongName = 0x0F;  // read-only | hidden | system | volume id
inline constexpr std::uint8_t kEntryFree = 0xE5;     // first name byte of a deleted entry
inline constexpr std::uint8_t kEntryEnd = 0x00;      // first name byte: this and all after are free
inline constexpr std::uint8_t kNtLowerBase = 0x08;   // DIR_NTRes: the base name is shown in lower case
inline constexpr std::uint8_t kNtLowerExt = 0x10;    // DIR_NTRes: the extension is shown in lower case

// Offsets of a short directory entry's fields.
inline constexpr std::size_t kDirName = 0, kDirAttr = 11, kDirNtRes = 12, kDirCrtTimeTenth = 13, kDirCrtTime = 14,
                             kDirCrtDate = 16, kDirLstAccDate = 18, kDirFstClusHi = 20, kDirWrtTime = 22,
                             kDirWrtDate = 24, kDirFstClusLo = 26, kDirFileSize = 28;

inline std::uint16_t get16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}
inline std::uint32_t get32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) | (static_cast<std::uint32_t>(b[at + 3]) << 24);
}
inline void put16(std::span<std::uint8_t> b, std::size_t at, std::uint32_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
inline void put32(std::span<std::uint8_t> b, std::size_t at, std::uint32_t v) {
  put16(b, at, v & 0xFFFF);
  put16(b, at + 2, v >> 16);
}

// A timestamp as FAT stores it, from a caller's value (kernsim's virtual time, later): never the
// host clock. Date: bits 15..9 years since 1980, 8..5 month, 4..0 day; time: 15..11 hours,
// 10..5 minutes, 4..0 seconds / 2.
struct FatTime {
  std::uint16_t date = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
  std::uint16_t time = 0;                        // 00:00:00
  static FatTime from(unsigned year, unsigned month, unsigned day, unsigned hour, unsigned minute, unsigned second) {
    return {static_cast<std::uint16_t>(((year - 1980) << 9) | (month << 5) | day),
            static_cast<std::uint16_t>((hour << 11) | (minute << 5) | (second / 2))};
  }
};

}  // namespace ks::fat32
