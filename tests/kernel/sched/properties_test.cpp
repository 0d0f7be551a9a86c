// Properties every scheduling policy must have, checked over many seeded random workloads:
// every job completes, each job gets exactly the CPU time its bursts ask for, and no CPU idles
// while a thread is ready (all policies here are work-conserving). Plus CFS's vruntime spread
// bound, checked by stepping a kernel and reading view(), and the rejection of bad parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "kernel/sched/registry.h"
#include "kernel/sched/weights.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"
#include "tests/support/test_support.h"

namespace ks {
namespace {

std::string random_workload(const std::string& scheduler, int cpus) {
  return R"({"machine": {"cpus": )" + std::to_string(cpus) + R"(}, "kernel": {"scheduler": )" + scheduler + R"(},
    "workload": {"generator": {"count": 40, "interarrival": {"distribution": "exponential", "mean": 5},
      "cpu_burst": {"distribution": "exponential", "mean": 6, "max": 40},
      "io_burst": {"distribution": "exponential", "mean": 8, "max": 40},
      "cpu_bursts": {"min": 1, "max": 3}}}})";
}

const std::vector<std::string> kSchedulers = {R"({"policy": "fifo"})",
                                              R"({"policy": "rr", "quantum": 3})",
                                              R"({"policy": "sjf"})",
                                              R"({"policy": "sjf", "estimate": "exponential"})",
                                              R"({"policy": "stcf"})",
                                              R"({"policy": "stcf", "estimate": "exponential", "alpha": 0.3})",
                                              R"({"policy": "priority", "aging": 5})",
                                              R"({"policy": "priority", "preemptive": true})",
                                              R"({"policy": "hrrn"})",
                                              R"({"policy": "mlfq", "quantum": "2,4,8", "boost_interval": 50})",
                                              R"({"policy": "mlfq", "boost_on_io": true})",
                                              R"({"policy": "lottery", "quantum": 2})",
                                              R"({"policy": "stride", "quantum": 2})",
                                              R"({"policy": "cfs"})",
                                              R"({"policy": "eevdf"})",
                                              R"({"policy": "edf"})",
                                              R"({"policy": "rms"})"};

// The first time at which a CPU was idle while a thread was ready, or -1. States are counted
// from state_changed events; the check is made once all events of a tick are applied.
Tick first_idle_while_ready(const std::vector<TraceEvent>& events, int cpus) {
  std::int64_t ready = 0, running = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    if (e.kind == EventKind::StateChanged) {
      const auto from = static_cast<ProcessState>(e.a), to = static_cast<ProcessState>(e.b);
      ready += (to == ProcessState::Ready) - (from == ProcessState::Ready);
      running += (to == ProcessState::Running) - (from == ProcessState::Running);
    }
    const bool end_of_tick = i + 1 == events.size() || events[i + 1].time != e.time;
    if (end_of_tick && ready > 0 && running < cpus) return e.time;
  }
  return -1;
}

TEST(SchedProperties, EveryPolicyCompletesEveryJobWithExactCpuTimeAndNeverIdlesWhileWorkIsReady) {
  for (const std::string& scheduler : kSchedulers) {
    for (const int cpus : {1, 2}) {
      for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const std::string text = random_workload(scheduler, cpus);
        const auto run = test::run_text_scenario(text, seed);
        SCOPED_TRACE(scheduler + " cpus " + std::to_string(cpus) + " seed " + std::to_string(seed));
        ASSERT_TRUE(run.result.all_exited);
        const Scenario scenario = parse_scenario(text, "x.json");
        for (const BurstProcessSpec& spec : build_workload(scenario, seed)) {
          Tick cpu = 0;
          for (const Burst& burst : spec.bursts) cpu += burst.kind == Burst::Kind::Cpu ? burst.length : 0;
          const ProcessMetrics& metrics = test::by_name(run.metrics, spec.name);
          EXPECT_TRUE(metrics.completed()) << spec.name;
          EXPECT_EQ(metrics.cpu_time, cpu) << spec.name;
        }
        EXPECT_EQ(first_idle_while_ready(run.events, cpus), -1);
      }
    }
  }
}

TEST(SchedProperties, SameSeedGivesTheSameTraceForEveryPolicy) {
  for (const std::string& scheduler : kSchedulers) {
    const std::string text = random_workload(scheduler, 2);
    EXPECT_EQ(test::run_text_scenario(text, 3).events, test::run_text_scenario(text, 3).events) << scheduler;
  }
}

// CFS keeps runnable threads close in vruntime: a thread runs only when it is leftmost, and then
// for one slice, so the ready queue's spread never exceeds the largest slice in virtual time
// (slice * 1024 / weight). Checked at every tick of CPU-bound threads of mixed nice values.
TEST(SchedProperties, CfsVruntimeSpreadStaysWithinTheLargestVirtualSlice) {
  const std::vector<int> nices = {-5, -2, 0, 0, 3, 7};
  std::string processes;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < nices.size(); ++i) {
    processes += std::string(i ? ", " : "") + R"({"name": "T)" + std::to_string(i) + R"(", "length": 5000, "nice": )" +
                 std::to_string(nices[i]) + "}";
    total += weight_of_nice(nices[i]);
  }
  std::int64_t bound = 0;
  for (const int nice : nices) {
    const std::int64_t weight = weight_of_nice(nice);
    bound = std::max(bound, virtual_time(std::max<std::int64_t>(3, 20 * weight / total), weight));
  }
  Simulation sim(parse_scenario(
      R"({"kernel": {"scheduler": {"policy": "cfs"}}, "workload": {"processes": [)" + processes + "]}}", "x.json"));
  for (Tick t = 0; t < 3000; ++t) {
    sim.kernel().advance(t);
    const SchedulerView view = sim.kernel().scheduler().view();
    const auto& entries = view.queues.at(0).entries;
    if (entries.size() < 2) continue;
    const auto [low, high] = std::minmax_element(entries.begin(), entries.end(),
                                                 [](const auto& x, const auto& y) { return x.value < y.value; });
    ASSERT_LE(high->value - low->value, bound) << "at tick " << t;
    ASSERT_TRUE(
        std::is_sorted(entries.begin(), entries.end(), [](const auto& x, const auto& y) { return x.value < y.value; }));
  }
}

// Bad parameters are input errors naming the key, found when the scenario is read.
TEST(SchedProperties, InvalidParametersAreInputErrorsNamingTheKey) {
  const auto key_of = [](const std::string& scheduler, const std::string& process = R"({"name": "A", "length": 3})") {
    try {
      const Scenario scenario = parse_scenario(
          R"({"kernel": {"scheduler": )" + scheduler + R"(}, "workload": {"processes": [)" + process + "]}}", "x.json");
      Simulation simulation(scenario);  // policies that check text parameters do so when made
    } catch (const InputError& e) {
      return e.where().key_path;
    }
    return std::string("no error");
  };
  EXPECT_EQ(key_of(R"({"policy": "lottery", "quantum": 0})"), "kernel.scheduler.quantum");
  EXPECT_EQ(key_of(R"({"policy": "stride", "quantum": 0})"), "kernel.scheduler.quantum");
  EXPECT_EQ(key_of(R"({"policy": "stride", "stride_constant": 0})"), "kernel.scheduler.stride_constant");
  EXPECT_EQ(key_of(R"({"policy": "sjf", "estimate": "psychic"})"), "kernel.scheduler.estimate");
  EXPECT_EQ(key_of(R"({"policy": "stcf", "alpha": 1.5})"), "kernel.scheduler.alpha");
  EXPECT_EQ(key_of(R"({"policy": "priority", "aging": -1})"), "kernel.scheduler.aging");
  EXPECT_EQ(key_of(R"({"policy": "cfs", "min_granularity": 0})"), "kernel.scheduler.min_granularity");
  EXPECT_EQ(key_of(R"({"policy": "eevdf", "base_slice": 0})"), "kernel.scheduler.base_slice");
  EXPECT_EQ(key_of(R"({"policy": "mlfq", "quantum": "0"})"), "kernel.scheduler.quantum");
  EXPECT_EQ(key_of(R"({"policy": "mlfq", "levels": 4, "quantum": "1,2,3"})"), "kernel.scheduler.quantum");
  EXPECT_EQ(key_of(R"({"policy": "lottery"})", R"({"name": "A", "length": 3, "tickets": -5})"),
            "workload.processes[0].tickets");
  EXPECT_EQ(key_of(R"({"policy": "lottery"})"), "no error");
}

TEST(SchedProperties, EveryPolicyIsListedWithASummary) {
  for (const char* name :
       {"fifo", "rr", "sjf", "stcf", "priority", "hrrn", "mlfq", "lottery", "stride", "cfs", "eevdf", "edf", "rms"}) {
    const PolicyInfo* policy = find_policy(name);
    ASSERT_NE(policy, nullptr) << name;
    EXPECT_FALSE(policy->summary.empty()) << name;
    for (const ParamSpec& spec : policy->params) {
      std::string problem;
      EXPECT_TRUE(parse_param(spec, spec.default_value, problem).has_value())
          << name << "." << spec.name << ": " << problem;
    }
  }
}

}  // namespace
}  // namespace ks
