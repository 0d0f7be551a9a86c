// Shortest Job First and Shortest Time-to-Completion First, on textbook examples.
#include <gtest/gtest.h>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

std::string jobs(const std::string& scheduler, const std::string& processes) {
  return R"({"kernel": {"scheduler": )" + scheduler + R"(}, "workload": {"processes": [)" + processes + "]}}";
}

// OSTEP ch. 7, Figure 7.3: A (100), B (10), C (10) all at 0. SJF runs B, C, A: turnaround 50.
TEST(SchedSjf, OstepFigure7_3AllAtOnce) {
  const auto run = run_text_scenario(
      jobs(R"({"policy": "sjf"})",
           R"({"name": "A", "length": 100}, {"name": "B", "length": 10}, {"name": "C", "length": 10})"));
  EXPECT_EQ(by_name(run.metrics, "B").completion, 10);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 20);
  EXPECT_EQ(by_name(run.metrics, "A").completion, 120);
  EXPECT_DOUBLE_EQ(run.metrics.system.turnaround.mean, 50.0);
}

// OSTEP ch. 7, Figure 7.4: A at 0 (100), B and C at 10 (10 each). Non-preemptive SJF cannot help:
// A 0-100, B 100-110, C 110-120; average turnaround (100 + 100 + 110) / 3 = 103.33.
TEST(SchedSjf, OstepFigure7_4LateArrivalsWaitBehindTheLongJob) {
  const auto run = run_text_scenario(jobs(R"({"policy": "sjf"})",
                                          R"({"name": "A", "length": 100}, {"name": "B", "arrival": 10, "length": 10},
         {"name": "C", "arrival": 10, "length": 10})"));
  EXPECT_EQ(by_name(run.metrics, "A").completion, 100);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 110);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 120);
  EXPECT_NEAR(run.metrics.system.turnaround.mean, 310.0 / 3, 1e-9);
}

// OSTEP ch. 7, Figure 7.5: the same workload under STCF: A 0-10, B 10-20, C 20-30, A 30-120;
// average turnaround (120 + 10 + 20) / 3 = 50.
TEST(SchedStcf, OstepFigure7_5ShorterArrivalPreempts) {
  const auto run = run_text_scenario(jobs(R"({"policy": "stcf"})",
                                          R"({"name": "A", "length": 100}, {"name": "B", "arrival": 10, "length": 10},
         {"name": "C", "arrival": 10, "length": 10})"));
  EXPECT_EQ(by_name(run.metrics, "B").completion, 20);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 30);
  EXPECT_EQ(by_name(run.metrics, "A").completion, 120);
  EXPECT_EQ(by_name(run.metrics, "A").preemptions, 1);
  EXPECT_DOUBLE_EQ(run.metrics.system.turnaround.mean, 50.0);
}

// Silberschatz (OSC 10th ed.) 5.3.2, SJF example: P1 6, P2 8, P3 7, P4 3 all at 0. Order P4 P1 P3
// P2; waiting times P1 3, P2 16, P3 9, P4 0, average 7.
TEST(SchedSjf, SilberschatzSection5_3_2AverageWaitSeven) {
  const auto run =
      run_text_scenario(jobs(R"({"policy": "sjf"})",
                             R"({"name": "P1", "length": 6}, {"name": "P2", "length": 8}, {"name": "P3", "length": 7},
         {"name": "P4", "length": 3})"));
  EXPECT_EQ(by_name(run.metrics, "P1").wait_time, 3);
  EXPECT_EQ(by_name(run.metrics, "P2").wait_time, 16);
  EXPECT_EQ(by_name(run.metrics, "P3").wait_time, 9);
  EXPECT_EQ(by_name(run.metrics, "P4").wait_time, 0);
  EXPECT_DOUBLE_EQ(run.metrics.system.wait.mean, 7.0);
}

// Silberschatz (OSC 10th ed.) 5.3.2, shortest-remaining-time-first example: P1 (0, 8), P2 (1, 4),
// P3 (2, 9), P4 (3, 5). Gantt: P1 0-1, P2 1-5, P4 5-10, P1 10-17, P3 17-26; average wait 6.5.
TEST(SchedStcf, SilberschatzSection5_3_2AverageWaitSixAndAHalf) {
  const auto run = run_text_scenario(jobs(R"({"policy": "stcf"})",
                                          R"({"name": "P1", "length": 8}, {"name": "P2", "arrival": 1, "length": 4},
         {"name": "P3", "arrival": 2, "length": 9}, {"name": "P4", "arrival": 3, "length": 5})"));
  EXPECT_EQ(by_name(run.metrics, "P2").completion, 5);
  EXPECT_EQ(by_name(run.metrics, "P4").completion, 10);
  EXPECT_EQ(by_name(run.metrics, "P1").completion, 17);
  EXPECT_EQ(by_name(run.metrics, "P3").completion, 26);
  EXPECT_DOUBLE_EQ(run.metrics.system.wait.mean, 6.5);
}

// Silberschatz (OSC 10th ed.) Figure 5.4: alpha = 1/2, tau_0 = 10, bursts 6 4 6 4 13 13 13 give
// predictions 10 8 6 6 5 9 11 12.
TEST(SchedSjf, ExponentialAveragingFollowsSilberschatzFigure5_4) {
  test::PolicyHarness h("sjf", {{"estimate", "exponential"}, {"alpha", "0.5"}, {"initial_estimate", "10"}});
  const Tid t = h.add();
  const std::vector<Tick> bursts = {6, 4, 6, 4, 13, 13, 13};
  const std::vector<std::int64_t> predictions = {10, 8, 6, 6, 5, 9, 11, 12};
  Tick now = 0;
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    h.ready(t, now);
    ASSERT_EQ(h.scheduler().view().queues[0].entries.at(0).value, predictions[i] * 1000) << "prediction " << i;
    ASSERT_EQ(h.dispatch(0, now), t);
    if (i == bursts.size()) break;
    now += bursts[i];
    h.thread(t).last_burst = bursts[i];
    h.stop(t, 0, bursts[i], StopKind::Blocked, now);
  }
}

// With predicted lengths, SJF prefers the thread whose past bursts were short.
TEST(SchedSjf, ExponentialEstimatePrefersTheHistoricallyShortThread) {
  const auto run = run_text_scenario(jobs(R"({"policy": "sjf", "estimate": "exponential", "alpha": 1})",
                                          R"({"name": "Long", "bursts": [{"cpu": 20}, {"io": 1}, {"cpu": 20}]},
         {"name": "Short", "bursts": [{"cpu": 2}, {"io": 1}, {"cpu": 2}]},
         {"name": "Late", "arrival": 21, "length": 5})"));
  // Long 0-20 (Short and Long predicted 10: tie -> earlier ready_since, then lower tid), Short
  // 20-22 and blocks; at 22 Long (predicted 20) and Late (predicted 10) are ready: Late 22-27;
  // Short back at 23 with prediction 2 runs 27-29, Long 29-49.
  EXPECT_EQ(by_name(run.metrics, "Late").first_run, 22);
  EXPECT_EQ(by_name(run.metrics, "Short").completion, 29);
  EXPECT_EQ(by_name(run.metrics, "Long").completion, 49);
}

TEST(SchedStcf, RespectsAffinityOnTwoCpus) {
  test::PolicyHarness h("stcf", {}, 2);
  const Tid pinned = h.add(1);
  const Tid free = h.add(5);
  h.thread(pinned).affinity = 0b01;
  h.ready(pinned, 0);
  h.ready(free, 0);
  EXPECT_EQ(h.dispatch(1, 0), free);
  EXPECT_EQ(h.dispatch(1, 0), kNoTid);
  EXPECT_EQ(h.dispatch(0, 0), pinned);
  EXPECT_EQ(h.scheduler().ready_count(), 0U);
}

}  // namespace
}  // namespace ks
