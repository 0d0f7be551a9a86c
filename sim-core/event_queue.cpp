// sim-core/event_queue.cpp — the event queue as a binary heap (the time model and the order of
// events at one tick: event_queue.h).
//
// An entry's order packs its phase (top 8 bits), a sequence number that grows with every
// schedule() (48 bits) and the event kind (low 8 bits) into one integer, so the heap compares
// (time, order) and two events never tie. The end-of-tick callback is not in the heap: step()
// runs it once no event is left at the current time.
#include "sim-core/event_queue.h"

#include <algorithm>

#include "sim-core/error.h"

namespace ks {

void EventQueue::schedule(Tick when, std::uint8_t phase, EventHandler& target, std::uint32_t kind, std::uint64_t arg) {
  KS_ASSERT(when >= now_, "events are never scheduled in the past");
  KS_ASSERT(kind < 256, "event kinds fit in 8 bits");
  KS_ASSERT(sequence_ < (std::uint64_t{1} << 48), "event sequence numbers fit in 48 bits");
  const std::uint64_t order = (std::uint64_t{phase} << 56) | (sequence_++ << 8) | kind;
  heap_.push_back(Entry{when, order, &target, arg});
  std::push_heap(heap_.begin(), heap_.end(), later);
}

void EventQueue::at_end_of_tick(EventHandler& target, std::uint32_t kind) {
  if (end_of_tick_target_ != nullptr) return;
  end_of_tick_target_ = &target;
  end_of_tick_kind_ = kind;
}

bool EventQueue::step(Tick until) {
  if (end_of_tick_target_ != nullptr && (heap_.empty() || heap_.front().time > now_)) {
    EventHandler* target = end_of_tick_target_;
    end_of_tick_target_ = nullptr;
    ++events_run_;
    target->on_event(end_of_tick_kind_, 0);
    return true;
  }
  if (heap_.empty() || heap_.front().time > until) return false;
  std::pop_heap(heap_.begin(), heap_.end(), later);
  const Entry next = heap_.back();
  heap_.pop_back();
  now_ = next.time;
  ++events_run_;
  next.target->on_event(static_cast<std::uint32_t>(next.order & 0xff), next.arg);
  return true;
}

std::uint64_t EventQueue::run_until(Tick until) {
  stop_requested_ = false;
  std::uint64_t ran = 0;
  while (!stop_requested_ && step(until)) ++ran;
  return ran;
}

}  // namespace ks
