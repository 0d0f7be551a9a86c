// kernel/sync/wait_queue.h — a queue of threads waiting for a condition.
//
// A thread that must wait (a pipe is empty or full, the console has no input, a child has not
// exited) puts its tid on a WaitQueue and blocks (Waits::block, kernel/sync/wait.h); whoever
// changes the condition wakes the whole queue, and each woken thread checks its condition again
// (a blocked system call executes its ecall again). So a wait queue holds no state of the
// waiting, and a spurious wake is harmless. Each entry carries the thread's wait generation at
// the time it began waiting, so that a thread that has since left the queue (it was killed, or
// woken by something else) is not woken twice.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/proc/thread.h"

namespace ks {

struct WaitQueue {
  struct Waiter {
    Tid tid = kNoTid;
    std::uint32_t generation = 0;  // the thread's wait generation when it began waiting
  };
  std::vector<Waiter> waiters;  // in the order they began waiting
};

}  // namespace ks
