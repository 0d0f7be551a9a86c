// Priority scheduling on textbook examples: non-preemptive, preemptive, and aging.
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

// Silberschatz (OSC 10th ed.) 5.3.4: P1 (10, pri 3), P2 (1, pri 1), P3 (2, pri 4), P4 (1, pri 5),
// P5 (5, pri 2), all at 0. Gantt: P2 0-1, P5 1-6, P1 6-16, P3 16-18, P4 18-19; average wait 8.2.
TEST(SchedPriority, SilberschatzSection5_3_4AverageWait8_2) {
  const auto run =
      run_text_scenario(jobs(R"({"policy": "priority"})",
                             R"({"name": "P1", "length": 10, "priority": 3}, {"name": "P2", "length": 1, "priority": 1},
         {"name": "P3", "length": 2, "priority": 4}, {"name": "P4", "length": 1, "priority": 5},
         {"name": "P5", "length": 5, "priority": 2})"));
  EXPECT_EQ(by_name(run.metrics, "P2").completion, 1);
  EXPECT_EQ(by_name(run.metrics, "P5").completion, 6);
  EXPECT_EQ(by_name(run.metrics, "P1").completion, 16);
  EXPECT_EQ(by_name(run.metrics, "P3").completion, 18);
  EXPECT_EQ(by_name(run.metrics, "P4").completion, 19);
  EXPECT_DOUBLE_EQ(run.metrics.system.wait.mean, 8.2);
}

TEST(SchedPriority, EqualPrioritiesRunFirstComeFirstServed) {
  const auto run = run_text_scenario(
      jobs(R"({"policy": "priority"})",
           R"({"name": "A", "length": 3, "priority": 2}, {"name": "B", "arrival": 1, "length": 3, "priority": 2},
         {"name": "C", "arrival": 1, "length": 3, "priority": 2})"));
  EXPECT_EQ(by_name(run.metrics, "B").completion, 6);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 9);
}

// A more important arrival preempts only under "preemptive"; an equal one never does.
TEST(SchedPriority, PreemptiveVariantPreemptsForAMoreImportantArrival) {
  const std::string processes = R"({"name": "A", "length": 10, "priority": 5},
      {"name": "B", "arrival": 2, "length": 3, "priority": 1}, {"name": "C", "arrival": 3, "length": 1, "priority": 1})";
  const auto plain = run_text_scenario(jobs(R"({"policy": "priority"})", processes));
  EXPECT_EQ(by_name(plain.metrics, "A").completion, 10);
  EXPECT_EQ(by_name(plain.metrics, "B").completion, 13);
  const auto preemptive = run_text_scenario(jobs(R"({"policy": "priority", "preemptive": true})", processes));
  // A 0-2, B 2-5 (C, equal, waits), C 5-6, A 6-14.
  EXPECT_EQ(by_name(preemptive.metrics, "B").completion, 5);
  EXPECT_EQ(by_name(preemptive.metrics, "C").completion, 6);
  EXPECT_EQ(by_name(preemptive.metrics, "A").completion, 14);
  EXPECT_EQ(by_name(preemptive.metrics, "A").preemptions, 1);
}

// Starvation and its cure (Silberschatz 5.3.4, "aging"). B (priority 3) competes with a stream
// of priority-0 jobs X0..X4 (4 ticks each, arriving every 3 ticks). Without aging B runs last,
// at 20. With aging = 3: at 4, B has waited 4 (3 - 1 = 2) and X1 has 0: X1; at 8 B is at 1, X2
// at 0: X2; at 12 B is at 3 - 4 = -1 and X3 (waited 3) at -1: a tie, first come first served: B.
TEST(SchedPriority, AgingEndsStarvation) {
  std::string processes = R"({"name": "B", "length": 1, "priority": 3})";
  for (int i = 0; i < 5; ++i) {
    processes += R"(, {"name": "X)" + std::to_string(i) + R"(", "arrival": )" + std::to_string(3 * i) +
                 R"(, "length": 4, "priority": 0})";
  }
  const auto starving = run_text_scenario(jobs(R"({"policy": "priority"})", processes));
  EXPECT_EQ(by_name(starving.metrics, "B").first_run, 20);
  const auto aged = run_text_scenario(jobs(R"({"policy": "priority", "aging": 3})", processes));
  EXPECT_EQ(by_name(aged.metrics, "X1").first_run, 4);
  EXPECT_EQ(by_name(aged.metrics, "X2").first_run, 8);
  EXPECT_EQ(by_name(aged.metrics, "B").first_run, 12);
  EXPECT_EQ(by_name(aged.metrics, "X3").first_run, 13);
}

TEST(SchedPriority, ViewListsTheQueueInPickOrder) {
  test::PolicyHarness h("priority");
  const Tid low = h.add(), high = h.add(), mid = h.add();
  h.thread(low).priority = 9;
  h.thread(high).priority = -3;
  h.thread(mid).priority = 4;
  for (const Tid t : {low, high, mid}) h.ready(t, 0);
  EXPECT_EQ(h.order(), (std::vector<Tid>{high, mid, low}));
  EXPECT_EQ(h.scheduler().view().queues[0].entries[0].value, -3);
  EXPECT_EQ(h.dispatch(0, 0), high);
  EXPECT_EQ(h.scheduler().ready_count(), 2U);
}

}  // namespace
}  // namespace ks
