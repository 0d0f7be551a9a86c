// Local replacement and pinned frames: every policy chooses its victim among the eligible frames
// only (kernel/mm/replacement.h, Eligible), whatever its own order says, and keeps working after.
#include <gtest/gtest.h>

#include "tests/kernel/mm/replace/replace_harness.h"

namespace ks {
namespace {

class VectorBits final : public ReferenceBits {
 public:
  explicit VectorBits(std::uint32_t frames) : accessed_(frames, true), dirty_(frames, false) {}
  bool accessed(Slot slot) const override { return accessed_[slot]; }
  void clear_accessed(Slot slot) override { accessed_[slot] = false; }
  bool dirty(Slot slot) const override { return dirty_[slot]; }
  std::vector<bool> accessed_, dirty_;
};

TEST(ReplacementEligible, EveryPolicyChoosesOnlyAnEligibleFrame) {
  constexpr std::uint32_t kFrames = 6;
  std::vector<PageKey> future;
  for (std::uint32_t i = 0; i < 64; ++i) future.push_back({0, i % 9});
  const std::vector<std::vector<bool>> masks = {{false, false, false, false, true, false},
                                                {false, true, false, true, false, false},
                                                {true, false, false, false, false, false},
                                                {false, false, false, false, false, true},
                                                {false, true, true, false, false, true}};
  for (const ReplacementInfo& info : replacement_registry().entries()) {
    VectorBits bits(kFrames);
    const std::unique_ptr<ReplacementPolicy> policy =
        info.make(default_params(info.params), ReplacementContext{kFrames, &bits, 3, &future});
    std::uint64_t t = 0;
    for (Slot slot = 0; slot < kFrames; ++slot, ++t) policy->inserted(slot, future[t], t);
    for (int round = 0; round < 4; ++round) {
      for (const std::vector<bool>& mask : masks) {
        bits.dirty_[t % kFrames] = true;
        const Slot victim = policy->choose_victim(Eligible(&mask), t);
        ASSERT_LT(victim, kFrames) << info.name;
        EXPECT_TRUE(mask[victim]) << info.name << " chose frame " << victim << " at t " << t;
        bits.accessed_[victim] = true;
        policy->inserted(victim, future[t], t);
        ++t;
      }
    }
  }
}

}  // namespace
}  // namespace ks
