#include "scenario/simulation.h"

namespace ks {

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : seed_(options.seed.value_or(scenario.seed)), until_(options.until.value_or(scenario.until)) {
  machine_ = std::make_unique<Machine>(scenario.machine);
  KernelConfig config = scenario.kernel;
  config.seed = seed_;
  kernel_ = std::make_unique<Kernel>(*machine_, config, *scenario.policy, scenario.policy_params);
  const std::vector<BurstProcessSpec> workload = build_workload(scenario, seed_);
  std::size_t bursts = 0;
  for (const BurstProcessSpec& process : workload) bursts += process.bursts.size();
  kernel_->reserve(workload.size(), bursts);
  for (const BurstProcessSpec& process : workload) kernel_->add_burst_process(process);
  for (const UserProcessSpec& program : scenario.programs) kernel_->add_user_process(program);
}

RunResult Simulation::run() {
  RunResult result = kernel_->run(until_);
  machine_->trace().finish();
  return result;
}

}  // namespace ks
