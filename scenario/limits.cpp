// scenario/limits.cpp — a workload's worst-case end (why: limits.h): the latest arrival, plus
// the latest end of a periodic task's last job, plus (work + bursts) x (1 + switch cost), as if
// every tick of work and every burst were a dispatch of its own paying the full switch cost; all
// in saturating arithmetic.
#include "scenario/limits.h"

#include <algorithm>

namespace ks {

Tick periodic_end(Tick arrival, Tick period, Tick deadline, std::int64_t jobs) {
  return bounded_add(bounded_add(arrival, bounded_multiply(period, std::max<std::int64_t>(jobs - 1, 0))), deadline);
}

void WorkloadSize::add(const BurstProcessSpec& process) {
  latest_arrival = std::max(latest_arrival, process.arrival);
  for (const Burst& burst : process.bursts) work = bounded_add(work, burst.length);
  bursts = bounded_add(bursts, static_cast<Tick>(process.bursts.size()));
  if (process.period > 0) {
    const auto jobs = static_cast<std::int64_t>((process.bursts.size() + 1) / 2);
    const Tick deadline = process.relative_deadline > 0 ? process.relative_deadline : process.period;
    latest_periodic_end = std::max(latest_periodic_end, periodic_end(process.arrival, process.period, deadline, jobs));
  }
}

Tick WorkloadSize::worst_case_end(Tick switch_cost) const {
  const Tick dispatching = bounded_multiply(bounded_add(work, bursts), bounded_add(1, switch_cost));
  return bounded_add(bounded_add(latest_arrival, latest_periodic_end), dispatching);
}

}  // namespace ks
