// sim-core/mem/sv32.h — the Sv32 page-table walk, done by the machine in simulated memory.
//
// This is the MMU of a 32-bit RISC-V hart (privileged spec, "Sv32"). A virtual address has
// three fields:
//
//     31        22 21        12 11            0
//    +------------+------------+---------------+
//    |   VPN[1]   |   VPN[0]   |  page offset  |
//    +------------+------------+---------------+
//
// The root page table is one 4 KiB frame of 1024 four-byte PTEs. VPN[1] picks a PTE in it. A
// PTE is a LEAF when R or X is set: at the root level it maps a 4 MiB "superpage" (its PPN[0]
// must be zero, or the PTE is misaligned), and VPN[0] and the offset pass through. Otherwise a
// valid PTE points to a second-level table, in which VPN[0] picks the leaf for a 4 KiB page.
//
//     31                 20 19          10 9 8 7 6 5 4 3 2 1 0
//    +---------------------+--------------+---+-+-+-+-+-+-+-+-+
//    |       PPN[1]        |    PPN[0]    |RSW|D|A|G|U|X|W|R|V|
//    +---------------------+--------------+---+-+-+-+-+-+-+-+-+
//
// Faults come in two kinds the kernel treats differently: NOT PRESENT (some PTE on the way has
// V = 0: the kernel may map the page, load it from swap, and retry) and PROTECTION (the leaf
// exists but forbids the access — no W for a store, no X for a fetch, no U for user code — or the
// table is malformed: W without R, a non-leaf at level 0, a misaligned superpage). A table or page
// outside physical memory is an ACCESS fault (a bug in whoever built the table).
//
// Hardware A/D update: on success the walk sets A, and D for a store, in the leaf PTE in memory
// (the "Svadu" behaviour), so replacement policies can read them as a real kernel would.
// User mode only: every access is by user code (U must be set); SUM and MXR are not modelled.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "sim-core/mem/physical_memory.h"

namespace ks {

enum class AccessType : std::uint8_t { Load, Store, Fetch };
enum class FaultKind : std::uint8_t { None, NotPresent, Protection, Access };

std::string_view to_string(AccessType access);
std::string_view to_string(FaultKind kind);

namespace pte {
inline constexpr std::uint32_t kValid = 1u << 0;
inline constexpr std::uint32_t kRead = 1u << 1;
inline constexpr std::uint32_t kWrite = 1u << 2;
inline constexpr std::uint32_t kExecute = 1u << 3;
inline constexpr std::uint32_t kUser = 1u << 4;
inline constexpr std::uint32_t kGlobal = 1u << 5;
inline constexpr std::uint32_t kAccessed = 1u << 6;
inline constexpr std::uint32_t kDirty = 1u << 7;
inline constexpr std::uint32_t kFlagMask = 0xff;

inline constexpr std::uint32_t ppn(std::uint32_t entry) { return entry >> 10; }
inline constexpr std::uint32_t make(std::uint32_t ppn_value, std::uint32_t flags) {
  return (ppn_value << 10) | (flags & 0x3ff);
}
inline constexpr bool is_leaf(std::uint32_t entry) { return (entry & (kRead | kExecute)) != 0; }
}  // namespace pte

inline constexpr std::uint32_t sv32_vpn1(std::uint32_t va) { return va >> 22; }
inline constexpr std::uint32_t sv32_vpn0(std::uint32_t va) { return (va >> 12) & 0x3ff; }

struct Sv32Walk {
  FaultKind fault = FaultKind::None;
  std::uint32_t leaf = 0;          // the leaf PTE as it is in memory after the walk (A/D updated)
  PhysAddr leaf_address = 0;       // where the leaf PTE lives
  std::uint32_t level = 0;         // 1: a 4 MiB superpage, 0: a 4 KiB page
  std::uint32_t frame = 0;         // the 4 KiB physical frame holding the accessed byte
  PhysAddr physical = 0;           // the translated address
  std::uint32_t memory_reads = 0;  // PTEs read (1 or 2): the walk's cost
};

// Permission check of the leaf PTE LEAF for ACCESS by user code: None or Protection.
FaultKind sv32_check(std::uint32_t leaf, AccessType access);

// Translates VA for ACCESS through the table whose root is at frame ROOT_FRAME of MEMORY.
// Sets A (and D for a store) in the leaf when the access is allowed and UPDATE_AD is true.
Sv32Walk sv32_walk(PhysicalMemory& memory, std::uint32_t root_frame, std::uint32_t va, AccessType access,
                   bool update_ad = true);

// Builds page tables: maps the 4 KiB page at VA to FRAME with FLAGS (V is added), making a
// second-level table from ALLOCATE_FRAME (which returns a frame; it is zeroed here) when needed.
// The root entry for VA must not be a superpage leaf.
void sv32_map_page(PhysicalMemory& memory, std::uint32_t root_frame, std::uint32_t va, std::uint32_t frame,
                   std::uint32_t flags, const std::function<std::uint32_t()>& allocate_frame);
// Maps the 4 MiB superpage at VA (4 MiB aligned) to FIRST_FRAME (1024-frame aligned) with FLAGS.
void sv32_map_superpage(PhysicalMemory& memory, std::uint32_t root_frame, std::uint32_t va, std::uint32_t first_frame,
                        std::uint32_t flags);

}  // namespace ks
