// kernel/blk/sched/sptf.cpp — Shortest Positioning Time First.
//
// SSTF counts only the seek; on a real disk the platter's rotation matters as much: a request one
// cylinder away whose sector has just passed under the head costs nearly a whole revolution,
// while one farther off may come under the head just as the seek ends. SPTF asks the disk model
// (machine/disk/hdd_model.h) for each waiting request's positioning time, seek plus rotational
// wait, from the head's cylinder at the current time, and serves the smallest (OSTEP 37.5; it is
// what a drive's own firmware does, knowing its geometry). Each choice looks at every waiting
// request: O(n). Without a disk model (the cylinders-only exercise) the positioning time is the
// seek distance, and SPTF behaves as SSTF. Ties: the lower cylinder, then the first to arrive.
#include <memory>
#include <vector>

#include "kernel/blk/disk_scheduler.h"

namespace ks {
namespace {

class SptfDiskScheduler final : public DiskScheduler {
 public:
  explicit SptfDiskScheduler(const HddModel* model) : model_(model) {}
  std::string_view name() const override { return "sptf"; }
  void add(const DiskRequest& request) override { waiting_.push_back({request, sequence_++}); }
  std::size_t pending() const override { return waiting_.size(); }
  DiskChoice next_request(const HeadPosition& head) override {
    std::size_t best = 0;
    Tick best_cost = cost(waiting_[0].request, head);
    for (std::size_t i = 1; i < waiting_.size(); ++i) {
      const Tick c = cost(waiting_[i].request, head);
      const Waiting& a = waiting_[i];
      const Waiting& b = waiting_[best];
      if (c < best_cost || (c == best_cost && (a.request.cylinder < b.request.cylinder ||
                                               (a.request.cylinder == b.request.cylinder && a.order < b.order)))) {
        best = i;
        best_cost = c;
      }
    }
    const DiskRequest next = waiting_[best].request;
    waiting_[best] = waiting_.back();
    waiting_.pop_back();
    HeadDirection direction = head.direction;
    if (next.cylinder > head.cylinder) direction = HeadDirection::Up;
    if (next.cylinder < head.cylinder) direction = HeadDirection::Down;
    return {next.id, direction, std::nullopt, std::nullopt};
  }
  DiskSchedulerView view() const override {
    DiskSchedulerView view;
    view.order_name = "waiting";
    for (const Waiting& w : waiting_) view.order.push_back(w.request.id);
    return view;
  }

 private:
  struct Waiting {
    DiskRequest request;
    std::uint64_t order;
  };
  Tick cost(const DiskRequest& request, const HeadPosition& head) const {
    if (model_ != nullptr) return model_->positioning_time(head.cylinder, head.now, request.lba);
    return request.cylinder > head.cylinder ? request.cylinder - head.cylinder : head.cylinder - request.cylinder;
  }

  const HddModel* model_;
  std::vector<Waiting> waiting_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

// registry: disk_scheduler 70
DiskSchedulerInfo sptf_disk_scheduler() {
  return {"sptf",
          "shortest positioning time first: least seek + rotation on the disk model (sstf without one)",
          {},
          [](const PolicyParams& /*params*/, const DiskSchedulerContext& context) {
            return std::make_unique<SptfDiskScheduler>(context.model);
          }};
}

}  // namespace ks
