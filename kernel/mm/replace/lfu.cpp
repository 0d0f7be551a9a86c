// kernel/mm/replace/lfu.cpp — Least Frequently Used.
//
// Each frame counts the references to its page since the page came in (the reference that
// brought it in is the first); the page with the smallest count leaves, on the argument that a
// page used often is a page worth keeping. Its weakness is the past it never forgets: a page used
// heavily once and then never again keeps its high count and its frame, while pages of the new
// working set, each with a small count, push each other out (Silberschatz 10.4.6). Counting every
// reference is what hardware cannot do, so lfu asks for every reference. Ties (equal counts)
// go to the lowest slot.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class LfuReplacement final : public ReplacementPolicy {
 public:
  explicit LfuReplacement(std::uint32_t frames) : counts_(frames, 0) {}
  std::string_view name() const override { return "lfu"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override { counts_[slot] = 1; }
  void referenced(Slot slot, bool /*write*/, std::uint64_t /*t*/) override { ++counts_[slot]; }
  void removed(Slot slot) override { counts_[slot] = 0; }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    Slot victim = SlotList::kNone;
    for (Slot slot = 0; slot < counts_.size(); ++slot) {
      if (eligible(slot) && (victim == SlotList::kNone || counts_[slot] < counts_[victim])) victim = slot;
    }
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    return victim;
  }
  bool wants_every_reference() const override { return true; }
  ReplacementView view() const override {
    ReplacementView view;
    view.per_slot.emplace_back("references", std::vector<std::int64_t>(counts_.begin(), counts_.end()));
    return view;
  }

 private:
  std::vector<std::uint64_t> counts_;
};

}  // namespace

// registry: replacement 80
ReplacementInfo lfu_replacement() {
  return {"lfu",
          "least frequently used: the page with the fewest references since it came in leaves",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<LfuReplacement>(context.frames);
          }};
}

}  // namespace ks
