/* userland/tests/pipes.c — pipe2 between processes: data in order, blocking when empty and when
 * full, end of file when the writers are gone, EPIPE without readers, pipes as stdin/stdout.
 * Prints "name: ok" or "name: FAIL" per check; exits with the failures. */
#include "../lib/ks_user.h"

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static long sys_read(long fd, void *buf, long n) { return ks_syscall3(63, fd, (long)buf, n); }
static long sys_close(long fd) { return ks_syscall3(57, fd, 0, 0); }
static long sys_fork(void) { return ks_syscall3(1000, 0, 0, 0); }
static long sys_wait(long pid, int *status) { return ks_syscall6(260, pid, (long)status, 0, 0, 0, 0); }

static char big[10000];

int main(void) {
  int fds[2];
  char buf[128];
  int status = 0;
  check("pipe2 with flags is EINVAL", ks_syscall3(59, (long)fds, 1, 0) == -22);
  check("pipe2 to a bad pointer is EFAULT", ks_syscall3(59, 0x10, 0, 0) == -14);
  check("pipe2", ks_syscall3(59, (long)fds, 0, 0) == 0 && fds[0] == 3 && fds[1] == 4);
  check("lseek on a pipe is ESPIPE", ks_syscall3(62, fds[0], 0, 0) == -29);
  check("write to the read end is EBADF", ks_write(fds[0], "x", 1) == -9);
  check("read from the write end is EBADF", sys_read(fds[1], buf, 1) == -9);
  check("write into the pipe", ks_write(fds[1], "hello", 5) == 5);
  check("read it back", sys_read(fds[0], buf, sizeof buf) == 5 && buf[0] == 'h' && buf[4] == 'o');

  /* A child that sleeps, then writes: the parent's read blocks until the bytes come. */
  long child = sys_fork();
  if (child == 0) {
    sys_close(fds[0]);
    ks_syscall3(1002, 40, 0, 0);
    ks_write(fds[1], "late", 4);
    ks_exit(0);
  }
  sys_close(fds[1]);
  long before = ks_syscall3(1003, 0, 0, 0);
  long got = sys_read(fds[0], buf, sizeof buf);
  long after = ks_syscall3(1003, 0, 0, 0);
  check("a read blocks until a writer writes", got == 4 && buf[0] == 'l' && after - before >= 40);
  check("end of file once the writer is gone", sys_read(fds[0], buf, sizeof buf) == 0);
  sys_wait(child, &status);
  sys_close(fds[0]);

  /* 10000 bytes through a 4096-byte pipe: the writer blocks while it is full. */
  ks_syscall3(59, (long)fds, 0, 0);
  child = sys_fork();
  if (child == 0) {
    sys_close(fds[0]);
    for (int i = 0; i < 10000; ++i) big[i] = (char)(i * 7);
    long sent = 0;
    while (sent < 10000) {
      long n = ks_write(fds[1], big + sent, 10000 - sent);
      if (n <= 0) ks_exit(1);
      sent += n;
    }
    ks_exit(0);
  }
  sys_close(fds[1]);
  ks_syscall3(1002, 30, 0, 0); /* let the writer fill the pipe and block */
  long total = 0;
  int in_order = 1;
  for (;;) {
    long n = sys_read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    for (long i = 0; i < n; ++i) {
      if (buf[i] != (char)((total + i) * 7)) in_order = 0;
    }
    total += n;
  }
  check("10000 bytes arrive in order through a full pipe", total == 10000 && in_order);
  check("the writer exits 0", sys_wait(child, &status) == child && status == 0);
  sys_close(fds[0]);

  /* No readers: EPIPE. */
  ks_syscall3(59, (long)fds, 0, 0);
  sys_close(fds[0]);
  check("write without readers is EPIPE", ks_write(fds[1], "x", 1) == -32);
  sys_close(fds[1]);

  /* dup3 a pipe onto stdout of a child: what it prints comes through the pipe. */
  ks_syscall3(59, (long)fds, 0, 0);
  child = sys_fork();
  if (child == 0) {
    ks_syscall3(24, fds[1], 1, 0);
    sys_close(fds[0]);
    sys_close(fds[1]);
    ks_print("via stdout");
    ks_exit(0);
  }
  sys_close(fds[1]);
  got = 0;
  for (;;) {
    long n = sys_read(fds[0], buf + got, sizeof buf - got);
    if (n <= 0) break;
    got += n;
  }
  check("a child's stdout redirected into a pipe", got == 10 && buf[0] == 'v' && buf[9] == 't');
  sys_wait(child, &status);
  sys_close(fds[0]);

  /* A child blocked reading an empty pipe is killed: kill wakes it and it ends. */
  ks_syscall3(59, (long)fds, 0, 0);
  child = sys_fork();
  if (child == 0) {
    sys_read(fds[0], buf, 1);
    ks_exit(1);
  }
  ks_syscall3(1002, 20, 0, 0);
  check("kill a child blocked on a pipe",
        ks_syscall3(129, child, 15, 0) == 0 && sys_wait(child, &status) == child && status == 15);
  sys_close(fds[0]);
  sys_close(fds[1]);
  return failures;
}
