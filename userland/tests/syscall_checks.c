/* userland/tests/syscall_checks.c — checks the kernel's system calls from a user program.
 * Prints one line per check ("name: ok" or "name: FAIL") and exits with the number of failures.
 * Bad pointers and lengths must come back as error codes, never crash anything. Run it as
 * "syscall_checks alpha beta" with standard input at end of file; otherwise it says so (status 2). */
#include "../lib/ks_user.h"

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    ks_print(
        "usage: syscall_checks alpha beta  (the checks expect these two arguments, and standard\n"
        "input at end of file as under `kernsim exec`; see userland/README.md)\n");
    return 2;
  }
  check("argc is 3", argc == 3);
  check("argv[1] is alpha", argc > 1 && argv[1][0] == 'a' && argv[1][4] == 'a' && argv[1][5] == 0);
  check("argv[3] is NULL", argv[argc] == 0);
  check("getpid is positive", ks_syscall3(KS_SYS_GETPID, 0, 0, 0) > 0);
  check("write with a bad pointer is EFAULT", ks_write(1, (const void *)0x00000010, 5) == -14);
  check("write across the end of memory is EFAULT", ks_write(1, (const void *)0xfffffff0, 64) == -14);
  check("write to a closed fd is EBADF", ks_write(7, "x", 1) == -9);
  check("write of 1 MiB is EINVAL", ks_write(1, "x", 1u << 20) == -22);
  check("unknown system call is ENOSYS", ks_syscall3(999, 0, 0, 0) == -38);
  long start = ks_syscall3(KS_SYS_BRK, 0, 0, 0);
  check("brk(0) reports the break", start > 0);
  long grown = ks_syscall3(KS_SYS_BRK, start + 8192, 0, 0);
  check("brk grows the heap", grown == start + 8192);
  char *heap = (char *)start;
  heap[0] = 'h';
  heap[8191] = 'p';
  check("the new heap is usable", heap[0] == 'h' && heap[8191] == 'p');
  check("brk refuses the stack", ks_syscall3(KS_SYS_BRK, 0x7fff0000, 0, 0) == start + 8192);
  long before = ks_syscall3(KS_SYS_UPTIME, 0, 0, 0);
  ks_syscall3(KS_SYS_SLEEP, 25, 0, 0);
  long after = ks_syscall3(KS_SYS_UPTIME, 0, 0, 0);
  check("sleep(25) lets 25 ticks pass", after - before >= 25);
  check("sched_yield returns 0", ks_syscall3(KS_SYS_YIELD, 0, 0, 0) == 0);
  check("read from stdin gives end of file", ks_syscall3(KS_SYS_READ, 0, start, 16) == 0);
  return failures;
}
