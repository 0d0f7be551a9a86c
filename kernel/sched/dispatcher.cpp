// The dispatcher (design: dispatcher.h). Every change of what a CPU runs goes through
// dispatch(), stop_running() and preempt() here, each reported to the trace in the same order, so
// the trace shows every context switch exactly as the kernel made it.
#include "kernel/sched/dispatcher.h"

#include <algorithm>

#include "kernel/event_args.h"
#include "kernel/exec/burst_executor.h"
#include "kernel/exec/user_executor.h"
#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/sync/wait.h"
#include "kernel/tick_phases.h"
#include "sim-core/error.h"

namespace ks {
Dispatcher::Dispatcher(Kernel& kernel, const PolicyInfo& policy, const PolicyParams& params)
    : kernel_(kernel),
      machine_(kernel.machine_),
      bursts_(*kernel.bursts_),
      cpus_(static_cast<std::size_t>(kernel.machine_.cpu_count())) {
  Machine& machine = kernel.machine_;
  SchedulerContext context;
  context.cpus = machine.cpu_count();
  context.seed = kernel.config_.seed;
  ProcessTable& table = *kernel.table_;
  context.thread = [&table](Tid tid) -> const Thread& { return table.thread(tid); };
  context.mutable_thread = [&table](Tid tid) -> Thread& { return table.thread(tid); };
  context.cpu_speed = [&machine](CpuId cpu) { return machine.cpu_speed(cpu); };
  scheduler_ = kernel.config_.per_cpu_queues && machine.cpu_count() > 1
                   ? make_per_cpu_scheduler(policy, params, context, kernel.config_.per_cpu)
                   : policy.make(params, context);
}

void Dispatcher::start() { schedule_periodic(); }

void Dispatcher::make_ready(Thread& thread, EnqueueReason why, CpuId from_cpu) {
  const Tick now = kernel_.machine_.now();
  set_state(thread, ProcessState::Ready, from_cpu);
  thread.ready_since = now;
  thread.remaining_burst = executor(thread).remaining(thread);
  scheduler_->enqueue(thread, why, now);
  enqueued_since_decision_ = true;
  request_decision();
}

void Dispatcher::dispatch(CpuId cpu, Tid tid) {
  Machine& machine = kernel_.machine_;
  Thread& thread = kernel_.table_->thread(tid);
  Cpu& state = cpus_[cpu];
  KS_ASSERT(thread.state == ProcessState::Ready, "only a ready thread is dispatched");
  KS_ASSERT(thread.may_run_on(cpu), "a thread runs only on CPUs its affinity allows");
  const Tick now = machine.now();
  Tick switch_cost = kernel_.config_.context_switch_cost;
  if (thread.cpu != kNoCpu && thread.cpu != cpu) {
    kernel_.emit(EventKind::Migrated, cpu, &thread, thread.cpu, cpu);
    switch_cost += kernel_.config_.migration_cost;
  }
  const Tick slice = scheduler_->time_slice(thread, cpu, now);
  KS_ASSERT(slice > 0, "a time slice is positive (or kNever)");
  Executor& runner = executor(thread);
  state.running = tid;
  state.run_start = now + switch_cost;
  state.remaining_at_start = runner.remaining(thread);
  state.idle_reported = false;
  state.preempt_requested = false;
  ++state.generation;
  kernel_.emit(EventKind::Dispatched, cpu, &thread, slice, switch_cost);
  set_state(thread, ProcessState::Running, cpu);
  thread.cpu = cpu;
  thread.run_start = state.run_start;
  scheduler_->on_dispatch(thread, cpu, now);
  runner.start(cpu, thread, slice);
}

StopInfo Dispatcher::stop_running(CpuId cpu) {
  Machine& machine = kernel_.machine_;
  Cpu& state = cpus_[cpu];
  Thread& thread = kernel_.table_->thread(state.running);
  const Tick ran = std::max<Tick>(0, machine.now() - state.run_start);
  StopInfo stop = executor(thread).charge(cpu, thread, ran);
  thread.burst_ran += ran;
  stop.used = ran;  // from here on: ticks, not cycles
  state.running = kNoTid;
  ++state.generation;
  if (machine.timer().deadline(cpu) != kNever) machine.timer().cancel(cpu);
  request_decision();
  return stop;
}

void Dispatcher::preempt(CpuId cpu, PreemptReason reason) {
  Thread& thread = kernel_.table_->thread(cpus_[cpu].running);
  const StopInfo stop = stop_running(cpu);
  KS_ASSERT(stop.reason == StopReason::BudgetSpent, "a preempted burst had work left");
  kernel_.emit(EventKind::Preempted, cpu, &thread, static_cast<std::int64_t>(reason), stop.used);
  const bool expired = reason == PreemptReason::QuantumExpired;
  scheduler_->on_stop(thread, cpu, stop.used, expired ? StopKind::QuantumExpired : StopKind::Preempted,
                      kernel_.machine_.now());
  make_ready(thread, expired ? EnqueueReason::QuantumExpired : EnqueueReason::Preempted, cpu);
}

void Dispatcher::set_state(Thread& thread, ProcessState to, CpuId cpu) {
  kernel_.emit(EventKind::StateChanged, cpu, &thread, static_cast<std::int64_t>(thread.state),
               static_cast<std::int64_t>(to));
  thread.state = to;
}

void Dispatcher::schedule_run_end(CpuId cpu, Tick at) {
  kernel_.machine_.queue().schedule(at, phase::kRunEnd, *this, kRunEnd, pack_event_arg(cpus_[cpu].generation, cpu));
}

void Dispatcher::request_decision() {
  if (decision_pending_ || kernel_.finished_) return;
  decision_pending_ = true;
  kernel_.machine_.queue().at_end_of_tick(*this, kDecide);
}

void Dispatcher::on_event(std::uint32_t kind, std::uint64_t arg) {
  switch (kind) {
    case kRunEnd: {
      const auto cpu = static_cast<CpuId>(event_arg_low(arg));
      if (cpus_[cpu].generation != event_arg_high(arg) || cpus_[cpu].running == kNoTid) break;
      executor(kernel_.table_->thread(cpus_[cpu].running)).run_ended(cpu);
      break;
    }
    case kDecide: decide(); break;
    case kPeriodic:
      scheduler_->on_periodic(kernel_.machine_.now());
      schedule_periodic();
      enqueued_since_decision_ = true;
      request_decision();
      break;
    default: KS_ASSERT(false, "the dispatcher receives only its own event kinds");
  }
}

void Dispatcher::decide() {
  decision_pending_ = false;
  kernel_.waits_->check_deadlock();  // threads that blocked in this tick may have been the last ones able to run
  const Tick now = kernel_.machine_.now();
  for (CpuId cpu = 0; cpu < static_cast<CpuId>(cpus_.size()); ++cpu) {
    if (cpus_[cpu].running != kNoTid) continue;
    const Tid next = scheduler_->pick_next(cpu, now);
    if (next != kNoTid) {
      dispatch(cpu, next);
    } else if (!cpus_[cpu].idle_reported) {
      cpus_[cpu].idle_reported = true;
      kernel_.emit(EventKind::CpuIdle, cpu, nullptr, 0, 0);
    }
  }
  if (!enqueued_since_decision_) return;
  enqueued_since_decision_ = false;
  for (CpuId cpu = 0; cpu < static_cast<CpuId>(cpus_.size()); ++cpu) {
    Cpu& state = cpus_[cpu];
    if (state.running == kNoTid || scheduler_->ready_count() == 0) continue;
    Thread& running = kernel_.table_->thread(state.running);
    const bool runs_ahead = executor(running).runs_ahead();
    const Tick ran = std::max<Tick>(0, now - state.run_start);
    running.remaining_burst = runs_ahead ? kUnknownCycles : state.remaining_at_start - ran * cycles_per_tick(cpu);
    if (!scheduler_->should_preempt(running, cpu, now)) continue;
    if (runs_ahead) {  // it has executed ahead to the end of its slice: preempt it there
      state.preempt_requested = true;
      continue;
    }
    preempt(cpu, PreemptReason::HigherPriority);
    const Tid next = scheduler_->pick_next(cpu, now);
    KS_ASSERT(next != kNoTid, "a scheduler that preempts has a thread to run instead");
    dispatch(cpu, next);
  }
  enqueued_since_decision_ = false;
}

void Dispatcher::schedule_periodic() {
  const Tick now = kernel_.machine_.now();
  const Tick next = scheduler_->next_periodic(now);
  if (next != kNever) kernel_.machine_.queue().schedule(std::max(next, now), phase::kPeriodic, *this, kPeriodic, 0);
}

Executor& Dispatcher::user_executor() { return kernel_.user(); }

}  // namespace ks
