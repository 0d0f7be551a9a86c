// kernel/mm/replace/second_chance.cpp — FIFO that gives a used page a second chance.
//
// The frames are a FIFO queue, as in fifo, but the page at the head is looked at before it is
// evicted: if its accessed (A) bit is set, the page was used since it was last looked at, so the
// bit is cleared and the page goes to the tail as if it had just come in; the next page is
// looked at. The first page found with A clear leaves. If every page was used, the first one
// comes round again with its bit now clear: second chance then degenerates to FIFO. A newly
// loaded page has A set, since the reference that faulted uses it.
//
// This is the clock algorithm with the queue written out (the hand's sweep is the head moving
// down the queue): `clock` keeps the frames in place and moves a hand instead, and the two
// always choose the same victims (a property test holds them to it). Frames that are not
// eligible (local replacement) are passed over and stay where they are.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class SecondChanceReplacement final : public ReplacementPolicy {
 public:
  explicit SecondChanceReplacement(const ReplacementContext& context) : bits_(*context.bits), queue_(context.frames) {}
  std::string_view name() const override { return "second-chance"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override { queue_.push_back(slot); }
  void removed(Slot slot) override { queue_.remove(slot); }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    // The looks go round the queue (after the tail, the head again); a page sent to the tail is
    // looked at once more after all the others, so two rounds always find a page with A clear.
    Slot slot = queue_.head();
    for (std::uint64_t looks = 0; looks < 2ULL * queue_.size(); ++looks) {
      const Slot ahead = queue_.next(slot);
      if (eligible(slot)) {
        if (!bits_.accessed(slot)) {
          queue_.remove(slot);
          return slot;
        }
        bits_.clear_accessed(slot);
        queue_.move_to_back(slot);
      }
      slot = ahead != SlotList::kNone ? ahead : queue_.head();
    }
    KS_ASSERT(false, "choose_victim is called with an eligible frame");
    return 0;
  }
  ReplacementView view() const override {
    ReplacementView view;
    view.order_name = "queue, next looked at first";
    view.order = queue_.order();
    return view;
  }

 private:
  ReferenceBits& bits_;
  SlotList queue_;
};

}  // namespace

// registry: replacement 20
ReplacementInfo second_chance_replacement() {
  return {"second-chance",
          "FIFO, but a page whose accessed bit is set has it cleared and goes to the back of the queue",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<SecondChanceReplacement>(context);
          }};
}

}  // namespace ks
