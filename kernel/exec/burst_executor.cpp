// The burst executor (design: burst_executor.h). A burst's end is known when it is dispatched, so
// a run costs one event however long it is; the timer is set only when the slice ends first.
#include "kernel/exec/burst_executor.h"

#include <algorithm>

#include "kernel/drivers/io.h"
#include "kernel/event_args.h"
#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/sched/dispatcher.h"
#include "kernel/tick_phases.h"
#include "sim-core/error.h"

namespace ks {
// One of two things ends this run first: the timer (quantum expiry) or the end of the burst.
// Only that one is set up, so no stale event is left behind.
void BurstExecutor::start(CpuId cpu, Thread& /*thread*/, Tick slice) {
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  TimerDevice& timer = kernel_.machine_.timer();
  const Dispatcher::Cpu& state = dispatcher.cpu(cpu);
  const Tick natural_end = state.run_start + ticks_for(state.remaining_at_start, dispatcher.cycles_per_tick(cpu));
  if (slice != kNever && state.run_start + slice < natural_end) {
    timer.program(cpu, state.run_start + slice);
  } else {
    if (timer.deadline(cpu) != kNever) timer.cancel(cpu);
    dispatcher.schedule_run_end(cpu, natural_end);
  }
}

StopInfo BurstExecutor::charge(CpuId cpu, Thread& thread, Tick ran) {
  return model_.run(cpu, thread.context, ran * kernel_.dispatcher_->cycles_per_tick(cpu));
}

void BurstExecutor::run_ended(CpuId cpu) {
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  Thread& thread = kernel_.table_->thread(dispatcher.cpu(cpu).running);
  const StopInfo stop = dispatcher.stop_running(cpu);
  switch (stop.reason) {
    case StopReason::IoRequest:
      if (thread.period > 0) {
        finish_job(cpu, thread, stop.used);
      } else {
        block_for_io(cpu, thread, stop.used, stop.detail);
      }
      break;
    case StopReason::Exit: kernel_.processes_->exit_thread(cpu, thread, stop.used, stop.detail); break;
    default: KS_ASSERT(false, "a burst run ends in I/O or exit");
  }
}

void BurstExecutor::block_for_io(CpuId cpu, Thread& thread, Tick ran, Tick service) {
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  kernel_.emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Io), ran);
  dispatcher.set_state(thread, ProcessState::Blocked, cpu);
  dispatcher.scheduler().on_stop(thread, cpu, ran, StopKind::Blocked, kernel_.machine_.now());
  kernel_.io_->submit(thread, service);
}

// Releases the next job of periodic THREAD (number jobs_done): sets its deadline, watches it,
// and makes the thread ready (WOKEN: it was sleeping until this release).
void BurstExecutor::release_job(Thread& thread, bool woken) {
  Machine& machine = kernel_.machine_;
  const std::uint32_t job = thread.jobs_done;
  const Tick release = thread.arrival + static_cast<Tick>(job) * thread.period;
  thread.absolute_deadline = release + thread.relative_deadline;
  // A job released late (its predecessor overran) may be due already: the miss is noticed now.
  machine.queue().schedule(std::max(thread.absolute_deadline, machine.now()), phase::kDeadline, *this, kDeadline,
                           pack_event_arg(job, thread.tid));
  if (woken) kernel_.emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), 0);
  kernel_.dispatcher_->make_ready(thread, job == 0 ? EnqueueReason::Arrival : EnqueueReason::Wakeup);
}

// A periodic task finished a job: it sleeps until its next release (or, if that release has
// already passed because the job overran, goes on at once).
void BurstExecutor::finish_job(CpuId cpu, Thread& thread, Tick ran) {
  Machine& machine = kernel_.machine_;
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  ++thread.jobs_done;
  const Tick next_release = thread.arrival + static_cast<Tick>(thread.jobs_done) * thread.period;
  kernel_.emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), ran);
  dispatcher.set_state(thread, ProcessState::Blocked, cpu);
  dispatcher.scheduler().on_stop(thread, cpu, ran, StopKind::Blocked, machine.now());
  machine.queue().schedule(std::max(next_release, machine.now()), kernel_.processes_->arrival_phase(), *this, kRelease,
                           thread.tid);
}

void BurstExecutor::on_event(std::uint32_t kind, std::uint64_t arg) {
  switch (kind) {
    case kRelease: release_job(kernel_.table_->thread(static_cast<Tid>(arg)), true); break;
    case kDeadline: {
      // Missed if that job is not complete.
      Thread& thread = kernel_.table_->thread(event_arg_low(arg));
      const std::uint32_t job = event_arg_high(arg);
      if (thread.jobs_done <= job) kernel_.emit(EventKind::DeadlineMiss, kNoCpu, &thread, kernel_.machine_.now(), job);
      break;
    }
    default: KS_ASSERT(false, "the burst executor receives only its own event kinds");
  }
}

}  // namespace ks
