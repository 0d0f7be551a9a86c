// visualizer/model/run.h — one run as the visualizer sees it: the recorded events and what is
// derived from them once (the timeline, the I/O lanes, an index by time).
//
// A Run comes either from a scenario, which is simulated to its end when the run is made (the
// simulation is deterministic and fast, so "live" play reveals a run that already exists), or
// from a recorded JSON Lines trace, which has no scenario and so no scheduler snapshots.
// The visualizer reads events and nothing else: no kernel internals.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/timeline.h"
#include "kernel/proc/thread.h"
#include "scenario/scenario.h"
#include "sim-core/trace/jsonl.h"

namespace ks::viz {

// One I/O lane per device: when it serves one request, the segment names that request's
// process; when it serves several at once, pid is kNoPid ("several"). State is Blocked.
struct IoLane {
  std::int64_t device = 0;
  int sublane = 0;  // reserved: 0
  std::vector<Segment> segments;
};

class Run {
 public:
  Run() = default;  // empty; use the factories below
  // Simulates SCENARIO with SEED to its end, or until MAX_EVENTS were recorded (then the run is
  // cut there and truncated() says so).
  static std::unique_ptr<Run> from_scenario(const Scenario& scenario, std::uint64_t seed,
                                            std::size_t max_events = 5'000'000);
  // A recorded trace; LABEL names it on screen (usually the file name).
  static std::unique_ptr<Run> from_trace(RecordedTrace trace, std::string label);
  // Reads the JSON Lines trace in FILE. Throws InputError.
  static std::unique_ptr<Run> from_trace_file(const std::string& file);

  const std::string& label() const { return label_; }
  const std::vector<TraceEvent>& events() const { return events_; }
  const Trace& names() const { return names_; }
  const Timeline& timeline() const { return timeline_; }
  const std::vector<IoLane>& io_lanes() const { return io_lanes_; }
  // The scenario this run was simulated from (with its policy); empty for a replayed trace.
  const std::optional<Scenario>& scenario() const { return scenario_; }
  std::uint64_t seed() const { return seed_; }
  bool truncated() const { return truncated_; }
  Tick end() const { return timeline_.end; }
  std::size_t cpu_count() const { return timeline_.cpus.size(); }
  // Pids are indices of timeline().processes; pid 0 may be unused.
  std::size_t pid_limit() const { return timeline_.processes.size(); }

  // How many events happen at or before TIME (the index of the first later one).
  std::size_t events_through(Tick time) const;
  // The name of PID ("pid N" when it has none).
  std::string process_name(Pid pid) const;
  // The pid of thread TID, or kNoPid when the trace never mentioned it.
  Pid pid_of_thread(Tid tid) const;
  // The speed of CPU in thousandths (1000: the reference speed), from its cpu_online event.
  std::int64_t cpu_speed(std::size_t cpu) const;
  // "CPU 2", and with its speed ("CPU 2 \u00d70.5", "CPU 0 \u00d72") when the CPUs' speeds differ (big.LITTLE).
  std::string cpu_label(std::size_t cpu) const;

 private:
  void derive();

  std::string label_;
  std::vector<TraceEvent> events_;
  Trace names_;
  Timeline timeline_;
  std::vector<IoLane> io_lanes_;
  std::vector<Pid> pid_of_tid_;
  std::vector<std::int64_t> cpu_speeds_;  // by CPU, thousandths
  std::optional<Scenario> scenario_;
  std::uint64_t seed_ = 0;
  bool truncated_ = false;
};

}  // namespace ks::viz
