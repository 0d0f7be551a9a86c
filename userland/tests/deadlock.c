/* userland/tests/deadlock.c — threads that wait for each other for ever, so that the kernel must
 * report a deadlock (kernel/proc/deadlock.cpp) instead of running to a time limit.
 *   deadlock        two processes, each reading a pipe that only the other could write
 *   deadlock join   two threads, each joining the other
 *   deadlock write  a child writing more than a pipe holds while its parent waits for it in
 *                   wait4 instead of reading
 * It never exits by itself; run without a deadlock report it is a kernel bug. */
#include "../lib/ks_user.h"

enum {
  kPipe2 = 59,
  kRead = 63,
  kWrite = 64,
  kWait4 = 260,
  kFork = 1000,
  kThreadCreate = 1004,
  kThreadJoin = 1005,
  kGetTid = 1006
};

static char stack[4096] __attribute__((aligned(16)));
static char big[8192];
static volatile long main_tid;

static void joiner(long unused) {
  (void)unused;
  ks_syscall3(kThreadJoin, main_tid, 0, 0);
  ks_syscall3(93, 0, 0, 0);
}

int main(int argc, char **argv) {
  int a[2], b[2];
  char c;
  if (argc > 1 && argv[1][0] == 'j') {
    main_tid = ks_syscall3(kGetTid, 0, 0, 0);
    long other = ks_syscall3(kThreadCreate, (long)joiner, 0, (long)(stack + sizeof stack));
    ks_syscall3(kThreadJoin, other, 0, 0);
    return 1;
  }
  ks_syscall3(kPipe2, (long)a, 0, 0);
  if (argc > 1 && argv[1][0] == 'w') {
    if (ks_syscall3(kFork, 0, 0, 0) == 0) {
      ks_syscall3(kWrite, a[1], (long)big, sizeof big);
      return 1;
    }
    ks_syscall6(kWait4, -1, 0, 0, 0, 0, 0);
    return 1;
  }
  ks_syscall3(kPipe2, (long)b, 0, 0);
  if (ks_syscall3(kFork, 0, 0, 0) == 0) {
    ks_syscall3(kRead, a[0], (long)&c, 1); /* the parent holds a[1] open and never writes */
    return 1;
  }
  ks_syscall3(kRead, b[0], (long)&c, 1); /* the child holds b[1] open and never writes */
  return 1;
}
