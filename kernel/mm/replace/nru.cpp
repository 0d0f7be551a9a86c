// kernel/mm/replace/nru.cpp — Not Recently Used.
//
// The hardware's accessed (A) and dirty (D) bits put every page in one of four classes:
//   class 0: not referenced, not modified      class 2: referenced, not modified
//   class 1: not referenced, modified          class 3: referenced, modified
// Every `interval` references (a clock interrupt in a real kernel) all A bits are cleared, so
// "referenced" means "since the last clearing". The victim comes from the lowest class that is
// not empty: better to evict a modified page that was not used lately than a clean page in use
// (class 1 can exist only because clearing A leaves D alone). Tanenbaum (Modern Operating
// Systems, 3.4.2) picks at random within the class; kernsim takes the lowest slot, so runs are
// reproducible. NRU is crude but cheap: one pass over the frames, two bits each.
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class NruReplacement final : public ReplacementPolicy {
 public:
  NruReplacement(const ReplacementContext& context, std::uint64_t interval)
      : bits_(*context.bits), frames_(context.frames), interval_(interval) {}
  std::string_view name() const override { return "nru"; }
  void inserted(Slot /*slot*/, PageKey /*page*/, std::uint64_t /*t*/) override {}
  void removed(Slot /*slot*/) override {}
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    Slot victim = SlotList::kNone;
    int lowest = 4;
    for (Slot slot = 0; slot < frames_ && lowest > 0; ++slot) {
      if (!eligible(slot)) continue;
      if (const int rank = page_class(slot); rank < lowest) {
        lowest = rank;
        victim = slot;
      }
    }
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    return victim;
  }
  void tick(std::uint64_t /*t*/) override {
    for (Slot slot = 0; slot < frames_; ++slot) bits_.clear_accessed(slot);
  }
  std::uint64_t tick_interval() const override { return interval_; }
  ReplacementView view() const override {
    ReplacementView view;
    std::vector<std::int64_t> classes;
    for (Slot slot = 0; slot < frames_; ++slot) classes.push_back(page_class(slot));
    view.per_slot.emplace_back("class", std::move(classes));
    view.values = {{"interval", static_cast<std::int64_t>(interval_)}};
    return view;
  }

 private:
  int page_class(Slot slot) const { return (bits_.accessed(slot) ? 2 : 0) + (bits_.dirty(slot) ? 1 : 0); }

  ReferenceBits& bits_;
  std::uint32_t frames_;
  std::uint64_t interval_;
};

}  // namespace

// registry: replacement 70
ReplacementInfo nru_replacement() {
  return {
      "nru",
      "not recently used: the lowest of the four accessed/dirty classes leaves; accessed bits cleared every interval",
      {{"interval", ParamType::Integer, "8", "references between clearings of the accessed bits", 1, kMaxParamTicks}},
      [](const PolicyParams& params, const ReplacementContext& context) {
        return std::make_unique<NruReplacement>(context, static_cast<std::uint64_t>(params.integer("interval")));
      }};
}

}  // namespace ks
