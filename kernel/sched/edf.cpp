// kernel/sched/edf.cpp — Earliest Deadline First (Liu and Layland, 1973; Silberschatz 5.6.4).
//
// A dynamic-priority real-time policy: the ready thread whose current job has the earliest
// absolute deadline runs, and a newly released job with an earlier deadline preempts at once.
// On one CPU, EDF meets every deadline of any periodic task set whose utilisation
// sum(C_i / T_i) is at most 1: it is optimal. Its costs: priorities change with every job, and
// under overload it degrades badly (a domino effect of misses), where fixed priorities (RMS)
// at least protect the most frequent tasks.
//
// The kernel maintains thread.absolute_deadline (kNever for threads that are not periodic, so
// they run only when no real-time job is ready) and reports deadline misses. Ties: lower tid.
#include "kernel/sched/realtime.h"
#include "kernel/sched/registry.h"

namespace ks {

// registry: scheduler 120
PolicyInfo edf_policy() {
  return {"edf",
          "earliest deadline first: preemptive, the job with the earliest absolute deadline runs",
          {},
          [](const PolicyParams&, const SchedulerContext& context) {
            return std::make_unique<SmallestKeyScheduler>(
                context, "edf", "absolute deadline", [](const Thread& thread) { return thread.absolute_deadline; });
          }};
}

}  // namespace ks
