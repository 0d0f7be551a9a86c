// visualizer/model/run.cpp — making a Run (where runs come from: run.h) and deriving its lanes.
//
// A scenario is simulated in slices that double in length, recording into a bounded sink, so a
// workload that never ends stops at the event limit with the run marked truncated instead of
// filling memory. A trace file is read with allow_cut, so the trace of a killed run shows its
// events up to the kill. derive() builds, once, the timeline (analysis/timeline.h), one I/O lane
// per device, the CPU speeds and the process of each thread.
#include "visualizer/model/run.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "scenario/simulation.h"
#include "sim-core/error.h"

namespace ks::viz {

namespace {

// Records events until a limit, then stops the simulation's recording short of it.
class BoundedRecorder : public TraceSink {
 public:
  BoundedRecorder(std::vector<TraceEvent>& events, std::size_t limit) : events_(events), limit_(limit) {}
  void record(const TraceEvent& event) override {
    if (events_.size() < limit_) events_.push_back(event);
  }
  bool full() const { return events_.size() >= limit_; }

 private:
  std::vector<TraceEvent>& events_;
  std::size_t limit_;
};

// One lane per device: the periods in which the set of requests in service stays the same,
// marked with the process when there is one request and kNoPid ("several") when there are more.
std::vector<IoLane> build_io_lanes(const std::vector<TraceEvent>& events, Tick end) {
  struct Change {
    Tick time;
    int delta;
    Pid pid;
  };
  std::map<std::int64_t, std::vector<Change>> changes;  // by device, in time order
  for (const TraceEvent& event : events) {
    if (event.kind == EventKind::IoRequest) changes[event.a].push_back({event.time, +1, event.pid});
    if (event.kind == EventKind::IoComplete) changes[event.a].push_back({event.time, -1, event.pid});
  }
  std::vector<IoLane> lanes;
  for (const auto& [device, list] : changes) {
    IoLane lane{device, 0, {}};
    std::map<Pid, int> busy;
    Tick since = 0;
    for (std::size_t i = 0; i <= list.size(); ++i) {
      const Tick now = i < list.size() ? list[i].time : end;
      if (!busy.empty() && now > since) {
        const Pid pid = busy.size() == 1 ? busy.begin()->first : kNoPid;
        if (!lane.segments.empty() && lane.segments.back().end == since && lane.segments.back().pid == pid) {
          lane.segments.back().end = now;
        } else {
          lane.segments.push_back({since, now, pid, static_cast<CpuId>(device), ProcessState::Blocked});
        }
      }
      if (i == list.size()) break;
      if (list[i].delta > 0) {
        ++busy[list[i].pid];
      } else if (auto it = busy.find(list[i].pid); it != busy.end() && --it->second == 0) {
        busy.erase(it);
      }
      since = list[i].time;
    }
    lanes.push_back(std::move(lane));
  }
  return lanes;
}

}  // namespace

std::unique_ptr<Run> Run::from_scenario(const Scenario& scenario, std::uint64_t seed, std::size_t max_events) {
  auto run = std::make_unique<Run>();
  run->scenario_ = scenario;
  run->seed_ = seed;
  run->label_ = scenario.policy ? scenario.policy->name : "run";
  Simulation sim(scenario, {seed, std::nullopt});
  BoundedRecorder recorder(run->events_, max_events);
  sim.trace().add_sink(recorder);
  // Advance in slices so that a runaway workload stops at the event limit.
  Tick slice = 1024;
  while (!sim.kernel().finished() && sim.kernel().now() < sim.until() && !recorder.full()) {
    const Tick target = sim.until() - sim.kernel().now() > slice ? sim.kernel().now() + slice : sim.until();
    if (sim.kernel().advance(target)) break;
    if (sim.machine().queue().empty()) break;
    slice = std::min<Tick>(slice * 2, Tick{1} << 40);
  }
  run->truncated_ = recorder.full();
  if (!recorder.full()) sim.kernel().end_run(sim.until() == kNever ? sim.kernel().now() : sim.until());
  for (std::size_t id = 0; id < sim.trace().name_count(); ++id) {
    run->names_.add_name(sim.trace().name(static_cast<std::uint32_t>(id)));
  }
  run->derive();
  return run;
}

std::unique_ptr<Run> Run::from_trace(RecordedTrace trace, std::string label) {
  auto run = std::make_unique<Run>();
  run->label_ = std::move(label);
  run->events_ = std::move(trace.events);
  for (const std::string& name : trace.names) run->names_.add_name(name);
  run->derive();
  return run;
}

std::unique_ptr<Run> Run::from_trace_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw InputError({file, 0, 0, ""}, "cannot open the trace file");
  RecordedTrace trace = read_json_lines_trace(in, file, /*allow_cut=*/true);  // a killed run: the events up to the kill
  const auto slash = file.find_last_of("/\\");
  return from_trace(std::move(trace), slash == std::string::npos ? file : file.substr(slash + 1));
}

void Run::derive() {
  timeline_ = build_timeline(events_, names_);
  io_lanes_ = build_io_lanes(events_, timeline_.end);
  cpu_speeds_.assign(cpu_count(), 1000);
  for (const TraceEvent& event : events_) {
    if (event.kind == EventKind::CpuOnline && event.cpu < cpu_speeds_.size()) cpu_speeds_[event.cpu] = event.a;
    if (event.pid == kNoPid) continue;
    if (event.tid >= pid_of_tid_.size()) pid_of_tid_.resize(event.tid + 1u, kNoPid);
    pid_of_tid_[event.tid] = event.pid;
  }
}

std::size_t Run::events_through(Tick time) const {
  const auto it = std::upper_bound(events_.begin(), events_.end(), time,
                                   [](Tick t, const TraceEvent& event) { return t < event.time; });
  return static_cast<std::size_t>(it - events_.begin());
}

std::string Run::process_name(Pid pid) const {
  if (pid < timeline_.names.size() && !timeline_.names[pid].empty()) return timeline_.names[pid];
  return "pid " + std::to_string(pid);
}

std::int64_t Run::cpu_speed(std::size_t cpu) const { return cpu < cpu_speeds_.size() ? cpu_speeds_[cpu] : 1000; }

std::string Run::cpu_label(std::size_t cpu) const {
  std::string label = "CPU " + std::to_string(cpu);
  const bool uniform = std::all_of(cpu_speeds_.begin(), cpu_speeds_.end(),
                                   [&](std::int64_t speed) { return speed == cpu_speeds_.front(); });
  if (uniform) return label;
  char text[32];
  std::snprintf(text, sizeof text, " \u00d7%g", static_cast<double>(cpu_speed(cpu)) / 1000.0);
  return label + text;
}

Pid Run::pid_of_thread(Tid tid) const { return tid < pid_of_tid_.size() ? pid_of_tid_[tid] : kNoPid; }

}  // namespace ks::viz
