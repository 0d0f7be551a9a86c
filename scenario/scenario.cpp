// scenario/scenario.cpp — reading a scenario, every section checked as it is read (scenario.h).
//
// Each section has its reader (machine, kernel, workload, run), and each refuses what it does not
// know, naming the file, the line and column and the key path (json_reader.h). A pluggable kind
// is one key under "kernel", read by read_policy_choice: the name is looked up in the kind's
// registry and the other keys are checked against that policy's declared parameters
// (kernel/policy/params.h). The policy is then built once, so that checks of parameters that
// depend on each other fail here, at the key's position, rather than when the run starts.
#include "scenario/scenario.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "kernel/fs/memfs.h"
#include "kernel/mm/pager.h"
#include "kernel/mm/replacement.h"
#include "kernel/proc/elf_loader.h"
#include "scenario/json_reader.h"
#include "scenario/limits.h"
#include "scenario/memory_size.h"
#include "sim-core/random.h"

namespace ks {
namespace {

using json = nlohmann::json;

// Energy per tick for each CPU: a number for every CPU, or a list with one per CPU.
std::vector<std::int64_t> read_energy_list(const JsonReader& in, const json& value, const JsonPath& path, int cpus) {
  constexpr std::int64_t kMaxEnergy = 1'000'000'000;
  if (!value.is_array())
    return std::vector<std::int64_t>(static_cast<std::size_t>(cpus), in.integer(value, path, 0, kMaxEnergy));
  if (static_cast<int>(value.size()) != cpus)
    in.fail(path, "expected one value per CPU (" + std::to_string(cpus) + "), got " + std::to_string(value.size()));
  std::vector<std::int64_t> list;
  for (std::size_t i = 0; i < value.size(); ++i) list.push_back(in.integer(value[i], path / i, 0, kMaxEnergy));
  return list;
}

void read_energy(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s) {
  in.expect_object(value, path, {"busy", "idle"});
  const json* busy = JsonReader::member(value, "busy");
  const json* idle = JsonReader::member(value, "idle");
  if (busy == nullptr || idle == nullptr) in.fail(path, "give both \"busy\" and \"idle\" energy per tick");
  s.machine.busy_energy = read_energy_list(in, *busy, path / "busy", s.machine.cpus);
  s.machine.idle_energy = read_energy_list(in, *idle, path / "idle", s.machine.cpus);
}

void read_machine(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s) {
  in.expect_object(
      value, path,
      {"cpus", "cpu_speeds", "big_cores", "io_latency", "energy", "memory", "memory_mb", "swap", "swap_disk"});
  if (const json* disk = JsonReader::member(value, "swap_disk")) {
    const std::string text = in.text(*disk, path / "swap_disk");
    const std::optional<DiskModel> model = disk_model_from_string(text);
    if (!model) in.fail(path / "swap_disk", "expected \"ram\", \"ssd\" or \"hdd\", got \"" + text + "\"");
    s.machine.swap_model = *model;
  }
  if (const json* swap = JsonReader::member(value, "swap")) {
    // A size as for the memory ("4M"), on the swap disk's model.
    const std::string text =
        swap->is_string() ? in.text(*swap, path / "swap") : std::to_string(in.integer(*swap, path / "swap", 1));
    std::string problem;
    const std::optional<std::uint32_t> pages = parse_memory_size(text, problem);
    if (!pages) in.fail(path / "swap", problem);
    problem = swap_size_problem(*pages, s.machine.swap_model);
    if (!problem.empty()) in.fail(path / "swap", problem);
    s.machine.swap_bytes = std::uint64_t{*pages} * kPageSize;
  }
  const json* memory = JsonReader::member(value, "memory");
  const json* memory_mb = JsonReader::member(value, "memory_mb");
  if (memory != nullptr && memory_mb != nullptr)
    in.fail(path / "memory_mb", "give the memory once: \"memory\" (\"64M\") or the older \"memory_mb\" (64)", true);
  if (memory != nullptr) {
    // A text with a unit ("64M") or a number of bytes (memory_size.h).
    const std::string text = memory->is_string() ? in.text(*memory, path / "memory")
                                                 : std::to_string(in.integer(*memory, path / "memory", 1));
    std::string problem;
    const std::optional<std::uint32_t> frames = parse_memory_size(text, problem);
    if (!frames) in.fail(path / "memory", problem);
    s.machine.memory_frames = *frames;
  }
  if (memory_mb != nullptr) {
    s.machine.memory_frames = static_cast<std::uint32_t>(in.integer(*memory_mb, path / "memory_mb", 1, 4096) * 256);
  }
  if (const json* cpus = JsonReader::member(value, "cpus"))
    s.machine.cpus = static_cast<int>(in.integer(*cpus, path / "cpus", 1, 64));
  if (const json* speeds = JsonReader::member(value, "cpu_speeds")) {
    in.expect_array(*speeds, path / "cpu_speeds");
    if (static_cast<int>(speeds->size()) != s.machine.cpus) {
      in.fail(path / "cpu_speeds", "expected one speed per CPU (" + std::to_string(s.machine.cpus) + "), got " +
                                       std::to_string(speeds->size()));
    }
    for (std::size_t i = 0; i < speeds->size(); ++i) {
      const double speed = in.number((*speeds)[i], path / "cpu_speeds" / i, 0.001, 1000);
      s.machine.cpu_speeds.push_back(static_cast<std::int32_t>(std::llround(speed * kSpeedOne)));
    }
  }
  if (const json* big = JsonReader::member(value, "big_cores")) {
    in.expect_array(*big, path / "big_cores");
    s.machine.big_cores.assign(static_cast<std::size_t>(s.machine.cpus), false);
    for (std::size_t i = 0; i < big->size(); ++i) {
      const auto cpu = in.integer((*big)[i], path / "big_cores" / i, 0, s.machine.cpus - 1);
      s.machine.big_cores[static_cast<std::size_t>(cpu)] = true;
    }
  }
  if (const json* latency = JsonReader::member(value, "io_latency"))
    s.machine.io_latency = in.integer(*latency, path / "io_latency", 1, kMaxTime);
  if (const json* energy = JsonReader::member(value, "energy")) read_energy(in, *energy, path / "energy", s);
}

ParamValue read_param(const JsonReader& in, const json& value, const JsonPath& path, const ParamSpec& spec) {
  ParamValue result;
  switch (spec.type) {
    case ParamType::Integer:
      if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(spec.max)) {
        in.fail(path, "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) + ", got " +
                          value.dump());
      }
      result = in.integer(value, path);  // then check_param states the range
      break;
    case ParamType::Real: result = in.number(value, path, -1e18, 1e18); break;
    case ParamType::Boolean: result = in.boolean(value, path); break;
    case ParamType::Text: result = in.text(value, path); break;
  }
  const std::string problem = check_param(spec, result);
  if (!problem.empty()) in.fail(path, problem);
  return result;
}

// Builds POLICY once with PARAMS, so that a policy's own checks of its parameters (those that
// depend on each other, such as mlfq's per-level lists and its number of levels) run when the
// scenario is read. Returns the InputError the policy raised, if any.
std::optional<InputError> policy_rejects(const PolicyInfo& policy, const PolicyParams& params, int cpus) {
  SchedulerContext context;
  context.cpus = cpus;
  context.thread = [](Tid) -> const Thread& {
    throw InvariantError("a policy reads no thread while it is being built");
  };
  context.mutable_thread = [](Tid) -> Thread& {
    throw InvariantError("a policy reads no thread while it is being built");
  };
  context.cpu_speed = [](CpuId) { return kSpeedOne; };
  try {
    (void)policy.make(params, context);
  } catch (const InputError& error) {
    return error;
  }
  return std::nullopt;
}

// Reads a choice of one pluggable kind at PATH: {"policy": NAME, PARAMETER: VALUE, ...}, NAME
// an entry of REGISTRY and the other keys its declared parameters (kernel/policy/params.h).
// Sets POLICY and PARAMS (every declared parameter, defaults filled in). EXAMPLE shows the form.
template <class Interface, class Context>
void read_policy_choice(const JsonReader& in, const json& value, const JsonPath& path,
                        const Registry<Interface, Context>& registry, const std::string& example,
                        const RegistryEntry<Interface, Context>*& policy, PolicyParams& params) {
  const std::string& noun = registry.noun();
  if (!value.is_object()) in.fail(path, "expected an object such as " + example);
  const json* name_value = JsonReader::member(value, "policy");
  if (name_value == nullptr) in.fail(path, "missing key \"policy\" (one of: " + registry.names() + ")");
  const std::string name = in.text(*name_value, path / "policy");
  policy = registry.find(name);
  if (policy == nullptr)
    in.fail(path / "policy", "unknown " + noun + " \"" + name + "\" (known: " + registry.names() + ")");
  params = default_params(*policy);
  for (const auto& item : value.items()) {
    if (item.key() == "policy") continue;
    const ParamSpec* spec = find_param(policy->params, item.key());
    if (spec == nullptr) {
      const std::string known = param_names(policy->params);
      in.fail(path / item.key(),
              noun + " \"" + name + "\" has no parameter \"" + item.key() + "\"" +
                  (known.empty() ? " (it takes none)" : " (its parameters: " + known + ")"),
              true);
    }
    params.set(spec->name, read_param(in, item.value(), path / item.key(), *spec));
  }
}

// kernel.replacement: the page-replacement policy (with swap) and its parameters.
void read_replacement(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s) {
  const ReplacementInfo* policy = nullptr;
  read_policy_choice(in, value, path, replacement_registry(), "{\"policy\": \"clock\"}", policy,
                     s.kernel.replacement_params);
  const std::string problem = Pager::kernel_problem(*policy);
  if (!problem.empty())
    in.fail(path / "policy", "\"" + policy->name + "\" cannot replace pages in the kernel: " + problem);
  s.kernel.replacement = policy->name;
}

// kernel.scheduler: the scheduling policy and its parameters.
void read_scheduler(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s) {
  read_policy_choice(in, value, path, scheduler_registry(), "{\"policy\": \"rr\", \"quantum\": 4}", s.policy,
                     s.policy_params);
  if (const auto error = policy_rejects(*s.policy, s.policy_params, s.machine.cpus)) {
    const std::string& key = error->where().key_path;
    const std::string param = key.substr(key.rfind('.') + 1);
    in.fail(value.contains(param) ? path / param : path, error->problem(), false);
  }
}

void read_kernel(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s, const HostAccess& access) {
  in.expect_object(value, path,
                   {"scheduler", "context_switch_cost", "tie_rule", "queues", "balance_interval", "idle_stealing",
                    "migration_cost", "user_slice", "paging", "replacement", "mounts"});
  if (const json* v = JsonReader::member(value, "mounts")) {
    const std::string base = std::filesystem::path(s.file).parent_path().generic_string();
    read_mounts(in, *v, path / "mounts", base, access, s.mounts);
  }
  if (const json* v = JsonReader::member(value, "replacement")) read_replacement(in, *v, path / "replacement", s);
  if (const json* v = JsonReader::member(value, "paging")) {
    const std::string text = in.text(*v, path / "paging");
    const std::optional<PagingMode> mode = paging_mode_from_string(text);
    if (!mode) in.fail(path / "paging", "expected \"eager\" or \"demand\", got \"" + text + "\"");
    s.kernel.paging = mode.value_or(PagingMode::Eager);
  }
  if (const json* v = JsonReader::member(value, "user_slice"))
    s.kernel.user_slice = in.integer(*v, path / "user_slice", 1, 1'000'000);
  if (const json* scheduler = JsonReader::member(value, "scheduler"))
    read_scheduler(in, *scheduler, path / "scheduler", s);
  if (const json* cost = JsonReader::member(value, "context_switch_cost")) {
    s.kernel.context_switch_cost = in.integer(*cost, path / "context_switch_cost", 0, kMaxTime);
  }
  if (const json* rule = JsonReader::member(value, "tie_rule")) {
    const std::string text = in.text(*rule, path / "tie_rule");
    if (text == "arrival_first") s.kernel.tie_rule = TieRule::ArrivalFirst;
    else if (text == "preempted_first") s.kernel.tie_rule = TieRule::PreemptedFirst;
    else in.fail(path / "tie_rule", "expected \"arrival_first\" or \"preempted_first\", got \"" + text + "\"");
  }
  if (const json* queues = JsonReader::member(value, "queues")) {
    const std::string text = in.text(*queues, path / "queues");
    if (text != "global" && text != "per_cpu")
      in.fail(path / "queues", "expected \"global\" or \"per_cpu\", got \"" + text + "\"");
    s.kernel.per_cpu_queues = text == "per_cpu";
  }
  if (const json* v = JsonReader::member(value, "balance_interval"))
    s.kernel.per_cpu.balance_interval = in.integer(*v, path / "balance_interval", 0, kMaxTime);
  if (const json* v = JsonReader::member(value, "idle_stealing"))
    s.kernel.per_cpu.idle_stealing = in.boolean(*v, path / "idle_stealing");
  if (const json* v = JsonReader::member(value, "migration_cost"))
    s.kernel.migration_cost = in.integer(*v, path / "migration_cost", 0, kMaxTime);
}

std::vector<Burst> read_bursts(const JsonReader& in, const json& value, const JsonPath& path) {
  in.expect_array(value, path);
  if (value.empty()) in.fail(path, "a process needs at least one CPU burst");
  std::vector<Burst> bursts;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const JsonPath at = path / i;
    in.expect_object(value[i], at, {"cpu", "io"});
    if (value[i].size() != 1) in.fail(at, "a burst is {\"cpu\": TICKS} or {\"io\": TICKS}");
    const bool cpu = value[i].contains("cpu");
    const char* key = cpu ? "cpu" : "io";
    const Tick length = in.integer(value[i][key], at / key, 1, kMaxTime);
    const bool expect_cpu = i % 2 == 0;
    if (cpu != expect_cpu) {
      in.fail(at, std::string("bursts alternate CPU and I/O, starting with CPU: burst ") + std::to_string(i) +
                      " should be " + (expect_cpu ? "a CPU burst" : "an I/O burst"));
    }
    bursts.push_back({cpu ? Burst::Kind::Cpu : Burst::Kind::Io, length});
  }
  if (bursts.back().kind != Burst::Kind::Cpu) in.fail(path / (value.size() - 1), "the last burst must be a CPU burst");
  return bursts;
}

std::uint64_t read_affinity(const JsonReader& in, const json& value, const JsonPath& path, int cpus) {
  in.expect_array(value, path);
  if (value.empty()) in.fail(path, "an affinity lists at least one CPU");
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < value.size(); ++i)
    mask |= std::uint64_t{1} << in.integer(value[i], path / i, 0, cpus - 1);
  return mask;
}

// A periodic task: "period", optional "deadline" (default: the period) and "jobs" (default 10);
// "length" is each job's execution time, at most the period (a longer job could never finish
// before the next is released). Its script is the jobs separated by placeholder I/O.
void read_periodic(const JsonReader& in, const json& value, const JsonPath& path, BurstProcessSpec& p) {
  const json* period = JsonReader::member(value, "period");
  if (period == nullptr) {
    for (const char* key : {"deadline", "jobs"}) {
      if (JsonReader::member(value, key) != nullptr)
        in.fail(path / key, std::string("\"") + key + "\" is for periodic tasks: give \"period\" too", true);
    }
    return;
  }
  p.period = in.integer(*period, path / "period", 1, kMaxTime);
  if (JsonReader::member(value, "bursts") != nullptr)
    in.fail(path / "bursts", "a periodic task has a \"length\" per job, not \"bursts\"", true);
  const Burst job = p.bursts.front();
  if (job.length > p.period) {
    in.fail(path / "length", "a job's length (" + std::to_string(job.length) + ") exceeds the task's period (" +
                                 std::to_string(p.period) + "): each job must fit before the next release");
  }
  p.relative_deadline = p.period;
  if (const json* v = JsonReader::member(value, "deadline"))
    p.relative_deadline = in.integer(*v, path / "deadline", 1, kMaxTime);
  std::int64_t jobs = 10;
  if (const json* v = JsonReader::member(value, "jobs")) jobs = in.integer(*v, path / "jobs", 1, 1'000'000);
  if (periodic_end(p.arrival, p.period, p.relative_deadline, jobs) > kMaxRunTime) {
    in.fail(path / (JsonReader::member(value, "jobs") != nullptr ? "jobs" : "period"),
            "arrival + period x jobs + deadline = " + std::to_string(p.arrival) + " + " + std::to_string(p.period) +
                " x " + std::to_string(jobs) + " + " + std::to_string(p.relative_deadline) + " exceeds 2^62 ticks");
  }
  p.bursts.clear();
  for (std::int64_t k = 0; k < jobs; ++k) {
    if (k > 0) p.bursts.push_back({Burst::Kind::Io, 1});
    p.bursts.push_back(job);
  }
}

BurstProcessSpec read_process(const JsonReader& in, const json& value, const JsonPath& path, int cpus) {
  in.expect_object(
      value, path,
      {"name", "arrival", "length", "bursts", "priority", "nice", "tickets", "affinity", "period", "deadline", "jobs"});
  BurstProcessSpec p;
  const json* name = JsonReader::member(value, "name");
  if (name == nullptr) in.fail(path, "missing key \"name\"");
  p.name = in.text(*name, path / "name");
  if (p.name.empty() || p.name.size() > 64) in.fail(path / "name", "a name has 1 to 64 characters");
  if (const json* arrival = JsonReader::member(value, "arrival"))
    p.arrival = in.integer(*arrival, path / "arrival", 0, kMaxTime);
  const json* length = JsonReader::member(value, "length");
  const json* bursts = JsonReader::member(value, "bursts");
  if ((length == nullptr) == (bursts == nullptr)) in.fail(path, "give either \"length\" (one CPU burst) or \"bursts\"");
  if (length != nullptr) p.bursts = {{Burst::Kind::Cpu, in.integer(*length, path / "length", 1, kMaxTime)}};
  if (bursts != nullptr) p.bursts = read_bursts(in, *bursts, path / "bursts");
  if (const json* v = JsonReader::member(value, "priority"))
    p.priority = static_cast<std::int32_t>(in.integer(*v, path / "priority", -1000, 1000));
  if (const json* v = JsonReader::member(value, "nice"))
    p.nice = static_cast<std::int32_t>(in.integer(*v, path / "nice", -20, 19));
  if (const json* v = JsonReader::member(value, "tickets"))
    p.tickets = in.integer(*v, path / "tickets", 1, 1'000'000'000);
  if (const json* v = JsonReader::member(value, "affinity"))
    p.affinity = read_affinity(in, *v, path / "affinity", cpus);
  read_periodic(in, value, path, p);
  WorkloadSize size;
  size.add(p);
  if (size.worst_case_end(0) > kMaxRunTime)
    in.fail(path / (bursts != nullptr ? "bursts" : "length"), "arrival + the bursts add up to more than 2^62 ticks");
  return p;
}

// A user program: {"name", "path" (relative to the scenario's folder) or "prebuilt" (a program
// of userland/prebuilt, by name), "args", "arrival", ...}. The ELF file is read and checked now,
// so that a bad file is reported with the scenario: its file, the position and the key.
UserProcessSpec read_program(const JsonReader& in, const json& value, const JsonPath& path, const Scenario& s,
                             const HostAccess& access) {
  in.expect_object(value, path,
                   {"name", "path", "prebuilt", "args", "arrival", "priority", "nice", "tickets", "affinity"});
  UserProcessSpec p;
  const json* file = JsonReader::member(value, "path");
  const json* prebuilt = JsonReader::member(value, "prebuilt");
  if ((file == nullptr) == (prebuilt == nullptr))
    in.fail(path, "give either \"path\" (the program's ELF file) or \"prebuilt\" (a program's name)");
  const JsonPath key = path / (file != nullptr ? "path" : "prebuilt");
  if (file != nullptr) {
    const std::string relative = in.text(*file, key);
    const std::string base = std::filesystem::path(s.file).parent_path().generic_string();
    const std::string problem = host_path_problem(base, relative, access);
    if (!problem.empty()) in.fail(key, problem);
    p.file = host_path(base, relative);
    p.name = std::filesystem::path(relative).stem().string();
  } else {
    const std::string given = in.text(*prebuilt, key);
    // "NAME" is userland/prebuilt/NAME.elf; "tests/NAME" one of the test programs beside it.
    const std::string folder = given.starts_with("tests/") ? "tests/" : "";
    p.name = given.substr(folder.size());
    if (p.name.empty() ||
        p.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
            std::string::npos) {
      in.fail(key,
              "a prebuilt program is named by letters, digits, \"_\" and \"-\" (as in userland/prebuilt), "
              "or \"tests/\" and such a name for a test program, got \"" +
                  given + "\"");
    }
    p.file = std::string(KS_USERLAND_DIR) + "/" + folder + p.name + ".elf";
  }
  if (const json* v = JsonReader::member(value, "name")) p.name = in.text(*v, path / "name");
  p.argv.push_back(p.name);
  if (const json* args = JsonReader::member(value, "args")) {
    in.expect_array(*args, path / "args");
    for (std::size_t i = 0; i < args->size(); ++i) p.argv.push_back(in.text((*args)[i], path / "args" / i));
  }
  if (const json* v = JsonReader::member(value, "arrival")) p.arrival = in.integer(*v, path / "arrival", 0, kMaxTime);
  if (const json* v = JsonReader::member(value, "priority"))
    p.priority = static_cast<std::int32_t>(in.integer(*v, path / "priority", -1000, 1000));
  if (const json* v = JsonReader::member(value, "nice"))
    p.nice = static_cast<std::int32_t>(in.integer(*v, path / "nice", -20, 19));
  if (const json* v = JsonReader::member(value, "tickets"))
    p.tickets = in.integer(*v, path / "tickets", 1, 1'000'000'000);
  if (const json* v = JsonReader::member(value, "affinity"))
    p.affinity = read_affinity(in, *v, path / "affinity", s.machine.cpus);
  try {
    const std::string bytes = read_input_file(p.file, MemFs::kMaxFileBytes);  // it goes to /bin/NAME too
    p.image.assign(bytes.begin(), bytes.end());
    (void)elf_parse(p.image, p.file);  // names the ELF file and the byte offset
  } catch (const InputError& error) {
    in.fail(key, error.what());
  }
  return p;
}

// Refuses a workload whose worst-case run (scenario/limits.h) passes 2^62 ticks or whose bursts
// are too many, naming the part at PATH that crossed the bound.
void check_workload_size(const JsonReader& in, const JsonPath& path, const WorkloadSize& size, const Scenario& s) {
  if (size.bursts > kMaxWorkloadBursts) {
    in.fail(path, "the workload has more than " + std::to_string(kMaxWorkloadBursts) + " bursts");
  }
  if (size.worst_case_end(bounded_add(s.kernel.context_switch_cost, s.kernel.migration_cost)) > kMaxRunTime) {
    in.fail(path,
            "the workload could run past 2^62 ticks: its latest arrival, its bursts and a context switch and "
            "migration per burst tick (kernel.context_switch_cost, kernel.migration_cost) add up to more");
  }
}

// SIZE with MORE added (sums of work, the latest of times).
WorkloadSize combined(WorkloadSize size, const WorkloadSize& more) {
  size.latest_arrival = std::max(size.latest_arrival, more.latest_arrival);
  size.latest_periodic_end = std::max(size.latest_periodic_end, more.latest_periodic_end);
  size.work = bounded_add(size.work, more.work);
  size.bursts = bounded_add(size.bursts, more.bursts);
  return size;
}

void read_workload(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s,
                   const HostAccess& access) {
  in.expect_object(
      value, path,
      {"processes", "generator", "periodic", "programs", "files", "host_folder", "userland", "console_input"});
  read_workload_files(in, value, path, std::filesystem::path(s.file).parent_path().generic_string(), access, s.files);
  if (const json* v = JsonReader::member(value, "console_input")) s.console_input = in.text(*v, path / "console_input");
  if (const json* list = JsonReader::member(value, "programs")) {
    in.expect_array(*list, path / "programs");
    for (std::size_t i = 0; i < list->size(); ++i)
      s.programs.push_back(read_program(in, (*list)[i], path / "programs" / i, s, access));
  }
  WorkloadSize size;
  if (const json* list = JsonReader::member(value, "processes")) {
    in.expect_array(*list, path / "processes");
    std::set<std::string> names;
    for (std::size_t i = 0; i < list->size(); ++i) {
      s.processes.push_back(read_process(in, (*list)[i], path / "processes" / i, s.machine.cpus));
      if (!names.insert(s.processes.back().name).second) {
        in.fail(path / "processes" / i / "name", "duplicate process name \"" + s.processes.back().name + "\"");
      }
      size.add(s.processes.back());
      check_workload_size(in, path / "processes" / i, size, s);
    }
  }
  if (const json* generator = JsonReader::member(value, "generator")) {
    s.generator = read_generator(in, *generator, path / "generator");
    size = combined(size, worst_case_size(*s.generator));
    check_workload_size(in, path / "generator", size, s);
  }
  if (const json* periodic = JsonReader::member(value, "periodic")) {
    s.periodic = read_periodic_set(in, *periodic, path / "periodic");
    size = combined(size, worst_case_size(*s.periodic));
    check_workload_size(in, path / "periodic", size, s);
  }
  if (s.processes.empty() && !s.generator && !s.periodic && s.programs.empty()) {
    in.fail(path, "the workload needs \"processes\", \"programs\", a \"generator\" or a \"periodic\" task set");
  }
}

void read_run(const JsonReader& in, const json& value, const JsonPath& path, Scenario& s) {
  in.expect_object(value, path, {"seed", "until"});
  if (const json* seed = JsonReader::member(value, "seed"))
    s.seed = static_cast<std::uint64_t>(in.integer(*seed, path / "seed", 0));
  if (const json* until = JsonReader::member(value, "until")) s.until = in.integer(*until, path / "until", 1, kMaxTime);
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file, const HostAccess& access) {
  const JsonReader in(file, text);
  const json& root = in.root();
  const JsonPath top;
  in.expect_object(root, top, {"name", "description", "machine", "kernel", "workload", "run", "$schema"});
  Scenario s;
  s.file = file;
  if (const json* v = JsonReader::member(root, "name")) s.name = in.text(*v, top / "name");
  if (const json* v = JsonReader::member(root, "description")) s.description = in.text(*v, top / "description");
  if (const json* v = JsonReader::member(root, "machine")) read_machine(in, *v, top / "machine", s);
  if (const json* v = JsonReader::member(root, "kernel")) read_kernel(in, *v, top / "kernel", s, access);
  if (s.machine.swap_bytes > 0 && s.kernel.paging != PagingMode::Demand)
    in.fail(top / "machine" / "swap", "swap needs demand paging: set kernel.paging to \"demand\"", true);
  const json* kernel = JsonReader::member(root, "kernel");
  if (s.machine.swap_bytes == 0 && kernel != nullptr && JsonReader::member(*kernel, "replacement") != nullptr)
    in.fail(top / "kernel" / "replacement", "page replacement needs a swap disk: set machine.swap (\"4M\")", true);
  if (s.policy == nullptr) {
    s.policy = find_policy("fifo");
    s.policy_params = default_params(*s.policy);
  }
  const json* workload = JsonReader::member(root, "workload");
  if (workload == nullptr) in.fail(top, "missing key \"workload\"");
  read_workload(in, *workload, top / "workload", s, access);
  if (const json* v = JsonReader::member(root, "run")) read_run(in, *v, top / "run", s);
  apply_tie_rule(s.machine, s.kernel.tie_rule);
  return s;
}

Scenario load_scenario(const std::string& file, const HostAccess& access) {
  return parse_scenario(read_input_file(file), file, access);
}

std::vector<BurstProcessSpec> build_workload(const Scenario& scenario, std::uint64_t seed) {
  std::vector<BurstProcessSpec> processes = scenario.processes;
  const auto append = [&processes](std::vector<BurstProcessSpec> more) {
    processes.insert(processes.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  };
  if (scenario.generator) append(generate_processes(*scenario.generator, seed));
  if (scenario.periodic) append(generate_periodic_tasks(*scenario.periodic, seed));
  return processes;
}

void override_policy(Scenario& scenario, const std::string& name, const std::vector<std::string>& params) {
  const PolicyInfo* policy = find_policy(name);
  if (policy == nullptr)
    throw InputError({"", 0, 0, "--policy"}, "unknown policy \"" + name + "\" (known: " + policy_names() + ")");
  // Keep the scenario's values for parameters the new policy declares too.
  PolicyParams values = carry_over(policy->params, scenario.policy_params);
  for (const std::string& assignment : params) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos)
      throw InputError({"", 0, 0, "--param"}, "expected KEY=VALUE, got \"" + assignment + "\"");
    const std::string key = assignment.substr(0, equals);
    const ParamSpec* spec = find_param(policy->params, key);
    if (spec == nullptr)
      throw InputError({"", 0, 0, "--param " + key}, "policy \"" + name + "\" has no parameter \"" + key + "\"");
    std::string problem;
    const auto value = parse_param(*spec, assignment.substr(equals + 1), problem);
    if (!value) throw InputError({"", 0, 0, "--param " + key}, problem);
    values.set(key, *value);
  }
  if (const auto error = policy_rejects(*policy, values, scenario.machine.cpus)) {
    const std::string& key = error->where().key_path;
    throw InputError({"", 0, 0, "--param " + key.substr(key.rfind('.') + 1)}, error->problem());
  }
  scenario.policy = policy;
  scenario.policy_params = std::move(values);
}

}  // namespace ks
