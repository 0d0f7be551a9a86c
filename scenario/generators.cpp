// scenario/generators.cpp — reading the generator keys and drawing the workloads they describe
// (generators.h; the order of draws: docs/scenario-format.md).
//
// Lengths are drawn as doubles and rounded half up, then clamped, so every platform gets the
// same integer. A mix picks each process's kind by weight from the same stream. Periodic task
// sets take their utilisations from UUniFast (uniform over the tasks whose utilisations add up
// to the one asked for). Before anything is drawn, the largest workload a generator could make
// is checked against scenario/limits.h, so a seed can never make a run that overflows.
#include "scenario/generators.h"

#include <algorithm>
#include <cmath>

namespace ks {
namespace {

using json = nlohmann::json;

LengthDistribution read_distribution(const JsonReader& in, const json& value, const JsonPath& path, Tick floor) {
  in.expect_object(value, path, {"distribution", "value", "min", "max", "mean", "scale", "shape"});
  LengthDistribution d;
  d.min = floor;
  const json* kind = JsonReader::member(value, "distribution");
  if (kind == nullptr) in.fail(path, "missing key \"distribution\" (constant, uniform, exponential or pareto)");
  const std::string name = in.text(*kind, path / "distribution");
  const auto need = [&](const char* key, double min) {
    const json* v = JsonReader::member(value, key);
    if (v == nullptr) in.fail(path, "a " + name + " distribution needs \"" + key + "\"");
    return in.number(*v, path / key, min, 1e15);
  };
  if (name == "constant") {
    d.kind = LengthDistribution::Kind::Constant;
    d.a = need("value", static_cast<double>(floor));
  } else if (name == "uniform") {
    d.kind = LengthDistribution::Kind::Uniform;
    d.a = need("min", static_cast<double>(floor));
    d.b = need("max", d.a);
    if (std::ceil(d.a) > std::floor(d.b)) in.fail(path / "max", "no whole number lies between \"min\" and \"max\"");
  } else if (name == "exponential") {
    d.kind = LengthDistribution::Kind::Exponential;
    d.a = need("mean", 0.001);
  } else if (name == "pareto") {
    d.kind = LengthDistribution::Kind::Pareto;
    d.a = need("scale", 0.001);
    d.b = need("shape", 0.01);
  } else {
    in.fail(path / "distribution", "unknown distribution \"" + name + "\" (constant, uniform, exponential or pareto)");
  }
  if (name != "uniform") {
    if (const json* min = JsonReader::member(value, "min")) d.min = in.integer(*min, path / "min", floor, kMaxTime);
    if (const json* max = JsonReader::member(value, "max")) d.max = in.integer(*max, path / "max", d.min, kMaxTime);
  }
  return d;
}

// The lengths of one kind of process, read from VALUE (a class, or the generator itself).
void read_lengths(const JsonReader& in, const json& value, const JsonPath& path, ProcessClass& c) {
  if (const json* v = JsonReader::member(value, "name_prefix")) c.name_prefix = in.text(*v, path / "name_prefix");
  const json* cpu = JsonReader::member(value, "cpu_burst");
  if (cpu == nullptr) in.fail(path, "missing key \"cpu_burst\" (a distribution of CPU burst lengths)");
  c.cpu_burst = read_distribution(in, *cpu, path / "cpu_burst", 1);
  if (const json* v = JsonReader::member(value, "io_burst"))
    c.io_burst = read_distribution(in, *v, path / "io_burst", 1);
  if (const json* v = JsonReader::member(value, "cpu_bursts")) {
    in.expect_object(*v, path / "cpu_bursts", {"min", "max"});
    if (const json* min = JsonReader::member(*v, "min"))
      c.min_cpu_bursts = in.integer(*min, path / "cpu_bursts" / "min", 1, 1000);
    c.max_cpu_bursts = c.min_cpu_bursts;
    if (const json* max = JsonReader::member(*v, "max"))
      c.max_cpu_bursts = in.integer(*max, path / "cpu_bursts" / "max", c.min_cpu_bursts, 1000);
  }
}

// Refuses a generated workload of SIZE (at PATH) that passes the bounds of scenario/limits.h,
// naming KEY, the count that multiplies it.
void check_size(const JsonReader& in, const JsonPath& path, const WorkloadSize& size, const char* key) {
  if (size.bursts > kMaxWorkloadBursts) {
    in.fail(path / key, "would make up to " +
                            (size.bursts >= kOverLimit ? std::string("more than 2^62") : std::to_string(size.bursts)) +
                            " bursts, more than the " + std::to_string(kMaxWorkloadBursts) + " a workload may have");
  }
  if (size.worst_case_end(0) > kMaxRunTime) {
    in.fail(path / key,
            "the generated times could add up to more than 2^62 ticks (the count times the largest lengths "
            "the distributions allow); lower the count or the distributions' \"max\"");
  }
}

}  // namespace

WorkloadGenerator read_generator(const JsonReader& in, const json& value, const JsonPath& path) {
  in.expect_object(value, path,
                   {"count", "name_prefix", "interarrival", "cpu_burst", "io_burst", "cpu_bursts", "classes"});
  WorkloadGenerator g;
  const json* count = JsonReader::member(value, "count");
  if (count == nullptr) in.fail(path, "missing key \"count\"");
  g.count = in.integer(*count, path / "count", 1, 10'000'000);
  if (const json* v = JsonReader::member(value, "interarrival"))
    g.interarrival = read_distribution(in, *v, path / "interarrival", 0);
  const json* classes = JsonReader::member(value, "classes");
  if (classes == nullptr) {
    g.classes.emplace_back();
    read_lengths(in, value, path, g.classes.back());
    check_size(in, path, worst_case_size(g), "count");
    return g;
  }
  for (const char* key : {"name_prefix", "cpu_burst", "io_burst", "cpu_bursts"}) {
    if (JsonReader::member(value, key) != nullptr)
      in.fail(path / key, std::string("with \"classes\", \"") + key + "\" belongs in each class", true);
  }
  in.expect_array(*classes, path / "classes");
  if (classes->empty()) in.fail(path / "classes", "give at least one class");
  for (std::size_t i = 0; i < classes->size(); ++i) {
    const JsonPath at = path / "classes" / i;
    in.expect_object((*classes)[i], at, {"name_prefix", "weight", "cpu_burst", "io_burst", "cpu_bursts"});
    ProcessClass c;
    c.name_prefix = "C" + std::to_string(i) + "_";
    if (const json* w = JsonReader::member((*classes)[i], "weight"))
      c.weight = in.integer(*w, at / "weight", 1, 1'000'000);
    read_lengths(in, (*classes)[i], at, c);
    g.classes.push_back(std::move(c));
  }
  check_size(in, path, worst_case_size(g), "count");
  return g;
}

PeriodicTaskSet read_periodic_set(const JsonReader& in, const json& value, const JsonPath& path) {
  in.expect_object(value, path, {"tasks", "utilisation", "period", "jobs", "name_prefix"});
  PeriodicTaskSet set;
  const json* tasks = JsonReader::member(value, "tasks");
  const json* utilisation = JsonReader::member(value, "utilisation");
  const json* period = JsonReader::member(value, "period");
  if (tasks == nullptr || utilisation == nullptr || period == nullptr)
    in.fail(path, "give \"tasks\", \"utilisation\" and \"period\"");
  set.tasks = in.integer(*tasks, path / "tasks", 1, 10'000);
  set.utilisation = std::llround(in.number(*utilisation, path / "utilisation", 0.001, 64.0) * 1000);
  set.period = read_distribution(in, *period, path / "period", 1);
  if (const json* v = JsonReader::member(value, "jobs")) set.jobs = in.integer(*v, path / "jobs", 1, 1'000'000);
  if (const json* v = JsonReader::member(value, "name_prefix")) set.name_prefix = in.text(*v, path / "name_prefix");
  check_size(in, path, worst_case_size(set), JsonReader::member(value, "jobs") != nullptr ? "jobs" : "tasks");
  return set;
}

Tick largest_length(const LengthDistribution& dist) {
  if (dist.kind == LengthDistribution::Kind::Uniform)
    return std::min(static_cast<Tick>(std::floor(dist.b)), kOverLimit);
  if (dist.kind == LengthDistribution::Kind::Constant) {
    const double rounded = std::floor(dist.a + 0.5);
    return rounded < static_cast<double>(dist.max) ? std::max(dist.min, static_cast<Tick>(rounded)) : dist.max;
  }
  return dist.max;
}

WorkloadSize worst_case_size(const WorkloadGenerator& g) {
  WorkloadSize size;
  size.latest_arrival = bounded_multiply(static_cast<Tick>(g.count - 1), largest_length(g.interarrival));
  for (const ProcessClass& c : g.classes) {  // as if every process were of each class: an upper bound
    const Tick cpu = bounded_multiply(static_cast<Tick>(c.max_cpu_bursts), largest_length(c.cpu_burst));
    const Tick io = bounded_multiply(static_cast<Tick>(c.max_cpu_bursts - 1), largest_length(c.io_burst));
    size.work = std::max(size.work, bounded_multiply(static_cast<Tick>(g.count), bounded_add(cpu, io)));
    size.bursts = std::max(size.bursts,
                           bounded_multiply(static_cast<Tick>(g.count), static_cast<Tick>(2 * c.max_cpu_bursts - 1)));
  }
  return size;
}

WorkloadSize worst_case_size(const PeriodicTaskSet& set) {
  WorkloadSize size;
  const Tick period = largest_length(set.period);
  size.latest_periodic_end = periodic_end(0, period, period, set.jobs);
  size.work = bounded_multiply(bounded_multiply(static_cast<Tick>(set.tasks), static_cast<Tick>(set.jobs)),
                               bounded_add(period, 1));
  size.bursts = bounded_multiply(static_cast<Tick>(set.tasks), static_cast<Tick>(2 * set.jobs - 1));
  return size;
}

Tick draw_length(const LengthDistribution& dist, RandomStream& stream) {
  double value = dist.a;
  switch (dist.kind) {
    case LengthDistribution::Kind::Constant: break;
    case LengthDistribution::Kind::Uniform:
      return stream.uniform(static_cast<Tick>(std::ceil(dist.a)), static_cast<Tick>(std::floor(dist.b)));
    case LengthDistribution::Kind::Exponential: value = stream.exponential(dist.a); break;
    case LengthDistribution::Kind::Pareto: value = stream.pareto(dist.a, dist.b); break;
  }
  // Round half up, then clamp: the same integer on every platform.
  const double rounded = std::floor(value + 0.5);
  if (!(rounded < static_cast<double>(dist.max))) return dist.max;
  return std::max(dist.min, static_cast<Tick>(rounded));
}

std::vector<BurstProcessSpec> generate_processes(const WorkloadGenerator& g, std::uint64_t seed) {
  RandomStream stream("workload", seed);
  std::int64_t total_weight = 0;
  for (const ProcessClass& c : g.classes) total_weight += c.weight;
  std::vector<std::int64_t> made(g.classes.size(), 0);
  std::vector<BurstProcessSpec> processes;
  processes.reserve(static_cast<std::size_t>(g.count));
  Tick arrival = 0;
  for (std::int64_t i = 0; i < g.count; ++i) {
    if (i > 0) arrival += draw_length(g.interarrival, stream);
    std::size_t kind = 0;
    if (g.classes.size() > 1) {
      std::int64_t ticket = stream.uniform(0, total_weight - 1);
      while (ticket >= g.classes[kind].weight) ticket -= g.classes[kind++].weight;
    }
    const ProcessClass& c = g.classes[kind];
    BurstProcessSpec p;
    p.name = c.name_prefix + std::to_string(g.classes.size() > 1 ? made[kind] : i);
    ++made[kind];
    p.arrival = arrival;
    const std::int64_t bursts = stream.uniform(c.min_cpu_bursts, c.max_cpu_bursts);
    for (std::int64_t b = 0; b < bursts; ++b) {
      if (b > 0) p.bursts.push_back({Burst::Kind::Io, draw_length(c.io_burst, stream)});
      p.bursts.push_back({Burst::Kind::Cpu, draw_length(c.cpu_burst, stream)});
    }
    processes.push_back(std::move(p));
  }
  return processes;
}

std::vector<BurstProcessSpec> generate_periodic_tasks(const PeriodicTaskSet& set, std::uint64_t seed) {
  RandomStream stream("periodic", seed);
  // UUniFast: utilisations u_i, uniformly distributed over the simplex sum u_i = U.
  std::vector<double> shares;
  double remaining = static_cast<double>(set.utilisation) / 1000.0;
  for (std::int64_t i = 1; i < set.tasks; ++i) {
    const double next = remaining * det_exp(det_log(1.0 - stream.unit()) / static_cast<double>(set.tasks - i));
    shares.push_back(remaining - next);
    remaining = next;
  }
  shares.push_back(remaining);
  std::vector<BurstProcessSpec> tasks;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    BurstProcessSpec task;
    task.name = set.name_prefix + std::to_string(i);
    task.period = draw_length(set.period, stream);
    task.relative_deadline = task.period;
    const Tick length = std::clamp<Tick>(
        static_cast<Tick>(std::floor(shares[i] * static_cast<double>(task.period) + 0.5)), 1, task.period);
    for (std::int64_t k = 0; k < set.jobs; ++k) {
      if (k > 0) task.bursts.push_back({Burst::Kind::Io, 1});
      task.bursts.push_back({Burst::Kind::Cpu, length});
    }
    tasks.push_back(std::move(task));
  }
  return tasks;
}

}  // namespace ks
