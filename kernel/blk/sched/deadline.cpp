// kernel/blk/sched/deadline.cpp — Deadline, after Linux's mq-deadline.
//
// Reads and writes wait apart, each direction twice over: in a queue sorted by position (kernsim
// sorts by cylinder, which is LBA order up to the order within a cylinder) and in a FIFO by
// arrival, where each request carries a deadline, its arrival plus read_expire or write_expire.
// Requests go out in BATCHES of one direction, in increasing position, up to fifo_batch of them;
// deadlines are looked at only between batches. To start a batch:
//   - reads are preferred (a process usually waits for its reads, rarely for its writes), but
//     after writes_starved read batches chosen while writes waited, a write batch comes;
//   - within the chosen direction, if the oldest request's deadline has passed (or nothing lies
//     ahead of the head in position order), the batch starts at that oldest request; otherwise it
//     goes on from the head's position upward.
// Deadlines are soft: an expired request waits for the current batch to end. Simplifications:
// Linux resumes a direction from where that direction's last batch stopped, kernsim from the
// head's position; there is no request merging and no priority classes. Times are ticks (the
// defaults, 500,000 and 5,000,000, are Linux's 500 ms and 5 s on the disk model's µs ticks).
#include <deque>
#include <memory>

#include "kernel/blk/sched/cylinder_queue.h"
#include "sim-core/error.h"

namespace ks {
namespace {

class DeadlineDiskScheduler final : public DiskScheduler {
 public:
  DeadlineDiskScheduler(Tick read_expire, Tick write_expire, std::int64_t fifo_batch, std::int64_t writes_starved)
      : expire_{read_expire, write_expire}, fifo_batch_(fifo_batch), writes_starved_(writes_starved) {}
  std::string_view name() const override { return "deadline"; }
  void add(const DiskRequest& request) override {
    const int d = request.write ? 1 : 0;
    sorted_[d].add(request);
    fifo_[d].push_back({request.cylinder, request.id, request.arrival});
  }
  std::size_t pending() const override { return sorted_[0].size() + sorted_[1].size(); }
  DiskChoice next_request(const HeadPosition& head) override {
    int d = batch_direction_;
    std::optional<CylinderQueue::Position> next;
    if (d >= 0 && batching_ < fifo_batch_) next = sorted_[d].at_or_above(head.cylinder);
    if (!next) {
      d = choose_direction();
      const Waiting oldest = oldest_waiting(d);
      next = sorted_[d].at_or_above(head.cylinder);
      if (oldest.arrival + expire_[d] <= head.now || !next) next = sorted_[d].at(oldest.cylinder);
      batching_ = 0;
      batch_direction_ = d;
    }
    const DiskRequest request = sorted_[d].take(*next);
    ++batching_;
    HeadDirection direction = head.direction;
    if (request.cylinder > head.cylinder) direction = HeadDirection::Up;
    if (request.cylinder < head.cylinder) direction = HeadDirection::Down;
    return {request.id, direction, std::nullopt, std::nullopt};
  }
  DiskSchedulerView view() const override {
    DiskSchedulerView view;
    view.order_name = "reads then writes, each by cylinder";
    for (const CylinderQueue& queue : sorted_) {
      for (const std::uint64_t id : queue.ids()) view.order.push_back(id);
    }
    view.values = {{"batch (0 read, 1 write, -1 none)", batch_direction_},
                   {"in batch", batching_},
                   {"read batches while writes waited", starved_}};
    return view;
  }

 private:
  // A FIFO entry: which request, where, since when. Entries of requests already served from the
  // sorted queue are dropped when they reach the front: the oldest waiting request of a direction
  // is always first on its cylinder (a cylinder's requests keep their order of arrival), so a front
  // entry whose request is not first on its cylinder has been served.
  struct Waiting {
    std::uint32_t cylinder;
    std::uint64_t id;
    Tick arrival;
  };
  Waiting oldest_waiting(int d) {
    for (;;) {
      KS_ASSERT(!fifo_[d].empty(), "a direction chosen for a batch has a waiting request");
      const Waiting& front = fifo_[d].front();
      const auto bucket = sorted_[d].at(front.cylinder);
      if (bucket && CylinderQueue::front(*bucket).id == front.id) return front;
      fifo_[d].pop_front();
    }
  }
  int choose_direction() {
    const bool reads = !sorted_[0].empty();
    const bool writes = !sorted_[1].empty();
    if (reads && (!writes || starved_ < writes_starved_)) {
      if (writes) ++starved_;
      return 0;
    }
    starved_ = 0;
    return 1;
  }

  Tick expire_[2];
  std::int64_t fifo_batch_;
  std::int64_t writes_starved_;
  CylinderQueue sorted_[2];      // [0] reads, [1] writes: by position
  std::deque<Waiting> fifo_[2];  // the same requests, by arrival
  int batch_direction_ = -1;
  std::int64_t batching_ = 0;
  std::int64_t starved_ = 0;
};

}  // namespace

// registry: disk_scheduler 80
DiskSchedulerInfo deadline_disk_scheduler() {
  return {
      "deadline",
      "mq-deadline: read and write FIFOs with expiry, batches in position order, reads first",
      {{"read_expire", ParamType::Integer, "500000", "ticks a read may wait before it is served first", 1, 100'000'000},
       {"write_expire", ParamType::Integer, "5000000", "ticks a write may wait before it is served first", 1,
        100'000'000},
       {"fifo_batch", ParamType::Integer, "16", "requests of one direction in a batch", 1, 1'000'000},
       {"writes_starved", ParamType::Integer, "2", "read batches before a waiting write gets one", 1, 1'000'000}},
      [](const PolicyParams& params, const DiskSchedulerContext& /*context*/) {
        return std::make_unique<DeadlineDiskScheduler>(params.integer("read_expire"), params.integer("write_expire"),
                                                       params.integer("fifo_batch"), params.integer("writes_starved"));
      }};
}

}  // namespace ks
