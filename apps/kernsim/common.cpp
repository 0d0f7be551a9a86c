#include "apps/kernsim/common.h"

#include <iostream>

#include "scenario/memory_size.h"
#include "sim-core/error.h"

namespace ks::cli {

MeasuredRun run_measured(const Scenario& scenario, const RunOptions& options, bool keep_events) {
  Simulation simulation(scenario, options);
  MetricsCollector metrics(simulation.trace());
  MemoryTrace memory;
  simulation.trace().add_sink(metrics);
  if (keep_events) simulation.trace().add_sink(memory);
  MeasuredRun run;
  run.result = simulation.run();
  run.metrics = metrics.result();
  run.events = std::move(memory.events());
  run.seed = simulation.seed();
  for (std::size_t i = 0; i < simulation.trace().name_count(); ++i) {
    run.names.add_name(simulation.trace().name(static_cast<std::uint32_t>(i)));
  }
  return run;
}

std::unique_ptr<std::ofstream> open_output(const std::string& file) {
  auto out = std::make_unique<std::ofstream>(file, std::ios::binary);
  if (!*out) throw InputError({file, 0, 0, {}}, "cannot write this file");
  return out;
}

TraceFiles::TraceFiles(Trace& trace, const std::string& jsonl_file, const std::string& chrome_file) {
  if (!jsonl_file.empty()) {
    jsonl_out_ = open_output(jsonl_file);
    jsonl_ = std::make_unique<JsonLinesWriter>(*jsonl_out_, trace);
    trace.add_sink(*jsonl_);
  }
  if (!chrome_file.empty()) {
    chrome_out_ = open_output(chrome_file);
    chrome_ = std::make_unique<ChromeTraceWriter>(*chrome_out_, trace);
    trace.add_sink(*chrome_);
  }
}

std::string describe_policy(const Scenario& scenario, bool only_changed) {
  const PolicyInfo& policy = *scenario.policy;
  const PolicyParams defaults = default_params(policy);
  const PolicyParams in_force = policy.in_force ? policy.in_force(scenario.policy_params) : scenario.policy_params;
  std::string params;
  for (const auto& [key, value] : in_force.values()) {
    if (only_changed && defaults.values().at(key) == scenario.policy_params.values().at(key)) continue;
    params += (params.empty() ? "" : ", ") + key + "=" + to_string(value);
  }
  return params.empty() ? scenario.policy->name : scenario.policy->name + " (" + params + ")";
}

void add_allow_host_paths_flag(CLI::App& command, bool& allow) {
  command.add_flag("--allow-host-paths", allow,
                   "Let the scenario name host files outside its folder (absolute paths, \"..\", links out); "
                   "only regular files are read either way");
}

void add_memory_option(CLI::App& command, std::uint32_t& frames) {
  command
      .add_option_function<std::string>(
          "--memory",
          [&frames](const std::string& text) {
            std::string problem;
            frames = parse_memory_size(text, problem).value_or(frames);
          },
          "RAM of the machine: bytes, or with K, M or G (default " + memory_size_text(MachineConfig{}.memory_frames) +
              ")")
      ->type_name("SIZE")
      ->check(CLI::Validator(
          [](const std::string& text) {
            std::string problem;
            return parse_memory_size(text, problem) ? std::string() : problem;
          },
          "", "memory size"));
}

void add_paging_option(CLI::App& command, PagingMode& mode) {
  command
      .add_option_function<std::string>(
          "--paging", [&mode](const std::string& text) { mode = paging_mode_from_string(text).value_or(mode); },
          "how user memory is filled: eager (every page when a program starts, fork copies; the default) or "
          "demand (pages at first touch, fork copy-on-write)")
      ->type_name("MODE")
      ->check(CLI::IsMember({"eager", "demand"}));
}

void ConsoleEcho::record(const TraceEvent& event) {
  if (event.kind != EventKind::ConsoleOutput) return;
  (event.a == 2 ? std::cerr : std::cout) << trace_.name(static_cast<std::uint32_t>(event.b)) << std::flush;
}

}  // namespace ks::cli
