// visualizer/model/cursor.cpp — moving the cursor over recorded runs (the model: cursor.h).
// A jump applies, in every run, the events up to the new time; a step forward applies the one
// pending event that comes first in any run, a step back takes back the latest applied one, and
// the time follows the latest event still applied. Playback turns the seconds between frames
// into ticks at its speed, carrying the fractions: host time only moves the cursor, it never
// enters a run.
#include "visualizer/model/cursor.h"

#include <algorithm>
#include <cmath>

namespace ks::viz {

Cursor::Cursor(std::vector<const Run*> runs) : runs_(std::move(runs)), applied_(runs_.size(), 0) {}

Tick Cursor::end() const {
  Tick end = 0;
  for (const Run* run : runs_) end = std::max(end, run->end());
  return end;
}

bool Cursor::at_end() const {
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (applied_[i] < runs_[i]->events().size()) return false;
  }
  return true;
}

void Cursor::jump_to(Tick time) {
  time_ = std::clamp<Tick>(time, 0, std::max<Tick>(end(), 0));
  for (std::size_t i = 0; i < runs_.size(); ++i) applied_[i] = runs_[i]->events_through(time_);
}

bool Cursor::step_event_forward() {
  std::size_t best = runs_.size();
  Tick best_time = kNever;
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const auto& events = runs_[i]->events();
    if (applied_[i] < events.size() && events[applied_[i]].time < best_time) {
      best = i;
      best_time = events[applied_[i]].time;
    }
  }
  if (best == runs_.size()) return false;
  // The earliest pending event: every event before it, in every run, is applied already.
  ++applied_[best];
  time_ = best_time;
  return true;
}

bool Cursor::step_event_back() {
  std::size_t best = runs_.size();
  Tick best_time = -1;
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (applied_[i] == 0) continue;
    const Tick t = runs_[i]->events()[applied_[i] - 1].time;
    if (t >= best_time) {
      best = i;
      best_time = t;
    }
  }
  if (best == runs_.size()) {
    time_ = 0;
    return false;
  }
  --applied_[best];
  // The cursor stays at the time of the latest event still applied.
  time_ = 0;
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (applied_[i] > 0) time_ = std::max(time_, runs_[i]->events()[applied_[i] - 1].time);
  }
  return true;
}

void Cursor::step_tick(int direction) { jump_to(time_ + (direction >= 0 ? 1 : -1)); }

Tick Playback::advance(double seconds) {
  if (!playing) return 0;
  carry += seconds * ticks_per_second;
  const double whole = std::floor(carry);
  carry -= whole;
  return static_cast<Tick>(whole);
}

void Playback::scale_speed(double factor) { ticks_per_second = std::clamp(ticks_per_second * factor, 0.25, 1e7); }

double default_speed(Tick run_end, double target_seconds) {
  return std::clamp(static_cast<double>(run_end) / target_seconds, 1.0, 1e7);
}

}  // namespace ks::viz
