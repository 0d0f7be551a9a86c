// grader/run_scenario.cpp — a test's scenario, with the policy and parameters the test names,
// run to a JSON Lines trace (why there is one path for both sides: run_scenario.h). With a
// timeline stream it also writes the text timeline and the metrics tables of the run.
#include "grader/run_scenario.h"

#include <ostream>

#include "analysis/metrics.h"
#include "analysis/report.h"
#include "analysis/timeline.h"
#include "grader/run_replay.h"
#include "scenario/simulation.h"
#include "sim-core/trace/jsonl.h"

namespace ks::grade {

void run_scenario_to_trace(const ScenarioRunRequest& request, std::ostream& trace_out, std::ostream* timeline_out) {
  if (is_replay_document(request.scenario_text)) return run_replay_to_trace(request, trace_out, timeline_out);
  Scenario scenario = parse_scenario(request.scenario_text, request.scenario_file);
  if (!request.policy.empty() || !request.params.empty()) {
    override_policy(scenario, request.policy.empty() ? scenario.policy->name : request.policy, request.params);
  }
  Simulation simulation(scenario, {request.seed, request.until});
  JsonLinesWriter writer(trace_out, simulation.trace());
  MetricsCollector metrics(simulation.trace());
  MemoryTrace memory;
  simulation.trace().add_sink(writer);
  if (timeline_out != nullptr) {
    simulation.trace().add_sink(metrics);
    simulation.trace().add_sink(memory);
  }
  simulation.run();
  if (timeline_out != nullptr) {
    *timeline_out << "Policy " << scenario.policy->name << ", seed " << simulation.seed() << "\n\n"
                  << render_timeline(build_timeline(memory.events(), simulation.trace()), 72) << '\n'
                  << render_process_table(metrics.result()) << '\n'
                  << render_system_summary(metrics.result());
  }
}

}  // namespace ks::grade
