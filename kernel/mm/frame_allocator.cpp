#include "kernel/mm/frame_allocator.h"

#include "sim-core/error.h"

namespace ks {

FrameAllocator::FrameAllocator(std::uint32_t first, std::uint32_t count) : in_use_(count, false), first_(first) {
  free_.reserve(count);
  for (std::uint32_t i = count; i > 0; --i) free_.push_back(first + i - 1);
}

std::optional<std::uint32_t> FrameAllocator::allocate() {
  if (free_.empty()) return std::nullopt;
  const std::uint32_t frame = free_.back();
  free_.pop_back();
  in_use_[frame - first_] = true;
  return frame;
}

void FrameAllocator::free(std::uint32_t frame) {
  KS_ASSERT(frame >= first_ && frame - first_ < in_use_.size() && in_use_[frame - first_], "only allocated frames are freed");
  in_use_[frame - first_] = false;
  free_.push_back(frame);
}

}  // namespace ks
