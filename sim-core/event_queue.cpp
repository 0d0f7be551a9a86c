#include "sim-core/event_queue.h"

#include <algorithm>

#include "sim-core/error.h"

namespace ks {

void EventQueue::schedule(Tick when, std::uint8_t phase, EventHandler& target, std::uint32_t kind,
                          std::uint64_t arg) {
  KS_ASSERT(when >= now_, "events are never scheduled in the past");
  KS_ASSERT(sequence_ < (std::uint64_t{1} << 56), "event sequence numbers fit below the phase bits");
  const std::uint64_t order = (std::uint64_t{phase} << 56) | sequence_++;
  heap_.push_back(Entry{when, order, &target, arg, kind});
  std::push_heap(heap_.begin(), heap_.end(), later);
}

bool EventQueue::step(Tick until) {
  if (heap_.empty() || heap_.front().time > until) return false;
  std::pop_heap(heap_.begin(), heap_.end(), later);
  const Entry next = heap_.back();
  heap_.pop_back();
  now_ = next.time;
  ++events_run_;
  next.target->on_event(next.kind, next.arg);
  return true;
}

std::uint64_t EventQueue::run_until(Tick until) {
  stop_requested_ = false;
  std::uint64_t ran = 0;
  while (!stop_requested_ && step(until)) ++ran;
  return ran;
}

}  // namespace ks
