// EDF and RMS at the Scheduler interface, on Silberschatz's periodic task examples (OSC 10th
// ed. 5.6.3-5.6.4). The test plays the kernel: it releases jobs (sets absolute_deadline and
// enqueues) and asks the policy what to run and whether to preempt.
#include <gtest/gtest.h>

#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

// Releases a job of periodic task TID at NOW: deadline = NOW + period.
void release(test::PolicyHarness& h, Tid tid, Tick now, Tick burst) {
  h.thread(tid).absolute_deadline = now + h.thread(tid).period;
  h.thread(tid).remaining_burst = burst * kWorkPerTick;
  h.ready(tid, now, now == 0 ? EnqueueReason::Arrival : EnqueueReason::Wakeup);
}

// Silberschatz Figure 5.24/5.25: P1 (period 50, burst 25), P2 (period 80, burst 35).
// EDF: P1 0-25, P2 25-60: at 50 P1's second job (deadline 100) does NOT preempt P2 (deadline 80).
TEST(SchedEdf, SilberschatzFigure5_25LaterDeadlineDoesNotPreempt) {
  test::PolicyHarness h("edf");
  const Tid p1 = h.add(), p2 = h.add();
  h.thread(p1).period = 50;
  h.thread(p2).period = 80;
  release(h, p2, 0, 35);
  release(h, p1, 0, 25);
  EXPECT_EQ(h.order(), (std::vector<Tid>{p1, p2}));
  EXPECT_EQ(h.dispatch(0, 0), p1);
  h.stop(p1, 0, 25, StopKind::Blocked, 25);
  EXPECT_EQ(h.dispatch(0, 25), p2);
  release(h, p1, 50, 25);
  EXPECT_FALSE(h.scheduler().should_preempt(h.thread(p2), 0, 50));
  h.stop(p2, 0, 35, StopKind::Blocked, 60);
  EXPECT_EQ(h.dispatch(0, 60), p1);
  // At 80 P2's second job (deadline 160) arrives while P1 (deadline 100) runs: no preemption.
  release(h, p2, 80, 35);
  EXPECT_FALSE(h.scheduler().should_preempt(h.thread(p1), 0, 80));
}

// An earlier deadline released while a later one runs preempts; equal deadlines do not.
TEST(SchedEdf, EarlierDeadlinePreemptsEqualDoesNot) {
  test::PolicyHarness h("edf");
  const Tid a = h.add(), b = h.add(), c = h.add();
  h.thread(a).period = 100;
  h.thread(b).period = 20;
  h.thread(c).period = 90;
  release(h, a, 0, 50);
  ASSERT_EQ(h.dispatch(0, 0), a);
  release(h, c, 10, 5);  // deadline 100 = A's: no switch
  EXPECT_FALSE(h.scheduler().should_preempt(h.thread(a), 0, 10));
  release(h, b, 10, 5);  // deadline 30
  EXPECT_TRUE(h.scheduler().should_preempt(h.thread(a), 0, 10));
  EXPECT_EQ(h.scheduler().view().queues[0].entries.at(0).value, 30);
}

TEST(SchedEdf, NonPeriodicThreadsRunOnlyWhenNoDeadlineIsReady) {
  test::PolicyHarness h("edf");
  const Tid background = h.add(), task = h.add();
  h.thread(task).period = 10;
  h.ready(background, 0);  // absolute_deadline stays kNever
  release(h, task, 0, 2);
  EXPECT_EQ(h.dispatch(0, 0), task);
  EXPECT_EQ(h.dispatch(0, 0), background);
}

// Silberschatz Figure 5.22: P1 (50, 20) and P2 (100, 35) under RMS: P1 has the higher priority.
// P1 0-20, P2 20-50, P1's release at 50 preempts P2 (shorter period), P1 50-70, P2 70-75.
TEST(SchedRms, SilberschatzFigure5_22ShorterPeriodPreempts) {
  test::PolicyHarness h("rms");
  const Tid p1 = h.add(), p2 = h.add();
  h.thread(p1).period = 50;
  h.thread(p2).period = 100;
  release(h, p2, 0, 35);
  release(h, p1, 0, 20);
  EXPECT_EQ(h.dispatch(0, 0), p1);
  h.stop(p1, 0, 20, StopKind::Blocked, 20);
  EXPECT_EQ(h.dispatch(0, 20), p2);
  release(h, p1, 50, 20);
  EXPECT_TRUE(h.scheduler().should_preempt(h.thread(p2), 0, 50));
  h.stop(p2, 0, 30, StopKind::Preempted, 50);
  h.ready(p2, 50, EnqueueReason::Preempted);
  EXPECT_EQ(h.dispatch(0, 50), p1);
  EXPECT_EQ(h.order(), (std::vector<Tid>{p2}));
  EXPECT_EQ(h.scheduler().view().queues[0].entries.at(0).value, 100);
}

// Silberschatz Figure 5.23: P1 (50, 25), P2 (80, 35): RMS keeps P1 first even when P2's deadline
// (80) is earlier than P1's (100) at 50 -- and P2 misses its deadline, where EDF would not.
TEST(SchedRms, FixedPriorityIgnoresDeadlines) {
  test::PolicyHarness h("rms");
  const Tid p1 = h.add(), p2 = h.add();
  h.thread(p1).period = 50;
  h.thread(p2).period = 80;
  release(h, p1, 0, 25);
  release(h, p2, 0, 35);
  EXPECT_EQ(h.dispatch(0, 0), p1);
  h.stop(p1, 0, 25, StopKind::Blocked, 25);
  EXPECT_EQ(h.dispatch(0, 25), p2);
  release(h, p1, 50, 25);
  EXPECT_TRUE(h.scheduler().should_preempt(h.thread(p2), 0, 50));
  test::PolicyHarness edf("edf");
  const Tid e1 = edf.add(), e2 = edf.add();
  edf.thread(e1).period = 50;
  edf.thread(e2).period = 80;
  release(edf, e1, 0, 25);
  release(edf, e2, 0, 35);
  EXPECT_EQ(edf.dispatch(0, 0), e1);
  edf.stop(e1, 0, 25, StopKind::Blocked, 25);
  EXPECT_EQ(edf.dispatch(0, 25), e2);
  release(edf, e1, 50, 25);
  EXPECT_FALSE(edf.scheduler().should_preempt(edf.thread(e2), 0, 50));
}

TEST(SchedRms, RespectsAffinity) {
  test::PolicyHarness h("rms", {}, 2);
  const Tid fast = h.add(), slow = h.add();
  h.thread(fast).period = 5;
  h.thread(fast).affinity = 0b10;
  h.thread(slow).period = 500;
  release(h, fast, 0, 1);
  release(h, slow, 0, 1);
  EXPECT_EQ(h.dispatch(0, 0), slow);
  EXPECT_EQ(h.dispatch(1, 0), fast);
}

}  // namespace
}  // namespace ks

namespace ks {
namespace {

std::string periodic(const std::string& policy, Tick c1, Tick t1, Tick c2, Tick t2, Tick until) {
  const auto task = [](const char* name, Tick c, Tick t, Tick until_) {
    return R"({"name": ")" + std::string(name) + R"(", "length": )" + std::to_string(c) + R"(, "period": )" +
           std::to_string(t) + R"(, "jobs": )" + std::to_string(until_ / t) + "}";
  };
  return R"({"kernel": {"scheduler": {"policy": ")" + policy + R"("}}, "workload": {"processes": [)" +
         task("P1", c1, t1, until) + ", " + task("P2", c2, t2, until) + "]}}";
}

// End to end over the hyperperiod. Silberschatz Figure 5.22: P1 (50, 20), P2 (100, 35),
// utilisation 0.75: RMS meets every deadline; P2's first job is preempted at 50 and ends at 75.
TEST(SchedRms, SilberschatzFigure5_22EndToEndNoMisses) {
  const auto run = test::run_text_scenario(periodic("rms", 20, 50, 35, 100, 200));
  EXPECT_EQ(run.metrics.system.deadline_misses, 0);
  EXPECT_TRUE(run.result.all_exited);
  Tick p2_first_job_end = -1;
  for (const TraceEvent& e : run.events) {
    if (e.pid == 2 && (e.kind == EventKind::Blocked || e.kind == EventKind::Exited) && p2_first_job_end < 0)
      p2_first_job_end = e.time;
  }
  EXPECT_EQ(p2_first_job_end, 75);
}

// Silberschatz Figures 5.23 and 5.25: P1 (50, 25), P2 (80, 35), utilisation 0.94 (above the RMS
// bound 0.83): RMS makes P2 miss its deadline at 80; EDF meets every deadline over the
// hyperperiod of 400.
TEST(SchedEdf, SilberschatzFigures5_23And5_25EdfMeetsWhatRmsMisses) {
  const auto rms = test::run_text_scenario(periodic("rms", 25, 50, 35, 80, 400));
  EXPECT_GE(test::by_name(rms.metrics, "P2").deadline_misses, 1);
  EXPECT_EQ(test::by_name(rms.metrics, "P1").deadline_misses, 0);
  const auto edf = test::run_text_scenario(periodic("edf", 25, 50, 35, 80, 400));
  EXPECT_EQ(edf.metrics.system.deadline_misses, 0);
  EXPECT_TRUE(edf.result.all_exited);
}

}  // namespace
}  // namespace ks
