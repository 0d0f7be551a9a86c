#include "scenario/simulation.h"

namespace ks {

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : seed_(options.seed.value_or(scenario.seed)), until_(options.until.value_or(scenario.until)) {
  machine_ = std::make_unique<Machine>(scenario.machine);
  KernelConfig config = scenario.kernel;
  config.seed = seed_;
  kernel_ = std::make_unique<Kernel>(*machine_, config, *scenario.policy, scenario.policy_params);
  for (const BurstProcessSpec& process : build_workload(scenario, seed_)) kernel_->add_burst_process(process);
}

RunResult Simulation::run() {
  RunResult result = kernel_->run(until_);
  machine_->trace().finish();
  return result;
}

}  // namespace ks
