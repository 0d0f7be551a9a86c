// Scenario files: what is accepted, and a clear error (file, line:column, key path) for every
// kind of bad input.
#include "scenario/scenario.h"

#include <gtest/gtest.h>

#include <fstream>

#include "sim-core/error.h"

namespace ks {
namespace {

struct Expected {
  std::int64_t line;
  std::int64_t column;
  std::string key_path;
  std::string fragment;
};

void expect_error(const std::string& text, const Expected& expected) {
  try {
    (void)parse_scenario(text, "case.json");
    FAIL() << "accepted:\n" << text;
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, "case.json");
    EXPECT_EQ(error.where().line, expected.line) << error.what();
    EXPECT_EQ(error.where().column, expected.column) << error.what();
    EXPECT_EQ(error.where().key_path, expected.key_path) << error.what();
    EXPECT_NE(std::string(error.what()).find(expected.fragment), std::string::npos) << error.what();
  }
}

const char* kGood = R"({
  "name": "good",
  "machine": {"cpus": 2, "cpu_speeds": [1.0, 0.5], "io_latency": 3},
  "kernel": {"scheduler": {"policy": "rr", "quantum": 5}, "context_switch_cost": 1, "tie_rule": "preempted_first"},
  "workload": {"processes": [
    {"name": "A", "arrival": 0, "bursts": [{"cpu": 3}, {"io": 2}, {"cpu": 1}], "priority": 2, "nice": -5, "tickets": 50},
    {"name": "B", "arrival": 4, "length": 7, "affinity": [1]}]},
  "run": {"seed": 9, "until": 1000}
})";

TEST(Scenario, ReadsEverySection) {
  const Scenario s = parse_scenario(kGood, "good.json");
  EXPECT_EQ(s.name, "good");
  EXPECT_EQ(s.machine.cpus, 2);
  EXPECT_EQ(s.machine.cpu_speeds, (std::vector<std::int32_t>{1000, 500}));
  EXPECT_EQ(s.machine.io_latency, 3);
  EXPECT_EQ(s.policy->name, "rr");
  EXPECT_EQ(s.policy_params.integer("quantum"), 5);
  EXPECT_EQ(s.kernel.context_switch_cost, 1);
  EXPECT_EQ(s.kernel.tie_rule, TieRule::PreemptedFirst);
  ASSERT_EQ(s.processes.size(), 2u);
  EXPECT_EQ(s.processes[0].bursts.size(), 3u);
  EXPECT_EQ(s.processes[0].bursts[1], (Burst{Burst::Kind::Io, 2}));
  EXPECT_EQ(s.processes[0].nice, -5);
  EXPECT_EQ(s.processes[0].tickets, 50);
  EXPECT_EQ(s.processes[1].affinity, 2u);
  EXPECT_EQ(s.seed, 9u);
  EXPECT_EQ(s.until, 1000);
}

TEST(Scenario, DefaultsToFifoOnOneCpu) {
  const Scenario s = parse_scenario(R"({"workload": {"processes": [{"name": "A", "length": 1}]}})", "x.json");
  EXPECT_EQ(s.policy->name, "fifo");
  EXPECT_EQ(s.machine.cpus, 1);
  EXPECT_EQ(s.until, kNever);
}

TEST(ScenarioErrors, UnknownKeyNamesTheKeyAndItsPosition) {
  expect_error("{\n  \"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 1}]},\n  \"machnie\": {}\n}",
               {3, 3, "machnie", "unknown key \"machnie\""});
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"lenght\": 1}]}}",
               {1, 43, "workload.processes[0].lenght", "unknown key"});
}

TEST(ScenarioErrors, WrongTypeNamesTheExpectedType) {
  expect_error("{\"machine\": {\"cpus\": \"two\"}, \"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 1}]}}",
               {1, 22, "machine.cpus", "expected an integer between 1 and 64, got the string \"two\""});
  expect_error("{\"workload\": {\"processes\": {\"name\": \"A\"}}}",
               {1, 28, "workload.processes", "expected an array"});
  expect_error("{\"workload\": {\"processes\": [{\"name\": 7, \"length\": 1}]}}",
               {1, 38, "workload.processes[0].name", "expected a string"});
}

TEST(ScenarioErrors, NegativeAndZeroDurationsAreRejected) {
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"arrival\": -3, \"length\": 1}]}}",
               {1, 54, "workload.processes[0].arrival", "non-negative integer, got -3"});
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"bursts\": [{\"cpu\": 0}]}]}}",
               {1, 62, "workload.processes[0].bursts[0].cpu", "positive integer, got 0"});
  expect_error(
      "{\"kernel\": {\"scheduler\": {\"policy\": \"rr\", \"quantum\": 0}}, \"workload\": {\"processes\": [{\"name\": "
      "\"A\", \"length\": 1}]}}",
      {1, 54, "kernel.scheduler.quantum", "at least 1"});
}

TEST(ScenarioErrors, DuplicateProcessNamesAreRejected) {
  expect_error(
      "{\"workload\": {\"processes\": [\n {\"name\": \"A\", \"length\": 1},\n {\"name\": \"A\", \"length\": 2}]}}",
      {3, 11, "workload.processes[1].name", "duplicate process name \"A\""});
}

TEST(ScenarioErrors, BurstScriptsMustAlternateAndEndWithCpu) {
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"bursts\": [{\"cpu\": 1}, {\"cpu\": 2}]}]}}",
               {1, 66, "workload.processes[0].bursts[1]", "should be an I/O burst"});
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"bursts\": [{\"cpu\": 1}, {\"io\": 2}]}]}}",
               {1, 66, "workload.processes[0].bursts[1]", "last burst must be a CPU burst"});
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\"}]}}",
               {1, 29, "workload.processes[0]", "either \"length\""});
}

TEST(ScenarioErrors, UnknownPolicyAndParameterAreRejected) {
  expect_error(
      "{\"kernel\": {\"scheduler\": {\"policy\": \"fastest\"}}, \"workload\": {\"processes\": [{\"name\": \"A\", "
      "\"length\": 1}]}}",
      {1, 37, "kernel.scheduler.policy", "unknown policy \"fastest\""});
  expect_error(
      "{\"kernel\": {\"scheduler\": {\"policy\": \"fifo\", \"quantum\": 3}}, \"workload\": {\"processes\": [{\"name\": "
      "\"A\", \"length\": 1}]}}",
      {1, 45, "kernel.scheduler.quantum", "has no parameter \"quantum\""});
}

TEST(ScenarioErrors, EveryWrongFormOfAPolicyChoiceIsRefusedAtItsPosition) {
  const std::string workload = ", \"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 1}]}}";
  // Page replacement is a kind of its own, chosen only where there is swap to replace pages into.
  expect_error("{\"kernel\": {\"replacement\": {\"policy\": \"clock\"}}" + workload,
               {1, 13, "kernel.replacement", "page replacement needs a swap disk"});
  expect_error("{\"kernel\": {\"scheduler\": \"rr\"}" + workload,
               {1, 26, "kernel.scheduler", "expected an object such as {\"policy\": \"rr\", \"quantum\": 4}"});
  expect_error("{\"kernel\": {\"scheduler\": {\"quantum\": 2}}" + workload,
               {1, 26, "kernel.scheduler", "missing key \"policy\" (one of: fifo, rr, sjf,"});
  expect_error("{\"kernel\": {\"scheduler\": {\"policy\": 3}}" + workload,
               {1, 37, "kernel.scheduler.policy", "expected"});
  expect_error("{\"kernel\": {\"scheduler\": {\"policy\": \"hrrn\", \"aging\": 1}}" + workload,
               {1, 45, "kernel.scheduler.aging", "policy \"hrrn\" has no parameter \"aging\" (it takes none)"});
  expect_error("{\"kernel\": {\"scheduler\": {\"policy\": \"priority\", \"age\": 1}}" + workload,
               {1, 49, "kernel.scheduler.age", "(its parameters: preemptive, aging)"});
  expect_error("{\"kernel\": {\"scheduler\": {\"policy\": \"rr\", \"quantum\": 1000001}}" + workload,
               {1, 54, "kernel.scheduler.quantum", "must be between 1 and 1000000, got 1000001"});
  expect_error("{\"kernel\": {\"scheduler\": {\"policy\": \"priority\", \"preemptive\": \"yes\"}}" + workload,
               {1, 63, "kernel.scheduler.preemptive", "expected"});
}

TEST(Scenario, AChoiceGivesEveryDeclaredParameterWithDefaultsFilledIn) {
  const Scenario s = parse_scenario(
      "{\"kernel\": {\"scheduler\": {\"policy\": \"cfs\", \"min_granularity\": 2}}, \"workload\": {\"processes\": "
      "[{\"name\": \"A\", \"length\": 1}]}}",
      "case.json");
  ASSERT_EQ(s.policy, find_policy("cfs"));
  EXPECT_EQ(s.policy_params.values().size(), s.policy->params.size());
  EXPECT_EQ(s.policy_params.integer("min_granularity"), 2);
  EXPECT_EQ(s.policy_params.integer("target_latency"), default_params(*s.policy).integer("target_latency"));
}

TEST(ScenarioErrors, MalformedJsonGivesThePosition) {
  expect_error("{\n  \"workload\": {\"processes\": [}\n}", {2, 30, "", "not valid JSON"});
  expect_error("", {1, 1, "", "empty"});
  expect_error("   \n  ", {1, 1, "", "empty"});
  expect_error(std::string("\x7f"
                           "ELF\x01\x01\x01\0\0\0",
                           10),
               {1, 1, "", "not valid JSON"});
  expect_error("[1, 2]", {1, 1, "(top level)", "expected an object"});
}

TEST(ScenarioErrors, HugeNumbersAndDeepNestingDoNotCrash) {
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 99999999999999999999999}]}}",
               {1, 53, "workload.processes[0].length", "too large"});
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 1e400}]}}",
               {1, 53, "", "not valid JSON"});
  expect_error("{\"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 18446744073709551615}]}}",
               {1, 53, "workload.processes[0].length", "too large"});
  std::string deep = "{\"workload\": ";
  for (int i = 0; i < 100000; ++i) deep += '[';
  expect_error(deep, {0, 0, "", "nested more than 64 levels"});
}

TEST(ScenarioErrors, MissingFileIsAnInputError) {
  try {
    (void)load_scenario("no/such/scenario.json");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, "no/such/scenario.json");
    EXPECT_NE(std::string(error.what()).find("cannot open"), std::string::npos);
  }
}

TEST(ScenarioErrors, GeneratorDistributionsAreChecked) {
  expect_error(
      "{\"workload\": {\"generator\": {\"count\": 3, \"cpu_burst\": {\"distribution\": \"normal\", \"mean\": 3}}}}",
      {1, 71, "workload.generator.cpu_burst.distribution", "unknown distribution \"normal\""});
  expect_error(
      "{\"workload\": {\"generator\": {\"count\": 3, \"cpu_burst\": {\"distribution\": \"uniform\", \"min\": 5, "
      "\"max\": 2}}}}",
      {1, 99, "workload.generator.cpu_burst.max", "between 5"});
  expect_error("{\"workload\": {}}",
               {1, 14, "workload", "needs \"processes\", \"programs\", a \"generator\" or a \"periodic\" task set"});
}

TEST(ScenarioWorkload, GeneratorIsSeededAndWithinBounds) {
  const Scenario s = parse_scenario(R"({"workload": {"generator": {"count": 50,
      "interarrival": {"distribution": "exponential", "mean": 3},
      "cpu_burst": {"distribution": "uniform", "min": 2, "max": 6},
      "io_burst": {"distribution": "constant", "value": 4}, "cpu_bursts": {"min": 2, "max": 3}}}})",
                                    "g.json");
  const auto a = build_workload(s, 1), b = build_workload(s, 1), c = build_workload(s, 2);
  ASSERT_EQ(a.size(), 50u);
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, "P" + std::to_string(i));
    EXPECT_EQ(a[i].arrival, b[i].arrival);
    EXPECT_EQ(a[i].bursts, b[i].bursts);
    differs = differs || a[i].bursts != c[i].bursts || a[i].arrival != c[i].arrival;
    if (i > 0) {
      EXPECT_GE(a[i].arrival, a[i - 1].arrival);
    }
    EXPECT_TRUE(a[i].bursts.size() == 3 || a[i].bursts.size() == 5);
    for (std::size_t k = 0; k < a[i].bursts.size(); ++k) {
      if (k % 2 == 0) {
        EXPECT_GE(a[i].bursts[k].length, 2);
        EXPECT_LE(a[i].bursts[k].length, 6);
      } else {
        EXPECT_EQ(a[i].bursts[k].length, 4);
      }
    }
  }
  EXPECT_TRUE(differs);
}

TEST(ScenarioErrors, PolicyChecksOfDependentParametersHappenWhenReading) {
  expect_error(
      "{\"kernel\": {\"scheduler\": {\"policy\": \"mlfq\", \"levels\": 3,\n \"quantum\": \"2,4\"}},"
      " \"workload\": {\"processes\": [{\"name\": \"A\", \"length\": 1}]}}",
      {2, 13, "kernel.scheduler.quantum", "gives 2 values but levels is 3"});
  Scenario s = parse_scenario(kGood, "good.json");
  try {
    override_policy(s, "mlfq", {"quantum=1,2,x"});
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "--param quantum");
  }
}

TEST(ScenarioOverride, ReplacesThePolicyAndChecksParameters) {
  Scenario s = parse_scenario(kGood, "good.json");
  override_policy(s, "rr", {"quantum=9"});
  EXPECT_EQ(s.policy_params.integer("quantum"), 9);
  override_policy(s, "fifo", {});
  EXPECT_EQ(s.policy->name, "fifo");
  EXPECT_THROW(override_policy(s, "nope", {}), InputError);
  EXPECT_THROW(override_policy(s, "rr", {"quantum=-1"}), InputError);
  EXPECT_THROW(override_policy(s, "rr", {"quantum"}), InputError);
  EXPECT_THROW(override_policy(s, "rr", {"speed=3"}), InputError);
}

TEST(ScenarioDemos, EveryDemoScenarioIsValid) {
  for (const char* demo : {"intro.json"}) {
    EXPECT_NO_THROW((void)load_scenario(std::string(KS_SOURCE_DIR) + "/labs/demos/" + demo)) << demo;
  }
}

}  // namespace
}  // namespace ks
