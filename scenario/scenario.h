// scenario/scenario.h — a scenario: one JSON file that says what machine, what kernel, what
// workload and how long to run. docs/scenario-format.md describes the format for users and
// docs/scenario.schema.json gives it as a JSON Schema.
//
// Reading a scenario checks everything (unknown keys, wrong types, negative durations, duplicate
// process names, unknown policies and parameters) and reports the first problem as an
// InputError naming the file, line:column and key path. A Scenario that exists is valid.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/kernel.h"
#include "kernel/sched/registry.h"
#include "sim-core/machine.h"
#include "sim-core/random.h"

namespace ks {

// A random length: constant, uniform, exponential or Pareto (heavy-tailed), in ticks.
struct LengthDistribution {
  enum class Kind : std::uint8_t { Constant, Uniform, Exponential, Pareto };
  Kind kind = Kind::Constant;
  double a = 1;  // constant: value; uniform: min; exponential: mean; pareto: scale
  double b = 1;  // uniform: max; pareto: shape
  Tick min = 1;  // drawn values are clamped into [min, max]
  Tick max = 1'000'000'000;
};

// A seeded random workload of burst processes (docs/scenario-format.md, "generator").
struct WorkloadGenerator {
  std::int64_t count = 0;
  std::string name_prefix = "P";
  LengthDistribution interarrival{LengthDistribution::Kind::Constant, 0, 0, 0, 1'000'000'000};
  LengthDistribution cpu_burst;
  LengthDistribution io_burst;
  std::int64_t min_cpu_bursts = 1;
  std::int64_t max_cpu_bursts = 1;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  MachineConfig machine;
  KernelConfig kernel;
  const PolicyInfo* policy = nullptr;
  PolicyParams policy_params;
  std::vector<BurstProcessSpec> processes;  // the explicit ones
  std::optional<WorkloadGenerator> generator;
  std::uint64_t seed = 1;
  Tick until = kNever;
};

// Reads and checks the scenario in FILE. Throws InputError.
Scenario load_scenario(const std::string& file);
// Reads and checks a scenario from TEXT; FILE names it in messages.
Scenario parse_scenario(const std::string& text, const std::string& file);

// Every process of SCENARIO's workload with seed SEED: the explicit processes, then the
// generated ones (named PREFIX0, PREFIX1, ...).
std::vector<BurstProcessSpec> build_workload(const Scenario& scenario, std::uint64_t seed);

// Replaces SCENARIO's policy by NAME with parameters PARAMS ("key=value"); the parameters of
// the scenario are kept where the new policy declares them too. Throws InputError.
void override_policy(Scenario& scenario, const std::string& name, const std::vector<std::string>& params);

// Draws one length from DIST with STREAM.
Tick draw_length(const LengthDistribution& dist, RandomStream& stream);

}  // namespace ks
