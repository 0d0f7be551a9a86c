// kernel/sched/rms.cpp — Rate-Monotonic Scheduling (Liu and Layland, 1973; Silberschatz 5.6.3).
//
// A static-priority real-time policy: each periodic task's priority is its rate, so the task
// with the shortest period always wins, and a release of a shorter-period task preempts a longer
// one. Among fixed-priority assignments RMS is optimal, and every task set with utilisation at
// most n(2^(1/n) - 1) (about 69% for many tasks) meets its deadlines; above that bound it may
// miss (Silberschatz Figure 5.24) where EDF would not. Its virtue is predictability: under
// overload the misses fall on the longest periods.
//
// Threads that are not periodic (thread.period == 0) rank below every periodic one. Ties
// (equal periods): lower tid.
#include "kernel/sched/realtime.h"
#include "kernel/sched/registry.h"

namespace ks {

// registry: scheduler 130
PolicyInfo rms_policy() {
  return {"rms",
          "rate monotonic: preemptive fixed priority, the shorter the period the higher the priority",
          {},
          [](const PolicyParams&, const SchedulerContext& context) {
            return std::make_unique<SmallestKeyScheduler>(context, "rms", "period", [](const Thread& thread) {
              return thread.period > 0 ? thread.period : kNever;
            });
          }};
}

}  // namespace ks
