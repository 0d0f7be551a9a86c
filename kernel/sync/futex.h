// kernel/sync/futex.h — futex(2): a user program's threads sleep on a word of their memory.
//
// A futex is no object the kernel makes: it is any aligned 32-bit word of user memory, and the
// kernel keeps only the threads waiting on it. User code does the fast path with atomics (the A
// extension: amoswap, lr/sc) and calls the kernel only to sleep when the word says "taken"
// (FUTEX_WAIT) or to wake sleepers after changing it (FUTEX_WAKE). That is how the pthread subset
// of userland/lib/libc/pthread.c builds mutexes, condition variables, semaphores, barriers and
// read-write locks (docs/futex.md).
//
//   futex(uaddr, op, val, timeout, uaddr2, val3)   Linux's RISC-V number 98
//   FUTEX_WAIT (0): if *uaddr == val, sleep until a FUTEX_WAKE on uaddr (0) or until TIMEOUT
//                   ticks of virtual time have passed (-ETIMEDOUT); if not, -EAGAIN at once.
//   FUTEX_WAKE (1): wake up to VAL threads waiting on uaddr, the longest-waiting first; returns
//                   how many it woke.
//   FUTEX_PRIVATE_FLAG (128) is accepted and changes nothing: every futex here is private.
//
// KEYS. A waiter is keyed by (address space, virtual address): the table lives in the process's
// resources (kernel/proc/resources.h), one per process, keyed by UADDR, as Linux keys a private
// futex by (mm, address). Processes share no memory (fork copies, or shares copy-on-write, which
// a store undoes), so a word is never seen by two address spaces and a physical key would say
// nothing more. exec replaces the space; the threads it ends leave the table as they end.
//
// ATOMICITY. A system call runs as one step of the simulation: no other hart executes an
// instruction between FUTEX_WAIT's reading of the word and its sleeping, so a FUTEX_WAKE by a
// thread that changed the word either happens before the read (and WAIT returns -EAGAIN) or
// after the sleep (and wakes it). That is the whole point of the call, and it holds on any
// number of harts.
//
// RESTART AT THE ECALL (kernel/trap/trap.h, kernel/proc/syscalls.h). A blocked call leaves the
// pc at its ecall and executes it again when woken. If a woken FUTEX_WAIT read the word again it
// could find it equal once more (the waker's unlock was taken by a third thread in between) and
// block again: the wake would have been used up, FUTEX_WAKE would have counted a thread that
// never returned, and a waiter could sleep for ever although a wake was meant for it. So the
// table remembers each waiting thread (tid -> the word, its deadline, whether it was woken), and
// the second execution of the ecall does not re-check the word:
//   - woken by FUTEX_WAKE (which took it off the word's queue): it returns 0;
//   - its deadline has come: it leaves the queue and returns -ETIMEDOUT;
//   - neither (a wake for some other reason): it blocks again, still in its place in the queue,
//     with the same deadline, so no wake meant for it can be missed.
// A timeout and a FUTEX_WAKE at the same tick: whichever the event queue runs first wins; if the
// timer woke the thread and a FUTEX_WAKE finds it before it runs again, it counts as woken by
// FUTEX_WAKE (and returns 0), so WAKE's count is always the number of WAITs that return 0.
// User code must anyway re-check its condition after FUTEX_WAIT returns, as with Linux's futex.
//
// BAD INPUT. An unaligned UADDR is -EINVAL; one the process may not read, and an unreadable
// TIMEOUT, -EFAULT; an unknown operation (FUTEX_REQUEUE and the rest) -ENOSYS, as Linux says of
// an operation it does not have. Nothing here can crash or hang the simulator.
//
// DEADLOCK. A waiter without a timeout sleeps on a wait queue, so when every live thread waits
// on a futex (or a pipe, a join...) the run stops as a deadlock (kernel/sync/deadlock.cpp) and
// the report names the word each one waits on. A waiter with a timeout has a wake on its way.
#pragma once

#include <cstdint>
#include <deque>
#include <map>

#include "kernel/proc/syscalls.h"
#include "kernel/proc/thread.h"
#include "kernel/sync/wait_queue.h"
#include "sim-core/types.h"

namespace ks {

namespace futex_op {
inline constexpr std::uint32_t kWait = 0;
inline constexpr std::uint32_t kWake = 1;
inline constexpr std::uint32_t kPrivateFlag = 128;
}  // namespace futex_op

// The futex waiters of one process.
class Futexes {
 public:
  // FUTEX_WAIT on ADDRESS for EXPECTED, for the caller of CALL; TIMEOUT_AT: the user address of
  // its timeout in ticks (0: none). The ecall executed again after a wake returns what the wake says.
  SyscallOutcome wait(const SyscallContext& call, std::uint32_t address, std::uint32_t expected,
                      std::uint32_t timeout_at);
  // FUTEX_WAKE: wakes up to COUNT waiters of ADDRESS (CALL's wake); returns how many.
  std::int64_t wake(const SyscallContext& call, std::uint32_t address, std::int32_t count);
  // Thread TID has ended: it waits no longer.
  void forget(Tid tid);

  // Whether thread TID is inside FUTEX_WAIT (blocked, or woken and not yet returned).
  bool in_wait(Tid tid) const;

 private:
  struct Waiter {
    std::uint32_t address = 0;
    Tick deadline = kNever;
    bool woken = false;  // by FUTEX_WAKE: the ecall, executed again, returns 0
    WaitQueue queue;     // the thread alone, so that it can be woken alone
  };
  void leave_queue(Tid tid, std::uint32_t address);

  std::map<Tid, Waiter> waiters_;                    // threads inside FUTEX_WAIT, by tid
  std::map<std::uint32_t, std::deque<Tid>> queues_;  // by word, in the order they began waiting
};

// The system call (its table entry is in kernel/trap/syscall_table.h).
SyscallOutcome sys_futex(const SyscallContext& call);

}  // namespace ks
