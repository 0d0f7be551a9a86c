// Highest Response Ratio Next on Stallings' example.
#include <gtest/gtest.h>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

// Stallings, Operating Systems: Internals and Design Principles, Table 9.4 / Figure 9.5:
// A (0, 3), B (2, 6), C (4, 4), D (6, 5), E (8, 2). HRRN: A 0-3, B 3-9; at 9 the ratios are
// C 9/4, D 8/5, E 3/2: C 9-13; at 13 D 12/5, E 7/2: E 13-15; D 15-20.
TEST(SchedHrrn, StallingsFigure9_5) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "hrrn"}}, "workload": {"processes": [
      {"name": "A", "length": 3}, {"name": "B", "arrival": 2, "length": 6}, {"name": "C", "arrival": 4, "length": 4},
      {"name": "D", "arrival": 6, "length": 5}, {"name": "E", "arrival": 8, "length": 2}]}})");
  EXPECT_EQ(by_name(run.metrics, "A").completion, 3);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 9);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 13);
  EXPECT_EQ(by_name(run.metrics, "E").completion, 15);
  EXPECT_EQ(by_name(run.metrics, "D").completion, 20);
}

// Unlike SJF, a long job's ratio grows while it waits until it beats fresh short jobs. First
// (2) runs 0-2; short jobs arrive every 2 ticks from 1. At 2: Long (2 + 10) / 10 = 1.2 < S0
// (1 + 2) / 2 = 1.5: S0 2-4; at 4: Long 1.4 < S1 1.5: S1 4-6; at 6: Long 1.6 > S2 1.5: Long 6-16.
// SJF runs every short job first: Long ends at 2 + 20 + 10 = 32.
TEST(SchedHrrn, LongJobIsNotStarvedByAStreamOfShortOnes) {
  std::string processes = R"({"name": "First", "length": 2}, {"name": "Long", "length": 10})";
  for (int i = 0; i < 10; ++i) {
    processes +=
        R"(, {"name": "S)" + std::to_string(i) + R"(", "arrival": )" + std::to_string(1 + 2 * i) + R"(, "length": 2})";
  }
  const auto text = [&](const std::string& policy) {
    return R"({"kernel": {"scheduler": {"policy": ")" + policy + R"("}}, "workload": {"processes": [)" + processes +
           "]}}";
  };
  const auto run = run_text_scenario(text("hrrn"));
  EXPECT_EQ(by_name(run.metrics, "S1").completion, 6);
  EXPECT_EQ(by_name(run.metrics, "Long").first_run, 6);
  EXPECT_EQ(by_name(run.metrics, "Long").completion, 16);
  EXPECT_EQ(by_name(run_text_scenario(text("sjf")).metrics, "Long").completion, 32);
}

TEST(SchedHrrn, RatiosAreComparedExactlyForHugeBursts) {
  test::PolicyHarness h("hrrn");
  // 2^40 and 2^40 + 1 ticks of service: the products overflow 64 bits.
  const Tick huge = Tick{1} << 40;
  const Tid a = h.add(huge + 1), b = h.add(huge);
  h.ready(a, 0);
  h.ready(b, 0);
  // Same wait: the shorter service has the higher ratio.
  EXPECT_EQ(h.dispatch(0, 5), b);
}

}  // namespace
}  // namespace ks
