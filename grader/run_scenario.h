// grader/run_scenario.h — running a test's scenario under a policy and writing its trace.
//
// The one code path for both sides of a comparison: the runner child runs the student's policy
// through it, and the grader runs the reference policy through it, so that a difference between
// the two traces is a difference between the policies and nothing else.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ks::grade {

struct ScenarioRunRequest {
  std::string scenario_text;
  std::string scenario_file;        // names the scenario in messages
  std::string policy;               // replaces the scenario's policy (empty: keep it)
  std::vector<std::string> params;  // "key=value" for that policy
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> until;
};

// Runs REQUEST and writes its JSON Lines trace to TRACE_OUT; when TIMELINE_OUT is given, also
// the text timeline and the metrics table there. Throws InputError for a bad scenario or policy.
void run_scenario_to_trace(const ScenarioRunRequest& request, std::ostream& trace_out,
                           std::ostream* timeline_out = nullptr);

}  // namespace ks::grade
