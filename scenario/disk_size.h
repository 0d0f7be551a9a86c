// scenario/disk_size.h — a disk's size as a person writes it: "64M", "40000K", "1G", "512".
//
// The same spelling as a memory size (scenario/memory_size.h: a whole number of bytes with an
// optional K, M or G, powers of two, "KiB"/"KB" read the same, any case), but a disk is counted
// in 512-byte sectors, not 4 KiB frames, and may be up to 2 TiB (2^32 sectors). `kernsim mkfs
// --size` reads it here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ks {

inline constexpr std::uint64_t kMaxDiskBytes = std::uint64_t{1} << 41;  // 2^32 sectors of 512 bytes

// The number of bytes TEXT names (a whole number of 512-byte sectors, at least one), or nullopt
// with the reason in PROBLEM.
std::optional<std::uint64_t> parse_disk_size(std::string_view text, std::string& problem);

}  // namespace ks
