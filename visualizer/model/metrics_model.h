// visualizer/model/metrics_model.h — the metrics as the run advances: at the cursor, and as a
// series over the whole run for the live charts.
//
// Both feed the run's events to analysis/metrics.h's MetricsCollector (the same numbers as
// `kernsim run`), and end a copy of it at the cursor with a synthetic run_end, so a process
// still running counts as not completed. The CPU time of a dispatch is known when it stops, so
// mid-run utilisation lags by at most one time slice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "visualizer/model/run.h"

namespace ks::viz {

// A metric that is a mean over no process (or a share of no time) is undefined: nullopt, shown
// as kUndefined and left out of the charts, never as a number that looks measured.
struct MetricsPoint {
  Tick time = 0;
  std::optional<double> response;     // mean over processes that have started
  std::optional<double> turnaround;   // mean over processes that have completed
  std::optional<double> wait;         // mean over all processes so far
  std::optional<double> utilisation;  // 0..1, mean over CPUs (undefined at time 0)
  std::optional<double> fairness;     // analysis/metrics.h's index (undefined before a completion)
  std::int64_t completed = 0;
};

inline constexpr const char* kUndefined = "\u2013";  // an en dash

// The system metrics of one run that may be undefined, as the table and the CSV need them.
std::optional<double> mean_response(const RunMetrics& metrics);
std::optional<double> mean_turnaround(const RunMetrics& metrics);
std::optional<double> mean_wait(const RunMetrics& metrics);
std::optional<double> utilisation(const RunMetrics& metrics);
std::optional<double> fairness(const RunMetrics& metrics);
std::optional<double> throughput(const RunMetrics& metrics);
// Whether the machine has an energy model (cpu_energy events); energy is 0 without one.
bool has_energy_model(const RunMetrics& metrics);

// One row of the metrics table: the metric's name and its value in each run (kUndefined where
// it is not defined). The "energy" row is there when some run's machine has an energy model.
struct MetricRow {
  std::string name;
  std::vector<std::string> values;
};
std::vector<MetricRow> metric_rows(const std::vector<const RunMetrics*>& runs);

// The metrics of RUN sampled at SAMPLES evenly spaced times from 0 to its end (inclusive).
std::vector<MetricsPoint> metrics_series(const Run& run, int samples = 240);

// The metrics of RUN with its first APPLIED events applied, ended at TIME. Moving forward
// continues from the last call; moving back starts again.
class CursorMetrics {
 public:
  explicit CursorMetrics(const Run& run) : run_(&run), collector_(run.names()) {}
  const RunMetrics& at(std::size_t applied, Tick time);

 private:
  const Run* run_;
  MetricsCollector collector_;
  std::size_t fed_ = 0;
  std::size_t cached_applied_ = SIZE_MAX;
  Tick cached_time_ = -1;
  RunMetrics cached_;
};

// RUNS' metrics as CSV: one row per process per run, then one "system" row per run; an
// undefined value is an empty field.
std::string metrics_csv(const std::vector<const Run*>& runs, const std::vector<RunMetrics>& metrics);

}  // namespace ks::viz
