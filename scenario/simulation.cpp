#include "scenario/simulation.h"

#include <algorithm>

#include "kernel/errno.h"
#include "kernel/fs/image_mount.h"
#include "kernel/fs/vfs.h"
#include "scenario/limits.h"

namespace ks {
namespace {

// The last guard of scenario/limits.h, for workloads that did not come from a scenario file
// (kernsim sched, a policy or cost given on the command line): the scenario reader names the
// key, this names only the workload.
void check_bounds(const Scenario& scenario, const std::vector<BurstProcessSpec>& workload) {
  WorkloadSize size;
  for (const BurstProcessSpec& process : workload) size.add(process);
  const Tick switch_cost = bounded_add(std::clamp<Tick>(scenario.kernel.context_switch_cost, 0, kOverLimit),
                                       std::clamp<Tick>(scenario.kernel.migration_cost, 0, kOverLimit));
  if (size.worst_case_end(switch_cost) > kMaxRunTime) {
    throw InputError({scenario.file, 0, 0, "workload"},
                     "the workload could run past 2^62 ticks: its latest arrival, its bursts and "
                     "a context switch and migration per burst tick add up to more");
  }
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : seed_(options.seed.value_or(scenario.seed)), until_(options.until.value_or(scenario.until)) {
  machine_ = std::make_unique<Machine>(scenario.machine);
  KernelConfig config = scenario.kernel;
  config.seed = seed_;
  kernel_ = std::make_unique<Kernel>(*machine_, config, *scenario.policy, scenario.policy_params);
  const std::vector<BurstProcessSpec> workload = build_workload(scenario, seed_);
  check_bounds(scenario, workload);
  std::size_t bursts = 0;
  for (const BurstProcessSpec& process : workload) bursts += process.bursts.size();
  kernel_->reserve(workload.size(), bursts);
  for (const BurstProcessSpec& process : workload) kernel_->add_burst_process(process);
  install_files(scenario);
  mount_images(scenario);
  for (const UserProcessSpec& program : scenario.programs) kernel_->add_user_process(program);
  if (scenario.console_input) kernel_->console_input(*scenario.console_input);
}

// The scenario's files, then each program at /bin/NAME so that execve finds it.
void Simulation::install_files(const Scenario& scenario) {
  Vfs& fs = kernel_->file_system();
  for (const FileSpec& file : scenario.files) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(file.bytes.data());
    const bool installed =
        file.directory ? fs.install_directory(file.path) : fs.install_file(file.path, {bytes, file.bytes.size()});
    if (!installed) {
      throw InputError({scenario.file, 0, 0, "workload.files"},
                       "cannot put \"" + file.path + "\" into the file system (a file is in the way, or it is full)");
    }
  }
  for (const UserProcessSpec& program : scenario.programs) {
    if (!fs.install_file("/bin/" + program.name, program.image)) {
      throw InputError({program.file, 0, 0, "workload.programs"}, "cannot put the program at /bin/" + program.name);
    }
  }
}

// Each image of kernel.mounts (or --mount) on its directory, which is made when missing
// (scenario/mounts.h).
void Simulation::mount_images(const Scenario& scenario) {
  Vfs& fs = kernel_->file_system();
  for (const MountSpec& mount : scenario.mounts) {
    ImageFileSystem image = open_image_file_system(mount.image, mount.read_only);
    const InputLocation where{mount.image, 0, 0, ""};
    if (!fs.lookup(fs.root(), mount.path).ok() && !fs.install_directory(mount.path)) {
      throw InputError(where, "cannot make the mount point " + mount.path +
                                  " (a file is in the way, or it would be inside a read-only image)");
    }
    const std::int64_t mounted = fs.mount(mount.path, std::move(image.fs));
    if (mounted == -err::kNotDirectory) throw InputError(where, "cannot mount on " + mount.path + ": not a directory");
    if (mounted == -err::kBusy)
      throw InputError(where, "cannot mount on " + mount.path + ": another image is mounted there");
    if (mounted < 0)
      throw InputError(where, "cannot mount on " + mount.path + " (error " + std::to_string(-mounted) + ")");
    write_backs_.push_back(std::move(image.write_back));
  }
}

RunResult Simulation::run() {
  RunResult result = kernel_->run(until_);
  machine_->trace().finish();
  write_back_images();
  return result;
}

void Simulation::write_back_images() {
  for (const auto& write_back : write_backs_) write_back();
}

}  // namespace ks
