#include "analysis/metrics.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include "analysis/timeline.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

TEST(Distribution, NearestRankPercentiles) {
  std::vector<Tick> values;
  for (Tick v = 100; v >= 1; --v) values.push_back(v);  // 1..100, unsorted
  const Distribution d = summarize(values);
  EXPECT_EQ(d.count, 100);
  EXPECT_DOUBLE_EQ(d.mean, 50.5);
  EXPECT_EQ(d.min, 1);
  EXPECT_EQ(d.p50, 50);
  EXPECT_EQ(d.p95, 95);
  EXPECT_EQ(d.p99, 99);
  EXPECT_EQ(d.max, 100);
  const Distribution three = summarize({7, 1, 4});
  EXPECT_EQ(three.p50, 4);
  EXPECT_EQ(three.p95, 7);
  EXPECT_EQ(summarize({}).count, 0);
}

TEST(JainFairness, IsOneForEqualSharesAndOneOverNForOneTaker) {
  EXPECT_DOUBLE_EQ(jain_fairness({2.5, 2.5, 2.5}), 1.0);
  EXPECT_DOUBLE_EQ(jain_fairness({}), 1.0);
  EXPECT_DOUBLE_EQ(jain_fairness({5, 5, 5, 5}), 1.0);
  EXPECT_DOUBLE_EQ(jain_fairness({8, 0, 0, 0}), 0.25);
  EXPECT_NEAR(jain_fairness({1, 2}), 9.0 / 10.0, 1e-12);
}

TEST(Metrics, HandComputedFromAnIoWorkload) {
  // A: cpu 2, io 3, cpu 2 from t=0; B: cpu 4 from t=1; FIFO on one CPU.
  // A 0-2, blocked 2-5; B 2-6; A ready 5-6, runs 6-8.
  const auto run = test::run_text_scenario(R"({"workload": {"processes": [
      {"name": "A", "arrival": 0, "bursts": [{"cpu": 2}, {"io": 3}, {"cpu": 2}]},
      {"name": "B", "arrival": 1, "length": 4}]}})");
  const auto& a = test::by_name(run.metrics, "A");
  const auto& b = test::by_name(run.metrics, "B");
  EXPECT_EQ(a.arrival, 0);
  EXPECT_EQ(a.first_run, 0);
  EXPECT_EQ(a.completion, 8);
  EXPECT_EQ(a.turnaround(), 8);
  EXPECT_EQ(a.wait_time, 1);
  EXPECT_EQ(a.io_time, 3);
  EXPECT_EQ(a.cpu_time, 4);
  EXPECT_EQ(a.dispatches, 2);
  EXPECT_EQ(b.response(), 1);
  EXPECT_EQ(b.turnaround(), 5);
  EXPECT_EQ(b.wait_time, 1);
  const SystemMetrics& s = run.metrics.system;
  EXPECT_EQ(s.makespan, 8);
  EXPECT_EQ(s.completed, 2);
  EXPECT_DOUBLE_EQ(s.throughput_per_1000, 250.0);
  EXPECT_DOUBLE_EQ(s.mean_utilisation, 1.0);
  EXPECT_DOUBLE_EQ(s.response.mean, 0.5);
  // Slowdowns: A 8 / (8 - 1), B 5 / (5 - 1).
  EXPECT_DOUBLE_EQ(a.slowdown(), 8.0 / 7.0);
  EXPECT_DOUBLE_EQ(b.slowdown(), 5.0 / 4.0);
  const double sum = 8.0 / 7.0 + 5.0 / 4.0, squares = (8.0 / 7.0) * (8.0 / 7.0) + (5.0 / 4.0) * (5.0 / 4.0);
  EXPECT_NEAR(s.fairness, sum * sum / (2 * squares), 1e-12);
}

TEST(Metrics, FromATraceReadBackEqualFromTheLiveRun) {
  const auto run = test::run_text_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 2}},
      "workload": {"generator": {"count": 20, "interarrival": {"distribution": "uniform", "min": 0, "max": 4},
      "cpu_burst": {"distribution": "exponential", "mean": 6}}}})",
                                           3);
  const RunMetrics again = compute_metrics(run.events, run.names);
  EXPECT_EQ(to_json(again), to_json(run.metrics));
}

TEST(Timeline, RendersCpuLanesAndProcessLanes) {
  const auto run = test::run_text_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 2}},
      "workload": {"processes": [{"name": "A", "arrival": 0, "length": 3}, {"name": "B", "arrival": 0, "length": 2}]}})");
  const Timeline timeline = build_timeline(run.events, run.names);
  ASSERT_EQ(timeline.cpus.size(), 1u);
  ASSERT_EQ(timeline.cpus[0].size(), 3u);  // A 0-2, B 2-4, A 4-5
  EXPECT_EQ(timeline.cpus[0][1].start, 2);
  EXPECT_EQ(timeline.cpus[0][1].end, 4);
  const std::string text = render_timeline(timeline);
  EXPECT_NE(text.find("CPU 0  AABBA"), std::string::npos) << text;
  EXPECT_NE(text.find("A      ##--#"), std::string::npos) << text;
  EXPECT_NE(text.find("B      --##"), std::string::npos) << text;
}

}  // namespace
}  // namespace ks
