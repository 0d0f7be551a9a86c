// kernel/sched/sjf.cpp — Shortest Job First (non-preemptive).
//
// When a CPU is free, run the ready thread whose CPU burst is shortest, until it blocks or
// exits. Among all non-preemptive policies this minimises the average waiting time when every
// job is present at once (OSTEP 7.4, Silberschatz 5.3.2). It needs to know the future: either
// an oracle (the simulator's true burst lengths) or a prediction from past bursts by
// exponential averaging. Its costs: a long job can starve behind a stream of short ones, and a
// short job that arrives just after a long one started still waits for all of it (no
// preemption: that is STCF, stcf.cpp). Ties: earlier ready_since, then lower tid.
#include "kernel/sched/registry.h"
#include "kernel/sched/shortest_first.h"

namespace ks {

// registry: scheduler 30
PolicyInfo sjf_policy() {
  return {"sjf", "shortest job first: run the shortest CPU burst to completion (oracle or predicted lengths)",
          shortest_first_params(), [](const PolicyParams& params, const SchedulerContext& context) {
            return make_shortest_first(params, context, "sjf", false);
          }};
}

}  // namespace ks
