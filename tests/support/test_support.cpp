#include "tests/support/test_support.h"

#include "analysis/metrics.h"

namespace ks::test {

RunOutcome run_text_scenario(const std::string& json_text, std::optional<std::uint64_t> seed) {
  const Scenario scenario = parse_scenario(json_text, "inline.json");
  Simulation simulation(scenario, {seed, std::nullopt});
  RunOutcome outcome;
  auto memory = std::make_shared<MemoryTrace>();
  MetricsCollector metrics(simulation.trace());
  simulation.trace().add_sink(*memory);
  simulation.trace().add_sink(metrics);
  outcome.result = simulation.run();
  outcome.metrics = metrics.result();
  outcome.events = memory->events();
  for (std::size_t i = 0; i < simulation.trace().name_count(); ++i) {
    outcome.names.add_name(simulation.trace().name(static_cast<std::uint32_t>(i)));
  }
  return outcome;
}

const ProcessMetrics& by_name(const RunMetrics& metrics, const std::string& name) {
  for (const ProcessMetrics& p : metrics.processes) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no process named " + name);
}

}  // namespace ks::test
