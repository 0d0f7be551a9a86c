#include "kernel/mm/address_space.h"

#include <algorithm>
#include <map>

#include "sim-core/error.h"
#include "sim-core/mem/sv32.h"

namespace ks {
namespace {

std::uint32_t page_down(std::uint32_t va) { return va & ~kPageOffsetMask; }
std::uint64_t page_up(std::uint64_t va) { return (va + kPageOffsetMask) & ~std::uint64_t{kPageOffsetMask}; }

}  // namespace

AddressSpace::AddressSpace(PhysicalMemory& memory, FrameAllocator& frames) : memory_(&memory), frames_(&frames) {
  const auto root = frames_->allocate();
  if (!root) throw InputError({}, "out of physical memory: no frame for a page table");
  root_ = *root;
  owned_.push_back(root_);
  memory_->fill(PhysAddr{root_} << kPageShift, kPageSize, 0);
}

AddressSpace::~AddressSpace() {
  if (frames_ == nullptr) return;
  for (const std::uint32_t frame : owned_) frames_->free(frame);
}

bool AddressSpace::map_zeroed(std::uint32_t va, std::uint32_t flags) {
  PhysAddr existing = 0;
  if (translate(va, false, existing)) return true;  // already mapped (segments sharing a page)
  const auto frame = frames_->allocate();
  if (!frame) return false;
  owned_.push_back(*frame);
  memory_->fill(PhysAddr{*frame} << kPageShift, kPageSize, 0);
  pages_[va] = Page{flags, *frame};
  bool out_of_memory = false;
  sv32_map_page(*memory_, root_, va, *frame, flags | pte::kUser, [this, &out_of_memory]() -> std::uint32_t {
    const auto table = frames_->allocate();
    if (!table) {
      out_of_memory = true;
      return 0;
    }
    owned_.push_back(*table);
    return *table;
  });
  return !out_of_memory;
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
    for (std::uint64_t va = page_down(segment.vaddr); va < std::uint64_t{segment.vaddr} + segment.memsz; va += kPageSize) {
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
  KS_ASSERT(pages_.empty(), "a space is copied into only while it is empty");
  KS_ASSERT(memory_ == source.memory_, "a space is copied within one machine");
  for (const auto& [va, page] : source.pages_) {
    if (!map_zeroed(va, page.flags)) return false;
    const auto copy = pages_.find(va);
    KS_ASSERT(copy != pages_.end(), "a copied page is mapped in the new space");
    // Through write_bytes, so that the decode cache sees a write to a frame holding code.
    const std::uint8_t* from = memory_->frame_data(page.frame);
    memory_->write_bytes(PhysAddr{copy->second.frame} << kPageShift, std::span<const std::uint8_t>(from, kPageSize));
  }
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
