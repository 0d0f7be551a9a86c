// kernel/mm/replace/enhanced_clock.cpp — the clock with the dirty bit: four classes of page.
//
// Evicting a dirty page costs a write to swap before the frame can be reused; evicting a clean
// one costs nothing. The enhanced clock (Silberschatz 10.4.5.3; the Macintosh's virtual memory
// used it) reads both hardware bits, accessed (A) and dirty (D), and ranks each page in one of
// four classes, best victim first:
//   (A=0, D=0)  neither recently used nor modified: the best page to replace
//   (A=0, D=1)  not recently used but modified: must be written out first
//   (A=1, D=0)  recently used but clean: probably used again soon
//   (A=1, D=1)  recently used and modified: the worst choice
// The hand sweeps as follows, starting where it stopped last time:
//   1. one turn looking for (0,0), changing nothing; the first found is the victim;
//   2. else one turn looking for (0,1), clearing the A bit of every page it passes; the first
//      found is the victim;
//   3. else every A bit is now clear: back to step 1, which must now find a page.
// The hand stops just past the victim. D is never cleared here: only writing the page back
// cleans it (in the paging exercise nothing is written back, so a written page stays dirty until
// it leaves). Frames that are not eligible (local replacement) are passed over untouched.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class EnhancedClockReplacement final : public ReplacementPolicy {
 public:
  explicit EnhancedClockReplacement(const ReplacementContext& context)
      : bits_(*context.bits), frames_(context.frames) {}
  std::string_view name() const override { return "enhanced-clock"; }
  void inserted(Slot /*slot*/, PageKey /*page*/, std::uint64_t /*t*/) override {}
  void removed(Slot /*slot*/) override {}
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    for (int round = 0; round < 2; ++round) {
      if (const Slot victim = sweep(eligible, /*want_dirty=*/false); victim != SlotList::kNone) return victim;
      if (const Slot victim = sweep(eligible, /*want_dirty=*/true); victim != SlotList::kNone) return victim;
    }
    KS_ASSERT(false, "choose_victim is called with an eligible frame");
    return 0;
  }
  ReplacementView view() const override {
    ReplacementView view;
    view.has_hand = true;
    view.hand = hand_;
    return view;
  }

 private:
  // One turn of the hand looking for a page with A clear and D equal to WANT_DIRTY; the turn
  // that looks for dirty pages clears the A bits it passes. The victim, or kNone.
  Slot sweep(const Eligible& eligible, bool want_dirty) {
    for (std::uint32_t looks = 0; looks < frames_; ++looks) {
      const Slot slot = hand_;
      hand_ = hand_ + 1 == frames_ ? 0 : hand_ + 1;
      if (!eligible(slot)) continue;
      if (!bits_.accessed(slot) && bits_.dirty(slot) == want_dirty) return slot;
      if (want_dirty) bits_.clear_accessed(slot);
    }
    return SlotList::kNone;
  }

  ReferenceBits& bits_;
  std::uint32_t frames_;
  Slot hand_ = 0;
};

}  // namespace

// registry: replacement 40
ReplacementInfo enhanced_clock_replacement() {
  return {"enhanced-clock",
          "clock over the accessed and dirty bits: an unused clean page first, then an unused dirty one",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<EnhancedClockReplacement>(context);
          }};
}

}  // namespace ks
