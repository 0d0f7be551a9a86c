// scenario/limits.h — the bounds that keep every time a run computes inside 64 bits.
//
// Virtual time is a signed 64-bit tick count. Each time value a user writes (an arrival, a burst,
// a period, a cost) is at most kMaxTime = 2^52, and the readers (scenario files, generators,
// `kernsim sched --jobs`) also bound what those values add up to: the latest tick a run of the
// workload could reach, taken in the worst case (every process serialised on one CPU, every
// dispatch paying the full switch and migration cost, each periodic job at its latest), must stay
// at or below kMaxRunTime = 2^62. That leaves a factor of two for the kernel's own sums (a
// deadline after a release, the time limit after the clock), so no input can make the kernel
// compute a time that wraps around; what `run` would refuse, `validate` refuses, with the key.
//
// All sums and products here saturate at kOverLimit, so the checks themselves cannot overflow.
#pragma once

#include <cstdint>

#include "kernel/kernel.h"

namespace ks {

inline constexpr Tick kMaxTime = Tick{1} << 52;     // any one time value of the input
inline constexpr Tick kMaxRunTime = Tick{1} << 62;  // the worst-case end of a run
inline constexpr Tick kOverLimit = kMaxRunTime + 1;
// At most this many bursts in one workload (periodic jobs count two: the job and its gap), so
// that no product of counts (tasks x jobs, count x bursts) exhausts the host's memory.
inline constexpr std::int64_t kMaxWorkloadBursts = 100'000'000;

// A + B and A x B for A, B in [0, kOverLimit], saturating at kOverLimit.
constexpr Tick bounded_add(Tick a, Tick b) { return a > kMaxRunTime - b ? kOverLimit : a + b; }
constexpr Tick bounded_multiply(Tick a, Tick b) { return a != 0 && b > kMaxRunTime / a ? kOverLimit : a * b; }

// What a workload adds up to, for its worst-case length.
struct WorkloadSize {
  Tick latest_arrival = 0;
  Tick latest_periodic_end = 0;  // the latest deadline of the last job of a periodic task
  Tick work = 0;                 // CPU and I/O ticks of every burst
  Tick bursts = 0;               // the number of bursts (each may cost one dispatch more)

  void add(const BurstProcessSpec& process);
  // The latest tick a run could reach when each dispatch costs SWITCH_COST (context switch plus
  // migration): latest arrival + latest periodic end + (work + bursts) x (1 + SWITCH_COST).
  Tick worst_case_end(Tick switch_cost) const;
};

// The latest tick job JOBS-1 of a periodic task can be due (arrival + (jobs - 1) x period +
// deadline), saturating.
Tick periodic_end(Tick arrival, Tick period, Tick deadline, std::int64_t jobs);

}  // namespace ks
