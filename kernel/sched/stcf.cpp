// kernel/sched/stcf.cpp — Shortest Time-to-Completion First (preemptive SJF, also called
// Shortest Remaining Time First).
//
// SJF, but whenever a thread becomes ready the scheduler compares what is left of the running
// burst with the new arrival's, and switches if the newcomer is strictly shorter. It is optimal
// for average turnaround time when burst lengths are known (OSTEP 7.5, Silberschatz 5.3.2
// "shortest-remaining-time-first"). The cost: long jobs starve while short ones keep arriving,
// and with predicted lengths it is only as good as the prediction. Ties: earlier ready_since,
// then lower tid; an equal remaining time never preempts.
#include "kernel/sched/registry.h"
#include "kernel/sched/shortest_first.h"

namespace ks {

// registry: scheduler 40
PolicyInfo stcf_policy() {
  return {"stcf", "shortest time-to-completion first: preemptive SJF, a shorter arrival preempts the running job",
          shortest_first_params(), [](const PolicyParams& params, const SchedulerContext& context) {
            return make_shortest_first(params, context, "stcf", true);
          }};
}

}  // namespace ks
