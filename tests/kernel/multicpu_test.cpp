// Per-CPU queues, idle stealing, load balancing, migration cost and the energy model.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace ks {
namespace {

std::string three_jobs(const std::string& kernel_extra) {
  return R"({"machine": {"cpus": 2}, "kernel": {"scheduler": {"policy": "fifo"}, "queues": "per_cpu")" + kernel_extra +
         R"(}, "workload": {"processes": [{"name": "A", "length": 8}, {"name": "B", "length": 2}, {"name": "C", "length": 4}]}})";
}

TEST(KernelPerCpu, ArrivalsJoinTheLeastLoadedQueue) {
  // A -> CPU 0, B -> CPU 1, C -> CPU 0 (loads tie at 1: the lower CPU). Without stealing C waits for A.
  const auto run = test::run_text_scenario(three_jobs(R"(, "idle_stealing": false)"));
  EXPECT_EQ(test::by_name(run.metrics, "C").first_run, 8);
  EXPECT_EQ(test::by_name(run.metrics, "C").completion, 12);
  EXPECT_EQ(run.metrics.cpus[1].busy, 2);
}

TEST(KernelPerCpu, AnIdleCpuStealsFromTheBusiestQueue) {
  const auto run = test::run_text_scenario(three_jobs(""));
  EXPECT_EQ(test::by_name(run.metrics, "C").first_run, 2);
  EXPECT_EQ(test::by_name(run.metrics, "C").completion, 6);
  EXPECT_EQ(run.metrics.cpus[1].busy, 6);
}

TEST(KernelPerCpu, PeriodicBalancingMovesAWaitingThreadToAnIdleCpu) {
  // X (0-1) and W (1-2) run on CPU 0 and block; A arrives at 2 and takes CPU 0 for 20 ticks.
  // X and W wake into CPU 0's queue (the CPU they last ran on) while CPU 1 idles (no stealing).
  // At 10 the balancer moves X to CPU 1 (loads 3 and 0 -> 2 and 1): X runs there 10-13.
  // At 20 (loads 2 and 0) it moves W too: W runs on CPU 1 20-23, before A finishes at 22.
  const auto run = test::run_text_scenario(R"({"machine": {"cpus": 2},
      "kernel": {"scheduler": {"policy": "fifo"}, "queues": "per_cpu", "idle_stealing": false, "balance_interval": 10},
      "workload": {"processes": [
        {"name": "X", "arrival": 0, "bursts": [{"cpu": 1}, {"io": 2}, {"cpu": 3}]},
        {"name": "W", "arrival": 1, "bursts": [{"cpu": 1}, {"io": 2}, {"cpu": 3}]},
        {"name": "A", "arrival": 2, "length": 20}]}})");
  EXPECT_EQ(test::by_name(run.metrics, "X").completion, 13);
  EXPECT_EQ(test::by_name(run.metrics, "W").completion, 23);
  EXPECT_EQ(run.metrics.system.migrations, 2);
}

TEST(KernelMigration, MigrationCostIsChargedWhenAThreadChangesCpu) {
  const std::string scenario =
      R"({"machine": {"cpus": 2}, "kernel": {"scheduler": {"policy": "fifo"}, "migration_cost": 2},
      "workload": {"processes": [{"name": "A", "bursts": [{"cpu": 2}, {"io": 1}, {"cpu": 2}]},
                                 {"name": "B", "length": 2}, {"name": "C", "length": 10}]}})";
  // CPU 0: A 0-2 (then I/O until 3), C from 2. CPU 1: B 0-2, idle; A wakes at 3 onto CPU 1:
  // migrated, so it starts at 5 and finishes at 7.
  const auto run = test::run_text_scenario(scenario);
  EXPECT_EQ(test::by_name(run.metrics, "A").completion, 7);
  EXPECT_EQ(run.metrics.system.migrations, 1);
  EXPECT_EQ(run.metrics.cpus[1].switching, 2);
  int migrated = 0;
  for (const auto& e : run.events) {
    if (e.kind == EventKind::Migrated) {
      ++migrated;
      EXPECT_EQ(e.a, 0);
      EXPECT_EQ(e.b, 1);
      EXPECT_EQ(e.time, 3);
    }
  }
  EXPECT_EQ(migrated, 1);
}

TEST(KernelEnergy, BusyAndIdleTicksAreChargedPerCpu) {
  const auto run = test::run_text_scenario(R"({"machine": {"cpus": 1, "energy": {"busy": 3, "idle": 1}},
      "workload": {"processes": [{"name": "A", "length": 4}, {"name": "B", "arrival": 10, "length": 2}]}})");
  // Makespan 12: busy 6 ticks at 3, idle 6 ticks at 1.
  EXPECT_EQ(run.metrics.system.makespan, 12);
  EXPECT_EQ(run.metrics.cpus[0].energy, 24);
  EXPECT_EQ(run.metrics.system.energy, 24);
}

TEST(KernelEnergy, BigCoresFinishSoonerButCostMore) {
  const std::string base =
      R"({"machine": {"cpus": 2, "cpu_speeds": [2.0, 0.5], "energy": {"busy": [4, 1], "idle": [0, 0]}},
      "workload": {"processes": [{"name": "A", "length": 10, "affinity": [CPU]}]}})";
  const auto big = test::run_text_scenario(std::string(base).replace(base.find("CPU"), 3, "0"));
  const auto little = test::run_text_scenario(std::string(base).replace(base.find("CPU"), 3, "1"));
  EXPECT_EQ(big.metrics.system.makespan, 5);
  EXPECT_EQ(little.metrics.system.makespan, 20);
  EXPECT_EQ(big.metrics.system.energy, 20);
  EXPECT_EQ(little.metrics.system.energy, 20);
}

}  // namespace
}  // namespace ks
