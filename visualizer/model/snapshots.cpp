// visualizer/model/snapshots.cpp — the scheduler's view at the cursor, by re-simulation (why:
// snapshots.h). A sink counts the events the replay has made; the replay runs to the tick before
// the cursor in one go and then one kernel step at a time until as many events as the cursor has
// applied exist. The last view is kept, so a cursor that does not move costs nothing.
#include "visualizer/model/snapshots.h"

#include "scenario/simulation.h"

namespace ks::viz {

class SchedulerSnapshots::Counter : public TraceSink {
 public:
  void record(const TraceEvent& /*event*/) override { ++count; }
  std::size_t count = 0;
};

SchedulerSnapshots::SchedulerSnapshots(Scenario scenario, std::uint64_t seed)
    : scenario_(std::move(scenario)), seed_(seed) {}

SchedulerSnapshots::~SchedulerSnapshots() = default;

void SchedulerSnapshots::restart() {
  sim_.reset();
  counter_ = std::make_unique<Counter>();
  sim_ = std::make_unique<Simulation>(scenario_, RunOptions{seed_, std::nullopt});
  sim_->trace().add_sink(*counter_);
  ++restarts_;
}

const SchedulerView& SchedulerSnapshots::view_at(Tick time, std::size_t applied) {
  if (sim_ && applied == last_applied_ && time == last_time_) return view_;
  if (!sim_ || applied < counter_->count || time < sim_->kernel().now()) restart();
  Kernel& kernel = sim_->kernel();
  // Everything before TIME in one go, then kernel step by kernel step within TIME.
  if (time > 0 && kernel.now() < time - 1 && counter_->count < applied) kernel.advance(time - 1);
  for (int guard = 0; guard < 1'000'000 && counter_->count < applied && !kernel.finished(); ++guard) {
    if (sim_->machine().queue().next_time() > time) break;
    kernel.advance(time, true);
  }
  view_ = kernel.scheduler().view();
  last_applied_ = applied;
  last_time_ = time;
  return view_;
}

}  // namespace ks::viz
