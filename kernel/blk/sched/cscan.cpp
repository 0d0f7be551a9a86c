// kernel/blk/sched/cscan.cpp — C-SCAN, circular SCAN.
//
// The arm serves requests in one direction only: it runs to the edge, returns to the other edge
// without serving (the return sweep), and starts over, as if the cylinders formed a circle. The
// wait is more uniform than SCAN's (the edges are not served half as often), at the price of the
// return. kernsim counts the return as movement and also reports it on its own; it makes it only
// when requests remain behind the head. Textbook string, moving up: 53 → 199, return to 0, → 37:
// 146 + 199 + 37 = 382 cylinders, 199 of them the return. Shared walk: sweep.h.
#include <memory>

#include "kernel/blk/sched/sweep.h"

namespace ks {

// registry: disk_scheduler 40
DiskSchedulerInfo cscan_disk_scheduler() {
  return {"cscan",
          "circular scan: sweeps to the edge, returns to the other edge, same direction",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& context) {
            return std::make_unique<SweepDiskScheduler>("cscan", SweepRule{true, true}, context.cylinders);
          }};
}

}  // namespace ks
