// apps/kernsim/ostep_trace.cpp — a CPU chapter's schedule as kernsim trace events (see ostep_trace.h).
#include "apps/kernsim/ostep_trace.h"

#include <cmath>
#include <string>

#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"

namespace ks::cli {
namespace {

using nlohmann::json;

InputError schedule_error(const std::string& problem) { return InputError({"", 0, 0, "--viz"}, problem); }

ProcessState state_named(const std::string& name) {
  if (name == "new") return ProcessState::New;
  if (name == "ready") return ProcessState::Ready;
  if (name == "running") return ProcessState::Running;
  if (name == "blocked") return ProcessState::Blocked;
  if (name == "done") return ProcessState::Exited;
  throw schedule_error("the schedule has an unknown state \"" + name + "\"");
}

bool whole(double value) { return std::fabs(value - std::round(value)) <= 1e-9 * std::max(1.0, std::fabs(value)); }

// The fewest ticks per time unit (1, 10, 100 or 1000) that make every time of CHANGES whole.
std::int64_t ticks_per_unit(const json& changes) {
  for (const std::int64_t scale : {1, 10, 100, 1000}) {
    bool all_whole = true;
    for (const json& change : changes)
      all_whole = all_whole && whole(change.at("time").get<double>() * static_cast<double>(scale));
    if (all_whole) return scale;
  }
  throw schedule_error("the run's times have more than three decimals; the visualizer draws whole ticks");
}

// Emits the trace events; remembers when and where each job last took a CPU.
class TraceBuilder {
 public:
  explicit TraceBuilder(OstepTrace& trace) : trace_(trace) {}

  void emit(Tick time, EventKind kind, Pid pid, CpuId cpu = kNoCpu, std::int64_t a = 0, std::int64_t b = 0) {
    trace_.events.push_back({time, kind, cpu, pid, pid == kNoPid ? 0 : pid, a, b});
  }
  void state(Tick time, Pid pid, ProcessState from, ProcessState to, CpuId cpu = kNoCpu) {
    emit(time, EventKind::StateChanged, pid, cpu, static_cast<std::int64_t>(from), static_cast<std::int64_t>(to));
  }
  void dispatch(Tick time, Pid pid, ProcessState from, CpuId cpu) {
    if (last_cpu_.at(pid) != kNoCpu && last_cpu_[pid] != cpu)
      emit(time, EventKind::Migrated, pid, kNoCpu, last_cpu_[pid], cpu);
    emit(time, EventKind::Dispatched, pid, cpu, kNever, 0);
    state(time, pid, from, ProcessState::Running, cpu);
    dispatched_at_[pid] = time;
    last_cpu_[pid] = cpu;
  }
  std::int64_t ran(Tick time, Pid pid) const { return time - dispatched_at_.at(pid); }
  void add_job() {
    dispatched_at_.push_back(0);
    last_cpu_.push_back(kNoCpu);
  }

 private:
  OstepTrace& trace_;
  std::vector<Tick> dispatched_at_;  // by pid: when it last took a CPU
  std::vector<CpuId> last_cpu_;      // by pid: the CPU it last ran on
};

void add_change(TraceBuilder& out, Tick time, Pid pid, ProcessState from, ProcessState to, CpuId from_cpu, CpuId cpu) {
  if (from == ProcessState::Running) {
    const std::int64_t ran = out.ran(time, pid);
    if (to == ProcessState::Blocked)
      out.emit(time, EventKind::Blocked, pid, from_cpu, static_cast<std::int64_t>(BlockReason::Io), ran);
    if (to == ProcessState::Exited) out.emit(time, EventKind::Exited, pid, from_cpu, 0, ran);
    if (to == ProcessState::Ready)
      out.emit(time, EventKind::Preempted, pid, from_cpu, static_cast<std::int64_t>(PreemptReason::QuantumExpired),
               ran);
    out.state(time, pid, from, to, from_cpu);
    return;
  }
  if (from == ProcessState::Blocked && to != ProcessState::Exited) {
    out.emit(time, EventKind::Woken, pid, kNoCpu, static_cast<std::int64_t>(BlockReason::Io));
    if (to == ProcessState::Running) {
      out.state(time, pid, from, ProcessState::Ready);
      from = ProcessState::Ready;
    }
  }
  if (to == ProcessState::Running) {
    out.dispatch(time, pid, from, cpu);
    return;
  }
  out.state(time, pid, from, to);
  if (to == ProcessState::Exited) out.emit(time, EventKind::Exited, pid, kNoCpu, 0, 0);
}

}  // namespace

OstepTrace schedule_trace(const json& schedule) {
  if (!schedule.is_object()) throw schedule_error("the run has no schedule to draw");
  if (schedule.contains("problem"))
    throw schedule_error("this run cannot be drawn: " + schedule.at("problem").get<std::string>());
  OstepTrace trace;
  const json& changes = schedule.at("changes");
  trace.ticks_per_unit = ticks_per_unit(changes);
  TraceBuilder out(trace);
  const auto cpus = schedule.at("cpus").get<std::int64_t>();
  if (cpus < 1 || cpus >= kNoCpu)
    throw schedule_error("the run has " + std::to_string(cpus) + " CPUs; the trace holds 1 to 65534");
  for (std::int64_t cpu = 0; cpu < cpus; ++cpu)
    out.emit(0, EventKind::CpuOnline, kNoPid, static_cast<CpuId>(cpu), 1000, 0);
  std::vector<std::uint32_t> name_ids;
  for (const json& name : schedule.at("jobs")) {
    name_ids.push_back(trace.names.add_name(name.get<std::string>()));
    out.add_job();
  }
  out.add_job();  // pids count from 1
  std::vector<bool> done(name_ids.size(), false);
  Tick end = 0;
  for (const json& change : changes) {
    const double time = change.at("time").get<double>() * static_cast<double>(trace.ticks_per_unit);
    if (time < 0) throw schedule_error("a job changes state before time 0");
    if (time > 9007199254740992.0) throw schedule_error("the run is too long to draw (beyond 2^53 ticks)");
    const auto tick = static_cast<Tick>(std::llround(time));
    const auto job = change.at("job").get<std::size_t>();
    if (job >= name_ids.size()) throw schedule_error("the schedule names no job " + std::to_string(job));
    const Pid pid = static_cast<Pid>(job + 1);
    const ProcessState from = state_named(change.at("from").get<std::string>());
    const ProcessState to = state_named(change.at("to").get<std::string>());
    const auto cpu_of = [&](const char* key) {
      const std::int64_t cpu = change.value(key, std::int64_t{0});
      if (cpu < 0 || cpu >= cpus) throw schedule_error("the schedule names no CPU " + std::to_string(cpu));
      return static_cast<CpuId>(cpu);
    };
    if (from == ProcessState::New) out.emit(tick, EventKind::ProcessCreated, pid, kNoCpu, kNoPid, name_ids[job]);
    add_change(out, tick, pid, from, to, cpu_of("from_cpu"), cpu_of("cpu"));
    done[job] = to == ProcessState::Exited;
    end = std::max(end, tick);
  }
  bool all_done = true;
  for (const bool job_done : done) all_done = all_done && job_done;
  out.emit(end, EventKind::RunEnd, kNoPid, kNoCpu, all_done ? 1 : 0);
  return trace;
}

void write_ostep_trace(const OstepTrace& trace, std::ostream& out) {
  JsonLinesWriter writer(out, trace.names);
  for (const TraceEvent& event : trace.events) writer.record(event);
  writer.finish();
}

}  // namespace ks::cli
