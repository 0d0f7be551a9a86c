// Periodic real-time tasks: releases, sleeping between jobs, deadline misses.
#include <gtest/gtest.h>

#include "sim-core/error.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

TEST(KernelPeriodic, OverloadedFifoMissesTheSecondTasksDeadlines) {
  // T1 and T2: 6 ticks every 10 (utilisation 1.2). FIFO: T1 0-6, T2 6-12 (due 10: miss),
  // T1 12-18 (released 10, due 20), T2 18-24 (released 10, due 20: miss).
  const auto run = test::run_text_scenario(R"({"workload": {"processes": [
      {"name": "T1", "length": 6, "period": 10, "jobs": 2},
      {"name": "T2", "length": 6, "period": 10, "jobs": 2}]}})");
  std::vector<std::pair<Tick, std::int64_t>> misses;
  for (const auto& e : run.events) {
    if (e.kind == EventKind::DeadlineMiss) {
      EXPECT_EQ(e.pid, 2u);
      misses.emplace_back(e.time, e.b);
    }
  }
  EXPECT_EQ(misses, (std::vector<std::pair<Tick, std::int64_t>>{{10, 0}, {20, 1}}));
  EXPECT_EQ(test::by_name(run.metrics, "T2").deadline_misses, 2);
  EXPECT_EQ(test::by_name(run.metrics, "T1").deadline_misses, 0);
  EXPECT_EQ(test::by_name(run.metrics, "T2").completion, 24);
  EXPECT_EQ(run.metrics.system.deadline_misses, 2);
}

TEST(KernelPeriodic, JobsWaitForTheirReleaseAndFinishingAtTheDeadlineIsInTime) {
  // One task: 4 ticks every 10, deadline 4. Jobs run 0-4, 10-14, 20-24: each exactly on time.
  const auto run = test::run_text_scenario(R"({"workload": {"processes": [
      {"name": "T", "length": 4, "period": 10, "deadline": 4, "jobs": 3}]}})");
  std::vector<Tick> dispatches;
  for (const auto& e : run.events) {
    if (e.kind == EventKind::Dispatched) {
      dispatches.push_back(e.time);
    }
    EXPECT_NE(e.kind, EventKind::DeadlineMiss);
  }
  EXPECT_EQ(dispatches, (std::vector<Tick>{0, 10, 20}));
  const auto& t = test::by_name(run.metrics, "T");
  EXPECT_EQ(t.completion, 24);
  EXPECT_EQ(t.cpu_time, 12);
  EXPECT_EQ(t.io_time, 0) << "sleeping between jobs is not I/O";
}

TEST(KernelPeriodic, ScenarioRejectsPeriodicKeysWithoutAPeriod) {
  EXPECT_THROW(
      (void)parse_scenario(R"({"workload": {"processes": [{"name": "T", "length": 4, "jobs": 3}]}})", "p.json"),
      InputError);
  EXPECT_THROW((void)parse_scenario(
                   R"({"workload": {"processes": [{"name": "T", "bursts": [{"cpu": 1}], "period": 5}]}})", "p.json"),
               InputError);
}

}  // namespace
}  // namespace ks
