// analysis/report.h — metrics as text tables for the terminal.
#pragma once

#include <string>

#include "analysis/metrics.h"

namespace ks {

// The per-process table: arrival, first run, completion, response, turnaround, wait, CPU, I/O
// and dispatches, one row per process, then the averages.
std::string render_process_table(const RunMetrics& metrics);

// Makespan, throughput, utilisation per CPU, distributions and fairness, in a few lines.
std::string render_system_summary(const RunMetrics& metrics);

// A number with DECIMALS digits after the point, the same on every platform.
std::string fixed(double value, int decimals);

}  // namespace ks
