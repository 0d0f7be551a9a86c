/* userland/lib/libc/internal.h — what the files of the libc share and programs do not see. */
#ifndef KS_LIBC_INTERNAL_H
#define KS_LIBC_INTERNAL_H

#include "../ks_user.h"

/* The system-call numbers of docs/syscalls.md. */
enum {
  SYS_getcwd = 17,
  SYS_dup = 23,
  SYS_dup3 = 24,
  SYS_mkdirat = 34,
  SYS_unlinkat = 35,
  SYS_chdir = 49,
  SYS_openat = 56,
  SYS_close = 57,
  SYS_pipe2 = 59,
  SYS_getdents64 = 61,
  SYS_lseek = 62,
  SYS_read = 63,
  SYS_write = 64,
  SYS_fstat = 80,
  SYS_sync = 81,
  SYS_fsync = 82,
  SYS_exit = 93,
  SYS_exit_group = 94,
  SYS_futex = 98,
  SYS_sched_yield = 124,
  SYS_kill = 129,
  SYS_getpid = 172,
  SYS_getppid = 173,
  SYS_brk = 214,
  SYS_execve = 221,
  SYS_wait4 = 260,
  SYS_renameat2 = 276,
  SYS_fork = 1000,
  SYS_sleep = 1002,
  SYS_uptime = 1003,
  SYS_thread_create = 1004,
  SYS_thread_join = 1005,
  SYS_gettid = 1006,
  SYS_process_list = 1007,
};

/* A kernel result R: -errno (-4095..-1) becomes -1 with errno set; anything else is returned. */
long ks_result(long r);

/* Flushes every stream's pending output (stdio.c); fork, execve and exit call it. */
void ks_stdio_flush_all(void);

/* fork holds the libc's locks across the system call, so that the child (which has only the
 * calling thread) never starts with a lock some other thread held: stdio's (flushing first),
 * then malloc's. */
void ks_stdio_lock_for_fork(void);
void ks_stdio_unlock_after_fork(void);
void ks_malloc_lock_for_fork(void);
void ks_malloc_unlock_after_fork(void);

#endif
