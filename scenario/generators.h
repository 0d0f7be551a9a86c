// scenario/generators.h — seeded random workloads: burst processes (one kind or a weighted mix
// of kinds) and periodic real-time task sets. Every draw comes from a named random stream
// ("workload", "periodic"), in an order documented in docs/scenario-format.md, so the same seed
// gives the same workload on every platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/kernel.h"
#include "scenario/json_reader.h"
#include "scenario/limits.h"
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
// One kind of process in a generated mix (say "interactive": short bursts, much I/O; "batch":
// long bursts): its lengths, and its WEIGHT in the mix.
struct ProcessClass {
  std::string name_prefix = "P";
  std::int64_t weight = 1;
  LengthDistribution cpu_burst;
  LengthDistribution io_burst;
  std::int64_t min_cpu_bursts = 1;
  std::int64_t max_cpu_bursts = 1;
};

struct WorkloadGenerator {
  std::int64_t count = 0;
  LengthDistribution interarrival{LengthDistribution::Kind::Constant, 0, 0, 0, 1'000'000'000};
  std::vector<ProcessClass> classes;  // one class unless the scenario gives a mix
};

// A periodic real-time task set with total utilisation UTILISATION (in thousandths), split
// among TASKS tasks by UUniFast (Bini and Buttazzo, 2005); periods drawn from PERIOD.
struct PeriodicTaskSet {
  std::int64_t tasks = 0;
  std::int64_t utilisation = 0;  // thousandths: 800 = 0.8
  LengthDistribution period;
  std::int64_t jobs = 10;
  std::string name_prefix = "T";
};

// Draws one length from DIST with STREAM.
Tick draw_length(const LengthDistribution& dist, RandomStream& stream);

// The processes GENERATOR makes with SEED (stream "workload").
std::vector<BurstProcessSpec> generate_processes(const WorkloadGenerator& generator, std::uint64_t seed);
// The tasks SET makes with SEED (stream "periodic").
std::vector<BurstProcessSpec> generate_periodic_tasks(const PeriodicTaskSet& set, std::uint64_t seed);

// The largest length DIST can draw.
Tick largest_length(const LengthDistribution& dist);
// What GENERATOR's and SET's workloads add up to when every draw is the largest (for the
// bounds of scenario/limits.h).
WorkloadSize worst_case_size(const WorkloadGenerator& generator);
WorkloadSize worst_case_size(const PeriodicTaskSet& set);

// Readers for the scenario's "generator" and "periodic" sections (throw InputError). Each
// refuses a section whose worst case passes the bounds of scenario/limits.h, naming the key.
WorkloadGenerator read_generator(const JsonReader& in, const nlohmann::json& value, const JsonPath& path);
PeriodicTaskSet read_periodic_set(const JsonReader& in, const nlohmann::json& value, const JsonPath& path);

}  // namespace ks
