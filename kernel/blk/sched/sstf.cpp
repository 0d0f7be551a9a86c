// kernel/blk/sched/sstf.cpp — Shortest Seek Time First.
//
// The disk serves the waiting request nearest the head, counted in cylinders (the seek time grows
// with the distance). It moves far less than FCFS (236 cylinders on the textbook string against
// 640), but it is greedy, not optimal, and a request far from a busy region can starve while
// nearer ones keep arriving. A tie between a request below the head and one equally far above
// goes to the LOWER cylinder; on one cylinder, to the request that came first.
#include "kernel/blk/sched/cylinder_queue.h"

namespace ks {
namespace {

class SstfDiskScheduler final : public DiskScheduler {
 public:
  std::string_view name() const override { return "sstf"; }
  void add(const DiskRequest& request) override { queue_.add(request); }
  std::size_t pending() const override { return queue_.size(); }
  DiskChoice next_request(const HeadPosition& head) override {
    const auto above = queue_.at_or_above(head.cylinder);
    const auto below = head.cylinder == 0 ? std::nullopt : queue_.at_or_below(head.cylinder - 1);
    bool take_below = !above.has_value();
    if (above && below) {
      const std::uint32_t up = CylinderQueue::cylinder(*above) - head.cylinder;
      const std::uint32_t down = head.cylinder - CylinderQueue::cylinder(*below);
      take_below = down <= up;
    }
    const DiskRequest next = queue_.take(take_below ? *below : *above);
    HeadDirection direction = head.direction;
    if (next.cylinder > head.cylinder) direction = HeadDirection::Up;
    if (next.cylinder < head.cylinder) direction = HeadDirection::Down;
    return {next.id, direction, std::nullopt, std::nullopt};
  }
  DiskSchedulerView view() const override { return {"by cylinder, lowest first", queue_.ids(), {}}; }

 private:
  CylinderQueue queue_;
};

}  // namespace

// registry: disk_scheduler 20
DiskSchedulerInfo sstf_disk_scheduler() {
  return {"sstf",
          "shortest seek time first: the nearest request; a tie goes to the lower cylinder",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& /*context*/) {
            return std::make_unique<SstfDiskScheduler>();
          }};
}

}  // namespace ks
