/* userland/tests/usertests/usertests.h — robustness tests of the kernel's system calls, after
 * xv6's usertests.
 *
 * Each test runs in a child process of its own (so a test that crashes, or leaves memory or
 * processes behind, harms no other) and prints "NAME: ok" or "NAME: FAIL (why)"; the parent
 * prints the FAIL line itself when the child died before it could. The last line is
 * "usertests: N passed, M failed", and the exit status is M. `usertests NAME...` runs only the
 * tests named. Files are made in the current directory with names starting "ut_".
 * The contract tested is docs/syscalls.md.
 *
 * The files: main.c (the driver and the helpers below), bad_pointers.c, exec.c, processes.c,
 * memory.c, files.c, threads.c. A new test is a void function that uses CHECK, declared here
 * and listed in main.c's table. */
#ifndef USERTESTS_H
#define USERTESTS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <kernsim.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../lib/ks_user.h"

#define BAD_LOW ((void *)0x10)          /* below every segment: never mapped */
#define BAD_HIGH ((void *)0xfffffff0)   /* a range that would wrap around */
#define BAD_KERNEL ((void *)0x80000000) /* above the stack: never a user page */

/* The running test's name, and whether it has failed. */
extern const char *test_name;
extern int failed;

/* Records the first failure of the running test, printing "NAME: FAIL (why)"; the test should
 * return after it (CHECK does). */
void fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(condition, ...) \
  do {                        \
    if (!(condition)) {       \
      fail(__VA_ARGS__);      \
      return;                 \
    }                         \
  } while (0)

/* CALL must fail with ERROR: the result -1 and errno ERROR. */
#define CHECK_ERROR(call, error)                                                                          \
  do {                                                                                                    \
    errno = 0;                                                                                            \
    long result_ = (long)(call);                                                                          \
    CHECK(result_ == -1 && errno == (error), "%s gave %ld, errno %d (%s), not %s", #call, result_, errno, \
          strerror(errno), strerror(error));                                                              \
  } while (0)

/* Waits for PID; its wait status, or -1 (with a FAIL) when waiting failed. */
int wait_for(pid_t pid);
/* Whether STATUS says the process was killed by SIGNAL (as Linux reports it, or as exit code
 * 128 + SIGNAL). */
int killed_by(int status, int signal);
/* Creates PATH holding DATA; 0, or -1. */
int write_file(const char *path, const void *data, size_t length);
/* Reads all of FD into BUFFER (at most SIZE - 1 bytes, then a NUL); the bytes read. */
int read_all(int fd, char *buffer, int size);
/* Runs PATH with ARGV in a child whose stdout is a pipe; puts what it printed in OUTPUT and
 * returns its wait status (-1 after a FAIL). */
int run_capture(const char *path, char *const argv[], char *output, int size);

/* The tests, in the order main.c runs them. */
void write_bad_pointer(void);
void read_bad_pointer(void);
void open_bad_pointer(void);
void execve_bad_pointer(void);
void pipe_bad_pointer(void);
void wait_bad_pointer(void);
void getcwd_bad_pointer(void);
void exec_errors(void);
void exec_arguments(void);
void exit_status(void);
void wait_nohang(void);
void fork_copies_memory(void);
void fork_until_full(void);
void kill_child(void);
void stack_overflow(void);
void sbrk_out_of_memory(void);
void malloc_out_of_memory(void);
void sbrk_shrink(void);
void pipe_end_of_file(void);
void pipe_broken(void);
void pipe_large_transfer(void);
void pipe_write_all(void);
void pipe_write_reader_closes(void);
void file_read_write_seek(void);
void file_large(void);
void open_until_full(void);
void directories(void);
void directory_listing(void);
void dup2_redirection(void);
void shell_pipeline(void);
void threads_shared_counter(void);
void sleep_and_uptime(void);
void bad_pointer_ranges(void);
void faults_kill_only_the_child(void);
void exec_huge_argv(void);
void exec_wrong_machine(void);
void wait_only_for_children(void);
void append_from_two_processes(void);
void directory_many_entries(void);
void descriptors_until_full(void);
void exec_many_at_once(void);
void threads_many(void);
void threads_and_exit(void);
void fork_with_threads(void);
void kill_blocked(void);
void process_list_sees_children(void);
void no_memory_leak(void);

#endif
