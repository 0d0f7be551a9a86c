/* userland/tests/fork_wait.c — fork, wait4, exit statuses, WNOHANG, getppid, kill, and that a
 * child's memory is a copy. Prints "name: ok" or "name: FAIL" per check; exits with the failures. */
#include "../lib/ks_user.h"

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static long sys_fork(void) { return ks_syscall3(1000, 0, 0, 0); }
static long sys_wait(long pid, int *status, long options) {
  return ks_syscall6(260, pid, (long)status, options, 0, 0, 0);
}
static long sys_getpid(void) { return ks_syscall3(172, 0, 0, 0); }
static long sys_getppid(void) { return ks_syscall3(173, 0, 0, 0); }

static int shared_value = 5;

int main(void) {
  int status = 0;
  check("wait without children is ECHILD", sys_wait(-1, &status, 0) == -10);
  long me = sys_getpid();
  check("the first process has ppid 0", sys_getppid() == 0);

  char *heap = (char *)ks_syscall3(214, 0, 0, 0);
  ks_syscall3(214, (long)heap + 4096, 0, 0);
  heap[100] = 'q';
  long child = sys_fork();
  if (child == 0) {
    if (shared_value != 5 || heap[100] != 'q') ks_exit(101); /* the copy has the parent's data and heap */
    shared_value = 99;                                       /* only the child's copy changes */
    if (sys_getppid() != me) ks_exit(100);
    ks_exit(42);
  }
  check("fork returns the child's pid", child > me);
  check("wait4 for that child", sys_wait(child, &status, 0) == child);
  check("exit status 42 as Linux encodes it", status == (42 << 8));
  check("the parent's memory is its own", shared_value == 5);
  check("a reaped child is gone", sys_wait(child, &status, 0) == -10);

  child = sys_fork();
  if (child == 0) {
    ks_syscall3(1002, 50, 0, 0); /* sleep */
    ks_exit(3);
  }
  check("WNOHANG with a living child gives 0", sys_wait(-1, &status, 1) == 0);
  check("wait4 with bad options is EINVAL", sys_wait(-1, &status, 8) == -22);
  check("wait4 to a bad status pointer is EFAULT", sys_wait(-1, (int *)0x10, 0) == -14);
  check("wait4 blocks until the child exits", sys_wait(-1, &status, 0) == child && status == (3 << 8));

  child = sys_fork();
  if (child == 0) {
    for (;;) ks_syscall3(1002, 10, 0, 0);
  }
  check("kill a child", ks_syscall3(129, child, 9, 0) == 0);
  check("a killed child reports the signal", sys_wait(child, &status, 0) == child && status == 9);
  check("kill a missing process is ESRCH", ks_syscall3(129, 5000, 9, 0) == -3);
  check("kill with a bad signal is EINVAL", ks_syscall3(129, me, 500, 0) == -22);
  check("kill with signal 0 tests existence", ks_syscall3(129, me, 0, 0) == 0);

  /* Three children exiting in some order: each is reaped once, with its own status. */
  long pids[3];
  for (int i = 0; i < 3; ++i) {
    pids[i] = sys_fork();
    if (pids[i] == 0) {
      ks_syscall3(1002, 30 - 10 * i, 0, 0);
      ks_exit(10 + i);
    }
  }
  int seen = 0;
  for (int i = 0; i < 3; ++i) {
    long pid = sys_wait(-1, &status, 0);
    for (int j = 0; j < 3; ++j) {
      if (pid == pids[j] && status == ((10 + j) << 8)) seen |= 1 << j;
    }
  }
  check("three children, three statuses", seen == 7);

  /* A grandchild outlives its parent: it is re-parented and its parent's wait finds only the child. */
  child = sys_fork();
  if (child == 0) {
    long grandchild = sys_fork();
    if (grandchild == 0) {
      ks_syscall3(1002, 20, 0, 0);
      ks_exit(sys_getppid() == me ? 0 : 1);
    }
    ks_exit(7);
  }
  check("a child whose own child lives on", sys_wait(child, &status, 0) == child && status == (7 << 8));
  long orphan = sys_wait(-1, &status, 0);
  check("the orphan is re-parented to pid 1 and waited for", orphan > child && status == 0);

  child = sys_fork();
  if (child == 0) {
    volatile int *bad = (volatile int *)0x8;
    *bad = 1; /* page fault: killed with SIGSEGV */
    ks_exit(0);
  }
  check("a child killed by a fault reports signal 11", sys_wait(child, &status, 0) == child && status == 11);
  return failures;
}
