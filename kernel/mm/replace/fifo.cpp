// kernel/mm/replace/fifo.cpp — First In, First Out.
//
// The page that has been in memory longest leaves first, whatever its use: the frames form a
// queue, a new page joins at the tail and the victim is taken from the head. FIFO needs no help
// from the hardware and is cheap, but it evicts a page in constant use as readily as one never
// touched again, and it is not a stack algorithm: more frames can mean more faults (Belady's
// anomaly: on 1,2,3,4,1,2,5,1,2,3,4,5 it faults 9 times with 3 frames and 10 times with 4;
// OSTEP 22.5, Silberschatz 10.4.2). Under local replacement the victim is the oldest of the
// eligible frames.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class FifoReplacement final : public ReplacementPolicy {
 public:
  explicit FifoReplacement(std::uint32_t frames) : queue_(frames) {}
  std::string_view name() const override { return "fifo"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override { queue_.push_back(slot); }
  void removed(Slot slot) override { queue_.remove(slot); }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    const Slot victim = queue_.first(eligible);
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    queue_.remove(victim);
    return victim;
  }
  ReplacementView view() const override {
    ReplacementView view;
    view.order_name = "queue, oldest first";
    view.order = queue_.order();
    return view;
  }

 private:
  SlotList queue_;
};

}  // namespace

// registry: replacement 10
ReplacementInfo fifo_replacement() {
  return {"fifo",
          "first in, first out: the page that came in longest ago leaves",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<FifoReplacement>(context.frames);
          }};
}

}  // namespace ks
