// visualizer/model/metrics_model.h — the metrics as the run advances: at the cursor, and as a
// series over the whole run for the live charts.
//
// Both feed the run's events to analysis/metrics.h's MetricsCollector (the same numbers as
// `kernsim run`), and end a copy of it at the cursor with a synthetic run_end, so a process
// still running counts as not completed. The CPU time of a dispatch is known when it stops, so
// mid-run utilisation lags by at most one time slice.
#pragma once

#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "visualizer/model/run.h"

namespace ks::viz {

struct MetricsPoint {
  Tick time = 0;
  double response = 0;     // mean over processes that have started
  double turnaround = 0;   // mean over processes that have completed
  double wait = 0;         // mean over all processes so far
  double utilisation = 0;  // 0..1, mean over CPUs
  double fairness = 1;     // Jain's index
  std::int64_t completed = 0;
};

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

// RUNS' metrics as CSV: one row per process per run, then one "system" row per run.
std::string metrics_csv(const std::vector<const Run*>& runs, const std::vector<RunMetrics>& metrics);

}  // namespace ks::viz
