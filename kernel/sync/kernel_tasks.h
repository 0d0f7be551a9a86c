// kernel/sync/kernel_tasks.h — the kernel's TaskDriver: where a thread's multi-step kernel path
// (a KernelTask, kernel/sync/task.h) lives while the thread waits for it.
//
// A trap handler that may have to wait more than once (the page fault that frees a frame, then
// reads the page from swap: kernel/mm/pager.h) is written as a KernelTask and handed to run():
//   - the task runs at once, in the trap's kernel event, up to its first suspension; a task that
//     never suspends (the page was free to map) returns its result, and the thread goes on as if
//     no task had been made;
//   - otherwise the thread blocks (Blocked, with the path's BlockReason) and the task is kept,
//     under the thread's id. Each suspension's resume is an event in the queue at the time the
//     task asked for, in the arrival phase, so tasks resume in the simulation's order. When the
//     task ends, FINISH gets its result; it wakes the thread (or ends it).
//
// KILLING. A thread that is killed while its task waits is woken through Waits::wake_soon, which
// asks cancel() first. A task that waits interruptibly (on a wait queue, or sleeping) is destroyed
// there, and the thread wakes and dies; one that waits for a device (a swap-out or swap-in in
// flight) is not: the thread stays blocked until the device completes and the task ends, as a
// Unix process in disk sleep does, and dies then. So no device ever writes into a frame whose
// owner has gone.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>

#include "kernel/proc/thread.h"
#include "kernel/sync/task.h"
#include "sim-core/event_queue.h"

namespace ks {

class Kernel;

class KernelTasks final : public TaskDriver, private EventHandler {
 public:
  using Finish = std::function<void(Thread& thread, std::int64_t result)>;
  explicit KernelTasks(Kernel& kernel) : kernel_(kernel) {}

  // Runs TASK for THREAD (running on CPU): its result when it ended without waiting; otherwise
  // blocks THREAD for WHY and returns nullopt, and FINISH is called when the task ends.
  std::optional<std::int64_t> run(CpuId cpu, Thread& thread, KernelTask<std::int64_t> task, BlockReason why,
                                  Finish finish);
  // THREAD must wake (it is killed): true when it may (its task, if any, was waiting
  // interruptibly and is destroyed), false when its task waits for a device and must end first.
  bool cancel(Tid tid);
  bool waiting(Tid tid) const { return tasks_.contains(tid); }
  std::size_t size() const { return tasks_.size(); }

  // TaskDriver
  void schedule_resume(Tick when, WakeToken token) override;
  Tick now() const override;

 private:
  struct Entry {
    KernelTask<std::int64_t> task;
    Finish finish;
  };
  void on_event(std::uint32_t kind, std::uint64_t arg) override;

  Kernel& kernel_;
  std::map<Tid, Entry> tasks_;  // the tasks of blocked threads, by thread
};

}  // namespace ks
