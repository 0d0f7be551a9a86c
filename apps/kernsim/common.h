// apps/kernsim/common.h — what several subcommands share: running a scenario to metrics, the
// trace files they write, the console echo.
#pragma once

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/metrics.h"
#include "scenario/simulation.h"
#include "sim-core/trace/chrome.h"
#include "sim-core/trace/jsonl.h"

namespace ks::cli {

struct MeasuredRun {
  RunResult result;
  RunMetrics metrics;
  std::vector<TraceEvent> events;  // filled only when asked for
  Trace names;                     // the run's name table (for the events)
  std::uint64_t seed = 0;
};

// Runs SCENARIO with OPTIONS and computes its metrics; keeps the events when KEEP_EVENTS.
MeasuredRun run_measured(const Scenario& scenario, const RunOptions& options, bool keep_events);

// "rr (quantum=2)": the policy and its parameter values (ONLY_CHANGED: those not at their default).
std::string describe_policy(const Scenario& scenario, bool only_changed = false);

// FILE opened for writing (bytes as they are); throws InputError naming FILE when it cannot be.
std::unique_ptr<std::ofstream> open_output(const std::string& file);

// The trace files of run, exec and boot: --trace FILE (JSON Lines) and --chrome-trace FILE
// (Chrome's format), each opened, in that order, and attached to TRACE as a sink when its name
// is not empty. Throws InputError naming a file that cannot be written. Must live until the
// trace is finished.
class TraceFiles {
 public:
  TraceFiles(Trace& trace, const std::string& jsonl_file, const std::string& chrome_file = {});

 private:
  std::unique_ptr<std::ofstream> jsonl_out_, chrome_out_;
  std::unique_ptr<JsonLinesWriter> jsonl_;
  std::unique_ptr<ChromeTraceWriter> chrome_;
};

// Prints what programs write to the console as it happens: stream 2 to stderr, others to stdout.
class ConsoleEcho : public TraceSink {
 public:
  explicit ConsoleEcho(const Trace& trace) : trace_(trace) {}
  void record(const TraceEvent& event) override;

 private:
  const Trace& trace_;
};

// Adds --allow-host-paths to COMMAND, setting ALLOW: a scenario may then name host files outside
// its folder (absolute paths, "..", links out), as scenario/host_file.h describes.
void add_allow_host_paths_flag(CLI::App& command, bool& allow);

// Adds --memory SIZE to COMMAND ("64M", scenario/memory_size.h), setting FRAMES when given; a
// size it cannot read stops the command with CLI11's usage error (exit 2) and the reason.
void add_memory_option(CLI::App& command, std::uint32_t& frames);
// --paging eager|demand: how user address spaces are filled (kernel/mm/address_space.h).
void add_paging_option(CLI::App& command, PagingMode& mode);

// --swap SIZE, --swap-disk ram|ssd|hdd and --replacement POLICY: a swap disk and the pager's
// page-replacement policy (kernel/mm/pager.h). --swap implies --paging demand.
struct SwapArgs {
  std::uint32_t pages = 0;
  DiskModel model = DiskModel::Ssd;
  std::string replacement;  // empty: the default
  CLI::Option* paging = nullptr;
  CLI::Option* swap_disk = nullptr;
};
void add_swap_options(CLI::App& command, SwapArgs& args, PagingMode& paging);
// Puts ARGS into SCENARIO; a combination that cannot run is a usage error (exit 2).
void apply_swap_args(const SwapArgs& args, Scenario& scenario);

// --chaos SEED and --chaos-strategy NAME: seeded chaos for the harts of user programs
// (kernel/exec/chaos.h). A strategy without --chaos is a usage error (exit 2).
struct ChaosArgs {
  std::optional<std::uint64_t> seed;
  std::string strategy = "random";
  CLI::Option* strategy_option = nullptr;
};
void add_chaos_options(CLI::App& command, ChaosArgs& args);
// Puts ARGS into SCENARIO's kernel configuration.
void apply_chaos_args(const ChaosArgs& args, Scenario& scenario);

// The machine of kernsim exec (and explore): CPUS harts, MEMORY_FRAMES of RAM, PAGING, POLICY.
struct ExecMachine {
  int cpus = 1;
  std::uint32_t memory_frames = MachineConfig{}.memory_frames;
  PagingMode paging = PagingMode::Eager;
  std::string policy = "rr";
};
// The scenario that runs COMMAND (PROGRAM.elf, a host file, then its arguments) as pid 1 on
// MACHINE, with the prebuilt programs in /bin and an empty /tmp. Throws InputError naming the
// program when it cannot be read.
Scenario exec_scenario(const std::vector<std::string>& command, const ExecMachine& machine);
// --mount IMAGE:PATH[:ro] (repeatable): disk images mounted in the simulated file system
// (scenario/mounts.h). Each value is checked when the command runs (apply_mount_args).
void add_mount_option(CLI::App& command, std::vector<std::string>& mounts);
// Puts the --mount values into SCENARIO. Throws InputError naming --mount (exit 2).
void apply_mount_args(const std::vector<std::string>& mounts, Scenario& scenario);

}  // namespace ks::cli
