// kernel/mm/replace/mfu.cpp — Most Frequently Used.
//
// The opposite bet to lfu: each frame counts the references to its page since it came in, and
// the page with the largest count leaves, on the argument that a page with a small count was
// probably just brought in and has yet to be used (Silberschatz 10.4.6). Neither counting policy
// approximates OPT well, and a lecture uses the two side by side to show it. mfu asks for every
// reference; ties (equal counts) go to the lowest slot.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class MfuReplacement final : public ReplacementPolicy {
 public:
  explicit MfuReplacement(std::uint32_t frames) : counts_(frames, 0) {}
  std::string_view name() const override { return "mfu"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override { counts_[slot] = 1; }
  void referenced(Slot slot, bool /*write*/, std::uint64_t /*t*/) override { ++counts_[slot]; }
  void removed(Slot slot) override { counts_[slot] = 0; }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    Slot victim = SlotList::kNone;
    for (Slot slot = 0; slot < counts_.size(); ++slot) {
      if (eligible(slot) && (victim == SlotList::kNone || counts_[slot] > counts_[victim])) victim = slot;
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

// registry: replacement 90
ReplacementInfo mfu_replacement() {
  return {"mfu",
          "most frequently used: the page with the most references since it came in leaves",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<MfuReplacement>(context.frames);
          }};
}

}  // namespace ks
