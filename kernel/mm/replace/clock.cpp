// kernel/mm/replace/clock.cpp — the clock algorithm.
//
// Picture the frames on a clock face with one hand pointing at a frame. When a victim is needed
// the hand looks at the frame it points to: if the page's accessed (A) bit is set, the page was
// used since the hand last passed, so the bit is cleared (the page is spared this time) and the
// hand moves on; the first page with A clear is the victim, and the hand stops just past it.
// A page comes into the victim's frame with A set (the reference that faulted uses it). If every
// page was used, the hand clears every bit in one turn and takes the frame it started at: clock
// then behaves as FIFO. Nothing moves but the hand, which is why real kernels use it: it needs
// one bit the hardware sets for free, and no work at all on a hit (OSTEP 22.8, Silberschatz
// 10.4.5.2). It chooses exactly the victims of `second-chance`, which writes the same sweep as a
// queue. Frames that are not eligible (local replacement) are passed over, their bits left alone.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class ClockReplacement final : public ReplacementPolicy {
 public:
  explicit ClockReplacement(const ReplacementContext& context) : bits_(*context.bits), frames_(context.frames) {}
  std::string_view name() const override { return "clock"; }
  void inserted(Slot /*slot*/, PageKey /*page*/, std::uint64_t /*t*/) override {}
  void removed(Slot /*slot*/) override {}
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    // Two turns of the hand always find a page with A clear: the first clears every bit it sees.
    for (std::uint64_t looks = 0; looks < 2ULL * frames_; ++looks) {
      const Slot slot = hand_;
      hand_ = hand_ + 1 == frames_ ? 0 : hand_ + 1;
      if (!eligible(slot)) continue;
      if (!bits_.accessed(slot)) return slot;
      bits_.clear_accessed(slot);
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
  ReferenceBits& bits_;
  std::uint32_t frames_;
  Slot hand_ = 0;
};

}  // namespace

// registry: replacement 30
ReplacementInfo clock_replacement() {
  return {"clock",
          "a hand sweeps the frames, clearing accessed bits, and takes the first page whose bit is clear",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<ClockReplacement>(context);
          }};
}

}  // namespace ks
