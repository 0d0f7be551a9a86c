// grader/checks.h — deciding a test's verdict from a run's trace, in the grader's own process.
//
// The child process (running the student's code) writes only a trace file; the parent reads it
// back with read_json_lines_trace (which rejects anything malformed), computes the metrics from
// the events, and evaluates every check of the test here. Nothing the child prints counts.
// Every check explains itself: what was expected, what happened, and why that fails.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "grader/test_spec.h"
#include "sim-core/trace/trace.h"

namespace ks::grade {

// One run as the checks see it: its events, the names they refer to, and the metrics.
struct RunRecord {
  std::vector<TraceEvent> events;
  std::vector<std::string> names;
  RunMetrics metrics;
  std::string console;  // the simulated programs' console output (empty for burst workloads)
};

// Builds a RunRecord from a trace read back from a file (computes the metrics).
RunRecord make_record(std::vector<TraceEvent> events, std::vector<std::string> names);

struct CheckResult {
  std::string label;
  CheckKind kind = CheckKind::Invariant;
  double points = 0;
  double earned = 0;
  bool passed = false;
  std::string expected;  // one line each
  std::string actual;
  std::string detail;  // optional further explanation (e.g. the context of a divergence)
};

struct CheckContext {
  const TestSpec* test = nullptr;
  const RunRecord* actual = nullptr;
  // The run of the same scenario under a reference policy (computed on first use, then kept).
  std::function<const RunRecord&(const std::string& policy)> reference;
};

CheckResult evaluate_check(const Check& check, const CheckContext& context);

// "t=12 dispatched B on cpu 0 (slice 4)": one event in words, for messages.
std::string describe_event(const TraceEvent& event, const std::vector<std::string>& names,
                           const std::vector<std::string>& process_names);
// Process names indexed by pid, from the process_created events of EVENTS.
std::vector<std::string> process_names(const std::vector<TraceEvent>& events, const std::vector<std::string>& names);
// The value of METRIC ("system.turnaround.mean", "process.A.wait", "cpu.0.busy", "share.A") in
// METRICS; false with PROBLEM set when there is no such metric or it has no value.
bool metric_value(const RunMetrics& metrics, const std::string& metric, double& value, std::string& problem);

}  // namespace ks::grade
