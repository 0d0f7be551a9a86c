// kernel/sched/fifo.cpp — First In, First Out (first-come, first-served).
//
// Threads run in the order they became ready, each until it blocks or exits: no time slice,
// no preemption. Simple and fair in order, but one long job makes every short job behind it
// wait (the convoy effect, OSTEP chapter 7).
#include <utility>

#include "kernel/sched/fifo_queue.h"
#include "kernel/sched/registry.h"

namespace ks {
namespace {

class FifoScheduler final : public Scheduler {
 public:
  explicit FifoScheduler(SchedulerContext context) : context_(std::move(context)) {}
  std::string_view name() const override { return "fifo"; }
  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override { ready_.push(thread.tid); }
  Tid pick_next(CpuId cpu, Tick /*now*/) override { return ready_.pick(cpu, context_); }
  std::size_t ready_count() const override { return ready_.size(); }
  SchedulerView view() const override { return {{ready_.view("ready")}, {}}; }

 private:
  SchedulerContext context_;
  FifoQueue ready_;
};

}  // namespace

// registry: scheduler 10
PolicyInfo fifo_policy() {
  return {
      "fifo",
      "first in, first out: run each job until it blocks or exits, in arrival order",
      {},
      [](const PolicyParams&, const SchedulerContext& context) { return std::make_unique<FifoScheduler>(context); }};
}

}  // namespace ks
