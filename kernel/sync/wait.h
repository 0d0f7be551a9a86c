// kernel/sync/wait.h — sleep and wake-up: the one service every part of the kernel blocks through.
//
// A thread that must wait blocks here: on a wait queue (a pipe, wait4, thread_join, the
// console; later a lock, a page being swapped in, a buffer being read), for a time (sleep), or
// both. Whoever changes the condition wakes the whole queue. EVERY WAKE GOES THROUGH THE EVENT
// QUEUE, at the current virtual time (one event per waiter), so waking follows the tie rules
// like everything else. Each block bumps the thread's wait generation and a wake names the
// generation it is for, so a stale wake (from a queue the thread left long ago) finds nothing to
// do. A woken thread is made ready; what it does then is its own business (a blocked system call
// executes its ecall again, kernel/trap/trap.h).
//
// DEADLOCK (kernel/sync/deadlock.cpp): the service counts the threads blocked on a queue and the
// wakes on their way, so the kernel can tell in O(1) when only another blocked thread could end
// any wait.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kernel/proc/thread.h"
#include "kernel/sync/wait_queue.h"
#include "sim-core/event_queue.h"

namespace ks {

class Kernel;

class Waits final : private EventHandler {
 public:
  explicit Waits(Kernel& kernel) : kernel_(kernel) {}

  // Blocks THREAD, running on CPU, on QUEUE (if any) for WHY; WAKE_AT: also wake it then.
  void block(CpuId cpu, Thread& thread, WaitQueue* queue, BlockReason why, Tick wake_at = kNever);
  // Wakes every thread waiting on QUEUE (through the event queue, now) and empties it.
  void wake_all(WaitQueue& queue);
  // Wakes TID now, if it is blocked (a kill, another thread's exec).
  void wake_soon(Tid tid);

  // Stops the run if it is deadlocked (Kernel::deadlocked); called at every decision.
  void check_deadlock();
  // The deadlock report (Kernel::deadlock_report).
  std::string deadlock_report() const;

 private:
  enum Event : std::uint32_t { kWake };
  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void schedule_wake(Tick at, Tid tid, std::uint32_t generation);
  void wake(Tid tid, std::uint32_t generation);
  std::string describe_wait(Tid tid) const;

  Kernel& kernel_;
  std::size_t queue_waiters_ = 0;  // user threads blocked on a wait queue (see DEADLOCK)
  std::size_t wakes_pending_ = 0;  // wakes scheduled and not yet run
};

}  // namespace ks
