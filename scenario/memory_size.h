// scenario/memory_size.h — a machine's memory size as a person writes it: "64M", "512K", "1G".
//
// A size is a whole number of bytes with an optional suffix K, M or G, each a power of two
// (1K = 1024 bytes: KiB, MiB, GiB; "KiB", "MiB", "GiB" and "KB", "MB", "GB" are read the same, and
// the suffix may be lower case). It must be a whole number of 4 KiB frames, from one frame to
// 4G: the scenario's `machine.memory` and `--memory` on `kernsim exec` and `kernsim boot` read
// it here, so both accept and refuse the same texts with the same reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "machine/disk/disk_drive.h"

namespace ks {

inline constexpr std::uint64_t kMaxMemoryBytes = std::uint64_t{4} << 30;

// The number of 4 KiB frames TEXT names, or nullopt with the reason in PROBLEM.
std::optional<std::uint32_t> parse_memory_size(std::string_view text, std::string& problem);
// FRAMES as the shortest exact text ("64M", "1028K").
std::string memory_size_text(std::uint32_t frames);
// Why a swap area of PAGES pages (a size read as above: `machine.swap`, `--swap`) does not fit on
// a swap disk of MODEL; empty when it does.
std::string swap_size_problem(std::uint32_t pages, DiskModel model);

}  // namespace ks
