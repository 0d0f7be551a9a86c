/* userland/tests/threads.c — thread_create, thread_join, gettid, shared memory between threads,
 * and exit of one thread versus exit_group. Run as "threads group" it checks that exit_group ends
 * every thread, running or blocked (its exit status is 33); as "threads exec", that execve does
 * (it runs /bin/exec_args, which must be there). Prints "name: ok" or "name: FAIL"; exits with
 * the failures (the last thread's status: the main thread ends first, with 77). */
#include "../lib/ks_user.h"

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static char stacks[4][4096] __attribute__((aligned(16)));
static volatile int counter;
static volatile int flag;

static long thread_create(void (*entry)(long), long arg, char *stack_top) {
  return ks_syscall3(1004, (long)entry, arg, (long)stack_top);
}

static void adder(long n) {
  for (long i = 0; i < n; ++i) __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
  ks_syscall3(93, n / 100, 0, 0); /* exit this thread only */
}

static void waiter(long status) {
  while (!flag) ks_syscall3(124, 0, 0, 0);
  ks_syscall3(93, status < 0 ? failures : status, 0, 0);
}

static void spinner(long unused) {
  (void)unused;
  for (;;) ks_syscall3(124, 0, 0, 0);
}

static int pipe_fds[2];

static void pipe_reader(long unused) {
  char c;
  (void)unused;
  ks_syscall3(63, pipe_fds[0], (long)&c, 1); /* blocks: nobody writes */
  ks_syscall3(93, 1, 0, 0);
}

int main(int argc, char **argv) {
  if (argc > 1 && (argv[1][0] == 'g' || argv[1][0] == 'e')) {
    ks_syscall3(59, (long)pipe_fds, 0, 0);
    thread_create(spinner, 0, stacks[0] + 4096);
    thread_create(spinner, 0, stacks[1] + 4096);
    thread_create(pipe_reader, 0, stacks[2] + 4096);
    ks_syscall3(1002, 5, 0, 0);
    if (argv[1][0] == 'e') {
      /* execve ends the other threads; the new image exits with argc + 4 = 8. */
      char *args[] = {"exec_args", "child", "A", "B", 0};
      ks_syscall3(221, (long)"/bin/exec_args", (long)args, 0);
      ks_print("threads exec: needs /bin/exec_args (see userland/README.md)\n");
      ks_syscall3(94, 2, 0, 0); /* exit_group: the other threads end too */
      return 2;
    }
    ks_syscall3(94, 33, 0, 0); /* exit_group: the spinners and the blocked reader end too */
    return 1;
  }
  long me = ks_syscall3(1006, 0, 0, 0);
  check("gettid is positive", me > 0);
  check("thread_create with a misaligned entry is EINVAL",
        thread_create((void (*)(long))3, 0, stacks[0] + 4096) == -22);
  check("thread_create with a bad stack is EFAULT", thread_create(adder, 0, (char *)0x1000) == -14);
  long a = thread_create(adder, 300, stacks[0] + 4096);
  long b = thread_create(adder, 500, stacks[1] + 4096);
  check("two threads", a > me && b > a);
  check("join the first", ks_syscall3(1005, a, 0, 0) == 3);
  check("join the second", ks_syscall3(1005, b, 0, 0) == 5);
  check("the threads shared memory", counter == 800);
  check("join again is EINVAL", ks_syscall3(1005, a, 0, 0) == -22);
  check("join yourself is EINVAL", ks_syscall3(1005, me, 0, 0) == -22);
  check("join a missing thread is ESRCH", ks_syscall3(1005, 100000, 0, 0) == -3);
  long c = thread_create(waiter, 5, stacks[2] + 4096);
  ks_syscall3(1002, 10, 0, 0);
  flag = 1;
  check("join blocks until the thread exits", ks_syscall3(1005, c, 0, 0) == 5);
  /* The main thread exits first, with 77: the process lives on until its last thread exits,
   * and that thread's status (the number of failures) is the process's. */
  flag = 0;
  thread_create(waiter, -1, stacks[3] + 4096);
  ks_print(failures == 0 ? "threads: all ok\n" : "threads: failures\n");
  flag = 1;
  ks_syscall3(93, 77, 0, 0);
  return failures;
}
