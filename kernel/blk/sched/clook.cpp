// kernel/blk/sched/clook.cpp — C-LOOK, circular LOOK.
//
// As C-SCAN, but the arm goes only as far as the last request in its direction, and returns from
// there straight to the farthest pending request (the return sweep), serving on in the same
// direction. Textbook string, moving up: 53 → 183, return to 14, → 37: 130 + 169 + 23 = 322
// cylinders, 169 of them the return. Shared walk: sweep.h.
#include <memory>

#include "kernel/blk/sched/sweep.h"

namespace ks {

// registry: disk_scheduler 60
DiskSchedulerInfo clook_disk_scheduler() {
  return {"clook",
          "circular look: returns from the last request to the farthest pending one",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& context) {
            return std::make_unique<SweepDiskScheduler>("clook", SweepRule{false, true}, context.cylinders);
          }};
}

}  // namespace ks
