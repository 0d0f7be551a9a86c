// kernel/sched/lottery.cpp — Lottery scheduling (Waldspurger and Weihl, 1994; OSTEP 9.1-9.5).
//
// Proportional share by chance. Each thread holds tickets (thread.tickets); at every decision
// the scheduler draws a winning ticket uniformly among the tickets of the ready threads that may
// run on the asking CPU, and the holder runs for one quantum. A thread with twice the tickets
// wins twice as often on average, needs no per-thread history, and a newcomer is handled
// naturally. The cost is variance: over short runs the shares can be far from the ticket
// ratios (OSTEP Figure 9.2: two equal jobs finish at unequal times), which stride scheduling
// (stride.cpp) removes.
//
// Determinism: every draw comes from the RandomStream named "lottery" seeded with the run's seed;
// the winner is found by walking the ready threads in tid order, counting tickets, exactly as in
// OSTEP Figure 9.1. One draw per decision with at least one candidate.
//
// Not modelled: ticket currencies (every process has one thread here, so a process currency
// would be the thread's own tickets) and ticket transfer (lending tickets to the thread one
// waits for, e.g. a server): the burst model has no such dependency between threads.
#include <algorithm>
#include <set>
#include <vector>

#include "kernel/sched/registry.h"
#include "sim-core/random.h"

namespace ks {
namespace {

class LotteryScheduler final : public Scheduler {
 public:
  LotteryScheduler(const SchedulerContext& context, Tick quantum)
      : context_(context), quantum_(quantum), random_("lottery", context.seed) {}
  std::string_view name() const override { return "lottery"; }
  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override { ready_.insert(thread.tid); }

  Tid pick_next(CpuId cpu, Tick /*now*/) override {
    std::int64_t total = 0;
    for (const Tid tid : ready_) total += tickets_on(tid, cpu);
    if (total == 0) return kNoTid;
    std::int64_t winner = random_.uniform(0, total - 1);
    ++draws_;
    for (auto it = ready_.begin(); it != ready_.end(); ++it) {
      winner -= tickets_on(*it, cpu);
      if (winner < 0) {
        const Tid tid = *it;
        ready_.erase(it);
        return tid;
      }
    }
    return kNoTid;  // unreachable: the winning ticket is held by someone
  }

  Tick time_slice(const Thread& /*thread*/, CpuId /*cpu*/, Tick /*now*/) override { return quantum_; }
  std::size_t ready_count() const override { return ready_.size(); }

  // The ready threads in the order the draw walks them, with their tickets (the odds of the next
  // draw are each value over the total).
  SchedulerView view() const override {
    QueueView queue{"ready (draw order)", "tickets", {}};
    std::int64_t total = 0;
    for (const Tid tid : ready_) {
      const std::int64_t tickets = context_.thread(tid).tickets;
      queue.entries.push_back({tid, tickets});
      total += tickets;
    }
    return {{std::move(queue)}, {{"total tickets", total}, {"draws", draws_}, {"quantum", quantum_}}};
  }

 private:
  std::int64_t tickets_on(Tid tid, CpuId cpu) const {
    const Thread& thread = context_.thread(tid);
    return thread.may_run_on(cpu) ? std::max<std::int64_t>(1, thread.tickets) : 0;  // nobody is invisible
  }

  SchedulerContext context_;
  Tick quantum_;
  RandomStream random_;
  std::set<Tid> ready_;  // tid order: the walk is deterministic
  std::int64_t draws_ = 0;
};

}  // namespace

// registry: scheduler 90
PolicyInfo lottery_policy() {
  return {"lottery",
          "lottery: proportional share by chance, each quantum goes to a randomly drawn ticket",
          {{"quantum", ParamType::Integer, "1", "ticks the winner runs before the next draw", 1, kMaxParamTicks}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            return std::make_unique<LotteryScheduler>(context, params.integer("quantum"));
          }};
}

}  // namespace ks
