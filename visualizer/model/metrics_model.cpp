// visualizer/model/metrics_model.cpp — the metrics at the cursor and over the run (how they are
// defined there: metrics_model.h). The collector at the cursor is fed forward only, and made
// anew only when the cursor moves back; the series feeds one collector once through the run,
// finishing a copy at each sample time. An undefined metric is kUndefined in the rows and an
// empty field in the CSV, never a number.
#include "visualizer/model/metrics_model.h"

#include "visualizer/model/lod.h"

#include <algorithm>
#include <cstdio>
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
  SystemMetrics& system = metrics.system;
  if (system.makespan > 0 && !metrics.cpus.empty()) {
    system.mean_utilisation =
        static_cast<double>(busy) / (static_cast<double>(system.makespan) * static_cast<double>(metrics.cpus.size()));
  }
  // Energy again with the open intervals, as analysis/metrics.cpp defines it: busy and switching
  // ticks at the busy rate, the rest of the makespan at the idle rate.
  system.energy = 0;
  for (CpuMetrics& cpu : metrics.cpus) {
    const Tick active = cpu.busy + cpu.switching;
    cpu.energy = active * cpu.busy_energy + std::max<Tick>(0, system.makespan - active) * cpu.idle_energy;
    system.energy += cpu.energy;
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
  point.response = mean_response(metrics);
  point.turnaround = mean_turnaround(metrics);
  point.completed = metrics.system.completed;
  point.fairness = fairness(metrics);
  double wait = 0;
  std::int64_t counted = 0;
  for (const ProcessMetrics& process : metrics.processes) {
    if (process.pid == kNoPid || process.name.empty()) continue;
    wait += static_cast<double>(process.wait_time);
    ++counted;
  }
  if (counted) point.wait = wait / static_cast<double>(counted);
  Tick busy = 0;
  for (const CpuMetrics& cpu : metrics.cpus) busy += cpu.busy;
  if (time > 0 && !metrics.cpus.empty()) {
    const double capacity = static_cast<double>(time) * static_cast<double>(metrics.cpus.size());
    point.utilisation = std::clamp(static_cast<double>(busy) / capacity, 0.0, 1.0);
  }
  return point;
}

std::string format(std::optional<double> value, const char* format) {
  if (!value) return kUndefined;
  char text[48];
  std::snprintf(text, sizeof text, format, *value);
  return text;
}

std::optional<double> mean_of(const Distribution& distribution) {
  return distribution.count > 0 ? std::optional<double>(distribution.mean) : std::nullopt;
}

}  // namespace

std::optional<double> mean_response(const RunMetrics& metrics) { return mean_of(metrics.system.response); }
std::optional<double> mean_turnaround(const RunMetrics& metrics) { return mean_of(metrics.system.turnaround); }
std::optional<double> mean_wait(const RunMetrics& metrics) { return mean_of(metrics.system.wait); }

std::optional<double> utilisation(const RunMetrics& metrics) {
  if (metrics.system.makespan <= 0 || metrics.cpus.empty()) return std::nullopt;
  return metrics.system.mean_utilisation;
}

std::optional<double> fairness(const RunMetrics& metrics) {
  if (metrics.system.completed == 0) return std::nullopt;
  return metrics.system.fairness;
}

std::optional<double> throughput(const RunMetrics& metrics) {
  if (metrics.system.makespan <= 0) return std::nullopt;
  return metrics.system.throughput_per_1000;
}

bool has_energy_model(const RunMetrics& metrics) {
  return std::any_of(metrics.cpus.begin(), metrics.cpus.end(),
                     [](const CpuMetrics& cpu) { return cpu.busy_energy != 0 || cpu.idle_energy != 0; });
}

std::vector<MetricRow> metric_rows(const std::vector<const RunMetrics*>& runs) {
  std::vector<MetricRow> rows;
  const auto row = [&](const char* name, const auto& value) {
    MetricRow& r = rows.emplace_back();
    r.name = name;
    for (const RunMetrics* metrics : runs) r.values.push_back(value(*metrics));
  };
  row("completed", [](const RunMetrics& m) {
    return std::to_string(m.system.completed) + " / " + std::to_string(m.system.processes);
  });
  row("mean response", [](const RunMetrics& m) { return format(mean_response(m), "%.2f"); });
  row("mean turnaround", [](const RunMetrics& m) { return format(mean_turnaround(m), "%.2f"); });
  row("mean wait", [](const RunMetrics& m) { return format(mean_wait(m), "%.2f"); });
  row("p95 turnaround", [](const RunMetrics& m) {
    return m.system.turnaround.count > 0 ? std::to_string(m.system.turnaround.p95) : std::string(kUndefined);
  });
  row("utilisation", [](const RunMetrics& m) {
    const auto u = utilisation(m);
    return format(u ? std::optional<double>(*u * 100) : std::nullopt, "%.1f %%");
  });
  row("fairness (Jain)", [](const RunMetrics& m) { return format(fairness(m), "%.3f"); });
  row("throughput /1000", [](const RunMetrics& m) { return format(throughput(m), "%.2f"); });
  if (std::any_of(runs.begin(), runs.end(), [](const RunMetrics* m) { return has_energy_model(*m); })) {
    row("energy", [](const RunMetrics& m) {
      return has_energy_model(m) ? std::to_string(m.system.energy) : std::string(kUndefined);
    });
  }
  return rows;
}

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
  out << "run,process,pid,arrival,first_run,completion,response,turnaround,wait,cpu_time,io_time,dispatches,"
         "preemptions\n";
  for (std::size_t r = 0; r < runs.size() && r < metrics.size(); ++r) {
    for (const ProcessMetrics& p : metrics[r].processes) {
      if (p.pid == kNoPid || p.name.empty()) continue;
      out << runs[r]->label() << ',' << p.name << ',' << p.pid << ',' << p.arrival << ',' << p.first_run << ','
          << p.completion << ',' << p.response() << ',' << p.turnaround() << ',' << p.wait_time << ',' << p.cpu_time
          << ',' << p.io_time << ',' << p.dispatches << ',' << p.preemptions << '\n';
    }
  }
  out << "\nrun,makespan,processes,completed,throughput_per_1000,mean_utilisation,mean_response,mean_turnaround,"
         "mean_wait,fairness,energy\n";
  for (std::size_t r = 0; r < runs.size() && r < metrics.size(); ++r) {
    const SystemMetrics& s = metrics[r].system;
    const RunMetrics& m = metrics[r];
    const auto field = [](std::optional<double> value) {
      std::ostringstream text;
      if (value) text << *value;
      return text.str();
    };
    out << runs[r]->label() << ',' << s.makespan << ',' << s.processes << ',' << s.completed << ','
        << field(throughput(m)) << ',' << field(utilisation(m)) << ',' << field(mean_response(m)) << ','
        << field(mean_turnaround(m)) << ',' << field(mean_wait(m)) << ',' << field(fairness(m)) << ','
        << (has_energy_model(m) ? std::to_string(s.energy) : "") << '\n';
  }
  return out.str();
}

}  // namespace ks::viz
