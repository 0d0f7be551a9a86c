// The replay engine (kernel/mm/replace/replay.h): what each step records, the hardware bits it
// sets, the ticks it gives, and its refusals.
#include "kernel/mm/replace/replay.h"

#include <gtest/gtest.h>

#include "tests/kernel/mm/replace/replace_harness.h"

namespace ks {
namespace {

TEST(Replay, StepsRecordHitVictimAndFrames) {
  const ReplayResult result = test::run_policy("fifo", "1,2,1,3w", 2);
  ASSERT_EQ(result.steps.size(), 4U);
  EXPECT_FALSE(result.steps[0].hit);
  EXPECT_EQ(result.steps[0].slot, 0U);
  EXPECT_EQ(result.steps[0].frames, (std::vector<std::optional<PageKey>>{PageKey{0, 1}, std::nullopt}));
  EXPECT_TRUE(result.steps[2].hit);
  EXPECT_FALSE(result.steps[2].victim.has_value());
  const ReplayStep& last = result.steps[3];
  EXPECT_FALSE(last.hit);
  EXPECT_TRUE(last.write);
  ASSERT_TRUE(last.victim.has_value());
  EXPECT_EQ(last.victim->vpn, 1U);
  EXPECT_FALSE(last.victim_dirty);
  EXPECT_EQ(last.frames, (std::vector<std::optional<PageKey>>{PageKey{0, 3}, PageKey{0, 2}}));
  EXPECT_EQ(result.hits, 1U);
  EXPECT_EQ(result.misses, 3U);
  EXPECT_EQ(result.view.order, (std::vector<Slot>{1, 0}));
}

TEST(Replay, AWriteWhileResidentMakesTheVictimDirty) {
  // 1 is read in, then written on a hit: it leaves dirty. 2 is only read: it leaves clean.
  const ReplayResult result = test::run_policy("fifo", "1,2,1w,3,4", 2);
  EXPECT_EQ(result.dirty_evictions, 1U);
  EXPECT_TRUE(result.steps[3].victim_dirty);
  EXPECT_FALSE(result.steps[4].victim_dirty);
}

TEST(Replay, ANewPageStartsWithItsBitsClear) {
  // 1 is written and leaves; 3 comes into its frame with a read: when 3 leaves it is clean.
  const ReplayResult result = test::run_policy("fifo", "1w,2,3,4,5", 2);
  EXPECT_TRUE(result.steps[2].victim_dirty);   // 1
  EXPECT_FALSE(result.steps[4].victim_dirty);  // 3, in 1's old frame
}

TEST(Replay, OneFrame) {
  const ReplayResult result = test::run_policy("lru", "1,1,2,2,1", 1);
  EXPECT_EQ(result.misses, 3U);
  EXPECT_EQ(test::victims(result), "1,2");
}

TEST(Replay, PagesOfOtherAddressSpacesAndLargeNumbers) {
  ReferenceString refs;
  refs.add({2, 7}, false);
  refs.add({0, 7}, false);
  refs.add({2, 7}, true);
  refs.add({0, 4000000000U}, false);
  const ReplacementInfo& lru = test::replacement("lru");
  const ReplayResult result = replay(lru, default_params(lru.params), refs, 2, {true, 0});
  EXPECT_EQ(result.hits, 1U);
  EXPECT_TRUE(result.steps[2].hit);
  ASSERT_TRUE(result.steps[3].victim.has_value());
  EXPECT_EQ(page_text(*result.steps[3].victim), "7");
  EXPECT_EQ(page_text(PageKey{2, 7}), "2:7");
}

TEST(Replay, ZeroFramesIsRefused) {
  const ReplacementInfo& fifo = test::replacement("fifo");
  EXPECT_THROW(replay(fifo, default_params(fifo.params), parse_reference_list("1", "refs"), 0), InputError);
}

TEST(Replay, AnEmptyStringHasNoFaults) {
  const ReplacementInfo& opt = test::replacement("opt");
  const ReplayResult result = replay(opt, default_params(opt.params), ReferenceString{}, 3);
  EXPECT_EQ(result.hits + result.misses, 0U);
}

}  // namespace
}  // namespace ks
