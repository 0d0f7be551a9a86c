// kernel/sched/per_cpu.h — per-CPU ready queues with load balancing and idle stealing.
//
// With `kernel.queues = "per_cpu"` every CPU gets its own instance of the chosen policy, as in
// Linux, instead of one global queue. This wrapper decides which queue a thread joins and moves
// threads between queues:
//   - a thread that becomes ready joins the queue of the CPU it last ran on (its cache is
//     warm there), or, the first time or if that CPU is not allowed, the least loaded allowed
//     CPU's queue (lowest CPU number on ties); load = ready threads + the one running;
//   - idle stealing: a CPU whose queue is empty takes the thread that the most loaded other
//     queue would run next (if it may run here); the thread runs here once and comes back to its
//     home queue when it is next ready, unless the balancer moved it;
//   - periodic balancing (every balance_interval ticks): while the most and least loaded queues
//     differ by more than one, move the next thread of the busiest to the idlest queue.
// Each queue's policy keeps its own per-thread state; a thread moved to another queue is new to
// that queue's policy (as a migrated task in Linux is renormalised to its new run queue).
#pragma once

#include <memory>
#include <vector>

#include "kernel/sched/registry.h"

namespace ks {

struct PerCpuOptions {
  Tick balance_interval = 0;  // 0 = no periodic balancing
  bool idle_stealing = true;
};

std::unique_ptr<Scheduler> make_per_cpu_scheduler(const PolicyInfo& policy, const PolicyParams& params,
                                                  const SchedulerContext& context, const PerCpuOptions& options);

}  // namespace ks
