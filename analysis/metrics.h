// analysis/metrics.h — scheduling metrics computed from the event trace, and from nothing else.
//
// MetricsCollector is a trace sink: attach it before a run and read the metrics after. Because
// it sees only events, the same numbers come out of a live run, of a trace file read back, and
// of a student's kernel, which cannot report better numbers than its events show.
//
// Definitions (the OSTEP ones; docs/metrics.md has the details):
//   arrival      time of process_created
//   first run    time of its first dispatch plus that dispatch's context-switch cost
//   completion   time of exited
//   response     first run - arrival          turnaround   completion - arrival
//   wait         total time in the ready state
//   cpu time     ticks it executed (sum of "ran")   io time   total time blocked for I/O
//   dispatches   times it was dispatched onto a CPU (context switches into it)
//   slowdown     turnaround / (turnaround - wait): how much longer it took than its own service
//                (running, I/O, sleeping), 1 when it never waited for a CPU
// System: makespan = last completion - first arrival; throughput = completed processes per
// 1000 ticks of makespan; utilisation of a CPU = its busy ticks / makespan; fairness = Jain's
// index over the slowdowns of the completed processes (1 when every process was slowed alike).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "sim-core/trace/trace.h"

namespace ks {

struct ProcessMetrics {
  Pid pid = kNoPid;
  std::string name;
  Tick arrival = 0;
  Tick first_run = -1;   // -1: never ran
  Tick completion = -1;  // -1: did not finish
  Tick cpu_time = 0;
  Tick io_time = 0;
  Tick wait_time = 0;
  std::int64_t dispatches = 0;
  std::int64_t preemptions = 0;
  std::int64_t deadline_misses = 0;

  bool started() const { return first_run >= 0; }
  bool completed() const { return completion >= 0; }
  Tick response() const { return started() ? first_run - arrival : -1; }
  Tick turnaround() const { return completed() ? completion - arrival : -1; }
  // Turnaround over the time it did not wait for a CPU; 0 when it did not complete.
  double slowdown() const {
    const Tick service = turnaround() - wait_time;
    return completed() && service > 0 ? static_cast<double>(turnaround()) / static_cast<double>(service) : 0.0;
  }
};

struct CpuMetrics {
  std::int32_t speed = 1000;
  Tick busy = 0;       // ticks executing threads
  Tick switching = 0;  // ticks spent in context switches
  std::int64_t dispatches = 0;
  std::int64_t busy_energy = 0;  // energy per busy (or switching) tick, from cpu_energy
  std::int64_t idle_energy = 0;  // energy per idle tick
  std::int64_t energy = 0;       // over the makespan: busy and switching ticks at busy_energy, the rest at idle_energy
};

// Summary statistics of one metric over the processes that have it.
struct Distribution {
  std::int64_t count = 0;
  double mean = 0;
  Tick min = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;  // nearest-rank percentiles
};

struct SystemMetrics {
  Tick start = 0;     // first arrival
  Tick end = 0;       // last completion, or the end of the run if some did not finish
  Tick makespan = 0;  // end - start
  std::int64_t processes = 0;
  std::int64_t completed = 0;
  double throughput_per_1000 = 0;
  double mean_utilisation = 0;  // over all CPUs, 0..1
  Distribution response, turnaround, wait;
  double fairness = 1;  // Jain's index over the slowdowns of completed processes (1 when none completed)
  std::int64_t deadline_misses = 0;
  std::int64_t migrations = 0;
  std::int64_t energy = 0;  // sum over CPUs (0 without an energy model)
};

struct RunMetrics {
  std::vector<ProcessMetrics> processes;  // in pid order
  std::vector<CpuMetrics> cpus;
  SystemMetrics system;
};

class MetricsCollector : public TraceSink {
 public:
  // EXPECTED_PROCESSES, when known, sizes the per-process table once.
  explicit MetricsCollector(const Trace& trace, std::size_t expected_processes = 0) : names_(&trace) {
    processes_.reserve(expected_processes + 1);
  }
  void record(const TraceEvent& event) override;
  // Computes the summary; call after the run (or after the events were replayed).
  RunMetrics result() const;

 private:
  // What is kept per process during a run: compact, names by id (a million processes fit).
  struct Live {
    Tick arrival = 0, first_run = -1, completion = -1, cpu_time = 0, io_time = 0, wait_time = 0;
    Tick state_since = 0;
    std::int32_t dispatches = 0, preemptions = 0, deadline_misses = 0;
    std::uint32_t name_id = UINT32_MAX;  // UINT32_MAX: no such process
    ProcessState state = ProcessState::New;
    BlockReason blocked_for = BlockReason::Io;
  };
  Live& live(Pid pid);

  const Trace* names_;
  std::vector<Live> processes_;  // indexed by pid
  ProcessMetrics metrics_of(Pid pid, const Live& live) const;
  std::vector<CpuMetrics> cpus_;
  Tick run_end_ = 0;
  std::int64_t migrations_ = 0;
};

// Metrics of a recorded trace (events plus the names they refer to).
RunMetrics compute_metrics(const std::vector<TraceEvent>& events, const Trace& names);

// Distribution of VALUES (need not be sorted).
Distribution summarize(std::vector<Tick> values);
// Jain's fairness index (sum x)^2 / (n * sum x^2) over SHARES (each >= 0); between 1/n and 1:
// 1 when all are equal, 1/n when one has everything and the others nothing. 1 for none.
double jain_fairness(const std::vector<double>& shares);

nlohmann::json to_json(const RunMetrics& metrics);

}  // namespace ks
