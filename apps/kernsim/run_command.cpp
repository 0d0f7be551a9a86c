// kernsim run / validate: run a scenario and print its timeline and metrics; check scenarios.
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "analysis/metrics.h"
#include "analysis/report.h"
#include "analysis/timeline.h"
#include "analysis/timeline_recorder.h"
#include "apps/kernsim/commands.h"
#include "apps/kernsim/common.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::optional<std::uint64_t> seed;
  std::optional<Tick> until;
  std::string trace_file, chrome_file, metrics_file, policy;
  std::vector<std::string> params;
  bool no_timeline = false;
  bool quiet = false;
  bool allow_host_paths = false;
  ChaosArgs chaos;
  int width = 72;
};

int run_scenario(const RunArgs& args) {
  Scenario scenario = load_scenario(args.scenario, {args.allow_host_paths});
  if (!args.policy.empty() || !args.params.empty()) {
    override_policy(scenario, args.policy.empty() ? scenario.policy->name : args.policy, args.params);
  }
  apply_chaos_args(args.chaos, scenario);  // the harts of user programs; bursts run as without it
  Simulation simulation(scenario, {args.seed, args.until});
  MetricsCollector metrics(simulation.trace());
  TimelineRecorder timeline;  // memory bounded however long the run (analysis/timeline_recorder.h)
  simulation.trace().add_sink(metrics);
  if (!args.no_timeline && !args.quiet) simulation.trace().add_sink(timeline);
  const TraceFiles trace_files(simulation.trace(), args.trace_file, args.chrome_file);
  const RunResult result = simulation.run();
  const RunMetrics run_metrics = metrics.result();
  if (!args.metrics_file.empty()) {
    nlohmann::json document = to_json(run_metrics);
    document["scenario"] = scenario.name;
    document["policy"] = scenario.policy->name;
    document["seed"] = simulation.seed();
    document["all_exited"] = result.all_exited;
    *open_output(args.metrics_file) << document.dump(2) << '\n';
  }
  if (!args.quiet) {
    std::cout << "Scenario " << (scenario.name.empty() ? args.scenario : scenario.name) << ": policy "
              << describe_policy(scenario) << ", " << scenario.machine.cpus
              << (scenario.machine.cpus == 1 ? " CPU" : " CPUs") << ", seed " << simulation.seed() << '\n';
    if (result.deadlocked) std::cout << "Stopped by a " << simulation.kernel().deadlock_report();
    if (!result.all_exited && !result.deadlocked)
      std::cout << "Stopped at the time limit " << result.end_time << ": not every process finished.\n";
    std::cout << '\n';
    if (!args.no_timeline && timeline.complete())
      std::cout << render_timeline(build_timeline(timeline.events(), simulation.trace()), args.width) << '\n';
    if (!args.no_timeline && !timeline.complete()) {
      std::cout << "(No timeline: the run changed state more than " << timeline.limit()
                << " times; write --trace FILE and open it in kernsim-viz.)\n\n";
    }
    std::cout << render_process_table(run_metrics) << '\n' << render_system_summary(run_metrics);
  }
  if (result.deadlocked && args.quiet) std::cerr << "kernsim: " << simulation.kernel().deadlock_report();
  return result.deadlocked ? kExitSimulationError : kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, int& status) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* run = app.add_subcommand("run", "Run a scenario; print its timeline and per-process metrics");
  run->add_option("scenario", args->scenario, "Scenario file (JSON)")->required();
  run->add_option("--seed", args->seed, "Seed for every random stream (overrides run.seed)");
  run->add_option("--until", args->until, "Stop at this virtual time (overrides run.until)")
      ->check(CLI::PositiveNumber);
  run->add_option("--trace", args->trace_file, "Write the event trace as JSON Lines to this file");
  run->add_option("--chrome-trace", args->chrome_file, "Write the trace in Chrome's format (opens in Perfetto)");
  run->add_option("--metrics-json", args->metrics_file, "Write the metrics as JSON to this file");
  run->add_option("--policy", args->policy, "Use this scheduling policy instead of the scenario's");
  run->add_option("--param", args->params, "Policy parameter KEY=VALUE (repeatable)");
  run->add_option("--width", args->width, "Columns of the text timeline")->check(CLI::Range(10, 1000));
  run->add_flag("--no-timeline", args->no_timeline, "Do not print the text timeline");
  run->add_flag("--quiet,-q", args->quiet, "Print nothing; write only the requested files");
  add_allow_host_paths_flag(*run, args->allow_host_paths);
  add_chaos_options(*run, args->chaos);
  run->callback([args, &status] { status = run_scenario(*args); });
}

void add_validate_command(CLI::App& app, int& status) {
  struct ValidateArgs {
    std::vector<std::string> files;
    bool allow_host_paths = false;
  };
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* validate =
      app.add_subcommand("validate", "Check scenario files as run would; print the first problem of each");
  validate->add_option("scenarios", args->files, "Scenario files")->required();
  add_allow_host_paths_flag(*validate, args->allow_host_paths);
  validate->callback([args, &status] {
    status = kExitOk;
    for (const std::string& file : args->files) {
      try {
        const Scenario scenario = load_scenario(file, {args->allow_host_paths});
        std::cout << printable_text(file) << ": ok (" << scenario.processes.size() << " processes"
                  << (scenario.generator ? " + " + std::to_string(scenario.generator->count) + " generated"
                                         : std::string())
                  << ", policy " << scenario.policy->name << ")\n";
      } catch (const InputError& error) {
        std::cerr << "error: " << error.what() << '\n';
        status = kExitBadInput;
      }
    }
  });
}

}  // namespace ks::cli
