// End-to-end tests of the kernel with the fifo and rr policies, on hand-computed examples.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace ks {
namespace {

using test::by_name;
using test::run_text_scenario;

std::string five_jobs(const std::string& scheduler, const std::string& extra_kernel = "") {
  return R"({"kernel": {"scheduler": )" + scheduler + extra_kernel + R"(},
    "workload": {"processes": [
      {"name": "A", "arrival": 0, "length": 8}, {"name": "B", "arrival": 1, "length": 4},
      {"name": "C", "arrival": 2, "length": 9}, {"name": "D", "arrival": 3, "length": 5},
      {"name": "E", "arrival": 4, "length": 2}]}})";
}

TEST(KernelFifo, RunsJobsInArrivalOrderToCompletion) {
  const auto run = run_text_scenario(five_jobs(R"({"policy": "fifo"})"));
  // By hand: A 0-8, B 8-12, C 12-21, D 21-26, E 26-28.
  const std::vector<std::pair<const char*, Tick>> completion = {{"A", 8}, {"B", 12}, {"C", 21}, {"D", 26}, {"E", 28}};
  for (const auto& [name, done] : completion) EXPECT_EQ(by_name(run.metrics, name).completion, done) << name;
  EXPECT_EQ(by_name(run.metrics, "D").response(), 18);
  EXPECT_EQ(by_name(run.metrics, "E").wait_time, 22);
  EXPECT_EQ(run.metrics.system.makespan, 28);
  EXPECT_DOUBLE_EQ(run.metrics.system.turnaround.mean, (8 + 11 + 19 + 23 + 24) / 5.0);
  EXPECT_TRUE(run.result.all_exited);
}

TEST(KernelRoundRobin, ArrivalGoesAheadOfTheExpiredJobByDefault) {
  const auto run = run_text_scenario(five_jobs(R"({"policy": "rr", "quantum": 2})"));
  // By hand (arrival_first): A0-2 B2-4 C4-6 A6-8 D8-10 E10-12 B12-14 C14-16 A16-18 D18-20
  // C20-22 A22-24 D24-25 C25-28.
  EXPECT_EQ(by_name(run.metrics, "E").completion, 12);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 14);
  EXPECT_EQ(by_name(run.metrics, "A").completion, 24);
  EXPECT_EQ(by_name(run.metrics, "D").completion, 25);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 28);
  EXPECT_EQ(by_name(run.metrics, "C").first_run, 4);
  EXPECT_EQ(by_name(run.metrics, "A").dispatches, 4);
}

TEST(KernelRoundRobin, PreemptedFirstTieRuleQueuesTheExpiredJobFirst) {
  const auto run =
      run_text_scenario(five_jobs(R"({"policy": "rr", "quantum": 2})", R"(, "tie_rule": "preempted_first")"));
  // At t=2 A's quantum expires as C arrives: A is queued before C. Queue after t=2: B A C.
  // B2-4; t=4: B expires before E arrives: queue A C D B E. A4-6 ...
  EXPECT_EQ(by_name(run.metrics, "B").first_run, 2);
  EXPECT_EQ(by_name(run.metrics, "C").first_run, 6);
  EXPECT_EQ(by_name(run.metrics, "A").first_run, 0);
  const auto default_run = run_text_scenario(five_jobs(R"({"policy": "rr", "quantum": 2})"));
  EXPECT_EQ(by_name(default_run.metrics, "C").first_run, 4);
}

TEST(KernelIo, BlockedJobLetsOthersRunAndReturnsWhenIoCompletes) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "fifo"}},
    "workload": {"processes": [
      {"name": "A", "arrival": 0, "bursts": [{"cpu": 2}, {"io": 5}, {"cpu": 3}]},
      {"name": "B", "arrival": 0, "length": 4}]}})");
  // A 0-2, blocks until 7; B 2-6; CPU idle 6-7; A 7-10.
  const auto& a = by_name(run.metrics, "A");
  EXPECT_EQ(a.completion, 10);
  EXPECT_EQ(a.io_time, 5);
  EXPECT_EQ(a.cpu_time, 5);
  EXPECT_EQ(a.wait_time, 0);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 6);
  EXPECT_EQ(run.metrics.cpus[0].busy, 9);
}

TEST(KernelMultiCpu, GlobalQueueFeedsIdleCpusInCpuOrder) {
  const auto run = run_text_scenario(R"({"machine": {"cpus": 2}, "kernel": {"scheduler": {"policy": "fifo"}},
    "workload": {"processes": [
      {"name": "A", "arrival": 0, "length": 6}, {"name": "B", "arrival": 0, "length": 2},
      {"name": "C", "arrival": 1, "length": 3}]}})");
  // A on CPU 0 0-6; B on CPU 1 0-2; C on CPU 1 2-5.
  EXPECT_EQ(by_name(run.metrics, "A").completion, 6);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 2);
  EXPECT_EQ(by_name(run.metrics, "C").first_run, 2);
  EXPECT_EQ(by_name(run.metrics, "C").completion, 5);
  EXPECT_EQ(run.metrics.cpus[0].busy, 6);
  EXPECT_EQ(run.metrics.cpus[1].busy, 5);
}

TEST(KernelMultiCpu, AffinityKeepsAJobOffForbiddenCpus) {
  const auto run = run_text_scenario(R"({"machine": {"cpus": 2}, "kernel": {"scheduler": {"policy": "fifo"}},
    "workload": {"processes": [
      {"name": "A", "arrival": 0, "length": 4, "affinity": [0]},
      {"name": "B", "arrival": 0, "length": 4, "affinity": [0]}]}})");
  EXPECT_EQ(by_name(run.metrics, "B").first_run, 4);
  EXPECT_EQ(run.metrics.cpus[1].busy, 0);
  for (const auto& e : run.events) {
    if (e.kind == EventKind::Dispatched) {
      EXPECT_EQ(e.cpu, 0);
    }
  }
}

TEST(KernelTiming, ContextSwitchCostDelaysEveryDispatch) {
  const auto run =
      run_text_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 3}, "context_switch_cost": 1},
    "workload": {"processes": [{"name": "A", "arrival": 0, "length": 4}, {"name": "B", "arrival": 0, "length": 2}]}})");
  // switch 0-1, A 1-4; switch 4-5, B 5-7 (done); switch 7-8, A 8-9.
  EXPECT_EQ(by_name(run.metrics, "A").first_run, 1);
  EXPECT_EQ(by_name(run.metrics, "B").first_run, 5);
  EXPECT_EQ(by_name(run.metrics, "B").completion, 7);
  EXPECT_EQ(by_name(run.metrics, "A").completion, 9);
  EXPECT_EQ(run.metrics.cpus[0].switching, 3);
  EXPECT_EQ(by_name(run.metrics, "A").cpu_time, 4);
}

TEST(KernelTiming, FasterCpuFinishesBurstsSooner) {
  const auto run = run_text_scenario(R"({"machine": {"cpus": 2, "cpu_speeds": [2.0, 0.5]},
    "kernel": {"scheduler": {"policy": "fifo"}},
    "workload": {"processes": [{"name": "Big", "arrival": 0, "length": 10, "affinity": [0]},
                               {"name": "Little", "arrival": 0, "length": 10, "affinity": [1]}]}})");
  EXPECT_EQ(by_name(run.metrics, "Big").completion, 5);
  EXPECT_EQ(by_name(run.metrics, "Little").completion, 20);
}

TEST(KernelRun, StopsAtTheTimeLimitWithUnfinishedJobs) {
  const auto run = run_text_scenario(R"({"kernel": {"scheduler": {"policy": "fifo"}},
    "workload": {"processes": [{"name": "A", "arrival": 0, "length": 10}, {"name": "B", "arrival": 0, "length": 10}]},
    "run": {"until": 15}})");
  EXPECT_FALSE(run.result.all_exited);
  EXPECT_EQ(run.result.end_time, 15);
  EXPECT_TRUE(by_name(run.metrics, "A").completed());
  EXPECT_FALSE(by_name(run.metrics, "B").completed());
  EXPECT_EQ(run.events.back().kind, EventKind::RunEnd);
  EXPECT_EQ(run.events.back().a, 0);
}

TEST(KernelTrace, EveryDispatchIsFollowedByRunningAndEveryRunEndsOnce) {
  const auto run = run_text_scenario(five_jobs(R"({"policy": "rr", "quantum": 3})"));
  int dispatched = 0, stops = 0;
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    const auto& e = run.events[i];
    if (e.kind == EventKind::Dispatched) {
      ++dispatched;
      ASSERT_LT(i + 1, run.events.size());
      EXPECT_EQ(run.events[i + 1].kind, EventKind::StateChanged);
      EXPECT_EQ(run.events[i + 1].b, static_cast<std::int64_t>(ProcessState::Running));
    }
    if (e.kind == EventKind::Preempted || e.kind == EventKind::Blocked || e.kind == EventKind::Exited) ++stops;
    if (i > 0) {
      EXPECT_GE(e.time, run.events[i - 1].time);
    }
  }
  EXPECT_EQ(dispatched, stops);
}

TEST(KernelDeterminism, SameSeedSameEventsDifferentSeedDifferentWorkload) {
  const std::string scenario = R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 3}},
    "workload": {"generator": {"count": 30, "interarrival": {"distribution": "exponential", "mean": 4},
      "cpu_burst": {"distribution": "pareto", "scale": 2, "shape": 1.5, "max": 200},
      "io_burst": {"distribution": "uniform", "min": 1, "max": 9}, "cpu_bursts": {"min": 1, "max": 4}}}})";
  const auto a = run_text_scenario(scenario, 7);
  const auto b = run_text_scenario(scenario, 7);
  const auto c = run_text_scenario(scenario, 8);
  EXPECT_EQ(a.events, b.events);
  EXPECT_NE(a.events, c.events);
  EXPECT_EQ(a.metrics.system.completed, 30);
}

}  // namespace
}  // namespace ks
