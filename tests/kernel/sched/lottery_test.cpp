// Lottery scheduling: proportional shares on average, reproducible draws (OSTEP ch. 9).
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

const char* kSkewed = R"({"kernel": {"scheduler": {"policy": "lottery"}},
    "workload": {"processes": [{"name": "A", "length": 100000, "tickets": 75},
      {"name": "B", "length": 100000, "tickets": 25}]}, "run": {"until": 10000}})";

// OSTEP 9.1: A holds 75 tickets and B 25, so A should win about 75% of the draws. With 10,000
// one-tick draws the standard deviation of A's count is sqrt(10000 * 0.75 * 0.25) ~ 43; the
// tolerance of 200 ticks (2% of the run) is more than 4.5 standard deviations, for every seed.
TEST(SchedLottery, OstepSection9_1SharesFollowTicketsWithinTolerance) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto run = run_text_scenario(kSkewed, seed);
    EXPECT_LE(std::abs(by_name(run.metrics, "A").cpu_time - 7500), 200) << "seed " << seed;
    EXPECT_LE(std::abs(by_name(run.metrics, "B").cpu_time - 2500), 200) << "seed " << seed;
  }
}

TEST(SchedLottery, SameSeedSameRunDifferentSeedDifferentRun) {
  const auto first = run_text_scenario(kSkewed, 7), again = run_text_scenario(kSkewed, 7),
             other = run_text_scenario(kSkewed, 8);
  EXPECT_EQ(first.events, again.events);
  EXPECT_NE(first.events, other.events);
}

// OSTEP Figure 9.2: two jobs of equal tickets and equal length L; the unfairness U = (first
// completion) / (second completion) approaches 1 as L grows. With L = 1000, U > 0.9.
TEST(SchedLottery, OstepFigure9_2FairnessImprovesWithJobLength) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "lottery"}},
      "workload": {"processes": [{"name": "A", "length": 1000}, {"name": "B", "length": 1000}]}})",
                                       seed);
    const double a = static_cast<double>(by_name(run.metrics, "A").completion);
    const double b = static_cast<double>(by_name(run.metrics, "B").completion);
    EXPECT_GT(std::min(a, b) / std::max(a, b), 0.9) << "seed " << seed;
  }
}

TEST(SchedLottery, DrawsOnlyAmongThreadsAllowedOnTheCpu) {
  test::PolicyHarness h("lottery", {}, 2);
  const Tid pinned = h.add(), other = h.add();
  h.thread(pinned).affinity = 0b10;
  h.thread(pinned).tickets = 1000000;
  h.ready(pinned, 0);
  h.ready(other, 0);
  EXPECT_EQ(h.dispatch(0, 0), other);
  EXPECT_EQ(h.dispatch(0, 0), kNoTid);
  EXPECT_EQ(h.dispatch(1, 0), pinned);
}

}  // namespace
}  // namespace ks
