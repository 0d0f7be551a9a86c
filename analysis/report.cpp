// analysis/report.cpp — the terminal tables of kernsim run and sched (and of kgrade): one row per
// process with the averages under a rule, and the system summary. Numbers are printed in the
// classic locale with a fixed number of decimals, so a report reads the same on every platform.
#include "analysis/report.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace ks {

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

namespace {

std::string cell(Tick value) { return value >= 0 ? std::to_string(value) : "-"; }

std::string mean_of(const std::vector<ProcessMetrics>& processes, Tick (*get)(const ProcessMetrics&)) {
  Tick sum = 0;
  std::int64_t count = 0;
  for (const ProcessMetrics& p : processes) {
    const Tick v = get(p);
    if (v < 0) continue;
    sum += v;
    ++count;
  }
  return count > 0 ? fixed(static_cast<double>(sum) / static_cast<double>(count), 2) : "-";
}

}  // namespace

std::string render_process_table(const RunMetrics& metrics) {
  const std::vector<std::string> headers = {"process",    "arrival", "first run", "completion", "response",
                                            "turnaround", "wait",    "cpu",       "io",         "dispatches"};
  std::vector<std::vector<std::string>> rows;
  for (const ProcessMetrics& p : metrics.processes) {
    rows.push_back({p.name, cell(p.arrival), cell(p.first_run), cell(p.completion), cell(p.response()),
                    cell(p.turnaround()), p.completed() ? cell(p.wait_time) : "-", cell(p.cpu_time), cell(p.io_time),
                    std::to_string(p.dispatches)});
  }
  rows.push_back(
      {"average", "", "", "", mean_of(metrics.processes, [](const ProcessMetrics& p) { return p.response(); }),
       mean_of(metrics.processes, [](const ProcessMetrics& p) { return p.turnaround(); }),
       mean_of(metrics.processes, [](const ProcessMetrics& p) { return p.completed() ? p.wait_time : Tick{-1}; }), "",
       "", ""});
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = headers[c].size();
    for (const auto& row : rows) widths[c] = std::max(widths[c], row[c].size());
  }
  const auto line = [&](const std::vector<std::string>& row) {
    std::string text;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - row[c].size(), ' ');
      text += c == 0 ? row[c] + padding : padding + row[c];
      text += c + 1 < row.size() ? "  " : "\n";
    }
    return text;
  };
  std::string out = line(headers);
  std::size_t total = 0;
  for (const std::size_t w : widths) total += w + 2;
  const std::string rule(total - 2, '-');
  out += rule + '\n';
  for (std::size_t r = 0; r + 1 < rows.size(); ++r) out += line(rows[r]);
  out += rule + '\n' + line(rows.back());
  return out;
}

std::string render_system_summary(const RunMetrics& metrics) {
  const SystemMetrics& s = metrics.system;
  std::string out;
  out += "makespan " + std::to_string(s.makespan) + " ticks (from " + std::to_string(s.start) + " to " +
         std::to_string(s.end) + "); " + std::to_string(s.completed) + " of " + std::to_string(s.processes) +
         " processes completed; throughput " + fixed(s.throughput_per_1000, 2) + " per 1000 ticks\n";
  out += "utilisation";
  for (std::size_t cpu = 0; cpu < metrics.cpus.size(); ++cpu) {
    const double u =
        s.makespan > 0 ? 100.0 * static_cast<double>(metrics.cpus[cpu].busy) / static_cast<double>(s.makespan) : 0.0;
    out += (cpu == 0 ? " " : ", ") + std::string("CPU ") + std::to_string(cpu) + " " + fixed(u, 1) + "%";
  }
  out += "; fairness (Jain) " + fixed(s.fairness, 3);
  if (s.energy > 0) out += "; energy " + std::to_string(s.energy);
  if (s.deadline_misses > 0) out += "; deadline misses " + std::to_string(s.deadline_misses);
  if (s.migrations > 0) out += "; migrations " + std::to_string(s.migrations);
  out += '\n';
  const auto dist = [](const char* name, const Distribution& d) {
    return std::string(name) + " mean " + fixed(d.mean, 2) + ", p50 " + std::to_string(d.p50) + ", p95 " +
           std::to_string(d.p95) + ", p99 " + std::to_string(d.p99) + ", max " + std::to_string(d.max) + '\n';
  };
  out += dist("response  ", s.response);
  out += dist("turnaround", s.turnaround);
  out += dist("wait      ", s.wait);
  return out;
}

}  // namespace ks
