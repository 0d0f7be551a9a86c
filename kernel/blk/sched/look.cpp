// kernel/blk/sched/look.cpp — LOOK: SCAN that looks before it runs on.
//
// As SCAN, but the arm reverses at the last request in its direction rather than at the edge of
// the disk, so it never travels where nothing waits. It moves no more than SCAN when every request
// is pending from the start (the same order, each sweep ending at or before the edge), though with
// requests arriving on the way the two orders differ. Textbook string, moving up: 53 → 183 → 14,
// 299 cylinders. The walk is shared with scan, cscan and clook (sweep.h).
#include <memory>

#include "kernel/blk/sched/sweep.h"

namespace ks {

// registry: disk_scheduler 50
DiskSchedulerInfo look_disk_scheduler() {
  return {"look",
          "the elevator that turns at the last request instead of the edge",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& context) {
            return std::make_unique<SweepDiskScheduler>("look", SweepRule{false, false}, context.cylinders);
          }};
}

}  // namespace ks
