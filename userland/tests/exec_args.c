/* userland/tests/exec_args.c — execve: arguments reach the new image, failures leave the old one.
 * Run without arguments it checks; run as "exec_args child A B" it prints its arguments and exits
 * with argc + 4. Prints "name: ok" or "name: FAIL" per check; exits with the failures. It needs a
 * text file /etc/motd and itself at /bin/exec_args; without them it says so and exits with 2. */
#include "../lib/ks_user.h"

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static long sys_execve(const char *path, char *const *argv) { return ks_syscall3(221, (long)path, (long)argv, 0); }

int main(int argc, char **argv) {
  if (argc > 1 && argv[1][0] == 'c') {
    ks_print("child args:");
    for (int i = 0; i < argc; ++i) {
      ks_print(" ");
      ks_print(argv[i]);
    }
    ks_print("\n");
    return argc + 4;
  }
  long motd = ks_syscall6(56, -100, (long)"/etc/motd", 0, 0, 0, 0);
  long self = ks_syscall6(56, -100, (long)"/bin/exec_args", 0, 0, 0, 0);
  if (motd < 0 || self < 0) {
    ks_print(
        "exec_args: needs a text file /etc/motd and itself at /bin/exec_args (kernsim exec and a\n"
        "scenario's \"programs\" put it there; see userland/README.md)\n");
    return 2;
  }
  ks_syscall3(57, motd, 0, 0);
  ks_syscall3(57, self, 0, 0);
  static int marker = 17;
  char *none[] = {"x", 0};
  check("execve a missing file is ENOENT", sys_execve("/bin/no-such-program", none) == -2);
  check("execve a text file is ENOEXEC", sys_execve("/etc/motd", none) == -8);
  check("execve a directory fails", sys_execve("/bin", none) < 0);
  check("execve with a bad path pointer is EFAULT", sys_execve((const char *)0x10, none) == -14);
  check("execve with a bad argv pointer is EFAULT", sys_execve("/bin/exec_args", (char *const *)0x20) == -14);
  char *bad_string[] = {"x", (char *)0x30, 0};
  check("execve with a bad argument string is EFAULT", sys_execve("/bin/exec_args", bad_string) == -14);
  check("the old image is still running", marker == 17);
  long child = ks_syscall3(1000, 0, 0, 0);
  if (child == 0) {
    char *args[] = {"exec_args", "child", "A", "B", 0};
    sys_execve("/bin/exec_args", args);
    ks_exit(99); /* not reached */
  }
  int status = 0;
  check("the exec'd child exits with argc + 4",
        ks_syscall6(260, child, (long)&status, 0, 0, 0, 0) == child && status == (8 << 8));
  return failures;
}
