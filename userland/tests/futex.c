/* userland/tests/futex.c — futex (98), raw: FUTEX_WAIT's comparison, timeout and bad input,
 * FUTEX_WAKE's count and order, and the rule that a woken waiter returns 0 without looking at the
 * word again (kernel/sync/futex.h). Prints "name: ok" or "name: FAIL" and then "futex: all ok";
 * exits with the number of failures. Run as "futex deadlock", its one thread waits on a word
 * nobody wakes: kernsim reports a deadlock. As "futex group", a second thread waits on a word
 * nobody wakes and the first ends the process with exit_group(33), which ends the sleeper too. */
#include "../lib/ks_user.h"

enum { kWait = 0, kWake = 1, kPrivate = 128, kRequeue = 3 };
enum { EAGAIN_ = 11, EFAULT_ = 14, EINVAL_ = 22, ENOSYS_ = 38, ETIMEDOUT_ = 110 };

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static long futex(volatile int *word, long op, long value, const uint32_t *timeout) {
  return ks_syscall6(98, (long)word, op, value, (long)timeout, 0, 0);
}

static long uptime(void) { return ks_syscall3(KS_SYS_UPTIME, 0, 0, 0); }
static void sleep_ticks(long ticks) { ks_syscall3(KS_SYS_SLEEP, ticks, 0, 0); }

static char stacks[3][4096] __attribute__((aligned(16)));
static volatile int word;
static volatile int results[3];
static volatile int returned;

static long thread_create(void (*entry)(long), long arg, char *stack_top) {
  return ks_syscall3(1004, (long)entry, arg, (long)stack_top);
}

/* Waits on WORD while it is 1; records what FUTEX_WAIT returned (in the order they return). */
static void waiter(long slot) {
  results[slot] = (int)futex(&word, kWait | kPrivate, 1, 0);
  __atomic_fetch_add(&returned, 1, __ATOMIC_SEQ_CST);
  ks_syscall3(KS_SYS_EXIT, 0, 0, 0);
}

int main(int argc, char **argv) {
  if (argc > 1 && argv[1][0] == 'd') {
    word = 7;
    futex(&word, kWait, 7, 0); /* nobody will wake it */
    return 1;
  }
  if (argc > 1 && argv[1][0] == 'g') {
    word = 1;
    thread_create(waiter, 0, stacks[0] + 4096);
    sleep_ticks(50);
    ks_syscall3(94, 33, 0, 0); /* exit_group */
    return 1;
  }
  word = 5;
  check("wait on a word that differs is EAGAIN", futex(&word, kWait, 4, 0) == -EAGAIN_);
  check("wait on an unaligned word is EINVAL", futex((volatile int *)((char *)&word + 2), kWait, 5, 0) == -EINVAL_);
  check("wait on an unmapped word is EFAULT", futex((volatile int *)0x10, kWait, 0, 0) == -EFAULT_);
  check("wake on an unmapped word is EFAULT", futex((volatile int *)0x10, kWake, 1, 0) == -EFAULT_);
  check("wait with an unreadable timeout is EFAULT", futex(&word, kWait, 5, (const uint32_t *)0x10) == -EFAULT_);
  check("another operation is ENOSYS", futex(&word, kRequeue, 1, 0) == -ENOSYS_);
  uint32_t none = 0;
  check("a zero timeout is ETIMEDOUT at once", futex(&word, kWait, 5, &none) == -ETIMEDOUT_);
  uint32_t ticks = 40;
  long before = uptime();
  long timed = futex(&word, kWait | kPrivate, 5, &ticks);
  long waited = uptime() - before;
  check("a timeout is ETIMEDOUT", timed == -ETIMEDOUT_);
  check("after the timeout's ticks", waited >= 40);
  check("a wake with no waiters wakes none", futex(&word, kWake, 1, 0) == 0);

  /* Three waiters on a word that stays 1: each wake must let its waiters return 0, although the
   * word still matches (a waiter that looked again would sleep for ever). */
  word = 1;
  results[0] = results[1] = results[2] = -1;
  long a = thread_create(waiter, 0, stacks[0] + 4096);
  long b = thread_create(waiter, 1, stacks[1] + 4096);
  long c = thread_create(waiter, 2, stacks[2] + 4096);
  sleep_ticks(200); /* long enough for all three to be asleep on the word */
  check("three threads are waiting", returned == 0);
  check("wake 2 wakes two", futex(&word, kWake, 2, 0) == 2);
  sleep_ticks(200);
  check("the two woken returned 0", returned == 2 && results[0] == 0 && results[1] == 0);
  check("the third still waits", results[2] == -1);
  check("wake many wakes the one left", futex(&word, kWake | kPrivate, 0x7fffffff, 0) == 1);
  check("join the waiters",
        ks_syscall3(1005, a, 0, 0) == 0 && ks_syscall3(1005, b, 0, 0) == 0 && ks_syscall3(1005, c, 0, 0) == 0);
  check("the third returned 0", returned == 3 && results[2] == 0);
  check("a wake of zero wakes none", futex(&word, kWake, 0, 0) == 0);
  ks_print(failures == 0 ? "futex: all ok\n" : "futex: failures\n");
  return failures;
}
