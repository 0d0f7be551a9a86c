#include "kernel/sched/per_cpu.h"

#include <algorithm>

#include "sim-core/error.h"
#include "sim-core/random.h"

namespace ks {
namespace {

class PerCpuScheduler final : public Scheduler {
 public:
  PerCpuScheduler(const PolicyInfo& policy, const PolicyParams& params, const SchedulerContext& context,
                  const PerCpuOptions& options)
      : context_(context), options_(options), name_(policy.name + " (per-CPU queues)") {
    for (int cpu = 0; cpu < context.cpus; ++cpu) {
      // Each queue's policy gets its own seed, so that random policies do not draw in lockstep.
      SchedulerContext own = context;
      std::uint64_t mix = context.seed + static_cast<std::uint64_t>(cpu);
      own.seed = splitmix64(mix);
      queues_.push_back(policy.make(params, own));
      next_inner_periodic_.push_back(queues_.back()->next_periodic(0));
    }
    running_on_.assign(static_cast<std::size_t>(context.cpus), false);
  }

  std::string_view name() const override { return name_; }

  void enqueue(Thread& thread, EnqueueReason why, Tick now) override {
    CpuId home = thread.cpu;
    if (home == kNoCpu || !thread.may_run_on(home)) home = least_loaded(thread);
    runner_queue(thread.tid) = home;
    queues_[home]->enqueue(thread, why, now);
  }

  Tid pick_next(CpuId cpu, Tick now) override {
    CpuId from = cpu;
    Tid next = queues_[cpu]->pick_next(cpu, now);
    if (next == kNoTid && options_.idle_stealing) next = steal(cpu, now, from);
    if (next != kNoTid) runner_queue(next) = from;
    return next;
  }

  Tick time_slice(const Thread& thread, CpuId cpu, Tick now) override {
    return queues_[runner_queue(thread.tid)]->time_slice(thread, cpu, now);
  }
  bool should_preempt(const Thread& running, CpuId cpu, Tick now) override {
    return queues_[cpu]->ready_count() > 0 && queues_[runner_queue(running.tid)]->should_preempt(running, cpu, now);
  }
  void on_dispatch(Thread& thread, CpuId cpu, Tick now) override {
    running_on_[cpu] = true;
    queues_[runner_queue(thread.tid)]->on_dispatch(thread, cpu, now);
  }
  void on_stop(Thread& thread, CpuId cpu, Tick ran, StopKind why, Tick now) override {
    running_on_[cpu] = false;
    queues_[runner_queue(thread.tid)]->on_stop(thread, cpu, ran, why, now);
  }
  void on_exit(Thread& thread, Tick now) override { queues_[runner_queue(thread.tid)]->on_exit(thread, now); }

  Tick next_periodic(Tick now) const override {
    Tick next =
        options_.balance_interval > 0 ? (now / options_.balance_interval + 1) * options_.balance_interval : kNever;
    for (const Tick inner : next_inner_periodic_) next = std::min(next, inner);
    return next;
  }
  void on_periodic(Tick now) override {
    for (std::size_t cpu = 0; cpu < queues_.size(); ++cpu) {
      if (next_inner_periodic_[cpu] > now) continue;
      queues_[cpu]->on_periodic(now);
      next_inner_periodic_[cpu] = queues_[cpu]->next_periodic(now);
    }
    if (options_.balance_interval > 0 && now % options_.balance_interval == 0) balance(now);
  }

  std::size_t ready_count() const override {
    std::size_t total = 0;
    for (const auto& queue : queues_) total += queue->ready_count();
    return total;
  }

  SchedulerView view() const override {
    SchedulerView all;
    for (std::size_t cpu = 0; cpu < queues_.size(); ++cpu) {
      SchedulerView one = queues_[cpu]->view();
      for (QueueView& queue : one.queues) {
        queue.name = "CPU " + std::to_string(cpu) + ": " + queue.name;
        all.queues.push_back(std::move(queue));
      }
      for (auto& [key, value] : one.values) all.values.emplace_back("CPU " + std::to_string(cpu) + ": " + key, value);
    }
    return all;
  }

 private:
  std::size_t load(CpuId cpu) const { return queues_[cpu]->ready_count() + (running_on_[cpu] ? 1 : 0); }

  CpuId least_loaded(const Thread& thread) const {
    CpuId best = kNoCpu;
    for (CpuId cpu = 0; cpu < static_cast<CpuId>(queues_.size()); ++cpu) {
      if (thread.may_run_on(cpu) && (best == kNoCpu || load(cpu) < load(best))) best = cpu;
    }
    KS_ASSERT(best != kNoCpu, "every thread may run on at least one CPU");
    return best;
  }

  // The next thread of the most loaded other queue that may run on THIEF; FROM is set to it.
  Tid steal(CpuId thief, Tick now, CpuId& from) {
    std::vector<CpuId> victims;
    for (CpuId cpu = 0; cpu < static_cast<CpuId>(queues_.size()); ++cpu) {
      if (cpu != thief && queues_[cpu]->ready_count() > 0) victims.push_back(cpu);
    }
    std::stable_sort(victims.begin(), victims.end(), [this](CpuId a, CpuId b) { return load(a) > load(b); });
    for (const CpuId victim : victims) {
      const Tid tid = queues_[victim]->pick_next(thief, now);
      if (tid != kNoTid) {
        from = victim;
        return tid;
      }
    }
    return kNoTid;
  }

  void balance(Tick now) {
    for (std::size_t moves = 0; moves < 4 * queues_.size(); ++moves) {
      CpuId busiest = 0, idlest = 0;
      for (CpuId cpu = 1; cpu < static_cast<CpuId>(queues_.size()); ++cpu) {
        if (load(cpu) > load(busiest)) busiest = cpu;
        if (load(cpu) < load(idlest)) idlest = cpu;
      }
      if (load(busiest) <= load(idlest) + 1 || queues_[busiest]->ready_count() == 0) return;
      const Tid tid = queues_[busiest]->pick_next(idlest, now);
      if (tid == kNoTid) return;
      runner_queue(tid) = idlest;
      queues_[idlest]->enqueue(context_.mutable_thread(tid), EnqueueReason::Migrated, now);
    }
  }

  // The queue whose policy handles TID's current run (its home, or the queue it was stolen from).
  CpuId& runner_queue(Tid tid) {
    if (tid >= runner_.size()) runner_.resize(tid + 1u, 0);
    return runner_[tid];
  }

  SchedulerContext context_;
  PerCpuOptions options_;
  std::string name_;
  std::vector<std::unique_ptr<Scheduler>> queues_;
  std::vector<bool> running_on_;
  std::vector<CpuId> runner_;
  std::vector<Tick> next_inner_periodic_;
};

}  // namespace

std::unique_ptr<Scheduler> make_per_cpu_scheduler(const PolicyInfo& policy, const PolicyParams& params,
                                                  const SchedulerContext& context, const PerCpuOptions& options) {
  return std::make_unique<PerCpuScheduler>(policy, params, context, options);
}

}  // namespace ks
