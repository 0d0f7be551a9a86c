// kernel/sched/fifo_queue.h — a first-in, first-out queue of ready threads that respects CPU
// affinity: pick() takes the oldest thread allowed on the asking CPU. FIFO, Round Robin and
// each level of MLFQ are built on it.
#pragma once

#include <deque>
#include <string>

#include "kernel/sched/scheduler.h"

namespace ks {

class FifoQueue {
 public:
  void push(Tid tid) { queue_.push_back(tid); }
  void push_front(Tid tid) { queue_.push_front(tid); }
  bool empty() const { return queue_.empty(); }
  std::size_t size() const { return queue_.size(); }
  Tid front() const { return queue_.empty() ? kNoTid : queue_.front(); }

  // Removes and returns the oldest thread that may run on CPU, or kNoTid.
  Tid pick(CpuId cpu, const SchedulerContext& context) {
    if (!queue_.empty() && context.thread(queue_.front()).may_run_on(cpu)) {
      const Tid tid = queue_.front();
      queue_.pop_front();
      return tid;
    }
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (context.thread(*it).may_run_on(cpu)) {
        const Tid tid = *it;
        queue_.erase(it);
        return tid;
      }
    }
    return kNoTid;
  }

  bool remove(Tid tid) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (*it == tid) {
        queue_.erase(it);
        return true;
      }
    }
    return false;
  }

  QueueView view(std::string name) const {
    QueueView view{std::move(name), "", {}};
    for (const Tid tid : queue_) view.entries.push_back({tid, 0});
    return view;
  }

  const std::deque<Tid>& items() const { return queue_; }

 private:
  std::deque<Tid> queue_;
};

}  // namespace ks
