#include "apps/kernsim/common.h"

#include <iostream>

#include "kernel/mm/pager.h"
#include "kernel/mm/replacement.h"
#include "scenario/file_system.h"
#include "scenario/host_file.h"
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

void add_swap_options(CLI::App& command, SwapArgs& args, PagingMode& paging) {
  args.paging = command.get_option("--paging");
  command
      .add_option_function<std::string>(
          "--swap",
          [&args, &paging](const std::string& text) {
            std::string problem;
            args.pages = parse_memory_size(text, problem).value_or(0);
            if (args.paging->count() == 0) paging = PagingMode::Demand;
          },
          "a swap disk of SIZE (as --memory): pages leave memory when it is full, and come back at their next touch "
          "(implies --paging demand)")
      ->type_name("SIZE")
      ->check(CLI::Validator(
          [](const std::string& text) {
            std::string problem;
            return parse_memory_size(text, problem) ? std::string() : problem;
          },
          "", "swap size"));
  args.swap_disk =
      command
          .add_option_function<std::string>(
              "--swap-disk",
              [&args](const std::string& text) { args.model = disk_model_from_string(text).value_or(args.model); },
              "the swap disk's timing: ram, ssd (the default) or hdd")
          ->type_name("MODEL")
          ->check(CLI::IsMember({"ram", "ssd", "hdd"}));
  command
      .add_option("--replacement", args.replacement,
                  "the page-replacement policy with --swap (default clock; `kernsim paging --list` lists them)")
      ->type_name("POLICY");
}

void apply_swap_args(const SwapArgs& args, Scenario& scenario) {
  if (args.pages == 0) {
    if (!args.replacement.empty()) throw CLI::ValidationError("--replacement", "page replacement needs --swap SIZE");
    if (args.swap_disk != nullptr && args.swap_disk->count() > 0)
      throw CLI::ValidationError("--swap-disk", "a swap disk needs --swap SIZE");
    return;
  }
  if (scenario.kernel.paging != PagingMode::Demand)
    throw CLI::ValidationError("--swap", "swap needs demand paging (leave out --paging eager)");
  const std::string problem = swap_size_problem(args.pages, args.model);
  if (!problem.empty()) throw CLI::ValidationError("--swap", problem);
  scenario.machine.swap_bytes = std::uint64_t{args.pages} * kPageSize;
  scenario.machine.swap_model = args.model;
  if (args.replacement.empty()) return;
  const ReplacementInfo* policy = replacement_registry().find(args.replacement);
  if (policy == nullptr) {
    throw CLI::ValidationError("--replacement", "unknown replacement policy \"" + args.replacement +
                                                    "\" (known: " + replacement_registry().names() + ")");
  }
  const std::string why = Pager::kernel_problem(*policy);
  if (!why.empty())
    throw CLI::ValidationError("--replacement", "\"" + policy->name + "\" cannot replace pages in the kernel: " + why);
  scenario.kernel.replacement = policy->name;
  scenario.kernel.replacement_params = default_params(*policy);
}

void add_chaos_options(CLI::App& command, ChaosArgs& args) {
  command
      .add_option("--chaos", args.seed,
                  "Seeded chaos: choose where user code's slices end, and which threads are preempted or set back "
                  "there, from SEED (the same seed, the same run; docs/concurrency.md)")
      ->type_name("SEED");
  args.strategy_option = command
                             .add_option("--chaos-strategy", args.strategy,
                                         "How --chaos chooses: random (the default), pct or bounded-preemption")
                             ->type_name("NAME")
                             ->check(CLI::IsMember({"random", "pct", "bounded-preemption"}));
}

void apply_chaos_args(const ChaosArgs& args, Scenario& scenario) {
  if (!args.seed) {
    if (args.strategy_option != nullptr && args.strategy_option->count() > 0)
      throw CLI::ValidationError("--chaos-strategy", "a chaos strategy needs --chaos SEED");
    return;
  }
  scenario.kernel.chaos.enabled = true;
  scenario.kernel.chaos.seed = *args.seed;
  scenario.kernel.chaos.strategy = chaos_strategy_from_string(args.strategy).value_or(ChaosStrategy::Random);
}

Scenario exec_scenario(const std::vector<std::string>& command, const ExecMachine& machine) {
  Scenario scenario;
  scenario.name = "exec";
  scenario.machine.cpus = machine.cpus;
  scenario.machine.memory_frames = machine.memory_frames;
  scenario.kernel.paging = machine.paging;
  apply_tie_rule(scenario.machine, scenario.kernel.tie_rule);
  override_policy(scenario, machine.policy, {});
  UserProcessSpec program;
  program.file = command.front();
  const std::string bytes = read_input_file(program.file);
  program.image.assign(bytes.begin(), bytes.end());
  program.name = program.file.substr(program.file.find_last_of("/\\") + 1);
  program.argv.assign(command.begin(), command.end());
  scenario.programs.push_back(std::move(program));
  scenario.files = userland_programs();  // /bin, for programs that execve others
  scenario.files.push_back({"/tmp", {}, true});
  return scenario;
}

void ConsoleEcho::record(const TraceEvent& event) {
  if (event.kind != EventKind::ConsoleOutput) return;
  (event.a == 2 ? std::cerr : std::cout) << trace_.name(static_cast<std::uint32_t>(event.b)) << std::flush;
}

void add_mount_option(CLI::App& command, std::vector<std::string>& mounts) {
  command
      .add_option("--mount", mounts,
                  "Mount a disk image (FAT32; the type is read from the image) on PATH, made if missing; "
                  "\":ro\" read-only. Changes reach the image on sync and at exit. Repeatable")
      ->type_name("IMAGE:PATH[:ro]")
      ->allow_extra_args(false);
}

void apply_mount_args(const std::vector<std::string>& mounts, Scenario& scenario) {
  for (const std::string& text : mounts) scenario.mounts.push_back(parse_mount_option(text));
}

}  // namespace ks::cli
