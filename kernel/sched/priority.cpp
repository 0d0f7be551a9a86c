// kernel/sched/priority.cpp — Priority scheduling, optionally preemptive, optionally with aging.
//
// Every thread carries a priority (thread.priority; a LOWER number is MORE important, as in
// Silberschatz 5.3.4). The free CPU runs the most important ready thread; equal priorities run
// first come, first served. With "preemptive", a thread that becomes ready preempts a running
// thread of strictly lower importance. The cost of fixed priorities is starvation: a stream of
// important jobs keeps an unimportant one waiting forever. Aging is the classic cure: every
// "aging" ticks spent waiting in the ready queue count as one level more important, so any
// waiting thread eventually wins. The boost is measured from thread.ready_since, so it is lost
// once the thread runs (a running thread competes with its own priority).
//
// With aging the effective priorities change with time, so pick_next scans the ready queue
// (linear in its length); without aging the queue is kept sorted.
#include <algorithm>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "kernel/sched/registry.h"

namespace ks {
namespace {

class PriorityScheduler final : public Scheduler {
 public:
  PriorityScheduler(SchedulerContext context, bool preemptive, Tick aging)
      : context_(std::move(context)), preemptive_(preemptive), aging_(aging) {}
  std::string_view name() const override { return "priority"; }

  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override {
    ready_.insert({thread.priority, next_sequence_++, thread.tid});
  }

  Tid pick_next(CpuId cpu, Tick now) override {
    const auto best = best_for(cpu, now);
    if (best == ready_.end()) return kNoTid;
    const Tid tid = std::get<2>(*best);
    ready_.erase(best);
    return tid;
  }

  bool should_preempt(const Thread& running, CpuId cpu, Tick now) override {
    if (!preemptive_) return false;
    const auto best = best_for(cpu, now);
    return best != ready_.end() && effective(*best, now) < running.priority;
  }

  std::size_t ready_count() const override { return ready_.size(); }

  SchedulerView view() const override {
    QueueView queue{"ready", aging_ > 0 ? "effective priority (at last decision)" : "priority", {}};
    std::vector<std::pair<std::int64_t, Entry>> order;  // (effective priority, entry): stable in queue order
    for (const Entry& entry : ready_) order.emplace_back(effective(entry, last_now_), entry);
    std::stable_sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [priority, entry] : order) queue.entries.push_back({std::get<2>(entry), priority});
    return {{std::move(queue)}, {{"aging", aging_}}};
  }

 private:
  // (base priority, enqueue sequence, tid): FIFO within a priority.
  using Entry = std::tuple<std::int32_t, std::uint64_t, Tid>;

  std::int64_t effective(const Entry& entry, Tick now) const {
    const std::int64_t base = std::get<0>(entry);
    if (aging_ == 0) return base;
    return base - (now - context_.thread(std::get<2>(entry)).ready_since) / aging_;
  }

  // The most important entry CPU may run at NOW; earliest enqueued among equals.
  std::set<Entry>::iterator best_for(CpuId cpu, Tick now) {
    last_now_ = now;
    auto best = ready_.end();
    std::int64_t best_priority = 0;
    std::uint64_t best_sequence = 0;
    for (auto it = ready_.begin(); it != ready_.end(); ++it) {
      if (!context_.thread(std::get<2>(*it)).may_run_on(cpu)) continue;
      const std::int64_t priority = effective(*it, now);
      if (best == ready_.end() || priority < best_priority ||
          (priority == best_priority && std::get<1>(*it) < best_sequence)) {
        best = it;
        best_priority = priority;
        best_sequence = std::get<1>(*it);
      }
      if (aging_ == 0) break;  // sorted: the first allowed entry is the best
    }
    return best;
  }

  SchedulerContext context_;
  bool preemptive_;
  Tick aging_;
  std::set<Entry> ready_;
  std::uint64_t next_sequence_ = 0;
  Tick last_now_ = 0;
};

}  // namespace

// registry: scheduler 50
PolicyInfo priority_policy() {
  return {"priority",
          "priority: run the most important thread (lowest number); optional preemption and aging",
          {{"preemptive", ParamType::Boolean, "false",
            "a more important thread that becomes ready preempts the running one"},
           {"aging", ParamType::Integer, "0",
            "ticks of waiting that make a thread one level more important (0 = no aging)", 0, kMaxParamTicks}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            return std::make_unique<PriorityScheduler>(context, params.flag("preemptive"), params.integer("aging"));
          }};
}

}  // namespace ks
