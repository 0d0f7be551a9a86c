// EEVDF: eligibility, virtual deadlines and weighted shares.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

// Two equal threads, base_slice 3: both start at V = 0 with deadline 3 (ticks of nice-0 virtual
// time); A (lower tid) runs 3 ticks to its deadline; then A's vruntime 3 > V = 1.5, so B, the
// only eligible one, runs 3; and so on: A B A B with 3-tick slices.
TEST(SchedEevdf, EqualThreadsAlternateWithTheBaseSlice) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "eevdf", "base_slice": 3}},
    "workload": {"processes": [{"name": "A", "length": 9}, {"name": "B", "length": 9}]}})");
  std::string order;
  for (const TraceEvent& e : run.events) {
    if (e.kind == EventKind::Dispatched) {
      order += static_cast<char>('A' + e.pid - 1);
      EXPECT_EQ(e.a, 3);
    }
  }
  EXPECT_EQ(order, "ABABAB");
  EXPECT_EQ(by_name(run.metrics, "A").completion, 15);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 18);
}

// An ineligible thread is passed over even if its deadline is the earliest.
TEST(SchedEevdf, IneligibleThreadWaitsDespiteEarlierDeadline) {
  test::PolicyHarness h("eevdf", {{"base_slice", "3"}});
  const Tid heavy = h.add(1000), light = h.add(1000);
  h.thread(heavy).nice = -10;  // weight 9548: a 3-tick slice is ~322 virtual thousandths
  h.ready(heavy, 0);
  h.ready(light, 0);
  // Both at V = 0: heavy's deadline (0 + 321) is earlier; it runs 3 ticks (its slice).
  Tick slice = 0;
  ASSERT_EQ(h.dispatch(0, 0, &slice), heavy);
  EXPECT_EQ(slice, 3);
  h.stop(heavy, 0, 3, StopKind::QuantumExpired, 3);
  h.ready(heavy, 3, EnqueueReason::QuantumExpired);
  // heavy's vruntime 321 > V = 321 * 9548 / 10572 ~ 289: not eligible, although its next
  // deadline (642) is earlier than light's (3000).
  const SchedulerView view = h.scheduler().view();
  ASSERT_EQ(view.queues.size(), 2U);
  EXPECT_EQ(h.order(0), (std::vector<Tid>{light}));
  EXPECT_EQ(h.order(1), (std::vector<Tid>{heavy}));
  EXPECT_EQ(h.dispatch(0, 3), light);
}

// Shares follow the weights: nice 0 (1024) against nice 5 (335) over a long CPU-bound run.
TEST(SchedEevdf, SharesFollowNiceWeights) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "eevdf"}},
    "workload": {"processes": [{"name": "A", "length": 100000}, {"name": "B", "length": 100000, "nice": 5}]},
    "run": {"until": 13590}})");
  EXPECT_LE(std::abs(by_name(run.metrics, "A").cpu_time - 10240), 60);
  EXPECT_LE(std::abs(by_name(run.metrics, "B").cpu_time - 3350), 60);
}

// A thread that slept briefly keeps its positive lag and, being eligible with an earlier
// deadline, preempts a CPU hog when it wakes.
TEST(SchedEevdf, WokenThreadWithLagPreempts) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "eevdf", "base_slice": 10}},
    "workload": {"processes": [{"name": "Hog", "length": 100},
      {"name": "Chat", "arrival": 0, "bursts": [{"cpu": 1}, {"io": 4}, {"cpu": 1}]}]}})");
  const auto& chat = by_name(run.metrics, "Chat");
  EXPECT_EQ(chat.completion - chat.arrival, chat.cpu_time + chat.io_time + chat.wait_time);
  EXPECT_GE(by_name(run.metrics, "Hog").preemptions, 1);
}

}  // namespace
}  // namespace ks
