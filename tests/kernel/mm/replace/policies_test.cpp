// Every replacement policy against reference strings worked out by hand or taken from the
// textbooks (OSTEP chapter 22, Silberschatz chapter 10), with the victims each must choose.
#include <gtest/gtest.h>

#include "tests/kernel/mm/replace/replace_harness.h"

namespace ks {
namespace {

using test::faults;
using test::run_policy;
using test::victims;

// Silberschatz, Operating System Concepts, 10.4: 20 references, 3 frames.
const std::string kSilberschatz = "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1";
// Belady's anomaly (Silberschatz figure 10.13).
const std::string kBelady = "1,2,3,4,1,2,5,1,2,3,4,5";
// OSTEP figures 22.1 to 22.5: a cache of 3 pages.
const std::string kOstep = "0,1,2,0,1,3,0,3,1,2,1";

TEST(ReplacementTextbook, SilberschatzTwentyReferencesWithThreeFrames) {
  EXPECT_EQ(faults("fifo", kSilberschatz, 3), 15U);
  EXPECT_EQ(faults("lru", kSilberschatz, 3), 12U);
  EXPECT_EQ(faults("opt", kSilberschatz, 3), 9U);
}

TEST(ReplacementTextbook, SilberschatzVictims) {
  // Worked out in the book's figures 10.12, 10.14 and 10.15.
  EXPECT_EQ(victims(run_policy("fifo", kSilberschatz, 3)), "7,0,1,2,3,0,4,2,3,0,1,2");
  EXPECT_EQ(victims(run_policy("opt", kSilberschatz, 3)), "7,1,0,4,3,2");
  EXPECT_EQ(victims(run_policy("lru", kSilberschatz, 3)), "7,1,2,3,0,4,0,3,2");
}

TEST(ReplacementTextbook, BeladysAnomalyForFifo) {
  EXPECT_EQ(faults("fifo", kBelady, 3), 9U);
  EXPECT_EQ(faults("fifo", kBelady, 4), 10U);
  // A stack algorithm has no anomaly on the same string.
  EXPECT_GE(faults("lru", kBelady, 3), faults("lru", kBelady, 4));
  EXPECT_GE(faults("opt", kBelady, 3), faults("opt", kBelady, 4));
}

TEST(ReplacementTextbook, OstepChapter22HitsAndMisses) {
  const ReplayResult opt = run_policy("opt", kOstep, 3);
  EXPECT_EQ(opt.hits, 6U);
  EXPECT_EQ(opt.misses, 5U);
  const ReplayResult fifo = run_policy("fifo", kOstep, 3);
  EXPECT_EQ(fifo.hits, 4U);
  EXPECT_EQ(fifo.misses, 7U);
  const ReplayResult lru = run_policy("lru", kOstep, 3);
  EXPECT_EQ(lru.hits, 6U);
  EXPECT_EQ(lru.misses, 5U);
}

TEST(ReplacementHandComputed, ClockSparesAPageUsedSinceTheHandPassed) {
  // At 4 every bit is set: the hand clears all three and takes frame 0 (page 1), stopping at
  // frame 1. The hit on 2 sets its bit again, so at 5 the hand clears 2's bit and takes 3.
  // FIFO takes 1, then 2, and misses on the last 2.
  const std::string refs = "1,2,3,4,2,5,2";
  EXPECT_EQ(victims(run_policy("clock", refs, 3)), "1,3");
  EXPECT_EQ(victims(run_policy("second-chance", refs, 3)), "1,3");
  EXPECT_EQ(faults("clock", refs, 3), 5U);
  EXPECT_EQ(victims(run_policy("fifo", refs, 3)), "1,2,3");
  EXPECT_EQ(faults("fifo", refs, 3), 6U);
}

TEST(ReplacementHandComputed, ClockHandStopsPastTheVictim) {
  const ReplayResult result = run_policy("clock", "1,2,3,4,2,5", 3);
  ASSERT_TRUE(result.view.has_hand);
  EXPECT_EQ(result.view.hand, 0U);  // 5 went into frame 2, the hand wrapped round
  const ReplayResult second = run_policy("clock", "1,2,3,4", 3);
  EXPECT_EQ(second.view.hand, 1U);
}

TEST(ReplacementHandComputed, EnhancedClockKeepsTheDirtyPage) {
  // At 4 every page is (A=1): the first turn finds no (0,0), the second finds no (0,1) but
  // clears every A; then page 1 is (0,1) and page 2 is (0,0): 2 leaves, not the written 1.
  EXPECT_EQ(victims(run_policy("enhanced-clock", "1w,2,3,4", 3)), "2");
  EXPECT_EQ(victims(run_policy("clock", "1w,2,3,4", 3)), "1");
  EXPECT_EQ(faults("enhanced-clock", "1w,2,3,4,1", 3), 4U);
  EXPECT_EQ(faults("clock", "1w,2,3,4,1", 3), 5U);
}

TEST(ReplacementHandComputed, EnhancedClockCountsTheWriteBacks) {
  const ReplayResult result = run_policy("enhanced-clock", "1w,2w,3w,4", 3);
  EXPECT_EQ(result.dirty_evictions, 1U);
  EXPECT_TRUE(result.steps.back().victim_dirty);
}

TEST(ReplacementHandComputed, AgingSamplesCoarselyAndBreaksTiesByLowestSlot) {
  // interval 4: after 1,2,3,2 every counter is 10000000; 1 is used again (its A bit, the newest
  // history, ranks it above the rest), 2 and 3 tie and the lower frame's page, 2, leaves, where
  // exact LRU takes 3, used longer ago.
  const std::string refs = "1,2,3,2,1,4";
  EXPECT_EQ(victims(run_policy("aging", refs, 3, {{"interval", "4"}})), "2");
  EXPECT_EQ(victims(run_policy("lru", refs, 3)), "3");
  // Sampling after every reference tells 2 from 3.
  EXPECT_EQ(victims(run_policy("aging", refs, 3, {{"interval", "1"}})), "3");
  const ReplayResult result = run_policy("aging", "1,2,3,2", 3, {{"interval", "2"}, {"bits", "4"}});
  ASSERT_EQ(result.view.per_slot.size(), 1U);
  // Samples after 1,2 (pages 1 and 2 used) and after 3,2 (pages 3 and 2 used).
  EXPECT_EQ(result.view.per_slot[0].second, (std::vector<std::int64_t>{0b0100, 0b1100, 0b1000}));
}

TEST(ReplacementHandComputed, NruTakesTheLowestClass) {
  // After 1,2w,3 the bits are cleared (interval 3): 1 and 3 are class 0, 2 class 1; 1 is used
  // again (class 2), so 3, the only class 0 page, leaves.
  EXPECT_EQ(victims(run_policy("nru", "1,2w,3,1,4", 3, {{"interval", "3"}})), "3");
  // No clearing yet: 1 and 3 are class 2, 2 class 3: the lowest slot of class 2 leaves.
  EXPECT_EQ(victims(run_policy("nru", "1,2w,3,1,4", 3, {{"interval", "100"}})), "1");
}

TEST(ReplacementHandComputed, LfuAndMfuCountReferences) {
  EXPECT_EQ(victims(run_policy("lfu", "1,1,2,3,4", 3)), "2");  // 2 and 3 have one use: lowest slot
  EXPECT_EQ(victims(run_policy("mfu", "1,1,2,3,4", 3)), "1");
  // A page's count starts again when it comes in: with every count at one, the lowest frame's
  // page leaves (4, then 1, back in frame 0).
  EXPECT_EQ(victims(run_policy("mfu", "1,1,2,3,4,1,5", 3)), "1,4,1");
}

TEST(ReplacementHandComputed, WorkingSetTakesAPageOutsideTheWindowFromTheHand) {
  // tau 1: at 4 only 2 (used at position 3) is in the window; the hand takes 1 and stops at
  // frame 1. At 5, 2 is out of the window and the hand reaches it before 3: ws takes 2, where
  // LRU takes 3.
  const std::string refs = "1,2,3,2,4,5";
  EXPECT_EQ(victims(run_policy("ws", refs, 3, {{"tau", "1"}})), "1,2");
  EXPECT_EQ(victims(run_policy("lru", refs, 3)), "1,3");
  // A window holding every page: ws is LRU.
  EXPECT_EQ(victims(run_policy("ws", kSilberschatz, 3, {{"tau", "100"}})),
            victims(run_policy("lru", kSilberschatz, 3)));
}

TEST(ReplacementHandComputed, WorkingSetReportsItsSize) {
  const ReplayResult result = run_policy("ws", "1,2,3,1,1,1", 3, {{"tau", "3"}});
  const auto& values = result.view.values;
  ASSERT_EQ(values.size(), 2U);
  EXPECT_EQ(values[1].first, "working set");
  EXPECT_EQ(values[1].second, 1);  // the last 3 references are all to page 1
}

std::int64_t view_value(const ReplayResult& result, const std::string& name) {
  for (const auto& [key, value] : result.view.values) {
    if (key == name) return value;
  }
  ADD_FAILURE() << "no value " << name;
  return -1;
}

TEST(ReplacementHandComputed, PffTakesAPageUnusedSinceTheLastFault) {
  // The bits are cleared at the fault on 3; 1 is used again, so at 4 the hand passes it and
  // takes 2.
  EXPECT_EQ(victims(run_policy("pff", "1,2,3,1,4", 3)), "2");
}

TEST(ReplacementHandComputed, PffAsksForFramesByFaultRate) {
  // Four faults one or two references apart: each rate is above 250 per 1000, so PFF asks for
  // one frame more each time.
  EXPECT_EQ(view_value(run_policy("pff", "1,2,3,1,4", 3), "wanted frames"), 4);
  // A long run of hits, then a fault: 1000/101 per 1000 is below 50, so PFF keeps only the pages
  // used since the previous fault: 1, 3 (the reference that faulted it in counts) and the new 4.
  std::string refs = "1,2,3";
  for (int i = 0; i < 100; ++i) refs += ",1";
  const ReplayResult quiet = run_policy("pff", refs + ",4", 3);
  EXPECT_EQ(view_value(quiet, "fault rate"), 9);
  EXPECT_EQ(view_value(quiet, "wanted frames"), 3);
}

TEST(ReplacementHandComputed, PffRefusesThresholdsTheWrongWayRound) {
  try {
    run_policy("pff", "1,2", 1, {{"upper", "10"}, {"lower", "20"}});
    FAIL() << "lower above upper was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "replacement.lower");
    EXPECT_NE(error.problem().find("must not be above upper (10)"), std::string::npos) << error.problem();
  }
}

TEST(ReplacementHandComputed, RandomIsReproducibleFromItsSeed) {
  const std::string refs = "1,2,3,4,5,6,1,2,3,4,5,6,7,8,1,3,5,7";
  EXPECT_EQ(victims(test::run_policy("random", refs, 3, {}, 7)), victims(test::run_policy("random", refs, 3, {}, 7)));
  bool differs = false;
  for (std::uint64_t seed = 1; seed < 20 && !differs; ++seed) {
    differs =
        victims(test::run_policy("random", refs, 3, {}, seed)) != victims(test::run_policy("random", refs, 3, {}, 0));
  }
  EXPECT_TRUE(differs) << "the seed changes nothing";
}

TEST(ReplacementHandComputed, OptTakesThePageNeverUsedAgainAtTheLowestSlot) {
  // At 4, neither 1 nor 2 is used again, 3 is: the lower frame, 1's, is the victim.
  EXPECT_EQ(victims(run_policy("opt", "1,2,3,4,3", 3)), "1");
  EXPECT_EQ(victims(run_policy("opt", "1,2,3,4,3,2", 3)), "1");
  EXPECT_EQ(victims(run_policy("opt", "1,2,3,4,1,3", 3)), "2");
}

TEST(ReplacementRegistry, EveryPolicyIsListedInOrder) {
  std::vector<std::string> names;
  for (const ReplacementInfo& info : replacement_registry().entries()) names.push_back(info.name);
  const std::vector<std::string> first = {"fifo", "second-chance", "clock", "enhanced-clock", "lru", "aging",
                                          "nru",  "lfu",           "mfu",   "random",         "opt", "ws",
                                          "pff"};
  ASSERT_GE(names.size(), first.size());
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(first.size())), first);
}

TEST(ReplacementRegistry, OptRefusesToRunWithoutAFuture) {
  const ReplacementInfo& opt = test::replacement("opt");
  struct NoBits final : ReferenceBits {
    bool accessed(Slot) const override { return false; }
    void clear_accessed(Slot) override {}
    bool dirty(Slot) const override { return false; }
  } bits;
  try {
    opt.make(default_params(opt.params), ReplacementContext{4, &bits, 0, nullptr});
    FAIL() << "opt was built without a future";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("needs the whole reference string in advance"), std::string::npos);
  }
}

}  // namespace
}  // namespace ks
