// analysis/metrics.cpp — the metrics of a run, from its events (the definitions: metrics.h and
// docs/metrics.md).
//
// record() keeps running totals per process and per CPU as the events pass (time in each state
// from the state changes, CPU time from the "ran" of preempted, blocked and exited), so a run of
// any length needs memory per process, not per event. result() derives the rest at the end: the
// distributions (nearest-rank percentiles), Jain's fairness over the slowdowns, utilisation and
// energy over the makespan. A run cut before every process finished ends at its run_end event.
#include "analysis/metrics.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ks {

MetricsCollector::Live& MetricsCollector::live(Pid pid) {
  if (pid >= processes_.size()) processes_.resize(pid + 1u);
  return processes_[pid];
}

void MetricsCollector::record(const TraceEvent& event) {
  switch (event.kind) {
    case EventKind::CpuOnline:
      if (event.cpu >= cpus_.size()) cpus_.resize(event.cpu + 1u);
      cpus_[event.cpu].speed = static_cast<std::int32_t>(event.a);
      break;
    case EventKind::CpuEnergy:
      if (event.cpu >= cpus_.size()) cpus_.resize(event.cpu + 1u);
      cpus_[event.cpu].busy_energy = event.a;
      cpus_[event.cpu].idle_energy = event.b;
      break;
    case EventKind::ProcessCreated: {
      Live& process = live(event.pid);
      process.name_id = static_cast<std::uint32_t>(event.b);
      process.arrival = event.time;
      process.state_since = event.time;
      break;
    }
    case EventKind::ProcessExec:
      live(event.pid).name_id = static_cast<std::uint32_t>(event.b);  // the name of its latest program
      break;
    case EventKind::StateChanged: {
      Live& process = live(event.pid);
      const Tick spent = event.time - process.state_since;
      if (process.state == ProcessState::Ready) process.wait_time += spent;
      if (process.state == ProcessState::Blocked && process.blocked_for == BlockReason::Io) process.io_time += spent;
      process.state = static_cast<ProcessState>(event.b);
      process.state_since = event.time;
      if (process.state == ProcessState::Exited) process.completion = event.time;
      break;
    }
    case EventKind::Dispatched: {
      Live& process = live(event.pid);
      if (process.first_run < 0) process.first_run = event.time + event.b;
      ++process.dispatches;
      if (event.cpu < cpus_.size()) {
        ++cpus_[event.cpu].dispatches;
        cpus_[event.cpu].switching += event.b;
      }
      break;
    }
    case EventKind::Preempted: ++live(event.pid).preemptions; [[fallthrough]];
    case EventKind::Blocked: live(event.pid).blocked_for = static_cast<BlockReason>(event.a); [[fallthrough]];
    case EventKind::Exited:
      live(event.pid).cpu_time += event.b;
      if (event.cpu < cpus_.size()) cpus_[event.cpu].busy += event.b;
      break;
    case EventKind::DeadlineMiss: ++live(event.pid).deadline_misses; break;
    case EventKind::Migrated: ++migrations_; break;
    case EventKind::RunEnd: run_end_ = event.time; break;
    default: break;
  }
}

Distribution summarize(std::vector<Tick> values) {
  Distribution d;
  if (values.empty()) return d;
  std::sort(values.begin(), values.end());
  d.count = static_cast<std::int64_t>(values.size());
  Tick sum = 0;
  for (const Tick v : values) sum += v;
  d.mean = static_cast<double>(sum) / static_cast<double>(d.count);
  const auto rank = [&](int percent) {
    // Nearest rank: the smallest value with at least PERCENT % of values at or below it.
    const std::int64_t index = (percent * d.count + 99) / 100;
    return values[static_cast<std::size_t>(std::max<std::int64_t>(index, 1) - 1)];
  };
  d.min = values.front();
  d.p50 = rank(50);
  d.p95 = rank(95);
  d.p99 = rank(99);
  d.max = values.back();
  return d;
}

double jain_fairness(const std::vector<double>& shares) {
  if (shares.empty()) return 1;
  double sum = 0, squares = 0;
  for (const double share : shares) {
    sum += share;
    squares += share * share;
  }
  if (squares == 0) return 1;
  return sum * sum / (static_cast<double>(shares.size()) * squares);
}

ProcessMetrics MetricsCollector::metrics_of(Pid pid, const Live& live) const {
  ProcessMetrics m;
  m.pid = pid;
  m.name = std::string(names_->name(live.name_id));
  m.arrival = live.arrival;
  m.first_run = live.first_run;
  m.completion = live.completion;
  m.cpu_time = live.cpu_time;
  m.io_time = live.io_time;
  m.wait_time = live.wait_time;
  m.dispatches = live.dispatches;
  m.preemptions = live.preemptions;
  m.deadline_misses = live.deadline_misses;
  return m;
}

RunMetrics MetricsCollector::result() const {
  RunMetrics run;
  run.cpus = cpus_;
  std::vector<Tick> responses, turnarounds, waits;
  std::vector<double> slowdowns;
  SystemMetrics& system = run.system;
  bool any = false;
  for (Pid pid = 0; pid < processes_.size(); ++pid) {
    if (processes_[pid].name_id == UINT32_MAX) continue;
    run.processes.push_back(metrics_of(pid, processes_[pid]));
    const ProcessMetrics& m = run.processes.back();
    system.start = any ? std::min(system.start, m.arrival) : m.arrival;
    any = true;
    ++system.processes;
    system.deadline_misses += m.deadline_misses;
    if (m.started()) responses.push_back(m.response());
    if (m.completed()) {
      ++system.completed;
      turnarounds.push_back(m.turnaround());
      waits.push_back(m.wait_time);
      if (const double slowdown = m.slowdown(); slowdown > 0) slowdowns.push_back(slowdown);
      system.end = std::max(system.end, m.completion);
    }
  }
  if (system.completed < system.processes) system.end = std::max(system.end, run_end_);
  system.makespan = system.end - system.start;
  if (system.makespan > 0) {
    system.throughput_per_1000 = static_cast<double>(system.completed) * 1000.0 / static_cast<double>(system.makespan);
    Tick busy = 0;
    for (const CpuMetrics& cpu : cpus_) busy += cpu.busy;
    if (!cpus_.empty()) {
      system.mean_utilisation =
          static_cast<double>(busy) / (static_cast<double>(system.makespan) * static_cast<double>(cpus_.size()));
    }
  }
  for (CpuMetrics& cpu : run.cpus) {
    const Tick active = cpu.busy + cpu.switching;
    cpu.energy = active * cpu.busy_energy + std::max<Tick>(0, system.makespan - active) * cpu.idle_energy;
    system.energy += cpu.energy;
  }
  system.response = summarize(responses);
  system.turnaround = summarize(turnarounds);
  system.wait = summarize(waits);
  system.fairness = jain_fairness(slowdowns);
  system.migrations = migrations_;
  return run;
}

RunMetrics compute_metrics(const std::vector<TraceEvent>& events, const Trace& names) {
  MetricsCollector collector(names);
  for (const TraceEvent& event : events) collector.record(event);
  return collector.result();
}

namespace {

nlohmann::json to_json(const Distribution& d) {
  return {{"count", d.count}, {"mean", d.mean}, {"min", d.min}, {"p50", d.p50},
          {"p95", d.p95},     {"p99", d.p99},   {"max", d.max}};
}

nlohmann::json optional_tick(Tick value) { return value >= 0 ? nlohmann::json(value) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json to_json(const RunMetrics& metrics) {
  nlohmann::json processes = nlohmann::json::array();
  for (const ProcessMetrics& m : metrics.processes) {
    processes.push_back({{"pid", m.pid},
                         {"name", m.name},
                         {"arrival", m.arrival},
                         {"first_run", optional_tick(m.first_run)},
                         {"completion", optional_tick(m.completion)},
                         {"response", optional_tick(m.response())},
                         {"turnaround", optional_tick(m.turnaround())},
                         {"slowdown", m.slowdown() > 0 ? nlohmann::json(m.slowdown()) : nlohmann::json(nullptr)},
                         {"wait", m.wait_time},
                         {"cpu_time", m.cpu_time},
                         {"io_time", m.io_time},
                         {"dispatches", m.dispatches},
                         {"preemptions", m.preemptions},
                         {"deadline_misses", m.deadline_misses}});
  }
  nlohmann::json cpus = nlohmann::json::array();
  const SystemMetrics& s = metrics.system;
  for (std::size_t i = 0; i < metrics.cpus.size(); ++i) {
    const CpuMetrics& cpu = metrics.cpus[i];
    const double utilisation = s.makespan > 0 ? static_cast<double>(cpu.busy) / static_cast<double>(s.makespan) : 0.0;
    cpus.push_back({{"cpu", i},
                    {"speed", cpu.speed},
                    {"busy", cpu.busy},
                    {"switching", cpu.switching},
                    {"dispatches", cpu.dispatches},
                    {"utilisation", utilisation},
                    {"energy", cpu.energy}});
  }
  nlohmann::json system = {{"start", s.start},
                           {"end", s.end},
                           {"makespan", s.makespan},
                           {"processes", s.processes},
                           {"completed", s.completed},
                           {"throughput_per_1000_ticks", s.throughput_per_1000},
                           {"utilisation", s.mean_utilisation},
                           {"response", to_json(s.response)},
                           {"turnaround", to_json(s.turnaround)},
                           {"wait", to_json(s.wait)},
                           {"fairness", s.fairness},
                           {"deadline_misses", s.deadline_misses},
                           {"migrations", s.migrations},
                           {"energy", s.energy}};
  return {{"processes", processes}, {"cpus", cpus}, {"system", system}};
}

}  // namespace ks
