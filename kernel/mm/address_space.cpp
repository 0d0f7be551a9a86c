// Address spaces (design: address_space.h). Every question about a mapping is answered by walking
// the Sv32 page tables in simulated memory, the one record of them; the frame table keeps the
// reverse direction. A page is mapped only after every frame it needs was found, so running out
// of memory leaves the space as it was.
#include "kernel/mm/address_space.h"

#include <algorithm>
#include <map>
#include <memory>

#include "sim-core/error.h"
#include "sim-core/mem/sv32.h"

namespace ks {
namespace {

std::uint32_t page_down(std::uint32_t va) { return va & ~kPageOffsetMask; }
std::uint64_t page_up(std::uint64_t va) { return (va + kPageOffsetMask) & ~std::uint64_t{kPageOffsetMask}; }

}  // namespace

std::unique_ptr<AddressSpace> AddressSpace::create(PhysicalMemory& memory, FrameTable& frames) {
  const std::uint32_t id = frames.new_owner();
  const auto root = frames.allocate(FrameUse::PageTable, id);
  if (!root) return nullptr;
  memory.fill(PhysAddr{*root} << kPageShift, kPageSize, 0);
  return std::unique_ptr<AddressSpace>(new AddressSpace(memory, frames, id, *root));
}

AddressSpace::AddressSpace(PhysicalMemory& memory, FrameTable& frames, std::uint32_t id, std::uint32_t root)
    : memory_(&memory), frames_(&frames), id_(id), root_(root) {}

// Frees every frame of the space, found through its page tables: the root, then each
// second-level table followed by its pages. (Which frame a later allocation gets depends on this
// order; nothing a program or the trace can see does: programs see virtual addresses only, and
// the TLBs are indexed by virtual page and ASID.)
AddressSpace::~AddressSpace() {
  std::vector<std::uint32_t> owned;
  owned.reserve(frames_owned_);
  owned.push_back(root_);
  for (std::uint32_t i = 0; i < kPageSize / 4; ++i) {
    const std::uint32_t entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{i} * 4);
    if ((entry & pte::kValid) == 0 || pte::is_leaf(entry)) continue;
    owned.push_back(pte::ppn(entry));
    for (std::uint32_t j = 0; j < kPageSize / 4; ++j) {
      const std::uint32_t leaf = memory_->read32((PhysAddr{pte::ppn(entry)} << kPageShift) + PhysAddr{j} * 4);
      if ((leaf & pte::kValid) != 0) owned.push_back(pte::ppn(leaf));
    }
  }
  for (const std::uint32_t frame : owned) frames_->free(frame);
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

bool AddressSpace::unmap(std::uint32_t va) {
  KS_ASSERT((va & kPageOffsetMask) == 0, "a page is unmapped at its first byte");
  const std::uint32_t root_entry = memory_->read32((PhysAddr{root_} << kPageShift) + PhysAddr{sv32_vpn1(va)} * 4);
  if ((root_entry & pte::kValid) == 0 || pte::is_leaf(root_entry)) return false;
  const PhysAddr leaf_address = (PhysAddr{pte::ppn(root_entry)} << kPageShift) + PhysAddr{sv32_vpn0(va)} * 4;
  const std::uint32_t leaf = memory_->read32(leaf_address);
  if ((leaf & pte::kValid) == 0) return false;
  memory_->write32(leaf_address, 0);
  if (shootdown_) shootdown_(va);  // before the frame can be handed to anyone else
  frames_->free(pte::ppn(leaf));
  --frames_owned_;
  return true;
}

std::optional<std::uint32_t> AddressSpace::load(const ElfImage& image, const std::vector<std::string>& argv) {
  // Pages shared by two segments get the union of their permissions.
  std::map<std::uint32_t, std::uint32_t> page_flags;
  std::uint64_t highest = 0;
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
  // argv strings at the top, then the pointer array (NULL-terminated), then argc.
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

std::uint32_t AddressSpace::set_break(std::uint32_t new_end) {
  if (new_end == 0 || new_end < brk_start_ || new_end > kUserHeapLimit) return brk_;
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
    PhysAddr physical = 0;
    if (!translate(static_cast<std::uint32_t>(va), write, physical)) return false;
  }
  return true;
}

bool AddressSpace::copy_from(const AddressSpace& source) {
  KS_ASSERT(frames_owned_ == 1, "a space is copied into only while it is empty");
  KS_ASSERT(memory_ == source.memory_, "a space is copied within one machine");
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
  const Sv32Walk walk = sv32_walk(*memory_, root_, va, write ? AccessType::Store : AccessType::Load, false);
  if (walk.fault != FaultKind::None) return false;
  physical = walk.physical;
  return true;
}

bool AddressSpace::copy_in(std::uint32_t address, std::span<std::uint8_t> out) const {
  if (std::uint64_t{address} + out.size() > (std::uint64_t{1} << 32)) return false;
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
