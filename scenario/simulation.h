// scenario/simulation.h — a scenario made runnable: the machine and the kernel it describes,
// with its workload added. The command line, the visualizer and the grader all run scenarios
// through this one class, so a scenario means the same thing to each of them.
#pragma once

#include <memory>
#include <optional>

#include "kernel/kernel.h"
#include "scenario/scenario.h"

namespace ks {

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's run.seed
  std::optional<Tick> until;          // overrides the scenario's run.until
};

class Simulation {
 public:
  Simulation(const Scenario& scenario, const RunOptions& options = {});

  // Attach sinks to trace() before run().
  Trace& trace() { return machine_->trace(); }
  RunResult run();

  Kernel& kernel() { return *kernel_; }
  Machine& machine() { return *machine_; }
  std::uint64_t seed() const { return seed_; }
  Tick until() const { return until_; }

 private:
  void install_files(const Scenario& scenario);

  std::unique_ptr<Machine> machine_;
  std::unique_ptr<Kernel> kernel_;
  std::uint64_t seed_;
  Tick until_;
};

}  // namespace ks
