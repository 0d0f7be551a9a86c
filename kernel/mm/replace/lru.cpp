// kernel/mm/replace/lru.cpp — exact Least Recently Used.
//
// The page whose last use lies furthest in the past leaves: the past is taken as a guide to the
// future (a page not used for a long time is probably not needed soon), which is what locality
// promises. LRU is a stack algorithm: the pages it keeps with N frames are always among those it
// keeps with N + 1, so more frames never mean more faults (no Belady's anomaly).
//
// Exactness needs every reference: the frames are kept in order of last use, and each hit moves
// its page to the most-recent end. Real hardware does not tell the kernel of each reference (it
// sets an accessed bit at most), which is why kernels approximate LRU (clock, aging, lru-2list,
// mglru); the simulator can afford the real thing, so lru asks for every reference
// (wants_every_reference) and is the yardstick the approximations are measured against.
// Under local replacement the victim is the least recently used of the eligible frames.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class LruReplacement final : public ReplacementPolicy {
 public:
  explicit LruReplacement(std::uint32_t frames) : recency_(frames) {}
  std::string_view name() const override { return "lru"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override { recency_.push_back(slot); }
  void referenced(Slot slot, bool /*write*/, std::uint64_t /*t*/) override { recency_.move_to_back(slot); }
  void removed(Slot slot) override { recency_.remove(slot); }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    const Slot victim = recency_.first(eligible);
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    recency_.remove(victim);
    return victim;
  }
  bool wants_every_reference() const override { return true; }
  ReplacementView view() const override {
    ReplacementView view;
    view.order_name = "least recently used first";
    view.order = recency_.order();
    return view;
  }

 private:
  SlotList recency_;
};

}  // namespace

// registry: replacement 50
ReplacementInfo lru_replacement() {
  return {"lru",
          "least recently used, exactly (sees every reference, which hardware cannot afford)",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<LruReplacement>(context.frames);
          }};
}

}  // namespace ks
