// sim-core/mem/sv32.cpp — the Sv32 walk and the helpers that build page tables (the format and
// the kinds of fault: sv32.h).
//
// The walk reads at most two PTEs from simulated memory and stops at the first problem, with the
// fault the privileged spec gives it: V = 0 is NotPresent; W without R, a pointer at level 0, a
// misaligned superpage or a missing permission is Protection; a table or page outside memory is
// Access. It sets A (and D on a store) in the leaf only when asked, as a hardware walker would.
// PTEs are read straight from the table's frame (a table lies inside memory when its frame does);
// the A/D update goes through PhysicalMemory::write32, so a watched frame still sees the write.
// The map helpers are for whoever builds tables (the kernel, tests): they allocate the
// second-level table on demand and assert instead of faulting, since a bad mapping is their bug.
#include "sim-core/mem/sv32.h"

#include "sim-core/error.h"

namespace ks {

std::string_view to_string(AccessType access) {
  switch (access) {
    case AccessType::Load: return "load";
    case AccessType::Store: return "store";
    case AccessType::Fetch: return "fetch";
  }
  return "unknown";
}

std::string_view to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::None: return "none";
    case FaultKind::NotPresent: return "not_present";
    case FaultKind::Protection: return "protection";
    case FaultKind::Access: return "access";
  }
  return "unknown";
}

FaultKind sv32_check(std::uint32_t leaf, AccessType access) {
  if ((leaf & pte::kUser) == 0) return FaultKind::Protection;
  std::uint32_t needed = pte::kRead;
  if (access == AccessType::Store) needed = pte::kWrite;
  if (access == AccessType::Fetch) needed = pte::kExecute;
  return (leaf & needed) != 0 ? FaultKind::None : FaultKind::Protection;
}

Sv32Walk sv32_walk(PhysicalMemory& memory, std::uint32_t root_frame, std::uint32_t va, AccessType access,
                   bool update_ad) {
  Sv32Walk walk;
  std::uint32_t table = root_frame;
  for (int level = 1; level >= 0; --level) {
    if (table >= memory.frame_count()) {  // the table, and so the entry, lies outside memory
      walk.fault = FaultKind::Access;
      return walk;
    }
    const std::uint32_t index = level == 1 ? sv32_vpn1(va) : sv32_vpn0(va);
    const std::uint32_t entry = load_le32(memory.frame_data(table) + std::size_t{index} * 4);
    ++walk.memory_reads;
    if ((entry & pte::kValid) == 0) {
      walk.fault = FaultKind::NotPresent;
      return walk;
    }
    if ((entry & pte::kWrite) != 0 && (entry & pte::kRead) == 0) {
      walk.fault = FaultKind::Protection;  // reserved encoding
      return walk;
    }
    if (!pte::is_leaf(entry)) {
      if (level == 0) {
        walk.fault = FaultKind::Protection;  // a pointer where a leaf must be
        return walk;
      }
      table = pte::ppn(entry);
      continue;
    }
    walk.level = static_cast<std::uint32_t>(level);
    walk.leaf_address = (PhysAddr{table} << kPageShift) + PhysAddr{index} * 4;
    if (level == 1 && (pte::ppn(entry) & 0x3ff) != 0) {
      walk.fault = FaultKind::Protection;  // misaligned superpage
      return walk;
    }
    walk.fault = sv32_check(entry, access);
    if (walk.fault != FaultKind::None) return walk;
    std::uint32_t updated = entry | pte::kAccessed;
    if (access == AccessType::Store) updated |= pte::kDirty;
    if (update_ad && updated != entry) memory.write32(walk.leaf_address, updated);  // watched frames see it
    walk.leaf = update_ad ? updated : entry;
    const std::uint64_t frame = level == 1 ? (PhysAddr{pte::ppn(entry)} | sv32_vpn0(va)) : pte::ppn(entry);
    walk.physical = (frame << kPageShift) | (va & kPageOffsetMask);
    if (frame >= memory.frame_count()) {
      walk.fault = FaultKind::Access;
      return walk;
    }
    walk.frame = static_cast<std::uint32_t>(frame);
    return walk;
  }
  walk.fault = FaultKind::Protection;
  return walk;
}

void sv32_map_page(PhysicalMemory& memory, std::uint32_t root_frame, std::uint32_t va, std::uint32_t frame,
                   std::uint32_t flags, const std::function<std::uint32_t()>& allocate_frame) {
  const PhysAddr root_entry = (PhysAddr{root_frame} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4;
  std::uint32_t entry = memory.read32(root_entry);
  KS_ASSERT(!((entry & pte::kValid) != 0 && pte::is_leaf(entry)), "a 4 KiB mapping does not go inside a superpage");
  if ((entry & pte::kValid) == 0) {
    const std::uint32_t table = allocate_frame();
    memory.fill(PhysAddr{table} << kPageShift, kPageSize, 0);
    entry = pte::make(table, pte::kValid);
    memory.write32(root_entry, entry);
  }
  const PhysAddr leaf = (PhysAddr{pte::ppn(entry)} << kPageShift) + PhysAddr{sv32_vpn0(va)} * 4;
  memory.write32(leaf, pte::make(frame, flags | pte::kValid));
}

void sv32_map_superpage(PhysicalMemory& memory, std::uint32_t root_frame, std::uint32_t va, std::uint32_t first_frame,
                        std::uint32_t flags) {
  KS_ASSERT((va & 0x3fffff) == 0 && (first_frame & 0x3ff) == 0, "a superpage mapping is 4 MiB aligned");
  KS_ASSERT((flags & (pte::kRead | pte::kExecute)) != 0, "a superpage mapping is a leaf (R or X)");
  const PhysAddr root_entry = (PhysAddr{root_frame} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4;
  memory.write32(root_entry, pte::make(first_frame, flags | pte::kValid));
}

}  // namespace ks
