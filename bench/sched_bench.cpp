// bench/sched_bench.cpp — the cost of simulating scheduling.
//
//   EventQueue/N            schedule + run N events through the queue (events per second)
//   BurstSim/P/N/R          N generated burst processes on 4 CPUs under policy P, recording
//                           R = 0: nothing (the trace off), 1: metrics only (the collector is a
//                           trace sink), 2: metrics and the whole trace in memory
// Counters: events/s = kernel events per second (every arrival, run end, timer interrupt,
// I/O completion and decision); bytes/process = heap bytes held per process at the end of the
// run (kernel tables, burst scripts, scheduler queues, metrics; not the recorded trace).
// The workload keeps the 4 CPUs about 90% busy (mean CPU demand 20 ticks, mean gap 6).
#include <benchmark/benchmark.h>

#include <optional>

#include "analysis/metrics.h"
#include "bench/alloc_counter.h"
#include "kernel/sched/registry.h"
#include "scenario/simulation.h"

namespace {

struct Sink : ks::EventHandler {
  std::uint64_t count = 0;
  void on_event(std::uint32_t, std::uint64_t arg) override { count += arg; }
};

void EventQueue(benchmark::State& state) {
  const auto n = state.range(0);
  for (auto _ : state) {
    ks::EventQueue queue;
    Sink sink;
    ks::RandomStream random("bench", 1);
    for (std::int64_t i = 0; i < n; ++i) queue.schedule(random.uniform(0, n), 0, sink, 0, 1);
    queue.run_until(ks::kNever);
    benchmark::DoNotOptimize(sink.count);
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(EventQueue)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

ks::Scenario workload(std::int64_t processes, const std::string& policy) {
  ks::Scenario scenario = ks::parse_scenario(R"({"machine": {"cpus": 4}, "workload": {"generator": {"count": 1,
      "interarrival": {"distribution": "exponential", "mean": 6},
      "cpu_burst": {"distribution": "exponential", "mean": 10, "max": 1000},
      "io_burst": {"distribution": "uniform", "min": 1, "max": 20}, "cpu_bursts": {"min": 1, "max": 3}}}})",
                                             "bench.json");
  scenario.generator->count = processes;
  ks::override_policy(scenario, policy, {});
  return scenario;
}

void BurstSim(benchmark::State& state, const std::string& policy) {
  const auto n = state.range(0);
  const auto recording = state.range(1);
  const ks::Scenario scenario = workload(n, policy);
  std::uint64_t events = 0;
  double bytes_per_process = 0;
  for (auto _ : state) {
    const long long before = ks::bench::live_bytes.load();
    ks::Simulation simulation(scenario);
    std::optional<ks::MetricsCollector> metrics;
    ks::MemoryTrace memory;
    if (recording >= 2) simulation.trace().add_sink(memory);
    if (recording >= 1) simulation.trace().add_sink(metrics.emplace(simulation.trace(), static_cast<std::size_t>(n)));
    const ks::RunResult result = simulation.run();
    events = result.events_run;
    const long long held = ks::bench::live_bytes.load() - before -
                           static_cast<long long>(memory.events().capacity() * sizeof(ks::TraceEvent));
    bytes_per_process = static_cast<double>(held) / static_cast<double>(n);
    if (!result.all_exited) state.SkipWithError("not every process finished");
    if (metrics && metrics->result().system.completed != n) state.SkipWithError("metrics miss processes");
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["bytes/process"] = bytes_per_process;
}

const bool registered = [] {
  for (const ks::PolicyInfo& policy : ks::policy_registry()) {
    benchmark::RegisterBenchmark(("BurstSim/" + policy.name).c_str(), BurstSim, policy.name)
        ->ArgsProduct({{10000, 100000, 1000000}, {0, 1, 2}})
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
