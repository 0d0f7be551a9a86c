// kernel/sched/rr.cpp — Round Robin.
//
// FIFO with a time slice: a thread runs for at most one quantum, then goes to the back of the
// ready queue. Response time is short; turnaround suffers for equal-length jobs (OSTEP 7.6).
// A thread that blocks before its quantum ends gets a fresh quantum when it next runs.
#include <utility>

#include "kernel/sched/fifo_queue.h"
#include "kernel/sched/registry.h"

namespace ks {
namespace {

class RoundRobinScheduler final : public Scheduler {
 public:
  RoundRobinScheduler(SchedulerContext context, Tick quantum) : context_(std::move(context)), quantum_(quantum) {}
  std::string_view name() const override { return "rr"; }
  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override { ready_.push(thread.tid); }
  Tid pick_next(CpuId cpu, Tick /*now*/) override { return ready_.pick(cpu, context_); }
  Tick time_slice(const Thread& /*thread*/, CpuId /*cpu*/, Tick /*now*/) override { return quantum_; }
  std::size_t ready_count() const override { return ready_.size(); }
  SchedulerView view() const override { return {{ready_.view("ready")}, {{"quantum", quantum_}}}; }

 private:
  SchedulerContext context_;
  Tick quantum_;
  FifoQueue ready_;
};

}  // namespace

// registry: scheduler 20
PolicyInfo rr_policy() {
  return {"rr",
          "round robin: FIFO order, but each run lasts at most one quantum",
          {{"quantum", ParamType::Integer, "4", "ticks a thread may run before it goes to the back of the queue", 1,
            kMaxParamTicks}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            return std::make_unique<RoundRobinScheduler>(context, params.integer("quantum"));
          }};
}

}  // namespace ks
