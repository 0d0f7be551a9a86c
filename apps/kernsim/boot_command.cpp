// kernsim boot: boot the default machine with the userland (/bin from userland/prebuilt, an
// empty /tmp), run /bin/sh (or --init PROGRAM: a path in /bin, or a host ELF file, which is put
// at /bin/NAME) as pid 1, and connect the host terminal to the console: what programs write
// appears on stdout/stderr, and each line typed on stdin is given to the console when a program
// is blocked reading it. End of stdin closes the console's input. Pid 1 cannot be killed by a
// program (kill gives EPERM; kernel/proc/syscalls_process.cpp), so `kill 1` leaves the shell.
//
// The host's stdin is read here, in the front end, never inside the simulation: the kernel runs
// in steps of virtual time (Kernel::advance), and after a step that leaves a reader blocked on
// the console this loop reads one line and hands it over. So a run with the same input lines is
// the same run, event for event.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "apps/kernsim/commands.h"
#include "apps/kernsim/common.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

struct BootArgs {
  std::string init = "/bin/sh";
  std::vector<std::string> args;  // init's arguments after argv[0]
  std::string trace_file, policy = "rr";
  int cpus = 1;
  std::uint32_t memory_frames = MachineConfig{}.memory_frames;
  PagingMode paging = PagingMode::Eager;
  SwapArgs swap;
  ChaosArgs chaos;
  std::vector<std::string> mounts;  // --mount IMAGE:PATH[:ro]
  std::optional<Tick> until;
};

Scenario boot_scenario(const BootArgs& args) {
  Scenario scenario;
  scenario.name = "boot";
  scenario.machine.cpus = args.cpus;
  scenario.machine.memory_frames = args.memory_frames;
  scenario.kernel.paging = args.paging;
  apply_swap_args(args.swap, scenario);
  apply_chaos_args(args.chaos, scenario);
  apply_tie_rule(scenario.machine, scenario.kernel.tie_rule);
  override_policy(scenario, args.policy, {});
  scenario.files = userland_programs();
  scenario.files.push_back({"/tmp", {}, true});
  const auto init = std::find_if(scenario.files.begin(), scenario.files.end(),
                                 [&](const FileSpec& file) { return file.path == args.init; });
  UserProcessSpec program;
  if (init != scenario.files.end()) {
    program.file = init->path;
    program.image.assign(init->bytes.begin(), init->bytes.end());
  } else if (std::error_code error;
             args.init.starts_with("/bin/") || !std::filesystem::is_regular_file(args.init, error)) {
    throw InputError({"", 0, 0, "--init"},
                     "no program \"" + args.init + "\" in /bin (userland/prebuilt), and no such host file");
  } else {
    program.file = args.init;  // a host ELF file (a test program, or one of your own)
    const std::string bytes = read_input_file(args.init);
    program.image.assign(bytes.begin(), bytes.end());
  }
  program.name = program.file.substr(program.file.find_last_of("/\\") + 1);
  if (program.name.ends_with(".elf")) program.name.resize(program.name.size() - 4);
  program.argv.push_back(program.name);
  program.argv.insert(program.argv.end(), args.args.begin(), args.args.end());
  scenario.programs.push_back(std::move(program));
  apply_mount_args(args.mounts, scenario);
  return scenario;
}

int run_boot(const BootArgs& args) {
  const Scenario scenario = boot_scenario(args);
  Simulation simulation(scenario, {std::nullopt, args.until});
  ConsoleEcho echo(simulation.trace());
  simulation.trace().add_sink(echo);
  const TraceFiles trace_files(simulation.trace(), args.trace_file);
  Kernel& kernel = simulation.kernel();
  kernel.console_open_input();
  const Tick until = simulation.until();
  bool stuck = false;
  // Steps of kStep ticks (a policy with periodic work never lets the queue run dry); after each,
  // a reader blocked on the console gets the next line.
  constexpr Tick kStep = 1000;
  Tick horizon = 0;
  while (true) {
    horizon = std::min(until, std::max(horizon, kernel.now()) + kStep);
    if (kernel.advance(horizon)) break;  // every process has exited, or the threads are deadlocked
    if (kernel.console_waiting_for_input()) {
      std::string line;
      if (std::getline(std::cin, line)) {
        kernel.console_input(line + "\n");
      } else {
        kernel.console_close_input();
      }
      continue;
    }
    if (simulation.machine().queue().next_time() == kNever) {  // every thread waits for what cannot come
      stuck = true;
      break;
    }
    if (horizon >= until) break;
  }
  const RunResult result = kernel.end_run(until == kNever ? kernel.now() : until);
  simulation.trace().finish();
  simulation.write_back_images();
  const Process& init = kernel.process(1);
  if (result.deadlocked) {
    std::cerr << "kernsim: " << kernel.deadlock_report();
    return kExitSimulationError;
  }
  if (!init.exited) {
    std::cerr << (stuck ? "kernsim: every process is blocked and none reads the console\n"
                        : "kernsim: init did not exit before the time limit\n");
    return kExitSimulationError;
  }
  return init.exited ? static_cast<int>(init.exit_status & 0xff) : 0;
}

}  // namespace

void add_boot_command(CLI::App& app, int& status) {
  auto args = std::make_shared<BootArgs>();
  CLI::App* boot =
      app.add_subcommand("boot", "Boot the machine with /bin from userland/prebuilt and run /bin/sh on the terminal");
  boot->add_option("--init", args->init, "The first program (pid 1): a path in /bin, or a host ELF file")
      ->capture_default_str();
  boot->add_option("args", args->args, "Arguments for the first program");
  boot->add_option("--trace", args->trace_file, "Write the event trace as JSON Lines");
  boot->add_option("--until", args->until, "Stop at this virtual time")->check(CLI::PositiveNumber);
  boot->add_option("--cpus", args->cpus, "Number of CPUs (harts)")->check(CLI::Range(1, 64));
  add_memory_option(*boot, args->memory_frames);
  add_paging_option(*boot, args->paging);
  add_swap_options(*boot, args->swap, args->paging);
  add_chaos_options(*boot, args->chaos);
  add_mount_option(*boot, args->mounts);
  boot->add_option("--policy", args->policy, "Scheduling policy")->capture_default_str();
  boot->footer(
      "Each line typed on stdin goes to the console when a program reads it; end of input (Ctrl-D)\n"
      "closes it. Exit status: the first program's (0-255); 1 if it did not finish.");
  boot->callback([args, &status] { status = run_boot(*args); });
}

}  // namespace ks::cli
