// kernel/mm/replace/aging.cpp — aging: LRU approximated by N-bit reference counters.
//
// Hardware sets a page's accessed (A) bit; it does not say when. Aging samples the bits at a
// regular interval (every `interval` references here; a clock interrupt in a real kernel) and
// keeps for each frame a counter of `bits` bits that records its recent history, newest first:
// at each sample the counter shifts right by one and the A bit enters at the top, then A is
// cleared. A page used in the last interval thus outranks every page that was not, a page used
// two intervals ago outranks one used three ago, and so on, while history older than `bits`
// intervals is forgotten (Tanenbaum, Modern Operating Systems, 3.4.7). The victim is the page
// with the smallest counter.
//
// Two details the textbook leaves open, fixed here: the A bit of the current, unfinished
// interval counts as the newest bit, above the counter (so a page just loaded, whose counter is
// still 0, is not the next victim because of it); and ties (equal histories, which coarse
// sampling makes common) go to the lowest slot. With a short interval and many bits aging comes
// close to LRU; with interval 1 and enough bits it orders pages as exact LRU does, as long as no
// two pages have the same history.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class AgingReplacement final : public ReplacementPolicy {
 public:
  AgingReplacement(const ReplacementContext& context, std::uint32_t bits, std::uint64_t interval)
      : bits_(*context.bits), counters_(context.frames, 0), width_(bits), interval_(interval) {}
  std::string_view name() const override { return "aging"; }
  void inserted(Slot slot, PageKey /*page*/, std::uint64_t /*t*/) override { counters_[slot] = 0; }
  void removed(Slot slot) override { counters_[slot] = 0; }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    Slot victim = SlotList::kNone;
    std::uint64_t lowest = UINT64_MAX;
    for (Slot slot = 0; slot < counters_.size(); ++slot) {
      if (!eligible(slot)) continue;
      const std::uint64_t rank = (std::uint64_t{bits_.accessed(slot)} << width_) | counters_[slot];
      if (rank < lowest) {
        lowest = rank;
        victim = slot;
      }
    }
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    return victim;
  }
  void tick(std::uint64_t /*t*/) override {
    for (Slot slot = 0; slot < counters_.size(); ++slot) {
      counters_[slot] = (counters_[slot] >> 1) | (std::uint64_t{bits_.accessed(slot)} << (width_ - 1));
      bits_.clear_accessed(slot);
    }
  }
  std::uint64_t tick_interval() const override { return interval_; }
  ReplacementView view() const override {
    ReplacementView view;
    std::vector<std::int64_t> counters(counters_.begin(), counters_.end());
    view.per_slot.emplace_back("counter", std::move(counters));
    view.values = {{"bits", width_}, {"interval", static_cast<std::int64_t>(interval_)}};
    return view;
  }

 private:
  ReferenceBits& bits_;
  std::vector<std::uint64_t> counters_;
  std::uint32_t width_;
  std::uint64_t interval_;
};

}  // namespace

// registry: replacement 60
ReplacementInfo aging_replacement() {
  return {"aging",
          "N-bit counters: every interval each shifts right and takes the accessed bit at the top; lowest leaves",
          {{"bits", ParamType::Integer, "8", "bits of history per frame", 1, 32},
           {"interval", ParamType::Integer, "4", "references between samples of the accessed bits", 1, kMaxParamTicks}},
          [](const PolicyParams& params, const ReplacementContext& context) {
            return std::make_unique<AgingReplacement>(context, static_cast<std::uint32_t>(params.integer("bits")),
                                                      static_cast<std::uint64_t>(params.integer("interval")));
          }};
}

}  // namespace ks
