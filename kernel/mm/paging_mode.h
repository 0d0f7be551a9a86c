// kernel/mm/paging_mode.h — how address spaces are filled, and the kinds of page fault.
//
// Small on purpose: the kernel's configuration (kernel/kernel.h) and the front ends name these
// without the memory manager's headers. What each means: kernel/mm/address_space.h and
// kernel/mm/page_fault.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ks {

// Eager: every page mapped when a space is made, fork copies every page (the default).
// Demand: pages mapped at first touch, fork shares pages copy-on-write.
enum class PagingMode : std::uint8_t { Eager, Demand };

std::string_view to_string(PagingMode mode);
std::optional<PagingMode> paging_mode_from_string(std::string_view name);

// What a page fault was, for the trace (page_fault's `kind`) and the counters.
enum class PageFaultKind : std::uint8_t {
  Minor,       // the page was mapped without I/O: zero-filled, or filled from the program's bytes
  Major,       // the page had to be read from a device (swap)
  Cow,         // a store to a copy-on-write page: copied, or made writable again
  Protection,  // an access the region does not allow, or outside every region: fatal
};
inline constexpr int kPageFaultKinds = 4;

std::string_view to_string(PageFaultKind kind);

}  // namespace ks
