// kernel/mm/replace/lru_2list.cpp — Linux's two lists: active and inactive (lru-2list).
//
// Before the multi-generational LRU, Linux approximated LRU with two lists of pages, each a queue
// with a head (where pages are put) and a tail (where reclaim looks):
//   inactive  pages not known to be in use: new pages start here, victims come from its tail
//   active    pages used more than once, protected from reclaim while they stay here
// Reclaim never sees individual references, only the hardware's accessed (A) bit of each page,
// which it reads and clears when it looks at the page (page_referenced() in Linux). A page's first
// reference is the access that faulted it in, so, as Linux does for mapped file pages, a page must
// be found referenced twice while inactive before it is promoted: reclaim keeps a software flag
// (Linux's PG_referenced) for "seen referenced once".
//
// Choosing a victim:
//   1. Balance. While the active list is more than RATIO times the inactive one, take the page at
//      active's tail: if its A bit is set, clear it and put the page back at active's head (it had
//      a second chance and used it); if not, deactivate it: it goes to inactive's head, flag
//      cleared. This is how the inactive list is refilled: from active's tail, by clearing A bits.
//   2. Scan inactive from the tail. A page with its A bit clear is the victim. A page with its A bit
//      set has the bit cleared; if its flag was already set (the second reference seen while
//      inactive) it is promoted to active's head, else its flag is set and it goes back to
//      inactive's head, to be looked at once more before it can be evicted.
// A one-time scan therefore passes through the inactive list and out again, and a hot set that
// fits in the active list (up to RATIO / (RATIO + 1) of the frames) is never touched by it.
//
// What differs from Linux, and why: Linux's balance deactivates even a referenced active page
// (only executable file pages keep their place), relying on the inactive list to catch it; here a
// referenced active page gets one more trip round the active list, the classic second chance of
// the 2.4/2.6 kernels, which keeps the lecture's picture (two clocks) simple. Linux also reclaims
// in batches of 32 pages, from several lists per memory zone and cgroup, and promotes an anonymous
// page on its first sighted reference; here one victim is chosen at a time, from one pair of lists,
// and every page follows the two-look rule. The ratio is a parameter; Linux derives it from the
// memory size (1 below 1 GB, about sqrt(10 * GB) above).
//
// Deterministic: the lists are ordered, the walks follow them. With a filter on the eligible frames
// (local replacement) ineligible pages are stepped over; when no eligible inactive page is found
// after two rounds, the victim is the eligible page nearest inactive's tail, else active's tail.
#include <memory>

#include "kernel/mm/replace/multi_slot_list.h"

namespace ks {
namespace {

class TwoListPolicy final : public ReplacementPolicy {
 public:
  TwoListPolicy(const ReplacementContext& context, std::uint32_t ratio)
      : bits_(*context.bits), frames_(context.frames), ratio_(ratio), lists_(frames_, 2), seen_once_(frames_, 0) {}

  std::string_view name() const override { return "lru-2list"; }

  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override {
    lists_.erase(slot);  // the caller reused a frame without asking (defensive)
    seen_once_[slot] = 0;
    lists_.push_front(kInactive, slot);
  }

  void removed(Slot slot) override { lists_.erase(slot); }

  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    for (int round = 0; round < 2; ++round) {
      balance();
      const Slot victim = scan_inactive(eligible);
      if (victim != MultiSlotList::kNone) return evict(victim);
    }
    for (const std::uint32_t list : {kInactive, kActive}) {
      for (Slot slot = lists_.back(list); slot != MultiSlotList::kNone; slot = lists_.newer(slot)) {
        if (eligible(slot)) return evict(slot);
      }
    }
    KS_ASSERT(false, "choose_victim is called with a full pool and an eligible frame");
    return 0;
  }

  ReplacementView view() const override {
    ReplacementView view;
    view.order_name = "inactive from the tail, then active from the tail";
    lists_.append_from_back(kInactive, view.order);
    lists_.append_from_back(kActive, view.order);
    std::vector<std::int64_t> active(frames_, 0);
    std::vector<std::int64_t> seen(frames_, 0);
    for (Slot slot = 0; slot < frames_; ++slot) {
      active[slot] = lists_.listed(slot) && lists_.list_of(slot) == kActive ? 1 : 0;
      seen[slot] = lists_.listed(slot) ? seen_once_[slot] : 0;
    }
    view.per_slot.emplace_back("active", std::move(active));
    view.per_slot.emplace_back("referenced once", std::move(seen));
    view.values = {{"active", lists_.size(kActive)}, {"inactive", lists_.size(kInactive)}, {"ratio", ratio_}};
    return view;
  }

 private:
  static constexpr std::uint32_t kActive = 0;
  static constexpr std::uint32_t kInactive = 1;

  // Step 1 of the header: refill the inactive list from active's tail.
  void balance() {
    while (lists_.size(kActive) > std::uint64_t{ratio_} * lists_.size(kInactive)) {
      const Slot slot = lists_.back(kActive);
      if (bits_.accessed(slot)) {
        bits_.clear_accessed(slot);
        lists_.move_to_front(kActive, slot);
      } else {
        seen_once_[slot] = 0;
        lists_.move_to_front(kInactive, slot);
      }
    }
  }

  // Step 2: the first eligible inactive page, from the tail, whose A bit is clear.
  Slot scan_inactive(const Eligible& eligible) {
    Slot slot = lists_.back(kInactive);
    while (slot != MultiSlotList::kNone) {
      const Slot next = lists_.newer(slot);
      if (eligible(slot)) {
        if (!bits_.accessed(slot)) return slot;
        bits_.clear_accessed(slot);
        if (seen_once_[slot] != 0) {
          seen_once_[slot] = 0;
          lists_.move_to_front(kActive, slot);
        } else {
          seen_once_[slot] = 1;
          lists_.move_to_front(kInactive, slot);  // met again, A clear, before the walk ends
        }
      }
      slot = next;
    }
    return MultiSlotList::kNone;
  }

  Slot evict(Slot slot) {
    lists_.erase(slot);
    return slot;
  }

  ReferenceBits& bits_;
  std::uint32_t frames_;
  std::uint32_t ratio_;
  MultiSlotList lists_;
  std::vector<std::uint8_t> seen_once_;  // Linux's PG_referenced, per frame
};

}  // namespace

// registry: replacement 210
ReplacementInfo lru_2list_replacement() {
  return {"lru-2list",
          "Linux's active and inactive lists, driven by accessed bits (promotion on a second reference)",
          {{"ratio", ParamType::Integer, "1", "the active list may hold up to RATIO pages for each inactive page", 1,
            1024}},
          [](const PolicyParams& params, const ReplacementContext& context) {
            return std::make_unique<TwoListPolicy>(context, static_cast<std::uint32_t>(params.integer("ratio")));
          }};
}

}  // namespace ks
