// visualizer/model/snapshots.h — the scheduler's own state at the cursor.
//
// The simulation is deterministic, so the state after the first N events of a run is obtained
// by simulating the same scenario and seed again up to that point and asking the policy for its
// read-only view (Scheduler::view(), the interface grader checks read too). Moving forward
// continues the simulation kept from the last request; only moving back starts again from time
// 0, which is cheap (about ten million events a second).
#pragma once

#include <memory>

#include "kernel/sched/scheduler.h"
#include "scenario/scenario.h"

namespace ks {
class Simulation;
}

namespace ks::viz {

class SchedulerSnapshots {
 public:
  SchedulerSnapshots(Scenario scenario, std::uint64_t seed);
  ~SchedulerSnapshots();
  SchedulerSnapshots(const SchedulerSnapshots&) = delete;
  SchedulerSnapshots& operator=(const SchedulerSnapshots&) = delete;

  // The policy's view once the first APPLIED trace events (the last of them at or before TIME)
  // have happened. Kernel steps emit several events at once, so the view is the one after the
  // kernel step that emitted event APPLIED - 1.
  const SchedulerView& view_at(Tick time, std::size_t applied);
  // How many times the simulation was started again from time 0 (for tests and the benchmark).
  std::size_t restarts() const { return restarts_; }

 private:
  class Counter;
  void restart();

  Scenario scenario_;
  std::uint64_t seed_;
  std::unique_ptr<Counter> counter_;
  std::unique_ptr<Simulation> sim_;
  SchedulerView view_;
  std::size_t restarts_ = 0;
  std::size_t last_applied_ = 0;
  Tick last_time_ = -1;
};

}  // namespace ks::viz
