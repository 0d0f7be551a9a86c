// Stride scheduling: OSTEP's trace of Waldspurger's example, exact shares, and joining.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

// OSTEP ch. 9, Figure 9.3 (after Waldspurger and Weihl): A 100, B 50, C 250 tickets, stride
// constant 10,000: strides 100, 200, 40. Runs, with passes: A (100), B (200), C (40), C (80),
// C (120), A (200), C (160), C (200), then all at 200: A (300), B (400), C (240), C (280).
TEST(SchedStride, OstepFigure9_3Trace) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "stride", "quantum": 1}},
    "workload": {"processes": [{"name": "A", "length": 100, "tickets": 100},
      {"name": "B", "length": 100, "tickets": 50}, {"name": "C", "length": 100, "tickets": 250}]}, "run": {"until": 11}})");
  std::string order;
  for (const TraceEvent& e : run.events) {
    if (e.kind == EventKind::Dispatched) order += static_cast<char>('A' + e.pid - 1);
  }
  EXPECT_EQ(order, "ABCCCACCABCC");  // dispatches at 0..11
}

// Over 7000 ticks, tickets 100 : 200 : 400 give 1000 : 2000 : 4000 ticks, each within a quantum.
TEST(SchedStride, SharesMatchTicketRatiosExactly) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "stride", "quantum": 2}},
    "workload": {"processes": [{"name": "A", "length": 100000, "tickets": 100},
      {"name": "B", "length": 100000, "tickets": 200}, {"name": "C", "length": 100000, "tickets": 400}]},
    "run": {"until": 7000}})");
  EXPECT_LE(std::abs(by_name(run.metrics, "A").cpu_time - 1000), 2);
  EXPECT_LE(std::abs(by_name(run.metrics, "B").cpu_time - 2000), 2);
  EXPECT_LE(std::abs(by_name(run.metrics, "C").cpu_time - 4000), 2);
}

// A latecomer joins at global_pass: it does not monopolise the CPU to catch up from pass 0, and
// from then on it gets its ticket share.
TEST(SchedStride, NewcomerJoinsAtGlobalPass) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "stride"}},
    "workload": {"processes": [{"name": "A", "length": 100000}, {"name": "Late", "arrival": 1000, "length": 100000}]},
    "run": {"until": 1200}})");
  // Equal tickets: from 1000 on, A and Late alternate.
  EXPECT_LE(std::abs(by_name(run.metrics, "Late").cpu_time - 100), 1);
  EXPECT_LE(std::abs(by_name(run.metrics, "A").cpu_time - 1100), 1);
}

TEST(SchedStride, SleeperCannotBankItsSleep) {
  test::PolicyHarness h("stride");
  const Tid a = h.add(1000), b = h.add(1000);
  h.ready(a, 0);
  h.ready(b, 0);
  // A blocks at once; B runs 50 ticks alone (pass 5000); A wakes and joins at B's pass, not 0.
  ASSERT_EQ(h.dispatch(0, 0), a);
  h.stop(a, 0, 0, StopKind::Blocked, 0);
  ASSERT_EQ(h.dispatch(0, 0), b);
  h.stop(b, 0, 50, StopKind::QuantumExpired, 50);
  h.ready(b, 50, EnqueueReason::QuantumExpired);
  h.ready(a, 50, EnqueueReason::Wakeup);
  const SchedulerView view = h.scheduler().view();
  ASSERT_EQ(view.queues[0].entries.size(), 2U);
  EXPECT_EQ(view.queues[0].entries[0].value, 5000);
  EXPECT_EQ(view.queues[0].entries[1].value, 5000);
}

}  // namespace
}  // namespace ks
