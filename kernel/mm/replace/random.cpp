// kernel/mm/replace/random.cpp — a victim drawn at random.
//
// Any eligible frame, each as likely as the others. Random replacement knows nothing and keeps
// no state, yet it avoids the worst cases of the clever policies: a loop one page larger than
// memory makes LRU and FIFO miss on every reference, while random keeps some of the loop
// resident (OSTEP 22.6, figure 22.8). The draws come from the run's seeded stream "replacement"
// (sim-core/random.h), so the same seed gives the same victims on every machine.
#include "sim-core/random.h"
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

class RandomReplacement final : public ReplacementPolicy {
 public:
  explicit RandomReplacement(const ReplacementContext& context)
      : frames_(context.frames), random_("replacement", context.seed) {}
  std::string_view name() const override { return "random"; }
  void inserted(Slot /*slot*/, PageKey /*page*/, std::uint64_t /*t*/) override {}
  void removed(Slot /*slot*/) override {}
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    std::uint32_t allowed = 0;
    for (Slot slot = 0; slot < frames_; ++slot) allowed += eligible(slot) ? 1 : 0;
    KS_ASSERT(allowed > 0, "choose_victim is called with an eligible frame");
    // The k-th eligible frame, counting from slot 0.
    auto k = static_cast<std::uint32_t>(random_.uniform(0, allowed - 1));
    for (Slot slot = 0;; ++slot) {
      if (!eligible(slot)) continue;
      if (k == 0) return slot;
      --k;
    }
  }
  ReplacementView view() const override { return {}; }

 private:
  std::uint32_t frames_;
  RandomStream random_;
};

}  // namespace

// registry: replacement 100
ReplacementInfo random_replacement() {
  return {"random",
          "a frame drawn at random from the run's seeded stream",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) {
            return std::make_unique<RandomReplacement>(context);
          }};
}

}  // namespace ks
