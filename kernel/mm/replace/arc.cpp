// kernel/mm/replace/arc.cpp — ARC, the Adaptive Replacement Cache (Megiddo and Modha, FAST 2003).
//
// LRU keeps what was used recently; LFU keeps what was used often. ARC keeps both kinds and lets
// the reference string decide, miss by miss, how much room each kind gets. With c frames:
//   T1  resident pages seen once since they came in (recency), most recent at the front
//   T2  resident pages seen at least twice (frequency), most recent at the front
//   B1  ghosts: the pages most recently evicted from T1, only their names, no frame
//   B2  ghosts: the pages most recently evicted from T2
//   p   the target size of T1, 0 .. c; T2's target is c - p
// |T1| + |T2| <= c (the frames); |T1| + |B1| <= c and |T1| + |T2| + |B1| + |B2| <= 2c (the
// directory remembers c evicted names besides the c resident pages).
//
// A hit in T1 or T2 moves the page to the front of T2. A miss on a page remembered in B1 says that
// T1 was too small (the page would still be resident had T1 been larger): p grows by
// max(1, |B2| / |B1|), and the page comes back into T2, since it has now been seen twice. A miss
// on a page in B2 says the same of T2: p shrinks by max(1, |B1| / |B2|). A page seen for the first
// time enters T1. The victim is T1's least recent page when T1 is over its target (|T1| > p), else
// T2's; the victim's name goes to the front of B1 or B2, and the oldest ghosts are forgotten to keep
// the bounds above.
//
// Why this resists a scan: a one-time scan of many pages enters T1 and, while p is small, is also
// evicted from T1, page after page; the pages used twice sit in T2 and stay. A scan that repeats
// within the directory's memory hits in B1 and moves p towards a larger T1, so ARC turns into LRU
// when that is what the string rewards.
//
// ARC is a cache algorithm: it learns of every hit (wants_every_reference), as a buffer cache or a
// database does, not from the accessed bits as the clock-like policies here must (CAR, "Clock with
// Adaptive Replacement", is ARC's approximation by accessed bits).
//
// What differs from the paper, and why: the paper adapts p on a ghost hit *before* it chooses the
// victim, and breaks the tie |T1| == p towards T1 when the missing page is in B2. This interface
// asks for the victim (choose_victim) before it names the page that comes in (inserted), so here p
// is adapted when the page is inserted, one victim later, and the tie goes to T2. The bounds and
// the lists are exactly the paper's; p moves by whole pages (integer division). Ties between
// frames cannot arise (every list is ordered); with a filter on the eligible frames (local
// replacement), the victim is the eligible page nearest the back of the list the rule chooses, else
// of the other list.
#include <algorithm>
#include <list>
#include <memory>
#include <unordered_map>

#include "kernel/mm/replace/multi_slot_list.h"

namespace ks {
namespace {

std::uint64_t page_id(PageKey page) { return (std::uint64_t{page.space} << 32) | page.vpn; }

// Evicted pages' names, most recent at the front, found by name in O(1).
class GhostList {
 public:
  bool contains(std::uint64_t page) const { return where_.count(page) != 0; }
  void push_front(std::uint64_t page) {
    order_.push_front(page);
    where_[page] = order_.begin();
  }
  void erase(std::uint64_t page) {
    const auto found = where_.find(page);
    order_.erase(found->second);
    where_.erase(found);
  }
  void pop_back() {
    where_.erase(order_.back());
    order_.pop_back();
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(order_.size()); }

 private:
  std::list<std::uint64_t> order_;
  std::unordered_map<std::uint64_t, std::list<std::uint64_t>::iterator> where_;
};

class ArcPolicy final : public ReplacementPolicy {
 public:
  explicit ArcPolicy(std::uint32_t frames) : frames_(frames), lists_(frames, 2), pages_(frames) {}

  std::string_view name() const override { return "arc"; }
  bool wants_every_reference() const override { return true; }

  void inserted(Slot slot, PageKey page, std::uint64_t /*t*/) override {
    lists_.erase(slot);  // the caller reused a frame without asking (defensive: forget its page)
    const std::uint64_t id = page_id(page);
    pages_[slot] = id;
    const std::uint32_t b1 = b1_.size();
    const std::uint32_t b2 = b2_.size();
    if (b1_.contains(id)) {
      target_t1_ = std::min<std::uint64_t>(frames_, target_t1_ + std::max<std::uint32_t>(1, b2 / b1));
      b1_.erase(id);
      lists_.push_front(kT2, slot);
    } else if (b2_.contains(id)) {
      const std::uint64_t step = std::max<std::uint32_t>(1, b1 / b2);
      target_t1_ = target_t1_ > step ? target_t1_ - step : 0;
      b2_.erase(id);
      lists_.push_front(kT2, slot);
    } else {
      lists_.push_front(kT1, slot);
      while (lists_.size(kT1) + b1_.size() > frames_ && b1_.size() > 0) b1_.pop_back();
    }
    while (lists_.size(kT1) + lists_.size(kT2) + b1_.size() + b2_.size() > 2 * frames_ && b2_.size() > 0) {
      b2_.pop_back();
    }
  }

  void referenced(Slot slot, bool /*write*/, std::uint64_t /*t*/) override {
    if (lists_.listed(slot)) lists_.move_to_front(kT2, slot);
  }

  void removed(Slot slot) override { lists_.erase(slot); }

  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    const std::uint32_t t1 = lists_.size(kT1);
    const std::uint32_t first = (t1 > 0 && t1 > target_t1_) || lists_.size(kT2) == 0 ? kT1 : kT2;
    Slot victim = oldest_eligible(first, eligible);
    if (victim == MultiSlotList::kNone) victim = oldest_eligible(first == kT1 ? kT2 : kT1, eligible);
    KS_ASSERT(victim != MultiSlotList::kNone, "choose_victim is called with a full pool and an eligible frame");
    (lists_.list_of(victim) == kT1 ? b1_ : b2_).push_front(pages_[victim]);
    lists_.erase(victim);
    return victim;
  }

  ReplacementView view() const override {
    ReplacementView view;
    view.order_name = "T1 least recent first, then T2 least recent first";
    lists_.append_from_back(kT1, view.order);
    lists_.append_from_back(kT2, view.order);
    std::vector<std::int64_t> list(frames_, 0);
    for (Slot slot = 0; slot < frames_; ++slot) {
      if (lists_.listed(slot)) list[slot] = lists_.list_of(slot) == kT1 ? 1 : 2;
    }
    view.per_slot.emplace_back("list (1 = T1, 2 = T2)", std::move(list));
    view.values = {{"p", static_cast<std::int64_t>(target_t1_)},
                   {"T1", lists_.size(kT1)},
                   {"T2", lists_.size(kT2)},
                   {"B1", b1_.size()},
                   {"B2", b2_.size()}};
    return view;
  }

 private:
  static constexpr std::uint32_t kT1 = 0;
  static constexpr std::uint32_t kT2 = 1;

  Slot oldest_eligible(std::uint32_t list, const Eligible& eligible) const {
    for (Slot slot = lists_.back(list); slot != MultiSlotList::kNone; slot = lists_.newer(slot)) {
      if (eligible(slot)) return slot;
    }
    return MultiSlotList::kNone;
  }

  std::uint32_t frames_;
  MultiSlotList lists_;               // T1 and T2
  std::vector<std::uint64_t> pages_;  // the page in each frame
  GhostList b1_;
  GhostList b2_;
  std::uint64_t target_t1_ = 0;  // p
};

}  // namespace

// registry: replacement 200
ReplacementInfo arc_replacement() {
  return {"arc",
          "adaptive replacement cache: recency list T1 and frequency list T2, sized by ghost hits",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<ArcPolicy>(context.frames);
          }};
}

}  // namespace ks
