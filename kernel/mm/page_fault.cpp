// The page-fault handler (design: page_fault.h): the region, then copy-on-write, then swap, then
// a new page.
#include "kernel/mm/page_fault.h"

#include <span>

namespace ks {
namespace {

// A store to the copy-on-write page at PAGE, whose leaf entry is ENTRY (valid, user, marked
// kPteCow, not writable: fork made it so in both spaces, and counted the second mapping with
// FrameTable::share). Afterwards PAGE is writable in SPACE and maps a frame no other space maps,
// holding the bytes the page held; the fault is reported once, with a copy or without one
// (space.report: the trace's page_fault and cow_copy events). Out of frames: OutOfMemory,
// nothing changed. Graded by labs/vm (`build/bin/kgrade test vm`).
FaultResolution copy_on_write(AddressSpace& space, std::uint32_t page, std::uint32_t entry) {
  const std::uint32_t shared = pte::ppn(entry);
  // The dirty bit stays: a page written before the fork must not pass for clean (kernel/mm/pager.h).
  const std::uint32_t flags =
      (entry & (pte::kRead | pte::kExecute | pte::kUser | pte::kDirty)) | pte::kWrite | pte::kValid;
  // BEGIN SOLUTION: TODO (lab vm, part 2): the copy-on-write fault.
  // - If no other space maps the frame any more (space.frames().refs(shared) is 1), the page is
  //   this space's alone: make it writable where it is (space.set_entry with pte::make(shared,
  //   flags)); no copy.
  // - Otherwise take a frame of its own (space.frames().allocate(FrameUse::UserPage,
  //   space.id(), page); none left: return OutOfMemory), copy the page's 4096 bytes into it
  //   through space.memory().write_bytes (frame_data gives the shared frame's bytes), map it
  //   writable, and let go of this space's share of the old frame (space.frames().free(shared,
  //   space.id())). With swap, pin the shared frame (space.frames().pin, unpin) while you
  //   allocate, so that the pager cannot take it away to make room for its own copy.
  // - Either way, report the fault: space.report(page, PageFaultKind::Cow, COPIED).
  FrameTable& frames = space.frames();
  const bool copy_needed = frames.refs(shared) > 1;
  if (!copy_needed) {  // the others have copied it or gone: it is this space's alone
    space.set_entry(page, pte::make(shared, flags));
  } else {
    frames.pin(shared);  // finding a frame for the copy must not evict the page being copied
    const auto copy = frames.allocate(FrameUse::UserPage, space.id(), page);
    frames.unpin(shared);
    if (!copy) return FaultResolution::OutOfMemory;
    PhysicalMemory& memory = space.memory();
    // Through write_bytes, so that the decode cache sees a write to a frame that may hold code.
    memory.write_bytes(PhysAddr{*copy} << kPageShift,
                       std::span<const std::uint8_t>(memory.frame_data(shared), kPageSize));
    space.set_entry(page, pte::make(*copy, flags));
    frames.free(shared, space.id());
  }
  space.report(page, PageFaultKind::Cow, copy_needed);
  //> // Starter: makes the shared frame writable where it is, copying nothing, so that parent and
  //> // child now write to one frame. Run the tests to see what that breaks.
  //> space.set_entry(page, pte::make(shared, flags));
  //> space.report(page, PageFaultKind::Cow, false);
  // END SOLUTION
  return FaultResolution::Resolved;
}

}  // namespace

std::string_view to_string(PagingMode mode) { return mode == PagingMode::Demand ? "demand" : "eager"; }

std::optional<PagingMode> paging_mode_from_string(std::string_view name) {
  if (name == "eager") return PagingMode::Eager;
  if (name == "demand") return PagingMode::Demand;
  return std::nullopt;
}

std::string_view to_string(PageFaultKind kind) {
  switch (kind) {
    case PageFaultKind::Minor: return "minor";
    case PageFaultKind::Major: return "major";
    case PageFaultKind::Cow: return "cow";
    case PageFaultKind::Protection: return "protection";
  }
  return "?";
}

FaultResolution handle_page_fault(AddressSpace& space, std::uint32_t address, AccessType access, PageFaultKind& kind) {
  const std::uint32_t page = address & ~kPageOffsetMask;
  kind = PageFaultKind::Protection;
  // 1. Part of the program's memory, and allowed there?
  if (space.mode() == PagingMode::Eager) return FaultResolution::Fatal;  // every page is mapped already
  const std::optional<Region> region = space.region_at(page);
  if (!region || !region_allows(region->flags, access)) return FaultResolution::Fatal;
  // 2. Mapped: a copy-on-write page being written, or a stale TLB entry.
  const std::uint32_t entry = space.entry(page);
  if ((entry & pte::kValid) != 0) {
    if (access == AccessType::Store && (entry & kPteCow) != 0) {
      kind = PageFaultKind::Cow;
      return copy_on_write(space, page, entry);
    }
    // The entry allows the access (else the fault is the program's: never loop on it), so a TLB
    // held an older entry: drop it, changing nothing.
    if (sv32_check(entry, access) != FaultKind::None) return FaultResolution::Fatal;
    kind = PageFaultKind::Minor;
    space.set_entry(page, entry);
    return FaultResolution::Resolved;
  }
  // 3. On the swap disk: the pager reads it back.
  if (is_swap_entry(entry)) {
    kind = PageFaultKind::Major;
    return FaultResolution::SwapIn;
  }
  // 4. Not mapped: demand-zero, or loaded from the program on first touch.
  kind = PageFaultKind::Minor;
  if (!space.map_new_page(page, region->flags, region->from_image)) return FaultResolution::OutOfMemory;
  space.report(page, kind);
  return FaultResolution::Resolved;
}

}  // namespace ks
