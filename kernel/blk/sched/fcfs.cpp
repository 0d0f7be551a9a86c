// kernel/blk/sched/fcfs.cpp — First Come, First Served.
//
// The disk serves requests in the order they arrived, wherever they lie: fair, and no request
// waits behind ones that came later, but the arm swings back and forth across the disk. On the
// textbook string (head 53; 98,183,37,122,14,124,65,67) it moves 640 cylinders (Silberschatz
// 11.2.1). The baseline every other policy is measured against.
#include <deque>

#include "kernel/blk/disk_scheduler.h"

namespace ks {
namespace {

class FcfsDiskScheduler final : public DiskScheduler {
 public:
  std::string_view name() const override { return "fcfs"; }
  void add(const DiskRequest& request) override { queue_.push_back(request); }
  std::size_t pending() const override { return queue_.size(); }
  DiskChoice next_request(const HeadPosition& head) override {
    const DiskRequest next = queue_.front();
    queue_.pop_front();
    HeadDirection direction = head.direction;
    if (next.cylinder > head.cylinder) direction = HeadDirection::Up;
    if (next.cylinder < head.cylinder) direction = HeadDirection::Down;
    return {next.id, direction, std::nullopt, std::nullopt};
  }
  DiskSchedulerView view() const override {
    DiskSchedulerView view;
    view.order_name = "queue, oldest first";
    for (const DiskRequest& request : queue_) view.order.push_back(request.id);
    return view;
  }

 private:
  std::deque<DiskRequest> queue_;
};

}  // namespace

// registry: disk_scheduler 10
DiskSchedulerInfo fcfs_disk_scheduler() {
  return {"fcfs",
          "first come, first served: requests in their order of arrival",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& /*context*/) {
            return std::make_unique<FcfsDiskScheduler>();
          }};
}

}  // namespace ks
