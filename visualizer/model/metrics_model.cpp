#include "visualizer/model/metrics_model.h"

#include "visualizer/model/lod.h"

#include <algorithm>
#include <sstream>

namespace ks::viz {

namespace {

// The collector counts an interval when it ends; at the cursor, the intervals still open (a
// process waiting, running or blocked right now) count up to the cursor too.
void add_open_intervals(RunMetrics& metrics, const Run& run, Tick time) {
  for (ProcessMetrics& p : metrics.processes) {
    if (p.pid >= run.pid_limit()) continue;
    const Segment* s = segment_at(run.timeline().processes[p.pid], time);
    if (!s) continue;
    const Tick open = time - s->start;
    if (s->state == ProcessState::Ready) p.wait_time += open;
    if (s->state == ProcessState::Blocked) p.io_time += open;
    if (s->state == ProcessState::Running) p.cpu_time += open;
  }
  Tick busy = 0;
  for (std::size_t cpu = 0; cpu < metrics.cpus.size() && cpu < run.cpu_count(); ++cpu) {
    if (const Segment* s = segment_at(run.timeline().cpus[cpu], time)) metrics.cpus[cpu].busy += time - s->start;
    busy += metrics.cpus[cpu].busy;
  }
  const SystemMetrics& system = metrics.system;
  if (system.makespan > 0 && !metrics.cpus.empty()) {
    metrics.system.mean_utilisation = static_cast<double>(busy) / (static_cast<double>(system.makespan) * static_cast<double>(metrics.cpus.size()));
  }
}

RunMetrics finish_at(const MetricsCollector& collector, const Run& run, std::size_t applied, Tick time) {
  MetricsCollector copy = collector;
  const bool ended = applied > 0 && run.events()[applied - 1].kind == EventKind::RunEnd;
  if (ended) return copy.result();
  copy.record({time, EventKind::RunEnd, kNoCpu, kNoPid, 0, 0, 0});
  RunMetrics metrics = copy.result();
  add_open_intervals(metrics, run, time);
  return metrics;
}

MetricsPoint point_of(const RunMetrics& metrics, Tick time) {
  MetricsPoint point;
  point.time = time;
  point.response = metrics.system.response.mean;
  point.turnaround = metrics.system.turnaround.mean;
  point.completed = metrics.system.completed;
  point.fairness = metrics.system.fairness;
  double wait = 0;
  std::int64_t counted = 0;
  for (const ProcessMetrics& process : metrics.processes) {
    if (process.pid == kNoPid || process.name.empty()) continue;
    wait += static_cast<double>(process.wait_time);
    ++counted;
  }
  point.wait = counted ? wait / static_cast<double>(counted) : 0;
  Tick busy = 0;
  for (const CpuMetrics& cpu : metrics.cpus) busy += cpu.busy;
  const double capacity = static_cast<double>(std::max<Tick>(time, 1)) * static_cast<double>(std::max<std::size_t>(metrics.cpus.size(), 1));
  point.utilisation = std::clamp(static_cast<double>(busy) / capacity, 0.0, 1.0);
  return point;
}

}  // namespace

std::vector<MetricsPoint> metrics_series(const Run& run, int samples) {
  std::vector<MetricsPoint> series;
  samples = std::max(samples, 2);
  MetricsCollector collector(run.names());
  const auto& events = run.events();
  std::size_t fed = 0;
  for (int i = 0; i < samples; ++i) {
    const Tick time = run.end() * i / (samples - 1);
    while (fed < events.size() && events[fed].time <= time) collector.record(events[fed++]);
    series.push_back(point_of(finish_at(collector, run, fed, time), time));
  }
  return series;
}

const RunMetrics& CursorMetrics::at(std::size_t applied, Tick time) {
  if (applied == cached_applied_ && time == cached_time_) return cached_;
  if (applied < fed_) {
    collector_ = MetricsCollector(run_->names());
    fed_ = 0;
  }
  const auto& events = run_->events();
  while (fed_ < applied && fed_ < events.size()) collector_.record(events[fed_++]);
  cached_ = finish_at(collector_, *run_, fed_, time);
  cached_applied_ = applied;
  cached_time_ = time;
  return cached_;
}

std::string metrics_csv(const std::vector<const Run*>& runs, const std::vector<RunMetrics>& metrics) {
  std::ostringstream out;
  out << "run,process,pid,arrival,first_run,completion,response,turnaround,wait,cpu_time,io_time,dispatches,preemptions\n";
  for (std::size_t r = 0; r < runs.size() && r < metrics.size(); ++r) {
    for (const ProcessMetrics& p : metrics[r].processes) {
      if (p.pid == kNoPid || p.name.empty()) continue;
      out << runs[r]->label() << ',' << p.name << ',' << p.pid << ',' << p.arrival << ',' << p.first_run << ','
          << p.completion << ',' << p.response() << ',' << p.turnaround() << ',' << p.wait_time << ',' << p.cpu_time
          << ',' << p.io_time << ',' << p.dispatches << ',' << p.preemptions << '\n';
    }
  }
  out << "\nrun,makespan,processes,completed,throughput_per_1000,mean_utilisation,mean_response,mean_turnaround,"
         "mean_wait,fairness\n";
  for (std::size_t r = 0; r < runs.size() && r < metrics.size(); ++r) {
    const SystemMetrics& s = metrics[r].system;
    out << runs[r]->label() << ',' << s.makespan << ',' << s.processes << ',' << s.completed << ','
        << s.throughput_per_1000 << ',' << s.mean_utilisation << ',' << s.response.mean << ',' << s.turnaround.mean
        << ',' << s.wait.mean << ',' << s.fairness << '\n';
  }
  return out.str();
}

}  // namespace ks::viz
