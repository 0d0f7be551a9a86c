/* userland/lib/libc/syscall.c — a POSIX wrapper for every system call of docs/syscalls.md.
 * The kernel answers -errno on failure; each wrapper turns that into -1 with errno set. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <kernsim.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

int errno;

long ks_result(long r) {
  if (r < 0 && r > -4096) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

static long call0(long n) { return ks_result(ks_syscall3(n, 0, 0, 0)); }
static long call1(long n, long a) { return ks_result(ks_syscall3(n, a, 0, 0)); }
static long call2(long n, long a, long b) { return ks_result(ks_syscall3(n, a, b, 0)); }
static long call3(long n, long a, long b, long c) { return ks_result(ks_syscall3(n, a, b, c)); }
static long call4(long n, long a, long b, long c, long d) { return ks_result(ks_syscall6(n, a, b, c, d, 0, 0)); }

ssize_t read(int fd, void *buffer, size_t count) { return call3(SYS_read, fd, (long)buffer, (long)count); }
ssize_t write(int fd, const void *buffer, size_t count) { return call3(SYS_write, fd, (long)buffer, (long)count); }
int close(int fd) { return call1(SYS_close, fd); }
off_t lseek(int fd, off_t offset, int whence) { return call3(SYS_lseek, fd, offset, whence); }
int dup(int fd) { return call1(SYS_dup, fd); }

int dup2(int old_fd, int new_fd) {
  /* dup3 refuses old == new (as Linux); dup2 of an open fd onto itself is a no-op. */
  if (old_fd == new_fd) return fstat(old_fd, &(struct stat){0}) < 0 ? -1 : new_fd;
  return dup3(old_fd, new_fd, 0);
}

int dup3(int old_fd, int new_fd, int flags) { return call3(SYS_dup3, old_fd, new_fd, flags); }
int pipe(int fds[2]) { return pipe2(fds, 0); }
int pipe2(int fds[2], int flags) { return call2(SYS_pipe2, (long)fds, flags); }

int openat(int dir_fd, const char *path, int flags, mode_t mode) {
  return call4(SYS_openat, dir_fd, (long)path, flags, (long)mode);
}

int open(const char *path, int flags, ...) {
  mode_t mode = 0;
  if (flags & O_CREAT) {
    va_list args;
    va_start(args, flags);
    mode = va_arg(args, mode_t);
    va_end(args);
  }
  return openat(AT_FDCWD, path, flags, mode);
}

int fstat(int fd, struct stat *status) {
  /* The kernel fills 16 bytes; the room to spare keeps a Linux kernel (qemu-riscv32), whose
   * struct is larger, from writing past the caller's. */
  union {
    struct stat small;
    char linux_room[256];
  } room;
  if (call2(SYS_fstat, fd, (long)&room) < 0) return -1;
  memcpy(status, &room.small, sizeof *status);
  return 0;
}

int stat(const char *path, struct stat *status) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  int r = fstat(fd, status);
  int saved = errno;
  close(fd);
  errno = saved;
  return r;
}

int mkdirat(int dir_fd, const char *path, mode_t mode) { return call3(SYS_mkdirat, dir_fd, (long)path, (long)mode); }
int mkdir(const char *path, mode_t mode) { return mkdirat(AT_FDCWD, path, mode); }
int unlinkat(int dir_fd, const char *path, int flags) { return call3(SYS_unlinkat, dir_fd, (long)path, flags); }
int unlink(const char *path) { return unlinkat(AT_FDCWD, path, 0); }
int rmdir(const char *path) { return unlinkat(AT_FDCWD, path, AT_REMOVEDIR); }
int chdir(const char *path) { return call1(SYS_chdir, (long)path); }

char *getcwd(char *buffer, size_t size) { return call2(SYS_getcwd, (long)buffer, (long)size) < 0 ? NULL : buffer; }

int getdents64(int fd, void *buffer, size_t size) { return call3(SYS_getdents64, fd, (long)buffer, (long)size); }
int getdents(int fd, void *buffer, size_t size) { return getdents64(fd, buffer, size); }

pid_t fork(void) {
  ks_stdio_lock_for_fork();
  ks_malloc_lock_for_fork();
  long pid = call0(SYS_fork);
  ks_malloc_unlock_after_fork();
  ks_stdio_unlock_after_fork();
  return pid;
}

int execve(const char *path, char *const argv[], char *const envp[]) {
  ks_stdio_flush_all();
  return call3(SYS_execve, (long)path, (long)argv, (long)envp);
}

int execv(const char *path, char *const argv[]) {
  static char *const no_environment[] = {NULL};
  return execve(path, argv, no_environment);
}

int execvp(const char *name, char *const argv[]) {
  if (strchr(name, '/') != NULL) return execv(name, argv);
  char path[128];
  if (strlen(name) + 6 > sizeof path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(path, "/bin/");
  strcat(path, name);
  return execv(path, argv);
}

void _exit(int status) {
  ks_syscall3(SYS_exit_group, status, 0, 0);
  for (;;) {
  }
}

void thread_exit(int status) {
  ks_syscall3(SYS_exit, status, 0, 0);
  for (;;) {
  }
}

pid_t wait4(pid_t pid, int *status, int options, void *rusage) {
  return call4(SYS_wait4, pid, (long)status, options, (long)rusage);
}
pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, NULL); }
pid_t wait(int *status) { return wait4(-1, status, 0, NULL); }

int kill(pid_t pid, int signal) { return call2(SYS_kill, pid, signal); }
pid_t getpid(void) { return call0(SYS_getpid); }
pid_t getppid(void) { return call0(SYS_getppid); }
int sched_yield(void) { return call0(SYS_sched_yield); }
int sleep(unsigned int ticks) { return call1(SYS_sleep, (long)ticks); }
unsigned int uptime(void) { return (unsigned int)ks_syscall3(SYS_uptime, 0, 0, 0); }
int process_list(struct ks_process_info *records, int count) { return call2(SYS_process_list, (long)records, count); }
int gettid(void) { return call0(SYS_gettid); }

/* The break as the kernel last reported it (0: not asked yet). */
static unsigned long current_break;

int brk(void *address) {
  unsigned long now = (unsigned long)ks_syscall3(SYS_brk, (long)address, 0, 0);
  current_break = now;
  if (now != (unsigned long)address) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

void *sbrk(int increment) {
  if (current_break == 0) current_break = (unsigned long)ks_syscall3(SYS_brk, 0, 0, 0);
  unsigned long old = current_break;
  if (increment == 0) return (void *)old;
  unsigned long wanted = old + (unsigned long)(long)increment;
  /* An increment that wraps around the address space is refused here. */
  if ((increment > 0 && wanted < old) || (increment < 0 && wanted > old)) {
    errno = ENOMEM;
    return (void *)-1;
  }
  if (brk((void *)wanted) < 0) return (void *)-1;
  return (void *)old;
}

char *fdgets(char *buffer, int size, int fd) {
  int n = 0;
  while (n < size - 1) {
    char c;
    if (read(fd, &c, 1) != 1) break;
    buffer[n++] = c;
    if (c == '\n') break;
  }
  if (size > 0) buffer[n] = 0;
  return n == 0 ? NULL : buffer;
}
