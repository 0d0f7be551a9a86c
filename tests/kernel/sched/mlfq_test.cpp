// The Multi-Level Feedback Queue on the examples of OSTEP chapter 8.
#include <gtest/gtest.h>

#include "scenario/simulation.h"
#include "sim-core/error.h"
#include "tests/kernel/sched/policy_harness.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

std::string mlfq(const std::string& params, const std::string& processes) {
  return R"({"kernel": {"scheduler": {"policy": "mlfq")" + params + R"(}}, "workload": {"processes": [)" + processes +
         "]}}";
}

std::vector<std::int64_t> slices_of(const test::RunOutcome& run, Pid pid) {
  std::vector<std::int64_t> slices;
  for (const TraceEvent& e : run.events) {
    if (e.kind == EventKind::Dispatched && e.pid == pid) slices.push_back(e.a);
  }
  return slices;
}

// A bursts list of COUNT CPU bursts of CPU ticks separated by I/O of IO ticks.
std::string bursts(int count, int cpu, int io) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    if (i > 0) text += R"(, {"io": )" + std::to_string(io) + "}";
    text += (i > 0 ? ", " : "") + std::string(R"({"cpu": )") + std::to_string(cpu) + "}";
  }
  return "[" + text + "]";
}

// OSTEP Figure 8.2: a long-running job enters at the top and moves down one level each time it
// uses its allotment; with quanta 2, 4, 8 its slices are 2, then 4, then 8 for ever.
TEST(SchedMlfq, OstepFigure8_2LongJobSinksLevelByLevel) {
  const auto run = run_text_scenario(mlfq(R"(, "quantum": "2,4,8")", R"({"name": "A", "length": 30})"));
  EXPECT_EQ(slices_of(run, 1), (std::vector<std::int64_t>{2, 4, 8, 8, 8}));
  EXPECT_EQ(by_name(run.metrics, "A").completion, 30);
}

// OSTEP Figure 8.3: long job A (at the bottom by 20) and a short job B arriving at 100. B enters
// at the top, runs 100-110 and 110-120 and is done: MLFQ approximates SJF.
TEST(SchedMlfq, OstepFigure8_3ShortJobArrivesAndFinishesQuickly) {
  const auto run = run_text_scenario(
      mlfq(R"(, "quantum": "10")", R"({"name": "A", "length": 200}, {"name": "B", "arrival": 100, "length": 20})"));
  EXPECT_EQ(by_name(run.metrics, "B").first_run, 100);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 120);
  EXPECT_EQ(by_name(run.metrics, "A").completion, 220);
}

// A newcomer at a higher level preempts a job running at a lower one (rule 1).
TEST(SchedMlfq, ArrivalAtAHigherLevelPreempts) {
  const auto run = run_text_scenario(
      mlfq(R"(, "quantum": "10")", R"({"name": "A", "length": 100}, {"name": "B", "arrival": 25, "length": 5})"));
  // A: level 0 0-10, level 1 10-20, level 2 from 20; B arrives at 25 and runs at once.
  EXPECT_EQ(by_name(run.metrics, "B").first_run, 25);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 30);
  std::int64_t by_priority = 0;
  for (const TraceEvent& e : run.events) {
    if (e.kind == EventKind::Preempted && e.a == static_cast<std::int64_t>(PreemptReason::HigherPriority))
      ++by_priority;
  }
  EXPECT_EQ(by_priority, 1);
}

// OSTEP Figure 8.6 (gaming): B runs 9 ticks of every 10 and then does 1 tick of I/O, against a
// CPU-bound A; quantum and allotment 10 at every level.
// Old rule (boost_on_io: blocking returns to the top): A 0-10 drops a level; B runs 10-19, 20-29,
// ..., 100-109 at the top, A gets only the 1-tick gaps: B ends at 109 and A (19 ticks by then)
// at 109 + 181 = 290.
// Rule 4 (allotment accounted across runs): B's first run of 9 leaves 1 tick of allotment; it
// wakes at 20, preempts A (level 1) and is demoted after 1 tick (slice 1, 20-21); A 21-30 uses
// the rest of its level-1 allotment; B 30-38 ... From then B shares the lower levels with A and
// finishes at 250 (the first 40 ticks checked by hand against the trace, the rest by the simulator).
TEST(SchedMlfq, OstepGamingExampleAllotmentAccountingDefeatsTheGamer) {
  const std::string processes = R"({"name": "A", "length": 200}, {"name": "B", "bursts": )" + bursts(10, 9, 1) + "}";
  const auto gamed = run_text_scenario(mlfq(R"(, "quantum": "10", "boost_on_io": true)", processes));
  EXPECT_EQ(by_name(gamed.metrics, "B").completion, 109);
  EXPECT_EQ(by_name(gamed.metrics, "A").completion, 290);
  const auto fair = run_text_scenario(mlfq(R"(, "quantum": "10")", processes));
  EXPECT_EQ(by_name(fair.metrics, "B").first_run, 10);
  const auto b_slices = slices_of(fair, 2);
  ASSERT_GE(b_slices.size(), 3U);
  EXPECT_EQ(b_slices[0], 10);
  EXPECT_EQ(b_slices[1], 1);  // the 1 tick of level-0 allotment left after its first 9
  EXPECT_EQ(b_slices[2], 10);
  EXPECT_EQ(by_name(fair.metrics, "B").completion, 250);
}

// OSTEP Figure 8.5 (priority boost): two interactive jobs (1 tick of CPU, 1 of I/O, returning to
// the top under the old rule) keep the CPU busy and starve the long job A at the bottom. A boost
// every 20 ticks lifts A back to the top, where it gets a full quantum.
TEST(SchedMlfq, OstepFigure8_5BoostEndsStarvation) {
  const std::string processes = R"({"name": "A", "length": 40}, {"name": "B", "bursts": )" + bursts(40, 1, 1) +
                                R"(}, {"name": "C", "arrival": 1, "bursts": )" + bursts(40, 1, 1) + "}";
  const auto starved = run_text_scenario(mlfq(R"(, "quantum": "10", "boost_on_io": true)", processes));
  // A 0-10; then B and C alternate 1 tick each until both are done at 10 + 80 - 1 ... A last.
  const Tick done_b = by_name(starved.metrics, "B").completion, done_c = by_name(starved.metrics, "C").completion;
  EXPECT_GT(by_name(starved.metrics, "A").completion, std::max(done_b, done_c));
  const auto boosted =
      run_text_scenario(mlfq(R"(, "quantum": "10", "boost_on_io": true, "boost_interval": 20)", processes));
  EXPECT_LT(by_name(boosted.metrics, "A").completion, std::max(done_b, done_c));
}

TEST(SchedMlfq, ViewShowsEachLevelWithAllotmentLeft) {
  test::PolicyHarness h("mlfq", {{"quantum", "2,4,8"}, {"allotment", "4,8,16"}});
  const Tid a = h.add(50), b = h.add(50);
  h.ready(a, 0);
  h.ready(b, 0);
  Tick slice = 0;
  ASSERT_EQ(h.dispatch(0, 0, &slice), a);
  EXPECT_EQ(slice, 2);
  h.stop(a, 0, 2, StopKind::QuantumExpired, 2);
  h.ready(a, 2, EnqueueReason::QuantumExpired);  // 2 of 4 used: still level 0
  const SchedulerView view = h.scheduler().view();
  ASSERT_EQ(view.queues.size(), 3U);
  EXPECT_EQ(view.queues[0].value_label, "allotment left (ticks)");
  ASSERT_EQ(view.queues[0].entries.size(), 2U);
  EXPECT_EQ(view.queues[0].entries[0].tid, b);
  EXPECT_EQ(view.queues[0].entries[0].value, 4);
  EXPECT_EQ(view.queues[0].entries[1].value, 2);
  EXPECT_EQ(h.dispatch(0, 2), b);
  h.stop(b, 0, 1, StopKind::Blocked, 3);
  EXPECT_EQ(h.dispatch(0, 3, &slice), a);
  EXPECT_EQ(slice, 2);
  h.stop(a, 0, 2, StopKind::QuantumExpired, 5);
  h.ready(a, 5, EnqueueReason::QuantumExpired);  // allotment spent: level 1, fresh 8
  EXPECT_TRUE(h.scheduler().view().queues[0].entries.empty());
  EXPECT_EQ(h.scheduler().view().queues[1].entries.at(0).value, 8);
  EXPECT_EQ(h.scheduler().ready_count(), 1U);
}

TEST(SchedMlfq, MalformedQuantumListsAreInputErrorsNamingTheKey) {
  const auto error_key = [](const std::string& params) -> std::string {
    try {
      const Scenario scenario = parse_scenario(mlfq(params, R"({"name": "A", "length": 3})"), "x.json");
      Simulation simulation(scenario);
    } catch (const InputError& e) {
      return e.where().key_path;
    }
    return "no error";
  };
  EXPECT_EQ(error_key(R"(, "levels": 3, "quantum": "2,4")"), "kernel.scheduler.quantum");
  EXPECT_EQ(error_key(R"(, "quantum": "2,x,8")"), "kernel.scheduler.quantum");
  EXPECT_EQ(error_key(R"(, "quantum": "2,0,8")"), "kernel.scheduler.quantum");
  EXPECT_EQ(error_key(R"(, "quantum": "2,,8")"), "kernel.scheduler.quantum");
  EXPECT_EQ(error_key(R"(, "allotment": "1,2,3,4")"), "kernel.scheduler.allotment");
  EXPECT_EQ(error_key(R"(, "levels": 0)"), "kernel.scheduler.levels");
  EXPECT_EQ(error_key(R"(, "levels": 2, "quantum": " 3, 5 ")"), "no error");
}

}  // namespace
}  // namespace ks
