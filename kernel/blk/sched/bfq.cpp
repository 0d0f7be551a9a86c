// kernel/blk/sched/bfq.cpp — Budget Fair Queueing, simplified.
//
// Each process has its own queue of requests, and the disk belongs to one queue at a time: the
// queue in service is served (in C-LOOK order within it, from the head upward, then from its
// lowest request) until it has moved `budget` sectors or has nothing left; then the next queue in
// turn gets the disk with a fresh budget. A process that streams a file thus keeps the arm on its
// region for a whole budget (throughput), and every process gets the disk in turn (fairness
// measured in sectors, not in time). A request larger than what is left of the budget is still
// served whole, and ends the turn.
// Simplified from Linux's BFQ: the queues take turns round robin, in the order they became busy,
// where BFQ orders them by virtual finish times (B-WF2Q+) weighted per process; budgets are
// fixed, where BFQ adapts each queue's budget to its behaviour; and the disk is never kept idle
// waiting for the queue in service's next request (BFQ's anticipation).
#include <deque>
#include <map>
#include <memory>

#include "kernel/blk/sched/cylinder_queue.h"

namespace ks {
namespace {

class BfqDiskScheduler final : public DiskScheduler {
 public:
  explicit BfqDiskScheduler(std::int64_t budget) : budget_(budget) {}
  std::string_view name() const override { return "bfq"; }
  void add(const DiskRequest& request) override {
    CylinderQueue& queue = queues_[request.pid];
    if (queue.empty() && !(in_service_ && *in_service_ == request.pid)) turns_.push_back(request.pid);
    queue.add(request);
    ++pending_;
  }
  std::size_t pending() const override { return pending_; }
  DiskChoice next_request(const HeadPosition& head) override {
    if (!in_service_ || left_ <= 0 || queues_[*in_service_].empty()) {
      if (in_service_ && !queues_[*in_service_].empty()) turns_.push_back(*in_service_);  // budget spent
      in_service_ = turns_.front();
      turns_.pop_front();
      left_ = budget_;
    }
    CylinderQueue& queue = queues_[*in_service_];
    auto at = queue.at_or_above(head.cylinder);
    if (!at) at = queue.lowest();
    const DiskRequest request = queue.take(*at);
    --pending_;
    left_ -= request.count;
    if (queue.empty()) {
      queues_.erase(*in_service_);
      in_service_.reset();
    }
    HeadDirection direction = head.direction;
    if (request.cylinder > head.cylinder) direction = HeadDirection::Up;
    if (request.cylinder < head.cylinder) direction = HeadDirection::Down;
    return {request.id, direction, std::nullopt, std::nullopt};
  }
  DiskSchedulerView view() const override {
    DiskSchedulerView view;
    view.order_name = "processes waiting for their turn";
    for (const Pid pid : turns_) view.order.push_back(pid);
    view.values = {{"process in service (-1: none)", in_service_ ? static_cast<std::int64_t>(*in_service_) : -1},
                   {"budget left", in_service_ ? left_ : 0}};
    return view;
  }

 private:
  std::int64_t budget_;
  std::map<Pid, CylinderQueue> queues_;
  std::deque<Pid> turns_;  // busy processes not in service, in turn order
  std::optional<Pid> in_service_;
  std::int64_t left_ = 0;
  std::size_t pending_ = 0;
};

}  // namespace

// registry: disk_scheduler 90
DiskSchedulerInfo bfq_disk_scheduler() {
  return {"bfq",
          "budget fair queueing (simplified): per-process queues take the disk in turn for a budget of sectors",
          {{"budget", ParamType::Integer, "64", "sectors a process's queue may move in one turn", 1, 1'000'000'000}},
          [](const PolicyParams& params, const DiskSchedulerContext& /*context*/) {
            return std::make_unique<BfqDiskScheduler>(params.integer("budget"));
          }};
}

}  // namespace ks
