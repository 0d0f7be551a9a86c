// The frame table (design: frame_table.h): a stack of free frames, lowest first, and for each
// frame in use its owner, virtual address and the number of page tables that map it.
#include "kernel/mm/frame_table.h"

#include "kernel/mm/pager.h"
#include "sim-core/error.h"

namespace ks {

FrameTable::FrameTable(std::uint32_t first, std::uint32_t count) : frames_(count), first_(first) {
  free_.reserve(count);
  for (std::uint32_t i = count; i > 0; --i) free_.push_back(first + i - 1);
}

std::optional<std::uint32_t> FrameTable::allocate(FrameUse use, std::uint32_t owner, std::uint32_t va) {
  KS_ASSERT(use != FrameUse::Free, "a frame is allocated for some use");
  if (free_.empty() && pager_ != nullptr && !pager_->in_fault_task()) pager_->reclaim_now();
  if (free_.empty()) return std::nullopt;
  const std::uint32_t frame = free_.back();
  free_.pop_back();
  frames_[frame - first_] = FrameInfo{use, owner, va, 1};
  if (use == FrameUse::UserPage && ++user_pages_ > peak_user_pages_) peak_user_pages_ = user_pages_;
  if (use == FrameUse::UserPage && pager_ != nullptr) pager_->page_added(frame, owner, va);
  return frame;
}

void FrameTable::share(std::uint32_t frame) {
  KS_ASSERT(frame >= first_ && frame - first_ < frames_.size() && frames_[frame - first_].use == FrameUse::UserPage,
            "only user pages are shared");
  ++frames_[frame - first_].refs;
}

void FrameTable::free(std::uint32_t frame, std::uint32_t owner) {
  KS_ASSERT(frame >= first_ && frame - first_ < frames_.size() && frames_[frame - first_].use != FrameUse::Free,
            "only allocated frames are freed");
  FrameInfo& info = frames_[frame - first_];
  if (--info.refs > 0) {
    if (info.owner == owner) info.owner = 0;  // the others that map it are not recorded by name
    return;
  }
  KS_ASSERT(info.pins == 0, "a pinned frame is not freed");
  const bool user_page = info.use == FrameUse::UserPage;
  if (user_page) --user_pages_;
  info = FrameInfo{};
  free_.push_back(frame);
  if (user_page && pager_ != nullptr) pager_->page_freed(frame);
}

void FrameTable::pin(std::uint32_t frame) {
  KS_ASSERT(frame >= first_ && frame - first_ < frames_.size() && frames_[frame - first_].use != FrameUse::Free,
            "only allocated frames are pinned");
  ++frames_[frame - first_].pins;
}

void FrameTable::unpin(std::uint32_t frame) {
  KS_ASSERT(frame >= first_ && frame - first_ < frames_.size() && frames_[frame - first_].pins > 0,
            "only pinned frames are unpinned");
  --frames_[frame - first_].pins;
}

const FrameInfo& FrameTable::info(std::uint32_t frame) const {
  KS_ASSERT(frame >= first_ && frame - first_ < frames_.size(), "a frame of the table is asked about");
  return frames_[frame - first_];
}

}  // namespace ks
