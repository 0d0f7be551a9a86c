// kernel/mm/swap_slots.h — the swap area's slots: which page-sized places on the swap disk are
// in use, and by how many page tables.
//
// The swap disk is cut into slots of one page (8 sectors of 512 bytes), slot S at sector 8 × S.
// A dirty page leaving memory takes a free slot (the lowest: the same on every run); every page
// table that mapped the page then holds a SWAP ENTRY naming the slot (kernel/mm/address_space.h),
// so the slot is counted once per such table, as a frame is. A fork copies swap entries, adding
// references; a swap-in, an unmapping or an exit drops one; the slot is free again when none is
// left (Linux's swap_map counts the same way).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ks {

class SwapSlots {
 public:
  explicit SwapSlots(std::uint32_t slots);

  // A free slot, now held once; nullopt when the swap area is full.
  std::optional<std::uint32_t> allocate();
  // One more page table holds SLOT (in use).
  void share(std::uint32_t slot);
  // One page table no longer holds SLOT; it is free when none does.
  void release(std::uint32_t slot);

  std::uint32_t refs(std::uint32_t slot) const;
  std::uint32_t size() const { return static_cast<std::uint32_t>(refs_.size()); }
  std::uint32_t in_use() const { return in_use_; }
  std::uint32_t peak_in_use() const { return peak_in_use_; }

 private:
  std::vector<std::uint32_t> refs_;
  std::vector<std::uint32_t> free_;  // a stack, the lowest slot on top
  std::uint32_t in_use_ = 0;
  std::uint32_t peak_in_use_ = 0;
};

}  // namespace ks
