/* userland/lib/libc/thread.c — threads over thread_create (1004) / thread_join (1005), and the
 * spin lock the libc uses. A thread's stack comes from malloc; thread_join gives it back. */
#include <errno.h>
#include <kernsim.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

enum { kStackBytes = 16384, kMaxThreads = 64 };

void ks_lock_acquire(ks_lock *lock) {
  while (__atomic_exchange_n(&lock->held, 1, __ATOMIC_ACQUIRE) != 0) {
    ks_syscall3(SYS_sched_yield, 0, 0, 0);
  }
}

void ks_lock_release(ks_lock *lock) { __atomic_store_n(&lock->held, 0, __ATOMIC_RELEASE); }

/* What the new thread needs, kept at the top of its own stack. */
struct thread_start {
  int (*function)(void *);
  void *arg;
};

static struct {
  int tid;
  void *stack;
} stacks[kMaxThreads];
static ks_lock stacks_lock;

/* The kernel starts a thread here with a0 = its thread_start and sp just below it. */
static void thread_entry(struct thread_start *start) { thread_exit(start->function(start->arg)); }

int thread_create(int (*function)(void *), void *arg) {
  char *stack = malloc(kStackBytes);
  if (stack == NULL) return -1;
  uintptr_t top = ((uintptr_t)stack + kStackBytes - sizeof(struct thread_start)) & ~(uintptr_t)15;
  struct thread_start *start = (struct thread_start *)top;
  start->function = function;
  start->arg = arg;
  int slot = -1;
  ks_lock_acquire(&stacks_lock);
  for (int i = 0; i < kMaxThreads && slot < 0; ++i) {
    if (stacks[i].stack == NULL) slot = i;
  }
  if (slot >= 0) stacks[slot].stack = stack;
  ks_lock_release(&stacks_lock);
  if (slot < 0) {
    free(stack);
    errno = EAGAIN;
    return -1;
  }
  long tid = ks_result(ks_syscall3(SYS_thread_create, (long)thread_entry, (long)start, (long)top));
  if (tid < 0) {
    stacks[slot].stack = NULL;
    free(stack);
    return -1;
  }
  stacks[slot].tid = (int)tid;
  return (int)tid;
}

int thread_join(int tid) {
  long status = ks_result(ks_syscall3(SYS_thread_join, tid, 0, 0));
  if (status < 0) return -1;
  ks_lock_acquire(&stacks_lock);
  for (int i = 0; i < kMaxThreads; ++i) {
    if (stacks[i].stack != NULL && stacks[i].tid == tid) {
      free(stacks[i].stack);
      stacks[i].stack = NULL;
    }
  }
  ks_lock_release(&stacks_lock);
  return (int)status;
}
