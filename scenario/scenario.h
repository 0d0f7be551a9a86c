// scenario/scenario.h — a scenario: one JSON file that says what machine, what kernel, what
// workload and how long to run. docs/scenario-format.md describes the format for users and
// docs/scenario.schema.json gives it as a JSON Schema.
//
// Reading a scenario checks everything (unknown keys, wrong types, negative durations, duplicate
// process names, unknown policies and parameters, sums that could pass the bounds of
// scenario/limits.h, host files outside the scenario's folder) and reports the first problem as
// an InputError naming the file, line:column and key path. A Scenario that exists is valid:
// what `run` would refuse, reading refuses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/kernel.h"
#include "kernel/sched/registry.h"
#include "machine/machine.h"
#include "scenario/file_system.h"
#include "scenario/generators.h"
#include "scenario/host_file.h"
#include "scenario/mounts.h"

namespace ks {

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  MachineConfig machine;
  KernelConfig kernel;
  // The choice of each pluggable kind (kernel/policy/registry.h), read from its key under
  // "kernel" as {"policy": NAME, PARAMETERS...}: kernel.scheduler, the scheduling policy.
  const PolicyInfo* policy = nullptr;
  PolicyParams policy_params;
  std::vector<BurstProcessSpec> processes;   // the explicit ones
  std::vector<UserProcessSpec> programs;     // RISC-V user programs
  std::vector<FileSpec> files;               // the simulated file system, in the order installed
  std::vector<MountSpec> mounts;             // kernel.mounts: disk images, mounted after the files
  std::optional<std::string> console_input;  // what the console's fd 0 reads (then end of file)
  std::optional<WorkloadGenerator> generator;
  std::optional<PeriodicTaskSet> periodic;
  std::uint64_t seed = 1;
  Tick until = kNever;
};

// Reads and checks the scenario in FILE; ACCESS says what host files it may name
// (scenario/host_file.h). Throws InputError.
Scenario load_scenario(const std::string& file, const HostAccess& access = {});
// Reads and checks a scenario from TEXT; FILE names it in messages (and its folder is where host
// paths start).
Scenario parse_scenario(const std::string& text, const std::string& file, const HostAccess& access = {});

// Every process of SCENARIO's workload with seed SEED: the explicit processes, then the
// generated ones (named PREFIX0, PREFIX1, ...), then the periodic task set.
std::vector<BurstProcessSpec> build_workload(const Scenario& scenario, std::uint64_t seed);

// Replaces SCENARIO's policy by NAME with parameters PARAMS ("key=value"); the parameters of
// the scenario are kept where the new policy declares them too. Throws InputError.
void override_policy(Scenario& scenario, const std::string& name, const std::vector<std::string>& params);

}  // namespace ks
