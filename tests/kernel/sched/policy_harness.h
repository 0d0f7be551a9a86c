// tests/kernel/sched/policy_harness.h — drives one scheduling policy directly through the
// Scheduler interface, without a kernel: the test owns the thread table and calls enqueue,
// pick_next, should_preempt and on_stop itself, as the kernel would.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kernel/sched/registry.h"
#include "sim-core/error.h"

namespace ks::test {

class PolicyHarness {
 public:
  // POLICY with PARAMS ("key" -> value as the user would write it) on CPUS CPUs.
  PolicyHarness(const std::string& policy, const std::map<std::string, std::string>& params = {}, int cpus = 1,
                std::uint64_t seed = 1)
      : threads_(1) {
    const PolicyInfo* info = find_policy(policy);
    KS_ASSERT(info != nullptr, "the harness is given a registered policy");
    PolicyParams values = default_params(*info);
    for (const auto& [key, text] : params) {
      for (const ParamSpec& spec : info->params) {
        if (spec.name != key) continue;
        std::string problem;
        const auto value = parse_param(spec, text, problem);
        KS_ASSERT(value.has_value(), "the harness is given valid parameter values");
        values.set(key, *value);
      }
    }
    SchedulerContext context;
    context.cpus = cpus;
    context.seed = seed;
    context.thread = [this](Tid tid) -> const Thread& { return threads_[tid]; };
    context.cpu_speed = [](CpuId) { return kSpeedOne; };
    scheduler_ = info->make(values, context);
  }
  PolicyHarness(const PolicyHarness&) = delete;
  PolicyHarness& operator=(const PolicyHarness&) = delete;

  // A new thread (not yet enqueued); returns its tid. Burst lengths are given in ticks.
  Tid add(Tick remaining_ticks = 10) {
    Thread thread;
    thread.tid = static_cast<Tid>(threads_.size());
    thread.pid = thread.tid;
    thread.remaining_burst = remaining_ticks * kWorkPerTick;
    threads_.push_back(thread);
    return thread.tid;
  }
  Thread& thread(Tid tid) { return threads_[tid]; }
  Scheduler& scheduler() { return *scheduler_; }

  // As the kernel's make_ready: state, ready_since, then enqueue.
  void ready(Tid tid, Tick now, EnqueueReason why = EnqueueReason::Arrival) {
    threads_[tid].state = ProcessState::Ready;
    threads_[tid].ready_since = now;
    scheduler_->enqueue(threads_[tid], why, now);
  }
  // As the kernel's dispatch: pick, ask the slice, on_dispatch. Returns the tid (or kNoTid).
  Tid dispatch(CpuId cpu, Tick now, Tick* slice = nullptr) {
    const Tid tid = scheduler_->pick_next(cpu, now);
    if (tid == kNoTid) return tid;
    const Tick length = scheduler_->time_slice(threads_[tid], cpu, now);
    if (slice != nullptr) *slice = length;
    threads_[tid].state = ProcessState::Running;
    threads_[tid].cpu = cpu;
    scheduler_->on_dispatch(threads_[tid], cpu, now);
    return tid;
  }
  // As the kernel when TID, running on CPU, stops after RAN ticks for WHY.
  void stop(Tid tid, CpuId cpu, Tick ran, StopKind why, Tick now) {
    Thread& thread = threads_[tid];
    if (thread.remaining_burst != kUnknownCycles) thread.remaining_burst -= ran * kWorkPerTick;
    scheduler_->on_stop(thread, cpu, ran, why, now);
    if (why == StopKind::Exited) scheduler_->on_exit(thread, now);
  }

  std::vector<Tid> order(std::size_t queue = 0) const {
    std::vector<Tid> tids;
    const SchedulerView view = scheduler_->view();  // a named copy: the loop must not outlive it
    for (const auto& entry : view.queues.at(queue).entries) tids.push_back(entry.tid);
    return tids;
  }

 private:
  std::vector<Thread> threads_;  // indexed by tid; slot 0 unused
  std::unique_ptr<Scheduler> scheduler_;
};

}  // namespace ks::test
