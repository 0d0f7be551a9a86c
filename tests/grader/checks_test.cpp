// The grader's checks over a run: each passes or fails with an explanation.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "grader/checks.h"
#include "grader/run_scenario.h"
#include "sim-core/trace/jsonl.h"

namespace ks::grade {
namespace {

const char* kScenario = R"({"machine":{"cpus":1},"kernel":{"scheduler":{"policy":"fifo"}},
  "workload":{"processes":[{"name":"A","length":6},{"name":"B","arrival":1,"length":2},{"name":"C","arrival":2,"length":1}]}})";

RunRecord run(const std::string& policy, const std::vector<std::string>& params = {}) {
  std::ostringstream trace;
  run_scenario_to_trace({kScenario, "s.json", policy, params, std::nullopt, std::nullopt}, trace);
  std::istringstream in(trace.str());
  RecordedTrace recorded = read_json_lines_trace(in, "t");
  return make_record(std::move(recorded.events), std::move(recorded.names));
}

struct Fixture {
  TestSpec test;
  RunRecord actual;
  std::map<std::string, RunRecord> references;
  CheckResult evaluate(const Check& check) {
    CheckContext context{&test, &actual, [this](const std::string& policy) -> const RunRecord& {
                           return references.try_emplace(policy, run(policy, {"quantum=1"})).first->second;
                         }};
    return evaluate_check(check, context);
  }
};

TEST(Checks, AMetricComparesWithinItsTolerance) {
  Fixture f{{}, run("fifo"), {}};
  Check check;
  check.kind = CheckKind::Metric;
  check.metric = "process.B.response";  // B waits for A: 6 - 1 = 5
  check.op = Comparison::Equal;
  check.value = 4;
  check.tolerance = 1;
  EXPECT_TRUE(f.evaluate(check).passed);
  check.tolerance = 0;
  const CheckResult result = f.evaluate(check);
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(result.actual, "process.B.response = 5");
}

TEST(Checks, AnUnknownMetricFailsAndSaysSo) {
  Fixture f{{}, run("fifo"), {}};
  Check check;
  check.kind = CheckKind::Metric;
  check.metric = "process.Z.response";
  check.value = 0;
  const CheckResult result = f.evaluate(check);
  EXPECT_FALSE(result.passed);
  EXPECT_NE(result.actual.find("no process or CPU \"Z\""), std::string::npos) << result.actual;
}

TEST(Checks, EventOrderNamesBothEvents) {
  Fixture f{{}, run("fifo"), {}};
  Check check;
  check.kind = CheckKind::Order;
  check.first = {EventKind::Dispatched, "C", 1};
  check.second = {EventKind::Exited, "B", 1};
  const CheckResult result = f.evaluate(check);  // under FIFO, B finishes before C runs
  EXPECT_FALSE(result.passed);
  EXPECT_NE(result.actual.find("exited B"), std::string::npos) << result.actual;
}

TEST(Checks, MaxWaitReportsTheLongestWait) {
  Fixture f{{}, run("fifo"), {}};
  Check check;
  check.kind = CheckKind::MaxWait;
  check.max_ticks = 5;
  const CheckResult result = f.evaluate(check);  // C waits from 2 to 8
  EXPECT_FALSE(result.passed);
  EXPECT_NE(result.actual.find("C was ready from t=2 to t=8 (6 ticks)"), std::string::npos) << result.actual;
}

TEST(Checks, ReferenceEquivalenceReportsTheFirstDivergence) {
  Fixture f{{}, run("fifo"), {}};
  Check check;
  check.kind = CheckKind::Reference;
  check.reference_policy = "rr";
  const CheckResult result = f.evaluate(check);
  EXPECT_FALSE(result.passed);
  EXPECT_NE(result.detail.find("first divergence from rr at t="), std::string::npos) << result.detail;
  EXPECT_FALSE(result.expected.empty());
  EXPECT_FALSE(result.actual.empty());
  Fixture same{{}, run("rr", {"quantum=1"}), {}};
  EXPECT_TRUE(same.evaluate(check).passed);
}

TEST(Checks, InvariantsHoldForAWorkConservingPolicy) {
  Fixture f{{}, run("rr", {"quantum=1"}), {}};
  Check check;
  check.kind = CheckKind::Invariant;
  check.invariant = "all_complete";
  EXPECT_TRUE(f.evaluate(check).passed);
  check.invariant = "work_conserving";
  EXPECT_TRUE(f.evaluate(check).passed);
}

TEST(Checks, AllCompleteNamesWhoDidNotFinish) {
  std::ostringstream trace;
  run_scenario_to_trace({kScenario, "s.json", "fifo", {}, std::nullopt, 4}, trace);
  std::istringstream in(trace.str());
  RecordedTrace recorded = read_json_lines_trace(in, "t");
  Fixture f{{}, make_record(std::move(recorded.events), std::move(recorded.names)), {}};
  Check check;
  check.kind = CheckKind::Invariant;
  check.invariant = "all_complete";
  const CheckResult result = f.evaluate(check);
  EXPECT_FALSE(result.passed);
  EXPECT_NE(result.actual.find("A, B, C"), std::string::npos) << result.actual;
}

TEST(Checks, ShareIsTheFractionOfCpuTime) {
  const RunRecord record = run("fifo");
  double share = 0;
  std::string problem;
  ASSERT_TRUE(metric_value(record.metrics, "share.A", share, problem)) << problem;
  EXPECT_DOUBLE_EQ(share, 6.0 / 9.0);
}

}  // namespace
}  // namespace ks::grade
