#include "kernel/kernel.h"

#include <algorithm>

#include "kernel/proc/user_machine.h"
#include "sim-core/error.h"

namespace ks {

Kernel::~Kernel() = default;

void apply_tie_rule(MachineConfig& config, TieRule rule) {
  if (rule == TieRule::ArrivalFirst) {
    config.io_phase = 1;
    config.timer_phase = 3;
  } else {
    config.timer_phase = 1;
    config.io_phase = 2;
  }
}

Kernel::Kernel(Machine& machine, const KernelConfig& config, const PolicyInfo& policy, const PolicyParams& params)
    : machine_(machine), config_(config), processes_(1), threads_(1), cpus_(machine.cpu_count()) {
  SchedulerContext context;
  context.cpus = machine.cpu_count();
  context.seed = config.seed;
  context.thread = [this](Tid tid) -> const Thread& { return threads_[tid]; };
  context.mutable_thread = [this](Tid tid) -> Thread& { return threads_[tid]; };
  context.cpu_speed = [this](CpuId cpu) { return machine_.cpu_speed(cpu); };
  scheduler_ = config.per_cpu_queues && machine.cpu_count() > 1 ? make_per_cpu_scheduler(policy, params, context, config.per_cpu)
                                                                 : policy.make(params, context);
  machine_.interrupts().attach(*this);
}

void Kernel::reserve(std::size_t count, std::size_t bursts) {
  processes_.reserve(processes_.size() + count);
  threads_.reserve(threads_.size() + count);
  arrivals_.reserve(threads_.size() + count);
  burst_model_.reserve(count, bursts);
  machine_.trace().reserve_names(count, 8);
}

Pid Kernel::add_burst_process(const BurstProcessSpec& spec) {
  KS_ASSERT(!started_, "processes are added before the run starts");
  const auto pid = static_cast<Pid>(processes_.size());
  const auto tid = static_cast<Tid>(threads_.size());
  Process process;
  process.pid = pid;
  process.name_id = machine_.trace().add_name(spec.name);
  process.main_thread = tid;
  processes_.push_back(std::move(process));

  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.context = burst_model_.add_context(spec.bursts);
  thread.priority = spec.priority;
  thread.nice = spec.nice;
  thread.tickets = spec.tickets;
  thread.affinity = spec.affinity;
  thread.arrival = spec.arrival;
  thread.period = spec.period;
  thread.relative_deadline = spec.period > 0 ? (spec.relative_deadline > 0 ? spec.relative_deadline : spec.period) : 0;
  thread.remaining_burst = burst_model_.cycles_until_stop(thread.context);
  threads_.push_back(thread);
  return pid;
}

Cycles Kernel::known_remaining(const Thread& thread) const {
  return thread.user_code ? kUnknownCycles : burst_model_.cycles_until_stop(thread.context);
}

void Kernel::start() {
  started_ = true;
  for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
    emit(EventKind::CpuOnline, cpu, nullptr, machine_.cpu_speed(cpu), machine_.is_big_core(cpu) ? 1 : 0);
    if (machine_.has_energy_model()) emit(EventKind::CpuEnergy, cpu, nullptr, machine_.busy_energy(cpu), machine_.idle_energy(cpu));
  }
  arrivals_.reserve(threads_.size() - 1);
  for (Tid tid = 1; tid < threads_.size(); ++tid) arrivals_.push_back(tid);
  std::stable_sort(arrivals_.begin(), arrivals_.end(),
                   [this](Tid x, Tid y) { return threads_[x].arrival < threads_[y].arrival; });
  if (!arrivals_.empty()) machine_.queue().schedule(threads_[arrivals_[0]].arrival, arrival_phase(), *this, kArrival, 0);
  schedule_periodic();
  if (arrivals_.empty()) finished_ = true;
}

bool Kernel::advance(Tick until, bool one_event) {
  if (!started_) start();
  if (finished_ || deadlocked_) return true;
  if (one_event) {
    machine_.queue().step(until);
  } else {
    machine_.queue().run_until(until);
  }
  return finished_ || deadlocked_;
}

RunResult Kernel::end_run(Tick end) {
  RunResult result;
  result.all_exited = finished_;
  result.deadlocked = deadlocked_;
  result.end_time = finished_ || deadlocked_ ? machine_.now() : std::max(machine_.now(), end);
  result.events_run = machine_.queue().events_run();
  if (!ended_ && machine_.trace().recording()) {
    machine_.trace().emit({result.end_time, EventKind::RunEnd, kNoCpu, kNoPid, 0, finished_ ? 1 : 0, 0});
  }
  ended_ = true;
  return result;
}

RunResult Kernel::run(Tick until) {
  advance(until);
  // A run cut short by UNTIL ends at UNTIL, even if nothing happened in its last ticks.
  return end_run(until == kNever ? machine_.now() : until);
}

void Kernel::on_event(std::uint32_t kind, std::uint64_t arg) {
  switch (kind) {
    case kArrival: {
      admit(arrivals_[next_arrival_++]);
      if (next_arrival_ < arrivals_.size()) {
        machine_.queue().schedule(threads_[arrivals_[next_arrival_]].arrival, arrival_phase(), *this, kArrival, 0);
      }
      break;
    }
    case kRunEnd: {
      const auto cpu = static_cast<CpuId>(arg & 0xffff);
      if (cpus_[cpu].generation != static_cast<std::uint32_t>(arg >> 16) || cpus_[cpu].running == kNoTid) break;
      if (threads_[cpus_[cpu].running].user_code) {
        finish_user_slice(cpu);
      } else {
        finish_run(cpu);
      }
      break;
    }
    case kDecide:
      decide();
      break;
    case kRelease:
      release_job(threads_[static_cast<Tid>(arg)], true);
      break;
    case kWakeBlocked:
      --wakes_pending_;
      wake_blocked(static_cast<Tid>(arg & 0xffffffffU), static_cast<std::uint32_t>(arg >> 32));
      check_deadlock();  // a stale wake may have been the last thing that could happen
      break;
    case kDeadline: {
      // ARG: tid in the low 32 bits, job number above. Missed if that job is not complete.
      const auto tid = static_cast<Tid>(arg & 0xffffffffU);
      const auto job = static_cast<std::uint32_t>(arg >> 32);
      if (threads_[tid].jobs_done <= job) emit(EventKind::DeadlineMiss, kNoCpu, &threads_[tid], machine_.now(), job);
      break;
    }
    case kPeriodic:
      scheduler_->on_periodic(machine_.now());
      schedule_periodic();
      enqueued_since_decision_ = true;
      request_decision();
      break;
    default:
      KS_ASSERT(false, "the kernel receives only its own event kinds");
  }
}

void Kernel::on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) {
  if (line == InterruptLine::Timer) {
    if (cpus_[cpu].running != kNoTid) preempt(cpu, PreemptReason::QuantumExpired);
    return;
  }
  // I/O completion: PAYLOAD is the tid that asked for it.
  Thread& thread = threads_[static_cast<Tid>(payload)];
  KS_ASSERT(thread.state == ProcessState::Blocked, "an I/O completion wakes a blocked thread");
  emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Io), 0);
  make_ready(thread, EnqueueReason::Wakeup);
}

void Kernel::admit(Tid tid) {
  Thread& thread = threads_[tid];
  ++live_;
  emit(EventKind::ProcessCreated, kNoCpu, &thread, static_cast<std::int64_t>(kNoPid),
       processes_[thread.pid].name_id);
  if (thread.period > 0) {
    release_job(thread, false);
  } else {
    make_ready(thread, EnqueueReason::Arrival);
  }
}

// Releases the next job of periodic THREAD (number jobs_done_): sets its deadline, watches it,
// and makes the thread ready (WOKEN: it was sleeping until this release).
void Kernel::release_job(Thread& thread, bool woken) {
  const std::uint32_t job = thread.jobs_done;
  const Tick release = thread.arrival + static_cast<Tick>(job) * thread.period;
  thread.absolute_deadline = release + thread.relative_deadline;
  // A job released late (its predecessor overran) may be due already: the miss is noticed now.
  machine_.queue().schedule(std::max(thread.absolute_deadline, machine_.now()), kPhaseDeadline, *this, kDeadline,
                            (std::uint64_t{job} << 32) | thread.tid);
  if (woken) emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), 0);
  make_ready(thread, job == 0 ? EnqueueReason::Arrival : EnqueueReason::Wakeup);
}

// A periodic task finished a job: it sleeps until its next release (or, if that release has
// already passed because the job overran, goes on at once).
void Kernel::finish_job(CpuId cpu, Thread& thread, Tick ran) {
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  ++thread.jobs_done;
  const Tick next_release = thread.arrival + static_cast<Tick>(thread.jobs_done) * thread.period;
  emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), ran);
  set_state(thread, ProcessState::Blocked, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Blocked, machine_.now());
  machine_.queue().schedule(std::max(next_release, machine_.now()), arrival_phase(), *this, kRelease, thread.tid);
}

void Kernel::make_ready(Thread& thread, EnqueueReason why, CpuId from_cpu) {
  set_state(thread, ProcessState::Ready, from_cpu);
  thread.ready_since = machine_.now();
  thread.remaining_burst = known_remaining(thread);
  scheduler_->enqueue(thread, why, machine_.now());
  enqueued_since_decision_ = true;
  request_decision();
}

void Kernel::dispatch(CpuId cpu, Tid tid) {
  Thread& thread = threads_[tid];
  CpuState& state = cpus_[cpu];
  KS_ASSERT(thread.state == ProcessState::Ready, "only a ready thread is dispatched");
  KS_ASSERT(thread.may_run_on(cpu), "a thread runs only on CPUs its affinity allows");
  const Tick now = machine_.now();
  Tick switch_cost = config_.context_switch_cost;
  if (thread.cpu != kNoCpu && thread.cpu != cpu) {
    emit(EventKind::Migrated, cpu, &thread, thread.cpu, cpu);
    switch_cost += config_.migration_cost;
  }
  const Tick slice = scheduler_->time_slice(thread, cpu, now);
  KS_ASSERT(slice > 0, "a time slice is positive (or kNever)");
  state.running = tid;
  state.run_start = now + switch_cost;
  state.remaining_at_start = known_remaining(thread);
  state.idle_reported = false;
  state.preempt_requested = false;
  ++state.generation;
  emit(EventKind::Dispatched, cpu, &thread, slice, switch_cost);
  set_state(thread, ProcessState::Running, cpu);
  thread.cpu = cpu;
  thread.run_start = state.run_start;
  scheduler_->on_dispatch(thread, cpu, now);

  if (thread.user_code) {
    // User code: the timer ends the slice; the program runs ahead in short slices meanwhile.
    if (slice != kNever) {
      machine_.timer().program(cpu, state.run_start + slice);
    } else if (machine_.timer().deadline(cpu) != kNever) {
      machine_.timer().cancel(cpu);
    }
    run_user_slice(cpu);
    return;
  }
  // One of two things ends this run first: the timer (quantum expiry) or the end of the burst.
  // Only that one is set up, so no stale event is left behind.
  const Tick natural_end = state.run_start + ceil_div(state.remaining_at_start, cycles_per_tick(cpu));
  if (slice != kNever && state.run_start + slice < natural_end) {
    machine_.timer().program(cpu, state.run_start + slice);
  } else {
    if (machine_.timer().deadline(cpu) != kNever) machine_.timer().cancel(cpu);
    machine_.queue().schedule(natural_end, kPhaseRunEnd, *this, kRunEnd, run_end_arg(cpu, state.generation));
  }
}

// Charges the time CPU's thread has run since its dispatch to the CPU model and frees the CPU.
StopInfo Kernel::stop_running(CpuId cpu) {
  CpuState& state = cpus_[cpu];
  Thread& thread = threads_[state.running];
  const Tick ran = std::max<Tick>(0, machine_.now() - state.run_start);
  // User code already executed its slice (run_user_slice); a burst is charged now.
  StopInfo stop = thread.user_code ? StopInfo{} : burst_model_.run(cpu, thread.context, ran * cycles_per_tick(cpu));
  thread.burst_ran += ran;
  stop.used = ran;  // from here on: ticks, not cycles
  state.running = kNoTid;
  ++state.generation;
  if (machine_.timer().deadline(cpu) != kNever) machine_.timer().cancel(cpu);
  request_decision();
  return stop;
}

void Kernel::preempt(CpuId cpu, PreemptReason reason) {
  Thread& thread = threads_[cpus_[cpu].running];
  const StopInfo stop = stop_running(cpu);
  KS_ASSERT(stop.reason == StopReason::BudgetSpent, "a preempted burst had work left");
  emit(EventKind::Preempted, cpu, &thread, static_cast<std::int64_t>(reason), stop.used);
  const bool expired = reason == PreemptReason::QuantumExpired;
  scheduler_->on_stop(thread, cpu, stop.used, expired ? StopKind::QuantumExpired : StopKind::Preempted, machine_.now());
  make_ready(thread, expired ? EnqueueReason::QuantumExpired : EnqueueReason::Preempted, cpu);
}

void Kernel::finish_run(CpuId cpu) {
  Thread& thread = threads_[cpus_[cpu].running];
  const StopInfo stop = stop_running(cpu);
  switch (stop.reason) {
    case StopReason::IoRequest:
      if (thread.period > 0) {
        finish_job(cpu, thread, stop.used);
      } else {
        block_for_io(cpu, thread, stop.used, stop.detail);
      }
      break;
    case StopReason::Exit:
      exit_thread(cpu, thread, stop.used, stop.detail);
      break;
    default:
      KS_ASSERT(false, "a burst run ends in I/O or exit");
  }
}

void Kernel::block_for_io(CpuId cpu, Thread& thread, Tick ran, Tick service) {
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Io), ran);
  set_state(thread, ProcessState::Blocked, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Blocked, machine_.now());
  machine_.io_device().submit({thread.pid, thread.tid, service, thread.tid});
}

void Kernel::exit_thread(CpuId cpu, Thread& thread, Tick ran, std::int64_t status) {
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  ++thread.jobs_done;
  emit(EventKind::Exited, cpu, &thread, status, ran);
  set_state(thread, ProcessState::Exited, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Exited, machine_.now());
  scheduler_->on_exit(thread, machine_.now());
  if (thread.user_code) {
    user_thread_gone(thread, status);
  } else {
    processes_[thread.pid].exited = true;
    processes_[thread.pid].exit_status = status;
  }
  --live_;
  if (live_ == 0 && next_arrival_ == arrivals_.size()) {
    finished_ = true;
    machine_.queue().stop();
  }
}

void Kernel::request_decision() {
  if (decision_pending_ || finished_) return;
  decision_pending_ = true;
  machine_.queue().at_end_of_tick(*this, kDecide);
}

void Kernel::decide() {
  decision_pending_ = false;
  check_deadlock();  // threads that blocked in this tick may have been the last ones able to run
  const Tick now = machine_.now();
  for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
    if (cpus_[cpu].running != kNoTid) continue;
    const Tid next = scheduler_->pick_next(cpu, now);
    if (next != kNoTid) {
      dispatch(cpu, next);
    } else if (!cpus_[cpu].idle_reported) {
      cpus_[cpu].idle_reported = true;
      emit(EventKind::CpuIdle, cpu, nullptr, 0, 0);
    }
  }
  if (!enqueued_since_decision_) return;
  enqueued_since_decision_ = false;
  for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
    CpuState& state = cpus_[cpu];
    if (state.running == kNoTid || scheduler_->ready_count() == 0) continue;
    Thread& running = threads_[state.running];
    const Tick ran = std::max<Tick>(0, now - state.run_start);
    running.remaining_burst = running.user_code ? kUnknownCycles : state.remaining_at_start - ran * cycles_per_tick(cpu);
    if (!scheduler_->should_preempt(running, cpu, now)) continue;
    if (running.user_code) {  // it has executed ahead to the end of its slice: preempt it there
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

void Kernel::schedule_periodic() {
  const Tick next = scheduler_->next_periodic(machine_.now());
  if (next != kNever) machine_.queue().schedule(std::max(next, machine_.now()), kPhasePeriodic, *this, kPeriodic, 0);
}

void Kernel::set_state(Thread& thread, ProcessState to, CpuId cpu) {
  emit(EventKind::StateChanged, cpu, &thread, static_cast<std::int64_t>(thread.state), static_cast<std::int64_t>(to));
  thread.state = to;
}

void Kernel::emit(EventKind kind, CpuId cpu, const Thread* thread, std::int64_t a, std::int64_t b) {
  Trace& trace = machine_.trace();
  if (!trace.recording()) return;
  trace.emit({machine_.now(), kind, cpu, thread ? thread->pid : kNoPid, thread ? thread->tid : 0, a, b});
}

std::uint8_t Kernel::arrival_phase() const {
  return config_.tie_rule == TieRule::ArrivalFirst ? kPhaseArrivalFirst : kPhaseArrivalLast;
}

Cycles Kernel::cycles_per_tick(CpuId cpu) const {
  return Cycles{machine_.cpu_speed(cpu)} * kWorkPerTick / kSpeedOne;
}

}  // namespace ks
