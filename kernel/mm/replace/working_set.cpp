// kernel/mm/replace/working_set.cpp — the working set (Denning, 1968), over a fixed pool.
//
// A process's working set W(t, tau) is the set of pages it referenced in its last `tau`
// references: the pages it is using now. Denning's policy keeps exactly the working set
// resident: a page leaves when it falls out of the window, and the process is given as many
// frames as its working set has pages; when the working sets of all processes do not fit, a
// process is swapped out rather than letting every process thrash. The policy thus decides how
// many frames a process gets, not only which page leaves.
//
// With a fixed number of frames (the paging exercise, or a kernel whose resident limit is fixed)
// there is no frame to give or take back, so ws behaves as follows. It sees every reference and
// keeps each frame's time of last use. On a fault with memory full, a hand sweeps the frames from
// where it last stopped (as WSClock's does) and takes the first page outside the window, that is
// not referenced in the last tau references; if every page is inside the window (the working set
// is larger than memory: the process is thrashing), the least recently used page leaves (the
// lowest slot on a tie). The view shows the working set's size now: the frames ws would want.
#include <algorithm>

#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class WorkingSetReplacement final : public ReplacementPolicy {
 public:
  WorkingSetReplacement(std::uint32_t frames, std::uint64_t window)
      : frames_(frames), window_(window), last_use_(frames, 0), resident_(frames, false) {}
  std::string_view name() const override { return "ws"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t t) override {
    last_use_[slot] = t;
    resident_[slot] = true;
    now_ = t;
  }
  void referenced(Slot slot, bool /*write*/, std::uint64_t t) override {
    last_use_[slot] = t;
    now_ = t;
  }
  void removed(Slot slot) override { resident_[slot] = false; }
  Slot choose_victim(const Eligible& eligible, std::uint64_t t) override {
    now_ = t;
    for (std::uint32_t looks = 0; looks < frames_; ++looks) {
      const Slot slot = hand_;
      hand_ = hand_ + 1 == frames_ ? 0 : hand_ + 1;
      if (eligible(slot) && !in_window(slot, t)) return leave(slot);
    }
    Slot victim = SlotList::kNone;
    for (Slot slot = 0; slot < frames_; ++slot) {
      if (eligible(slot) && (victim == SlotList::kNone || last_use_[slot] < last_use_[victim])) victim = slot;
    }
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    hand_ = victim + 1 == frames_ ? 0 : victim + 1;
    return leave(victim);
  }
  bool wants_every_reference() const override { return true; }
  ReplacementView view() const override {
    ReplacementView view;
    view.has_hand = true;
    view.hand = hand_;
    std::int64_t size = 0;
    for (Slot slot = 0; slot < frames_; ++slot) size += resident_[slot] && in_window(slot, now_ + 1) ? 1 : 0;
    view.per_slot.emplace_back("last use", std::vector<std::int64_t>(last_use_.begin(), last_use_.end()));
    view.values = {{"window", static_cast<std::int64_t>(window_)}, {"working set", size}};
    return view;
  }

 private:
  // Whether SLOT's page was referenced in the TAU references before the one at position T.
  bool in_window(Slot slot, std::uint64_t t) const { return last_use_[slot] + window_ >= t; }

  Slot leave(Slot slot) {
    resident_[slot] = false;
    return slot;
  }

  std::uint32_t frames_;
  std::uint64_t window_;
  std::vector<std::uint64_t> last_use_;  // by slot: the position of its page's last reference
  std::vector<bool> resident_;
  Slot hand_ = 0;
  std::uint64_t now_ = 0;
};

}  // namespace

// registry: replacement 120
ReplacementInfo working_set_replacement() {
  return {"ws",
          "working set: a page not referenced in the last tau references leaves first, else the least recent",
          {{"tau", ParamType::Integer, "8", "the window: how many of the latest references make the working set", 1,
            kMaxParamTicks}},
          [](const PolicyParams& params, const ReplacementContext& context) {
            return std::make_unique<WorkingSetReplacement>(context.frames,
                                                           static_cast<std::uint64_t>(params.integer("tau")));
          }};
}

}  // namespace ks
