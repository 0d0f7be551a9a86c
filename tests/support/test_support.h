// tests/support/test_support.h — helpers shared by the tests: run a scenario given as JSON text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "scenario/simulation.h"

namespace ks::test {

struct RunOutcome {
  RunResult result;
  RunMetrics metrics;
  std::vector<TraceEvent> events;
  Trace names;  // holds the run's name table
};

RunOutcome run_text_scenario(const std::string& json_text, std::optional<std::uint64_t> seed = std::nullopt);
const ProcessMetrics& by_name(const RunMetrics& metrics, const std::string& name);

}  // namespace ks::test
