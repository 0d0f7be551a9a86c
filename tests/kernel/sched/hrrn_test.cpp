// Highest Response Ratio Next on Stallings' example.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

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

// The view lists the ready threads by ratio at the last decision, value (w + s) * 1000 / s.
// Dispatch at 8 (wait, service in ticks): X (8, 10) 1.8, Y (4, 2) 3.0, Z (6, 4) 2.5, W (1, 1)
// 2.0, V (2, 2) 2.0. Y runs; then Z 2500; V and W tie at 2000 and V became ready first (6 < 7);
// X 1800. The same order decides the next picks: Z, V, W, X (no time passes, ratios stay).
TEST(SchedHrrn, ViewAndPicksFollowTheRatioThenReadySince) {
  test::PolicyHarness h("hrrn");
  const Tid x = h.add(10), y = h.add(2), z = h.add(4), w = h.add(1), v = h.add(2);
  h.ready(x, 0);
  h.ready(y, 4);
  h.ready(z, 2);
  h.ready(w, 7);
  h.ready(v, 6);
  EXPECT_EQ(h.dispatch(0, 8), y);
  const SchedulerView view = h.scheduler().view();
  ASSERT_EQ(view.queues.size(), 1U);
  const auto& entries = view.queues[0].entries;
  ASSERT_EQ(entries.size(), 4U);
  const std::vector<std::pair<Tid, std::int64_t>> expected{{z, 2500}, {v, 2000}, {w, 2000}, {x, 1800}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(entries[i].tid, expected[i].first) << "entry " << i;
    EXPECT_EQ(entries[i].value, expected[i].second) << "entry " << i;
  }
  EXPECT_EQ(h.dispatch(0, 8), z);
  EXPECT_EQ(h.dispatch(0, 8), v);
  EXPECT_EQ(h.dispatch(0, 8), w);
  EXPECT_EQ(h.dispatch(0, 8), x);
  EXPECT_EQ(h.dispatch(0, 8), kNoTid);
}

}  // namespace
}  // namespace ks
