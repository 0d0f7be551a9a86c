// kernel/mm/replace/page_fault_frequency.cpp — page-fault frequency (PFF; Chu and Opderbeck, 1972).
//
// The working set is costly to track exactly; PFF watches the symptom instead, how often the
// process faults. Two thresholds bound an acceptable fault rate (Silberschatz 10.6.3): above
// `upper` faults per 1,000 references the process has too few frames and is given one more;
// below `lower` it has more than it needs and gives back the pages it has not used since its
// previous fault (their accessed bits, cleared at every fault, are still clear); between the two
// its allocation stays as it is. The rate is measured at each fault from the distance to the
// previous one: 1000 / (references between them).
//
// With a fixed number of frames (the paging exercise, or a fixed resident limit) there is no frame
// to give or take, so the thresholds decide only how many frames PFF asks for — the view shows
// it ("wanted frames"), which is what a kernel with a variable allocation would grant — and the
// victim is chosen the way PFF shrinks a resident set: a hand sweeps from where it last stopped
// and takes the first page not referenced since the previous fault (accessed bit clear); if all
// were referenced, the page at the hand leaves. After each fault every accessed bit is cleared,
// so that "since the previous fault" holds at the next one.
#include <string>

#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class PageFaultFrequencyReplacement final : public ReplacementPolicy {
 public:
  PageFaultFrequencyReplacement(const ReplacementContext& context, std::int64_t upper, std::int64_t lower)
      : bits_(*context.bits), frames_(context.frames), upper_(upper), lower_(lower) {}
  std::string_view name() const override { return "pff"; }
  void inserted(Slot /*slot*/, PageKey /*page*/, std::uint64_t t) override {
    // Every page came in through a fault, this one included.
    const std::uint64_t distance = faults_ == 0 ? t + 1 : t - last_fault_;
    rate_ = static_cast<std::int64_t>(1000 / (distance == 0 ? 1 : distance));
    std::int64_t used = 1;  // the page that just came in
    for (Slot slot = 0; slot < frames_; ++slot) used += bits_.accessed(slot) ? 1 : 0;
    if (rate_ > upper_) ++wanted_;
    else if (rate_ < lower_) wanted_ = used;
    for (Slot slot = 0; slot < frames_; ++slot) bits_.clear_accessed(slot);
    last_fault_ = t;
    ++faults_;
  }
  void removed(Slot /*slot*/) override {}
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    Slot first_eligible = SlotList::kNone;
    for (std::uint32_t looks = 0; looks < frames_; ++looks) {
      const Slot slot = hand_;
      hand_ = hand_ + 1 == frames_ ? 0 : hand_ + 1;
      if (!eligible(slot)) continue;
      if (!bits_.accessed(slot)) return slot;
      if (first_eligible == SlotList::kNone) first_eligible = slot;
    }
    KS_ASSERT(first_eligible != SlotList::kNone, "choose_victim is called with an eligible frame");
    hand_ = first_eligible + 1 == frames_ ? 0 : first_eligible + 1;
    return first_eligible;
  }
  ReplacementView view() const override {
    ReplacementView view;
    view.has_hand = true;
    view.hand = hand_;
    view.values = {{"upper", upper_}, {"lower", lower_}, {"fault rate", rate_}, {"wanted frames", wanted_}};
    return view;
  }

 private:
  ReferenceBits& bits_;
  std::uint32_t frames_;
  std::int64_t upper_, lower_;
  std::int64_t rate_ = 0;    // faults per 1,000 references, measured at the last fault
  std::int64_t wanted_ = 0;  // the frames PFF would give the process
  std::uint64_t last_fault_ = 0;
  std::uint64_t faults_ = 0;
  Slot hand_ = 0;
};

}  // namespace

// registry: replacement 130
ReplacementInfo page_fault_frequency_replacement() {
  return {"pff",
          "page-fault frequency: frames asked for by fault rate; the victim is a page unused since the last fault",
          {{"upper", ParamType::Integer, "250", "faults per 1000 references above which the process wants a frame more",
            0, 1000},
           {"lower", ParamType::Integer, "50", "faults per 1000 references below which it gives back unused pages", 0,
            1000}},
          [](const PolicyParams& params, const ReplacementContext& context) {
            const std::int64_t upper = params.integer("upper");
            const std::int64_t lower = params.integer("lower");
            if (lower > upper) {
              throw InputError({"", 0, 0, "replacement.lower"},
                               "must not be above upper (" + std::to_string(upper) + "), got " + std::to_string(lower));
            }
            return std::make_unique<PageFaultFrequencyReplacement>(context, upper, lower);
          }};
}

}  // namespace ks
