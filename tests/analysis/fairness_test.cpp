// Fairness is Jain's index over the slowdowns of the completed processes: it must tell policies
// apart on one workload (the CPU times, which the workload fixes, cannot).
#include <gtest/gtest.h>

#include <string>

#include "analysis/metrics.h"
#include "scenario/scenario.h"
#include "scenario/simulation.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

RunMetrics intro_under(const std::string& policy, const std::vector<std::string>& params) {
  Scenario scenario = load_scenario(std::string(KS_SOURCE_DIR) + "/labs/demos/intro.json");
  override_policy(scenario, policy, params);
  Simulation simulation(scenario, {});
  MetricsCollector metrics(simulation.trace());
  simulation.trace().add_sink(metrics);
  simulation.run();
  return metrics.result();
}

TEST(Fairness, FifoOnTheIntroDemoMatchesTheSlowdownsByHand) {
  // FIFO: A 0-8, B 8-12, C 12-21, D 21-26, E 26-28; no process ever blocks, so a slowdown is
  // turnaround / length: A 8/8, B 11/4, C 19/9, D 23/5, E 24/2.
  const RunMetrics fifo = intro_under("fifo", {});
  const std::vector<double> slowdowns = {1.0, 11.0 / 4, 19.0 / 9, 23.0 / 5, 24.0 / 2};
  double sum = 0, squares = 0;
  for (std::size_t i = 0; i < slowdowns.size(); ++i) {
    EXPECT_DOUBLE_EQ(fifo.processes[i].slowdown(), slowdowns[i]) << fifo.processes[i].name;
    sum += slowdowns[i];
    squares += slowdowns[i] * slowdowns[i];
  }
  EXPECT_NEAR(fifo.system.fairness, sum * sum / (5 * squares), 1e-12);
}

TEST(Fairness, DiffersBetweenFifoAndRoundRobinOnTheIntroDemo) {
  const RunMetrics fifo = intro_under("fifo", {});
  const RunMetrics rr = intro_under("rr", {"quantum=2"});
  ASSERT_EQ(fifo.system.completed, 5);
  ASSERT_EQ(rr.system.completed, 5);
  // FIFO makes the short late job E wait 22 ticks for 2 of work; round robin spreads the waiting.
  EXPECT_GT(rr.system.fairness, fifo.system.fairness + 0.1)
      << "fifo " << fifo.system.fairness << ", rr " << rr.system.fairness;
}

TEST(Fairness, IsOneWhenEverySlowdownIsEqual) {
  // Two CPUs, three jobs: none waits for a CPU, so every slowdown is 1 (whatever the lengths).
  const auto run = test::run_text_scenario(R"({"machine": {"cpus": 2}, "workload": {"processes": [
      {"name": "A", "arrival": 0, "length": 3}, {"name": "B", "arrival": 0, "length": 9},
      {"name": "C", "arrival": 4, "length": 2}]}})");
  for (const ProcessMetrics& p : run.metrics.processes) EXPECT_DOUBLE_EQ(p.slowdown(), 1.0) << p.name;
  EXPECT_DOUBLE_EQ(run.metrics.system.fairness, 1.0);
}

TEST(Fairness, CountsOnlyCompletedProcesses) {
  const auto run = test::run_text_scenario(R"({"workload": {"processes": [
      {"name": "A", "arrival": 0, "length": 4}, {"name": "B", "arrival": 0, "length": 100}]},
      "run": {"until": 10}})");
  EXPECT_EQ(run.metrics.system.completed, 1);
  EXPECT_DOUBLE_EQ(test::by_name(run.metrics, "B").slowdown(), 0.0);
  EXPECT_DOUBLE_EQ(run.metrics.system.fairness, 1.0);
}

}  // namespace
}  // namespace ks
