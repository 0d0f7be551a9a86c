// scenario/simulation.h — a scenario made runnable: the machine and the kernel it describes,
// with its workload added. The command line, the visualizer and the grader all run scenarios
// through this one class, so a scenario means the same thing to each of them.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

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
  // Runs the scenario, then writes every mounted image back (what changed, atomically). Throws
  // InputError naming an image that the host refused to write.
  RunResult run();
  // Writes every mounted image back (what changed, atomically): run() does it at its end, a
  // front end that runs the kernel itself (kernsim boot) does it when the run ends. Throws
  // InputError naming an image that the host refused to write.
  void write_back_images();

  Kernel& kernel() { return *kernel_; }
  Machine& machine() { return *machine_; }
  std::uint64_t seed() const { return seed_; }
  Tick until() const { return until_; }

 private:
  void install_files(const Scenario& scenario);
  void mount_images(const Scenario& scenario);

  std::unique_ptr<Machine> machine_;
  std::unique_ptr<Kernel> kernel_;
  std::vector<std::function<void()>> write_backs_;  // one a mounted image
  std::uint64_t seed_;
  Tick until_;
};

}  // namespace ks
