/* userland/tests/usertests/bad_pointers.c — bad pointers and ranges to every call that takes one:
 * -EFAULT, never a crash. */
#include "usertests.h"

/* ---- bad pointers ---------------------------------------------------------------------- */

void write_bad_pointer(void) {
  CHECK_ERROR(write(1, BAD_LOW, 4), EFAULT);
  CHECK_ERROR(write(1, BAD_HIGH, 64), EFAULT);
  CHECK_ERROR(write(1, BAD_KERNEL, 8), EFAULT);
  CHECK_ERROR(write(1, "x", 1u << 20), EINVAL);
  CHECK(write(1, "", 0) == 0, "write of 0 bytes is not 0");
}

void read_bad_pointer(void) {
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  CHECK(write(fds[1], "abcdefgh", 8) == 8, "write to the pipe");
  CHECK_ERROR(read(fds[0], BAD_LOW, 4), EFAULT);
  CHECK_ERROR(read(fds[0], BAD_KERNEL, 4), EFAULT);
  /* The program's own code is mapped, but not writable. */
  CHECK_ERROR(read(fds[0], (void *)write_bad_pointer, 4), EFAULT);
  char buffer[8];
  CHECK(read(fds[0], buffer, 8) == 8 && memcmp(buffer, "abcdefgh", 8) == 0, "a failed read consumed bytes");
}

void open_bad_pointer(void) {
  CHECK_ERROR(open(BAD_LOW, O_RDONLY), EFAULT);
  CHECK_ERROR(open(BAD_HIGH, O_RDONLY), EFAULT);
  CHECK_ERROR(open(BAD_KERNEL, O_CREAT | O_WRONLY, 0644), EFAULT);
  CHECK_ERROR(mkdir(BAD_LOW, 0755), EFAULT);
  CHECK_ERROR(unlink(BAD_LOW), EFAULT);
  CHECK_ERROR(chdir(BAD_LOW), EFAULT);
  struct stat st;
  int fd = open("ut_stat", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd >= 0, "open ut_stat: %s", strerror(errno));
  CHECK(ks_syscall3(80, fd, (long)BAD_LOW, 0) == -EFAULT, "fstat with a bad pointer is not EFAULT");
  CHECK(fstat(fd, &st) == 0 && st.st_type == KS_TYPE_FILE, "fstat of a file");
  close(fd);
  unlink("ut_stat");
}

/* Runs execve(PATH, ARGV) in a child, which must come back with EFAULT. */
static void exec_must_fault(const char *what, const char *path, char *const *argv) {
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    execve(path, argv, NULL);
    _exit(errno == EFAULT ? 42 : 100 + errno);
  }
  int status = wait_for(pid);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "execve with %s: status %d (100 + errno, 0: it ran)", what,
        WEXITSTATUS(status));
}

void execve_bad_pointer(void) {
  static char *good_argv[] = {"echo", "BAD", NULL};
  static char *bad_string[] = {"echo", BAD_LOW, NULL};
  exec_must_fault("a bad path", BAD_LOW, good_argv);
  if (failed) return;
  exec_must_fault("a bad argv", "/bin/echo", BAD_LOW);
  if (failed) return;
  exec_must_fault("a bad argv[1]", "/bin/echo", bad_string);
  if (failed) return;
  exec_must_fault("an argv at the end of memory", "/bin/echo", BAD_HIGH);
}

void pipe_bad_pointer(void) {
  CHECK_ERROR(pipe(BAD_LOW), EFAULT);
  CHECK_ERROR(pipe(BAD_KERNEL), EFAULT);
  CHECK_ERROR(pipe((int *)(void *)write_bad_pointer), EFAULT);
}

void wait_bad_pointer(void) {
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) _exit(7);
  CHECK_ERROR(wait4(pid, BAD_LOW, 0, NULL), EFAULT);
  /* Whether the failed call reaped the child is the kernel's choice; it must not be lost. */
  int status = 0;
  pid_t r = waitpid(pid, &status, 0);
  CHECK((r == pid && WEXITSTATUS(status) == 7) || (r == -1 && errno == ECHILD), "waitpid after EFAULT gave %d", r);
}

void getcwd_bad_pointer(void) {
  char buffer[128];
  CHECK_ERROR(getcwd(BAD_LOW, 64) == NULL ? -1 : 0, EFAULT);
  CHECK_ERROR(getcwd(BAD_KERNEL, 64) == NULL ? -1 : 0, EFAULT);
  CHECK_ERROR(getcwd(buffer, 1) == NULL ? -1 : 0, ERANGE);
  CHECK(getcwd(buffer, sizeof buffer) == buffer && buffer[0] == '/', "getcwd: %s", strerror(errno));
}

/* ---- more hostile input ---------------------------------------------------------------- */

static uintptr_t page_up(uintptr_t address) { return (address + 4095) & ~(uintptr_t)4095; }

/* Ranges that start in mapped memory and run off its end. */
void bad_pointer_ranges(void) {
  char *stack_end = (char *)0x80000000u;
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  CHECK(write(fds[1], "0123456789abcdef", 16) == 16, "write");
  CHECK_ERROR(read(fds[0], stack_end - 8, 16), EFAULT);
  /* The heap: make the break a page boundary, fill the last page with a path without a NUL. */
  char *top = sbrk(0);
  CHECK(sbrk((int)(page_up((uintptr_t)top) - (uintptr_t)top)) != (void *)-1, "sbrk to a page boundary");
  char *page = sbrk(4096);
  CHECK(page != (void *)-1 && ((uintptr_t)page & 4095) == 0, "sbrk(4096)");
  memset(page, 'a', 4096);
  CHECK_ERROR(write(1, page + 4000, 200), EFAULT);
  CHECK_ERROR(read(fds[0], page + 4090, 16), EFAULT);
  errno = 0;
  CHECK(open(page, O_RDONLY) == -1 && (errno == EFAULT || errno == ENAMETOOLONG),
        "a path running off the heap: errno %d (%s)", errno, strerror(errno));
  CHECK(mkdir(page + 4000, 0755) == -1 && errno == EFAULT, "mkdir of a path running off the heap: errno %d", errno);
  char *argv[] = {page + 4000, NULL};
  CHECK(execv("/bin/echo", argv) == -1 && errno == EFAULT, "execve with an argv[0] running off the heap: errno %d",
        errno);
  char name[300];
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = 0;
  CHECK_ERROR(open(name, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
  CHECK_ERROR(mkdir(name, 0755), ENAMETOOLONG);
}
