// kernel/sched/realtime.h — what the real-time policies EDF (edf.cpp) and RMS (rms.cpp) share:
// a preemptive scheduler that always runs the ready thread with the smallest key, ties by tid.
// The key is read from the thread table at every decision (not frozen at enqueue), because the
// kernel updates a periodic task's absolute deadline at each release.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "kernel/sched/scheduler.h"

namespace ks {

class SmallestKeyScheduler final : public Scheduler {
 public:
  // A plain function (edf's and rms's keys are one-line lambdas that capture nothing): it is
  // called for every ready thread at every decision, and a std::function costs more per call.
  using KeyFunction = std::int64_t (*)(const Thread&);
  SmallestKeyScheduler(SchedulerContext context, std::string name, std::string value_label, KeyFunction key)
      : context_(std::move(context)), name_(std::move(name)), value_label_(std::move(value_label)), key_(key) {}
  std::string_view name() const override { return name_; }
  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override { ready_.insert(thread.tid); }

  Tid pick_next(CpuId cpu, Tick /*now*/) override {
    const Tid best = best_for(cpu).tid;
    if (best != kNoTid) ready_.erase(best);
    return best;
  }

  // Preempts for a ready thread with a strictly smaller key: equal keys do not switch.
  bool should_preempt(const Thread& running, CpuId cpu, Tick /*now*/) override {
    const Candidate best = best_for(cpu);
    return best.tid != kNoTid && best.key < key_(running);
  }

  std::size_t ready_count() const override { return ready_.size(); }

  SchedulerView view() const override {
    std::set<std::pair<std::int64_t, Tid>> order;
    for (const Tid tid : ready_) order.insert({key_(context_.thread(tid)), tid});
    QueueView queue{"ready", value_label_, {}};
    for (const auto& [key, tid] : order) queue.entries.push_back({tid, key});
    return {{std::move(queue)}, {}};
  }

 private:
  struct Candidate {
    Tid tid = kNoTid;
    std::int64_t key = 0;
  };
  // The ready thread with the smallest key among those that may run on CPU, with its key (so
  // that should_preempt need not look it up again); tid kNoTid if there is none.
  Candidate best_for(CpuId cpu) const {
    Candidate best;
    for (const Tid tid : ready_) {  // tid order: the first of equal keys is the lowest tid
      const Thread& thread = context_.thread(tid);
      if (!thread.may_run_on(cpu)) continue;
      const std::int64_t key = key_(thread);
      if (best.tid == kNoTid || key < best.key) best = {tid, key};
    }
    return best;
  }

  SchedulerContext context_;
  std::string name_;
  std::string value_label_;
  KeyFunction key_;
  std::set<Tid> ready_;
};

}  // namespace ks
