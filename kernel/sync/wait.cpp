// Sleep and wake-up (design: wait.h): block on a queue or for a time, wake through the event queue,
// and let a wait generation make a stale wake do nothing.
#include "kernel/sync/wait.h"

#include "kernel/event_args.h"
#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/sched/dispatcher.h"
#include "kernel/sync/kernel_tasks.h"
#include "sim-core/error.h"

namespace ks {

void Waits::block(CpuId cpu, Thread& thread, WaitQueue* queue, BlockReason why, Tick wake_at) {
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  const Tick ran = dispatcher.ran_so_far(cpu);
  dispatcher.stop_running(cpu);
  ++thread.wait_generation;
  thread.blocked_for = why;
  thread.on_queue = queue != nullptr;
  if (queue != nullptr) {
    queue->waiters.push_back({thread.tid, thread.wait_generation});
    ++queue_waiters_;
  }
  kernel_.emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(why), ran);
  dispatcher.set_state(thread, ProcessState::Blocked, cpu);
  dispatcher.scheduler().on_stop(thread, cpu, ran, StopKind::Blocked, kernel_.machine_.now());
  if (wake_at != kNever) schedule_wake(wake_at, thread.tid, thread.wait_generation);
}

// Every wake goes through the event queue, and is counted until it runs (see DEADLOCK).
void Waits::schedule_wake(Tick at, Tid tid, std::uint32_t generation) {
  ++wakes_pending_;
  kernel_.machine_.queue().schedule(at, kernel_.processes_->arrival_phase(), *this, kWake,
                                    pack_event_arg(generation, tid));
}

void Waits::wake_all(WaitQueue& queue) {
  for (const WaitQueue::Waiter& waiter : queue.waiters)
    schedule_wake(kernel_.machine_.now(), waiter.tid, waiter.generation);
  queue.waiters.clear();
}

void Waits::wake_soon(Tid tid) {
  const Thread& thread = kernel_.table_->thread(tid);
  if (thread.state != ProcessState::Blocked) return;
  // A thread whose kernel task waits for a device wakes when the task ends (kernel_tasks.h).
  if (kernel_.tasks_ && !kernel_.tasks_->cancel(tid)) return;
  schedule_wake(kernel_.machine_.now(), tid, thread.wait_generation);
}

void Waits::on_event(std::uint32_t kind, std::uint64_t arg) {
  KS_ASSERT(kind == kWake, "the wait service receives only wakes");
  --wakes_pending_;
  wake(event_arg_low(arg), event_arg_high(arg));
  check_deadlock();  // a stale wake may have been the last thing that could happen
}

void Waits::wake(Tid tid, std::uint32_t generation) {
  Thread& thread = kernel_.table_->thread(tid);
  if (thread.state != ProcessState::Blocked) return;
  if (!kernel_.table_->process(thread.pid).live_user_process() || thread.wait_generation != generation)
    return;  // stale
  if (thread.on_queue) {
    thread.on_queue = false;
    --queue_waiters_;
  }
  kernel_.emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(thread.blocked_for), 0);
  kernel_.dispatcher_->make_ready(thread, EnqueueReason::Wakeup);
}

}  // namespace ks
