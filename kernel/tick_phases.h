// kernel/tick_phases.h — the phases of one tick in which the kernel's own events run.
//
// Events at one tick run by phase, lowest first, and within a phase in the order they were
// scheduled (sim-core/event_queue.h). The devices' phases (timer, I/O) come from the tie rule
// (apply_tie_rule in kernel/kernel.h); the kernel's are these. Together they give the order of
// THE TIE RULES in kernel/kernel.h.
#pragma once

#include <cstdint>

namespace ks::phase {

inline constexpr std::uint8_t kRunEnd = 0;        // a run that ends by itself (a burst, a user slice)
inline constexpr std::uint8_t kArrivalFirst = 2;  // arrivals, releases and wakes under arrival_first
inline constexpr std::uint8_t kArrivalLast = 3;   // the same under preempted_first
inline constexpr std::uint8_t kPeriodic = 4;      // the scheduler's periodic work
inline constexpr std::uint8_t kDeadline =
    5;  // after every completion of the tick: finishing at the deadline is in time

}  // namespace ks::phase
