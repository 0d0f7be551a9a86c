// The Completely Fair Scheduler on the examples of OSTEP 9.7.
#include <gtest/gtest.h>

#include <cstdlib>

#include <algorithm>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

std::string cfs(const std::string& params, const std::string& processes, const std::string& run = "") {
  return R"({"kernel": {"scheduler": {"policy": "cfs")" + params + R"(}}, "workload": {"processes": [)" + processes +
         "]}" + run + "}";
}

std::string equal_jobs(int count, int length) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += std::string(i ? ", " : "") + R"({"name": "J)" + std::to_string(i) + R"(", "length": )" +
            std::to_string(length) + "}";
  }
  return text;
}

std::int64_t first_slice(const test::RunOutcome& run, Pid pid) {
  for (const TraceEvent& e : run.events) {
    if (e.kind == EventKind::Dispatched && e.pid == pid) return e.a;
  }
  return -1;
}

// OSTEP 9.7: sched_latency 48 and four equal jobs: each gets a 12-tick slice.
TEST(SchedCfs, OstepSection9_7FourJobsShareTheTargetLatency) {
  const auto run = run_text_scenario(cfs(R"(, "target_latency": 48, "min_granularity": 6)", equal_jobs(4, 100)));
  for (Pid pid = 1; pid <= 4; ++pid) EXPECT_EQ(first_slice(run, pid), 12) << pid;
  // Round robin in vruntime order: J0 0-12, J1 12-24, J2 24-36, J3 36-48, J0 again.
  EXPECT_EQ(by_name(run.metrics, "J3").first_run, 36);
}

// OSTEP 9.7: with ten jobs 48 / 10 would be 4.8, below min_granularity 6: slices are 6.
TEST(SchedCfs, OstepSection9_7MinGranularityBoundsTheSlice) {
  const auto run = run_text_scenario(cfs(R"(, "target_latency": 48, "min_granularity": 6)", equal_jobs(10, 100)));
  for (Pid pid = 1; pid <= 10; ++pid) EXPECT_EQ(first_slice(run, pid), 6) << pid;
}

// OSTEP 9.7 weighting example: A nice -5 (weight 3121) and B nice 0 (1024), latency 48: A's
// slice is 48 * 3121 / 4145 = 36.1 -> 36 ticks, B's 48 * 1024 / 4145 = 11.9 -> 11 (integer
// arithmetic rounds down). Over a long run they share the CPU 3121 : 1024.
TEST(SchedCfs, OstepSection9_7NiceWeightsSetSlicesAndShares) {
  const auto run =
      run_text_scenario(cfs(R"(, "target_latency": 48, "min_granularity": 6)",
                            R"({"name": "A", "length": 100000, "nice": -5}, {"name": "B", "length": 100000})",
                            R"(, "run": {"until": 41450})"));
  EXPECT_EQ(first_slice(run, 1), 36);
  EXPECT_EQ(first_slice(run, 2), 11);
  EXPECT_LE(std::abs(by_name(run.metrics, "A").cpu_time - 31210), 100);
  EXPECT_LE(std::abs(by_name(run.metrics, "B").cpu_time - 10240), 100);
}

// A woken I/O-bound thread preempts the CPU hog: its vruntime is far behind.
TEST(SchedCfs, WokenInteractiveThreadPreemptsTheHog) {
  const auto run = run_text_scenario(
      cfs("", R"({"name": "Hog", "length": 200}, {"name": "Chat", "bursts": [{"cpu": 1}, {"io": 30}, {"cpu": 1}]})"));
  // Chat runs 1 tick and sleeps 30; the hog's vruntime grows 30 ticks meanwhile; Chat wakes at
  // max(its 1, min_vruntime - 10) and preempts at once.
  const auto& chat = by_name(run.metrics, "Chat");
  EXPECT_EQ(chat.wait_time, by_name(run.metrics, "Chat").first_run);  // no wait after waking
  EXPECT_EQ(by_name(run.metrics, "Hog").preemptions >= 1, true);
}

TEST(SchedCfs, NewThreadStartsAtMinVruntime) {
  test::PolicyHarness h("cfs");
  const Tid a = h.add(1000);
  h.ready(a, 0);
  ASSERT_EQ(h.dispatch(0, 0), a);
  h.stop(a, 0, 20, StopKind::QuantumExpired, 20);
  h.ready(a, 20, EnqueueReason::QuantumExpired);
  const Tid b = h.add(1000);
  h.ready(b, 20);
  const SchedulerView view = h.scheduler().view();
  ASSERT_EQ(view.queues[0].entries.size(), 2U);
  EXPECT_EQ(view.queues[0].entries[0].value, 20000);  // both at 20 ticks: tie by tid
  EXPECT_EQ(view.queues[0].entries[1].value, 20000);
  EXPECT_EQ(view.queues[0].entries[0].tid, a);
}

}  // namespace
}  // namespace ks
