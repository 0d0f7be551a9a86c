// sim-core/event_queue.h — the virtual clock and the queue of future events.
//
// THE TIME MODEL. Nothing in kernsim reads the host clock. Virtual time advances only when the
// queue hands out its next event: the clock jumps to that event's time, the event's target runs
// (atomically, taking no virtual time itself), and whatever it schedules goes into the queue.
//
// ORDER OF EVENTS AT THE SAME TICK. Two events with the same time run in order of
//   1. their phase, a small number chosen by whoever schedules them (lower runs first), and
//   2. the order in which they were scheduled (first scheduled, first run).
// The pair is unique, so the order is total and independent of the platform, the compiler and
// the host's memory layout. The kernel uses phases to implement its documented tie rules
// (see docs/scheduling.md): for example, every state change of a tick happens before the
// scheduler's decision for that tick.
//
// After the last event of a tick, an end-of-tick callback can run (at_end_of_tick): the
// kernel's scheduling decision, which must see every change of the tick.
//
// Events are plain data (a target, a kind and an argument; 32 bytes), not closures, so
// scheduling one never allocates once the queue has grown to its working size.
#pragma once

#include <cstdint>
#include <vector>

#include "sim-core/types.h"

namespace ks {

// Something that receives events: a device, a kernel. KIND and ARG are the target's own codes.
class EventHandler {
 public:
  virtual void on_event(std::uint32_t kind, std::uint64_t arg) = 0;

  virtual ~EventHandler() = default;
};

class EventQueue {
 public:
  // Schedules KIND/ARG for TARGET at time WHEN in PHASE. WHEN must not be in the past; KIND < 256.
  void schedule(Tick when, std::uint8_t phase, EventHandler& target, std::uint32_t kind, std::uint64_t arg);

  // Asks for TARGET.on_event(KIND, 0) once, after every event of the current tick has run
  // (including events scheduled for this tick meanwhile). Asking again before it ran changes
  // nothing. It counts as an event of the tick.
  void at_end_of_tick(EventHandler& target, std::uint32_t kind);

  // Runs events in order until the queue is empty, or the next event lies after UNTIL, or
  // stop() was called. Returns the number of events run. The clock ends at the last event's time.
  std::uint64_t run_until(Tick until);

  // Runs exactly one event if there is one at or before UNTIL. Returns false otherwise.
  bool step(Tick until);

  // Makes run_until() return after the current event.
  void stop() { stop_requested_ = true; }

  Tick now() const { return now_; }
  bool empty() const { return heap_.empty() && end_of_tick_target_ == nullptr; }
  std::size_t size() const { return heap_.size(); }
  // When step() would run something next: now while an end-of-tick callback waits, else the
  // next event's time (kNever when there is nothing).
  Tick next_time() const {
    if (end_of_tick_target_ != nullptr) return now_;
    return heap_.empty() ? kNever : heap_.front().time;
  }
  std::uint64_t events_run() const { return events_run_; }

 private:
  struct Entry {
    Tick time;
    std::uint64_t order;  // phase (top 8 bits), scheduling sequence (48 bits), kind (low 8 bits)
    EventHandler* target;
    std::uint64_t arg;
  };
  static bool later(const Entry& a, const Entry& b) { return a.time != b.time ? a.time > b.time : a.order > b.order; }

  std::vector<Entry> heap_;
  Tick now_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t events_run_ = 0;
  bool stop_requested_ = false;
  EventHandler* end_of_tick_target_ = nullptr;  // non-null: an end-of-tick callback is pending
  std::uint32_t end_of_tick_kind_ = 0;
};

}  // namespace ks
