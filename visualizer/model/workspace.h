// visualizer/model/workspace.h — what the visualizer has open: a scenario run under one to four
// policies (compare mode: same workload, same seed, cursors locked together), or a replayed
// trace; with, per run, its scheduler snapshots, metrics at the cursor and metrics series.
//
// Every change (a policy, a parameter, a job of the workload, the seed) goes through a method
// here that re-runs at once and keeps the cursor's time. No window is needed: tests and the
// benchmark drive a Workspace directly.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "visualizer/model/cursor.h"
#include "visualizer/model/metrics_model.h"
#include "visualizer/model/run.h"
#include "visualizer/model/session.h"
#include "visualizer/model/snapshots.h"

namespace ks::viz {

inline constexpr std::size_t kMaxCompared = 4;

struct RunState {
  std::unique_ptr<Run> run;
  std::unique_ptr<SchedulerSnapshots> snapshots;  // null for a replayed trace
  std::unique_ptr<CursorMetrics> metrics;
  std::vector<MetricsPoint> series;
};

// Settings of the seeded random workload generator in the workload editor.
struct RandomWorkload {
  int count = 8;
  std::uint64_t seed = 1;
  double mean_interarrival = 3;
  double mean_cpu_burst = 6;
  double mean_io_burst = 4;
  int max_cpu_bursts = 3;
};

class Workspace {
 public:
  // Opens the scenario in FILE under its own policy. Throws InputError.
  void open_scenario(const std::string& file);
  // Opens SCENARIO (already read) under its own policy.
  void open_scenario(Scenario scenario);
  // Opens a recorded JSON Lines trace (no scenario: no snapshots, no editing). Throws InputError.
  void open_trace(const std::string& file);

  bool has_scenario() const { return scenario_.has_value(); }
  const Scenario& scenario() const { return *scenario_; }
  const std::string& trace_file() const { return trace_file_; }
  std::uint64_t seed() const { return seed_; }
  const std::vector<PolicySlot>& policies() const { return slots_; }

  // Compare mode: the policies to run, 1 to 4 of them ("rr" or "rr:quantum=4"). Throws InputError.
  void set_policies(const std::vector<PolicySlot>& slots);
  void set_param(std::size_t slot, const std::string& key, const std::string& value);
  void set_seed(std::uint64_t seed);
  void set_workload(std::vector<BurstProcessSpec> workload);
  std::vector<BurstProcessSpec> workload() const;  // explicit plus generated processes
  // Replaces the workload by a seeded random one (as explicit, editable processes).
  void generate_workload(const RandomWorkload& settings);

  std::size_t run_count() const { return runs_.size(); }
  const Run& run(std::size_t i) const { return *runs_.at(i).run; }
  std::vector<const Run*> run_list() const;
  const std::vector<MetricsPoint>& series(std::size_t i) const { return runs_.at(i).series; }
  // The scheduler's state at the cursor in run I; nullptr for a replayed trace.
  const SchedulerView* scheduler_view(std::size_t i);
  const RunMetrics& metrics_at_cursor(std::size_t i);

  Cursor& cursor() { return cursor_; }
  const Cursor& cursor() const { return cursor_; }
  Tick end() const { return cursor_.end(); }

  Session to_session() const;
  // Restores SESSION (opening its scenario or trace). Throws InputError.
  void restore(const Session& session);
  // How the workload was edited, for the session (nullopt when it is the scenario's).
  bool workload_edited() const { return workload_edited_; }

 private:
  void rerun();

  std::optional<Scenario> scenario_;  // as opened (its policy is the default slot)
  std::string trace_file_;
  std::vector<PolicySlot> slots_;
  std::uint64_t seed_ = 1;
  bool workload_edited_ = false;
  std::vector<RunState> runs_;
  Cursor cursor_;
};

// "rr:quantum=4,fifo" -> slots. Throws InputError for an empty list or more than four.
std::vector<PolicySlot> parse_policy_list(const std::string& text);

}  // namespace ks::viz
