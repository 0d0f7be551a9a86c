// kernsim exec: boot the default machine and run one RISC-V program with its console on the
// terminal; exit with the program's exit status.
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "apps/kernsim/commands.h"
#include "apps/kernsim/common.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

struct ExecArgs {
  std::vector<std::string> command;  // PROGRAM.elf then its arguments
  std::string stats_file, trace_file, policy = "rr";
  int cpus = 1;
  std::uint32_t memory_frames = MachineConfig{}.memory_frames;
  PagingMode paging = PagingMode::Eager;
  SwapArgs swap;
  ChaosArgs chaos;
  std::vector<std::string> mounts;  // --mount IMAGE:PATH[:ro]
  std::optional<Tick> until;
};

int run_exec(const ExecArgs& args) {
  Scenario scenario = exec_scenario(args.command, {args.cpus, args.memory_frames, args.paging, args.policy});
  apply_swap_args(args.swap, scenario);
  apply_chaos_args(args.chaos, scenario);
  apply_mount_args(args.mounts, scenario);

  Simulation simulation(scenario, {std::nullopt, args.until});
  ConsoleEcho echo(simulation.trace());
  simulation.trace().add_sink(echo);
  const TraceFiles trace_files(simulation.trace(), args.trace_file);
  // Host time is read here, outside the simulation, only to report the interpreter's speed.
  const auto started = std::chrono::steady_clock::now();
  const RunResult result = simulation.run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const Process& process = simulation.kernel().process(1);
  if (!args.stats_file.empty()) {
    const Kernel::UserStats stats = simulation.kernel().user_stats();
    const double lookups = static_cast<double>(stats.tlb_hits + stats.tlb_misses);
    // The share of the machine's cycles that ran user code: its CPUs' speeds (cycles a tick)
    // times the run's ticks. The rest went to idling (waiting for a disk, a sleep) and to the kernel.
    double capacity = 0;
    for (CpuId cpu = 0; cpu < simulation.machine().cpu_count(); ++cpu) capacity += simulation.machine().cpu_speed(cpu);
    capacity *= static_cast<double>(result.end_time);
    const nlohmann::json document = {
        {"program", args.command.front()},
        {"exit_status", process.exited ? nlohmann::json(process.exit_status) : nlohmann::json(nullptr)},
        {"instructions_retired", stats.instructions},
        {"cycles", stats.cycles},
        {"virtual_ticks", result.end_time},
        {"cpu_utilisation", capacity > 0 ? static_cast<double>(stats.cycles) / capacity : 0.0},
        {"host_seconds", seconds},
        {"mips", seconds > 0 ? static_cast<double>(stats.instructions) / seconds / 1e6 : 0.0},
        {"tlb_hits", stats.tlb_hits},
        {"tlb_misses", stats.tlb_misses},
        {"tlb_hit_rate", lookups > 0 ? static_cast<double>(stats.tlb_hits) / lookups : 0.0},
        {"page_faults", stats.faults},
        {"minor_faults", stats.minor_faults},
        {"major_faults", stats.major_faults},
        {"cow_faults", stats.cow_faults},
        {"cow_copies", stats.cow_copies},
        {"oom_kills", stats.oom_kills},
        {"peak_resident_pages", stats.peak_resident_pages},
        {"evictions", stats.evictions},
        {"swap_outs", stats.swap_outs},
        {"swap_ins", stats.swap_ins},
        {"peak_swap_slots", stats.peak_swap_slots},
        {"syscalls", stats.syscalls}};
    std::ofstream out(args.stats_file);
    if (!out) throw InputError({args.stats_file, 0, 0, {}}, "cannot write this file");
    out << document.dump(2) << '\n';
  }
  if (result.deadlocked) {
    std::cerr << "kernsim: " << simulation.kernel().deadlock_report();
    return kExitSimulationError;
  }
  if (!process.exited) {
    std::cerr << "kernsim: the program did not exit before the time limit " << result.end_time << '\n';
    return kExitSimulationError;
  }
  return process.exited ? static_cast<int>(process.exit_status & 0xff) : 0;
}

}  // namespace

void add_exec_command(CLI::App& app, int& status) {
  auto args = std::make_shared<ExecArgs>();
  CLI::App* exec =
      app.add_subcommand("exec", "Run a RISC-V program (static ELF32) on the default machine; exit with its status");
  exec->add_option("command", args->command, "PROGRAM.elf and its arguments")->required();
  exec->add_option("--stats-json", args->stats_file,
                   "Write instructions, cycles, MIPS, TLB hit rate and faults as JSON");
  exec->add_option("--trace", args->trace_file, "Write the event trace as JSON Lines");
  exec->add_option("--until", args->until, "Stop at this virtual time")->check(CLI::PositiveNumber);
  exec->add_option("--cpus", args->cpus, "Number of CPUs (harts)")->check(CLI::Range(1, 64));
  add_memory_option(*exec, args->memory_frames);
  add_paging_option(*exec, args->paging);
  add_swap_options(*exec, args->swap, args->paging);
  add_chaos_options(*exec, args->chaos);
  add_mount_option(*exec, args->mounts);
  exec->footer(
      "Options may come anywhere; after \"--\" everything goes to the program.\n"
      "Exit status: the program's (0-255); 2 for a bad ELF file or usage; 1 if it did not finish\n"
      "(a deadlock, reported with each thread and what it waits for, or the --until limit).\n"
      "A program killed by a fault exits with 128 + signal (139 for a page fault), as in a shell.");
  exec->callback([args, &status] { status = run_exec(*args); });
}

}  // namespace ks::cli
