// visualizer/model/cursor.h — where the lecture is in the run(s): the time cursor.
//
// A cursor has a time and, for each run it is locked to, how many of that run's events have been
// applied. Normally every event at or before the time is applied; stepping one event at a time
// applies them one by one, so within one tick only some may be. Stepping back is moving the
// count back in the recorded event list: nothing is re-simulated. With several runs (compare
// mode) the cursors are locked together: one time, and a step forward applies the earliest
// pending event of any run.
#pragma once

#include <cstddef>
#include <vector>

#include "visualizer/model/run.h"

namespace ks::viz {

class Cursor {
 public:
  Cursor() = default;
  // A cursor over RUNS (which must outlive it while it is used) at time 0 with nothing applied.
  explicit Cursor(std::vector<const Run*> runs);

  Tick time() const { return time_; }
  // Events of run I applied: events()[0 .. applied(I)).
  std::size_t applied(std::size_t i) const { return applied_.at(i); }
  std::size_t run_count() const { return runs_.size(); }
  // The latest end of the runs.
  Tick end() const;
  bool at_end() const;

  // Moves to TIME with every event at or before it applied (TIME is clamped to [0, end()]).
  void jump_to(Tick time);
  // Applies the next event (the earliest pending one over all runs); false at the end.
  bool step_event_forward();
  // Un-applies the last applied event (the latest one over all runs); false at the start.
  bool step_event_back();
  // One tick forward or back, applying every event at or before the new time.
  void step_tick(int direction);

 private:
  std::vector<const Run*> runs_;
  std::vector<std::size_t> applied_;
  Tick time_ = 0;
};

// Turns wall-clock time into virtual time while playing.
struct Playback {
  bool playing = false;
  double ticks_per_second = 4;
  double carry = 0;  // virtual time not yet applied (a fraction of a tick)

  // How many ticks to move after SECONDS of wall time; keeps the fraction for next time.
  Tick advance(double seconds);
  // Multiplies the speed by FACTOR, kept within [0.25, 1e7] ticks a second.
  void scale_speed(double factor);
};

// A sensible default speed: the whole run in about TARGET_SECONDS.
double default_speed(Tick run_end, double target_seconds = 20);

}  // namespace ks::viz
