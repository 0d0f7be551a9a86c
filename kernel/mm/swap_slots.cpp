// The swap slots (design: swap_slots.h): a stack of free slots, lowest on top, and a count of
// the page tables holding each slot in use.
#include "kernel/mm/swap_slots.h"

#include <algorithm>

#include "sim-core/error.h"

namespace ks {

SwapSlots::SwapSlots(std::uint32_t slots) : refs_(slots) {
  free_.reserve(slots);
  for (std::uint32_t slot = slots; slot > 0; --slot) free_.push_back(slot - 1);
}

std::optional<std::uint32_t> SwapSlots::allocate() {
  if (free_.empty()) return std::nullopt;
  const std::uint32_t slot = free_.back();
  free_.pop_back();
  refs_[slot] = 1;
  peak_in_use_ = std::max(peak_in_use_, ++in_use_);
  return slot;
}

void SwapSlots::share(std::uint32_t slot) {
  KS_ASSERT(slot < refs_.size() && refs_[slot] > 0, "only a slot in use is shared");
  ++refs_[slot];
}

void SwapSlots::release(std::uint32_t slot) {
  KS_ASSERT(slot < refs_.size() && refs_[slot] > 0, "only a slot in use is released");
  if (--refs_[slot] > 0) return;
  --in_use_;
  // Keep the stack's lowest slot on top: a freed slot goes where its number says.
  const auto at = std::upper_bound(free_.begin(), free_.end(), slot, std::greater<>());
  free_.insert(at, slot);
}

std::uint32_t SwapSlots::refs(std::uint32_t slot) const {
  KS_ASSERT(slot < refs_.size(), "a slot of the swap area is asked about");
  return refs_[slot];
}

}  // namespace ks
