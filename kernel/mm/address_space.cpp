// Address spaces (design: address_space.h). Every question about a mapping is answered by walking
// the Sv32 page tables in simulated memory, the one record of them; the frame table keeps the
// reverse direction. A page is mapped only after every frame it needs was found, so running out
// of memory leaves the space as it was. In demand mode the regions say what may be mapped, and
// the page-fault handler (page_fault.cpp) maps it at the first touch.
#include "kernel/mm/address_space.h"

#include <algorithm>
#include <map>
#include <memory>

#include "kernel/mm/page_fault.h"
#include "kernel/mm/pager.h"
#include "sim-core/error.h"
#include "sim-core/mem/sv32.h"

namespace ks {
namespace {

std::uint32_t page_down(std::uint32_t va) { return va & ~kPageOffsetMask; }
std::uint64_t page_up(std::uint64_t va) { return (va + kPageOffsetMask) & ~std::uint64_t{kPageOffsetMask}; }

// The pages IMAGE's segments cover, each with the R/W/X bits of its entry (a page shared by two
// segments gets the union of their permissions); HIGHEST is set to one past the last byte.
std::map<std::uint32_t, std::uint32_t> segment_pages(const ElfImage& image, std::uint64_t& highest) {
  std::map<std::uint32_t, std::uint32_t> page_flags;
  highest = 0;
  for (const ElfSegment& segment : image.segments) {
    std::uint32_t flags = 0;
    if (segment.flags & kElfSegmentRead) flags |= pte::kRead;
    if (segment.flags & kElfSegmentWrite) flags |= pte::kRead | pte::kWrite;
    if (segment.flags & kElfSegmentExecute) flags |= pte::kExecute;
    for (std::uint64_t va = page_down(segment.vaddr); va < std::uint64_t{segment.vaddr} + segment.memsz;
         va += kPageSize) {
      page_flags[static_cast<std::uint32_t>(va)] |= flags;
    }
    highest = std::max(highest, std::uint64_t{segment.vaddr} + segment.memsz);
  }
  return page_flags;
}

}  // namespace

bool region_allows(std::uint32_t flags, AccessType access) {
  switch (access) {
    case AccessType::Load: return (flags & pte::kRead) != 0;
    case AccessType::Store: return (flags & pte::kWrite) != 0;
    case AccessType::Fetch: return (flags & pte::kExecute) != 0;
  }
  return false;
}

std::unique_ptr<AddressSpace> AddressSpace::create(PhysicalMemory& memory, FrameTable& frames, PagingMode mode) {
  const std::uint32_t id = frames.new_owner();
  const auto root = frames.allocate(FrameUse::PageTable, id);
  if (!root) return nullptr;
  memory.fill(PhysAddr{*root} << kPageShift, kPageSize, 0);
  auto space = std::unique_ptr<AddressSpace>(new AddressSpace(memory, frames, id, *root, mode));
  // Known to the pager from the start, so that a frame it shares is found in it (fork).
  space->pager_ = mode == PagingMode::Demand ? frames.pager() : nullptr;
  if (space->pager_ != nullptr) space->pager_->attach(*space);
  return space;
}

AddressSpace::AddressSpace(PhysicalMemory& memory, FrameTable& frames, std::uint32_t id, std::uint32_t root,
                           PagingMode mode)
    : memory_(&memory), frames_(&frames), id_(id), root_(root), mode_(mode) {}

// Frees every frame of the space, found through its page tables: the root, then each
// second-level table followed by its pages. (Which frame a later allocation gets depends on this
// order; nothing a program or the trace can see does: programs see virtual addresses only, and
// the TLBs are indexed by virtual page and ASID.)
AddressSpace::~AddressSpace() {
  std::vector<std::uint32_t> owned;
  std::vector<std::uint32_t> slots;
  owned.reserve(frames_owned_);
  owned.push_back(root_);
  for (std::uint32_t i = 0; i < kPageSize / 4; ++i) {
    const std::uint32_t entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{i} * 4);
    if ((entry & pte::kValid) == 0 || pte::is_leaf(entry)) continue;
    owned.push_back(pte::ppn(entry));
    for (std::uint32_t j = 0; j < kPageSize / 4; ++j) {
      const std::uint32_t leaf = memory_->read32((PhysAddr{pte::ppn(entry)} << kPageShift) + PhysAddr{j} * 4);
      if ((leaf & pte::kValid) != 0) owned.push_back(pte::ppn(leaf));
      if (is_swap_entry(leaf)) slots.push_back(swap_slot(leaf));
    }
  }
  for (const std::uint32_t frame : owned) frames_->free(frame, id_);
  if (pager_ == nullptr) return;
  for (const std::uint32_t slot : slots) pager_->slots().release(slot);
  pager_->detach(*this);
}

void AddressSpace::for_each_page(const std::function<void(std::uint32_t, std::uint32_t, std::uint32_t)>& visit) const {
  for (std::uint32_t i = 0; i < kPageSize / 4; ++i) {
    const std::uint32_t entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{i} * 4);
    if ((entry & pte::kValid) == 0 || pte::is_leaf(entry)) continue;
    for (std::uint32_t j = 0; j < kPageSize / 4; ++j) {
      const std::uint32_t leaf = memory_->read32((PhysAddr{pte::ppn(entry)} << kPageShift) + PhysAddr{j} * 4);
      if ((leaf & pte::kValid) == 0) continue;
      visit((i << 22) | (j << kPageShift), leaf & (pte::kRead | pte::kWrite | pte::kExecute), pte::ppn(leaf));
    }
  }
}

// Maps a zeroed page at VA with FLAGS (a page already mapped is left as it is: segments may share
// a page). The second-level table, if one is needed, is allocated first, so that running out of
// memory changes nothing.
bool AddressSpace::map_zeroed(std::uint32_t va, std::uint32_t flags) {
  PhysAddr existing = 0;
  if (translate(va, false, existing)) return true;
  const std::uint32_t root_entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4);
  std::optional<std::uint32_t> table;
  const auto frame = frames_->allocate(FrameUse::UserPage, id_, va);
  if (!frame) return false;
  if ((root_entry & pte::kValid) == 0) {
    table = frames_->allocate(FrameUse::PageTable, id_);
    if (!table) {
      frames_->free(*frame);
      return false;
    }
  }
  frames_owned_ += table ? 2 : 1;
  memory_->fill(PhysAddr{*frame} << kPageShift, kPageSize, 0);
  sv32_map_page(*memory_, root_, va, *frame, flags | pte::kUser, [&table]() -> std::uint32_t {
    KS_ASSERT(table.has_value(), "a second-level table is made only where none was");
    return *table;
  });
  return true;
}

// Maps FRAME (already this space's to map: allocated for it, or shared with it) at VA with FLAGS,
// making the second-level table if there is none. False, mapping nothing, when that table finds
// no frame.
bool AddressSpace::map_frame(std::uint32_t va, std::uint32_t frame, std::uint32_t flags) {
  const std::uint32_t root_entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4);
  std::optional<std::uint32_t> table;
  if ((root_entry & pte::kValid) == 0) {
    table = frames_->allocate(FrameUse::PageTable, id_);
    if (!table) return false;
  }
  frames_owned_ += table ? 2 : 1;
  sv32_map_page(*memory_, root_, va, frame, flags | pte::kUser, [&table]() -> std::uint32_t {
    KS_ASSERT(table.has_value(), "a second-level table is made only where none was");
    return *table;
  });
  return true;
}

PhysAddr AddressSpace::leaf_address(std::uint32_t va) const {
  const std::uint32_t root_entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4);
  if ((root_entry & pte::kValid) == 0 || pte::is_leaf(root_entry)) return 0;
  return (PhysAddr{pte::ppn(root_entry)} << kPageShift) + PhysAddr{sv32_vpn0(va)} * 4;
}

std::optional<Region> AddressSpace::region_at(std::uint32_t va) const {
  if (va >= brk_start_ && va < page_up(brk_))
    return Region{brk_start_, static_cast<std::uint32_t>(page_up(brk_)), pte::kRead | pte::kWrite, false};
  // The other regions are few (a program's segments, the stack) and sorted by address.
  const auto after =
      std::upper_bound(regions_.begin(), regions_.end(), va,
                       [](std::uint32_t address, const Region& region) { return address < region.start; });
  if (after == regions_.begin()) return std::nullopt;
  const Region& region = *(after - 1);
  if (va >= region.end) return std::nullopt;
  return region;
}

// A page of a segment, filled as eager loading would have: zeros, then the bytes of every
// segment that reaches into it.
void AddressSpace::fill_from_image(std::uint32_t va, std::uint32_t frame) const {
  const PhysAddr base = PhysAddr{frame} << kPageShift;
  for (const ProgramBytes::Segment& segment : program_->segments) {
    const std::uint64_t from = std::max<std::uint64_t>(va, segment.vaddr);
    const std::uint64_t to =
        std::min<std::uint64_t>(std::uint64_t{va} + kPageSize, std::uint64_t{segment.vaddr} + segment.bytes.size());
    if (from >= to) continue;
    memory_->write_bytes(base + (from - va), std::span<const std::uint8_t>(segment.bytes)
                                                 .subspan(static_cast<std::size_t>(from - segment.vaddr),
                                                          static_cast<std::size_t>(to - from)));
  }
}

void AddressSpace::report(std::uint32_t va, PageFaultKind kind, bool copied) {
  if (kind == PageFaultKind::Minor) ++faults_.minor;
  if (kind == PageFaultKind::Cow) ++faults_.cow;
  if (fault_observer_) fault_observer_(va, kind, copied);
}

void AddressSpace::set_entry(std::uint32_t va, std::uint32_t leaf) {
  const PhysAddr at = leaf_address(va);
  KS_ASSERT(at != 0, "an entry is changed where a second-level table exists");
  memory_->write32(at, leaf);
  if (shootdown_) shootdown_(va);  // the TLBs may hold the entry as it was
}

bool AddressSpace::map_new_page(std::uint32_t va, std::uint32_t flags, bool from_image) {
  const auto frame = frames_->allocate(FrameUse::UserPage, id_, va);
  if (!frame) return false;
  memory_->fill(PhysAddr{*frame} << kPageShift, kPageSize, 0);
  if (from_image) fill_from_image(va, *frame);
  frames_->pin(*frame);  // not a victim while its second-level table is found
  const bool mapped = map_frame(va, *frame, flags);
  frames_->unpin(*frame);
  if (!mapped) {
    frames_->free(*frame, id_);
    return false;
  }
  return true;
}

void AddressSpace::replace_mapping(std::uint32_t va, std::uint32_t replacement) {
  const PhysAddr at = leaf_address(va);
  KS_ASSERT(at != 0 && (memory_->read32(at) & pte::kValid) != 0, "a mapping is replaced where there is one");
  memory_->write32(at, replacement);
  if (shootdown_) shootdown_(va);
  --frames_owned_;
}

void AddressSpace::install_page(std::uint32_t va, std::uint32_t leaf) {
  const PhysAddr at = leaf_address(va);
  KS_ASSERT(at != 0 && is_swap_entry(memory_->read32(at)), "a page is installed where its swap entry is");
  memory_->write32(at, leaf);
  if (shootdown_) shootdown_(va);
  ++frames_owned_;
}

std::uint32_t AddressSpace::entry(std::uint32_t va) const {
  const PhysAddr at = leaf_address(va);
  return at != 0 ? memory_->read32(at) : 0;
}

bool AddressSpace::resolve_page(std::uint32_t va, bool write) {
  for (;;) {
    PhysAddr physical = 0;
    if (translate(va, write, physical)) return true;
    PageFaultKind kind = PageFaultKind::Minor;
    const FaultResolution resolution = handle_page_fault(*this, va, write ? AccessType::Store : AccessType::Load, kind);
    if (resolution == FaultResolution::SwapIn) {  // the pager's shortcut: at once (kernel/mm/pager.h)
      if (pager_->swap_in_now(*this, va)) continue;
      out_of_memory_ = va;
      return false;
    }
    if (resolution == FaultResolution::OutOfMemory) out_of_memory_ = va;
    if (resolution != FaultResolution::Resolved) return false;
  }
}

bool AddressSpace::copy_demand(std::uint32_t address, std::size_t length, bool write,
                               const std::function<void(PhysAddr, std::size_t, std::size_t)>& move) {
  std::size_t done = 0;
  while (done < length) {
    const std::uint32_t va = address + static_cast<std::uint32_t>(done);
    const std::size_t count = std::min<std::size_t>(length - done, kPageSize - (va & kPageOffsetMask));
    if (!resolve_page(page_down(va), write)) return false;
    PhysAddr physical = 0;
    if (!translate(va, write, physical)) return false;
    move(physical, done, count);
    done += count;
  }
  return true;
}

bool AddressSpace::unmap(std::uint32_t va) {
  KS_ASSERT((va & kPageOffsetMask) == 0, "a page is unmapped at its first byte");
  const std::uint32_t root_entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4);
  if ((root_entry & pte::kValid) == 0 || pte::is_leaf(root_entry)) return false;
  const PhysAddr leaf_address = (PhysAddr{pte::ppn(root_entry)} << kPageShift) + PhysAddr{sv32_vpn0(va)} * 4;
  const std::uint32_t leaf = memory_->read32(leaf_address);
  if ((leaf & pte::kValid) == 0) return false;
  memory_->write32(leaf_address, 0);
  if (shootdown_) shootdown_(va);  // before the frame can be handed to anyone else
  frames_->free(pte::ppn(leaf), id_);
  --frames_owned_;
  return true;
}

std::optional<std::uint32_t> AddressSpace::load(const ElfImage& image, const std::vector<std::string>& argv) {
  if (mode_ == PagingMode::Demand) return load_on_demand(image, argv);
  std::uint64_t highest = 0;
  const std::map<std::uint32_t, std::uint32_t> page_flags = segment_pages(image, highest);
  for (const auto& [va, flags] : page_flags) {
    if (!map_zeroed(va, flags)) return std::nullopt;
  }
  for (const ElfSegment& segment : image.segments) {
    if (!copy_out(segment.vaddr, segment.bytes, true)) return std::nullopt;
  }
  brk_start_ = brk_ = static_cast<std::uint32_t>(page_up(highest));

  for (std::uint32_t i = 1; i <= kUserStackPages; ++i) {
    if (!map_zeroed(kUserStackTop - i * kPageSize, pte::kRead | pte::kWrite)) return std::nullopt;
  }
  return push_arguments(argv);
}

// The arguments at the top of the stack: the strings, then the pointer array (NULL-terminated),
// then argc; returns the stack pointer (16-byte aligned), or nullopt when memory ran out.
std::optional<std::uint32_t> AddressSpace::push_arguments(const std::vector<std::string>& argv) {
  std::uint32_t sp = kUserStackTop;
  std::vector<std::uint32_t> pointers;
  for (const std::string& arg : argv) {
    sp -= static_cast<std::uint32_t>(arg.size() + 1);
    std::vector<std::uint8_t> bytes(arg.begin(), arg.end());
    bytes.push_back(0);
    if (!copy_out(sp, bytes)) return std::nullopt;
    pointers.push_back(sp);
  }
  pointers.push_back(0);
  sp -= static_cast<std::uint32_t>(4 * (pointers.size() + 1));
  sp &= ~15u;
  std::vector<std::uint8_t> words;
  const auto put = [&words](std::uint32_t value) {
    for (int i = 0; i < 4; ++i) words.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  };
  put(static_cast<std::uint32_t>(argv.size()));
  for (const std::uint32_t pointer : pointers) put(pointer);
  if (!copy_out(sp, words)) return std::nullopt;
  return sp;
}

// Demand mode: the regions only. The pages come at their first touch (page_fault.cpp); the arguments'
// pages are touched here, by pushing them.
std::optional<std::uint32_t> AddressSpace::load_on_demand(const ElfImage& image, const std::vector<std::string>& argv) {
  std::uint64_t highest = 0;
  const std::map<std::uint32_t, std::uint32_t> page_flags = segment_pages(image, highest);
  auto program = std::make_shared<ProgramBytes>();
  for (const ElfSegment& segment : image.segments)
    program->segments.push_back({segment.vaddr, {segment.bytes.begin(), segment.bytes.end()}});
  regions_.clear();
  for (const auto& [va, flags] : page_flags) {  // runs of pages with the same permissions
    if (!regions_.empty() && regions_.back().end == va && regions_.back().flags == flags) {
      regions_.back().end = va + kPageSize;
    } else {
      regions_.push_back({va, va + kPageSize, flags, true});
    }
  }
  regions_.push_back({kUserStackTop - kUserStackPages * kPageSize, kUserStackTop, pte::kRead | pte::kWrite, false});
  program_ = std::move(program);
  brk_start_ = brk_ = static_cast<std::uint32_t>(page_up(highest));
  return push_arguments(argv);
}

std::uint32_t AddressSpace::set_break(std::uint32_t new_end) {
  if (new_end == 0 || new_end < brk_start_ || new_end > kUserHeapLimit) return brk_;
  if (mode_ == PagingMode::Demand) {  // the heap's region grows; its pages come when touched
    brk_ = new_end;
    return brk_;
  }
  for (std::uint64_t va = page_up(brk_); va < page_up(new_end); va += kPageSize) {
    if (!map_zeroed(static_cast<std::uint32_t>(va), pte::kRead | pte::kWrite)) return brk_;
  }
  // Shrinking leaves the pages mapped (a simplification: they are freed with the process).
  brk_ = new_end;
  return brk_;
}

bool AddressSpace::can_access(std::uint32_t address, std::uint32_t length, bool write) const {
  if (std::uint64_t{address} + length > (std::uint64_t{1} << 32)) return false;
  for (std::uint64_t va = page_down(address); va < std::uint64_t{address} + length; va += kPageSize) {
    if (mode_ == PagingMode::Demand) {
      const std::optional<Region> region = region_at(static_cast<std::uint32_t>(va));
      if (!region || !region_allows(region->flags, write ? AccessType::Store : AccessType::Load)) return false;
      continue;
    }
    PhysAddr physical = 0;
    if (!translate(static_cast<std::uint32_t>(va), write, physical)) return false;
  }
  return true;
}

// Demand mode: both spaces map every page of SOURCE's, the writable ones read-only and marked
// copy-on-write, and name the same swap slot for every page on the swap disk. The new space's
// second-level tables are made first, before any page is shared: they are the only frames a fork
// takes, so running out of memory leaves SOURCE as it was, and when taking one makes the pager
// evict a page, the page is then shared as the swap entry it has become.
bool AddressSpace::share_from(AddressSpace& source) {
  const PhysAddr source_root = PhysAddr{source.root_} << kPageShift;
  const PhysAddr root = PhysAddr{root_} << kPageShift;
  for (std::uint32_t i = 0; i < kPageSize / 4; ++i) {
    const std::uint32_t entry = memory_->read32(source_root + PhysAddr{i} * 4);
    if ((entry & pte::kValid) == 0 || pte::is_leaf(entry) || (memory_->read32(root + PhysAddr{i} * 4) & pte::kValid))
      continue;
    const auto table = frames_->allocate(FrameUse::PageTable, id_);
    if (!table) return false;
    memory_->fill(PhysAddr{*table} << kPageShift, kPageSize, 0);
    memory_->write32(root + PhysAddr{i} * 4, pte::make(*table, pte::kValid));
    ++frames_owned_;
  }
  for (std::uint32_t i = 0; i < kPageSize / 4; ++i) {
    const std::uint32_t entry = memory_->read32(source_root + PhysAddr{i} * 4);
    if ((entry & pte::kValid) == 0 || pte::is_leaf(entry)) continue;
    const PhysAddr from_table = PhysAddr{pte::ppn(entry)} << kPageShift;
    const PhysAddr to_table = PhysAddr{pte::ppn(memory_->read32(root + PhysAddr{i} * 4))} << kPageShift;
    for (std::uint32_t j = 0; j < kPageSize / 4; ++j) {
      std::uint32_t leaf = memory_->read32(from_table + PhysAddr{j} * 4);
      if (is_swap_entry(leaf)) {
        memory_->write32(to_table + PhysAddr{j} * 4, leaf);
        pager_->slots().share(swap_slot(leaf));
        continue;
      }
      if ((leaf & pte::kValid) == 0) continue;
      const std::uint32_t va = (i << 22) | (j << kPageShift);
      if ((leaf & pte::kWrite) != 0) {  // from now on a write must copy it (or take it back)
        leaf = (leaf & ~pte::kWrite) | kPteCow;
        memory_->write32(from_table + PhysAddr{j} * 4, leaf);
        if (source.shootdown_) source.shootdown_(va);
      }
      // The dirty bit goes with the page: a page written before the fork must not pass for clean.
      const std::uint32_t flags = leaf & (pte::kRead | pte::kWrite | pte::kExecute | kPteCow | pte::kDirty);
      memory_->write32(to_table + PhysAddr{j} * 4, pte::make(pte::ppn(leaf), flags | pte::kUser | pte::kValid));
      frames_->share(pte::ppn(leaf));
      ++frames_owned_;
    }
  }
  regions_ = source.regions_;
  program_ = source.program_;
  brk_start_ = source.brk_start_;
  brk_ = source.brk_;
  return true;
}

bool AddressSpace::copy_from(AddressSpace& source) {
  KS_ASSERT(frames_owned_ == 1, "a space is copied into only while it is empty");
  KS_ASSERT(memory_ == source.memory_, "a space is copied within one machine");
  KS_ASSERT(mode_ == source.mode_, "a space is copied into a space of its own paging mode");
  if (mode_ == PagingMode::Demand) return share_from(source);
  bool copied = true;
  source.for_each_page([&](std::uint32_t va, std::uint32_t flags, std::uint32_t frame) {
    if (!copied) return;
    if (!map_zeroed(va, flags)) {
      copied = false;
      return;
    }
    PhysAddr copy = 0;
    const bool mapped = translate(va, false, copy);
    KS_ASSERT(mapped, "a copied page is mapped in the new space");
    // Through write_bytes, so that the decode cache sees a write to a frame holding code.
    const std::uint8_t* from = memory_->frame_data(frame);
    memory_->write_bytes(copy, std::span<const std::uint8_t>(from, kPageSize));
  });
  if (!copied) return false;
  brk_start_ = source.brk_start_;
  brk_ = source.brk_;
  return true;
}

bool AddressSpace::translate(std::uint32_t va, bool write, PhysAddr& physical) const {
  // Demand mode: the kernel's copies set the accessed and dirty bits as the program's own
  // accesses do (a page the kernel wrote for a read() is dirty for page replacement).
  const Sv32Walk walk =
      sv32_walk(*memory_, root_, va, write ? AccessType::Store : AccessType::Load, mode_ == PagingMode::Demand);
  if (walk.fault != FaultKind::None) return false;
  physical = walk.physical;
  return true;
}

bool AddressSpace::copy_in(std::uint32_t address, std::span<std::uint8_t> out) {
  if (std::uint64_t{address} + out.size() > (std::uint64_t{1} << 32)) return false;
  if (mode_ == PagingMode::Demand) {
    return copy_demand(address, out.size(), false, [&](PhysAddr physical, std::size_t offset, std::size_t count) {
      memory_->read_bytes(physical, out.subspan(offset, count));
    });
  }
  std::vector<PhysAddr> pages;
  for (std::uint64_t va = page_down(address); va < std::uint64_t{address} + out.size(); va += kPageSize) {
    PhysAddr physical = 0;
    if (!translate(static_cast<std::uint32_t>(va), false, physical)) return false;
    pages.push_back(physical);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint32_t va = address + static_cast<std::uint32_t>(i);
    out[i] = memory_->read8(pages[(va - page_down(address)) >> kPageShift] + (va & kPageOffsetMask));
  }
  return true;
}

bool AddressSpace::copy_out(std::uint32_t address, std::span<const std::uint8_t> bytes, bool loading) {
  if (std::uint64_t{address} + bytes.size() > (std::uint64_t{1} << 32)) return false;
  if (mode_ == PagingMode::Demand) {
    return copy_demand(address, bytes.size(), !loading, [&](PhysAddr physical, std::size_t offset, std::size_t count) {
      memory_->write_bytes(physical, bytes.subspan(offset, count));
    });
  }
  std::vector<PhysAddr> pages;
  for (std::uint64_t va = page_down(address); va < std::uint64_t{address} + bytes.size(); va += kPageSize) {
    PhysAddr physical = 0;
    if (!translate(static_cast<std::uint32_t>(va), !loading, physical)) return false;
    pages.push_back(physical);
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const std::uint32_t va = address + static_cast<std::uint32_t>(i);
    memory_->write8(pages[(va - page_down(address)) >> kPageShift] + (va & kPageOffsetMask), bytes[i]);
  }
  return true;
}

}  // namespace ks
