/* userland/tests/fork_limits.c — fork until the kernel says EAGAIN (the process table or memory
 * is full), then reap every child. Prints "forked N" and "fork_limits: ok" when the last fork
 * failed with EAGAIN and every child was waited for; exits 0 then, 1 otherwise. */
#include "../lib/ks_user.h"

static void print_number(long n) {
  char text[12];
  int at = 11;
  text[at] = 0;
  do {
    text[--at] = (char)('0' + n % 10);
    n /= 10;
  } while (n > 0);
  ks_print(text + at);
}

int main(void) {
  long forked = 0, last = 0;
  int fds[2];
  char byte;
  ks_syscall3(59, (long)fds, 0, 0);
  for (;;) {
    last = ks_syscall3(1000, 0, 0, 0);
    if (last == 0) {
      /* Every child waits until the table is full: the parent then closes the pipe's last writer. */
      ks_syscall3(57, fds[1], 0, 0);
      ks_syscall3(63, fds[0], (long)&byte, 1);
      ks_exit(0);
    }
    if (last < 0) break;
    ++forked;
  }
  ks_syscall3(57, fds[1], 0, 0);
  long reaped = 0;
  int status = 0;
  while (ks_syscall6(260, -1, (long)&status, 0, 0, 0, 0) > 0) {
    if (status == 0) ++reaped;
  }
  ks_print("forked ");
  print_number(forked);
  ks_print("\n");
  int ok = last == -11 && forked > 0 && reaped == forked;
  ks_print(ok ? "fork_limits: ok\n" : "fork_limits: FAIL\n");
  /* After all that, memory is free again: one more fork works. */
  long again = ks_syscall3(1000, 0, 0, 0);
  if (again == 0) ks_exit(5);
  ks_syscall6(260, again, (long)&status, 0, 0, 0, 0);
  return ok && again > 0 && status == (5 << 8) ? 0 : 1;
}
