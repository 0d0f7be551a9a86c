// kernel/mm/frame_allocator.h — which physical frames are free.
//
// The kernel hands out the machine's 4 KiB frames to page tables and user pages. Free frames
// are kept on a stack, lowest numbers handed out first, so allocation order (and therefore
// every physical address in a trace) is the same on every run.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ks {

class FrameAllocator {
 public:
  // Manages frames FIRST .. FIRST + COUNT - 1.
  FrameAllocator(std::uint32_t first, std::uint32_t count);
  // A free frame, or nullopt when memory is full.
  std::optional<std::uint32_t> allocate();
  // Returns FRAME, which must have come from allocate().
  void free(std::uint32_t frame);
  std::size_t free_count() const { return free_.size(); }

 private:
  std::vector<std::uint32_t> free_;
  std::vector<bool> in_use_;
  std::uint32_t first_;
};

}  // namespace ks
