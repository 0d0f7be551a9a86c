// kernel/blk/sched/scan.cpp — SCAN, the elevator.
//
// The arm sweeps in one direction serving every request it passes, runs on to the edge of the
// disk (cylinder 0 or N−1), and only then reverses, as a lift goes to the top floor. No request
// starves (each waits at most two sweeps), but the middle cylinders are passed twice as often as
// the edges, and the run to the edge is wasted when nothing lies beyond. kernsim's SCAN reverses
// only when requests remain behind it: with none left it stops at the last one. Textbook string
// (head 53, 200 cylinders), moving down: 53 → 0 → 183, 236 cylinders (Silberschatz 11.2.3).
// The walk is shared with look, cscan and clook (sweep.h).
#include <memory>

#include "kernel/blk/sched/sweep.h"

namespace ks {

// registry: disk_scheduler 30
DiskSchedulerInfo scan_disk_scheduler() {
  return {"scan",
          "the elevator: sweeps to the edge, then reverses (only when requests remain behind)",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& context) {
            return std::make_unique<SweepDiskScheduler>("scan", SweepRule{true, false}, context.cylinders);
          }};
}

}  // namespace ks
