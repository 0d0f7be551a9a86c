/* userland/tests/usertests/main.c — the driver: runs each test in a child of its own and counts
 * the results; the helpers the tests share. */
#include "usertests.h"

const char *test_name;
int failed;

/* Records the first failure of the running test; the test returns after it (see CHECK). */
void fail(const char *format, ...) {
  if (failed) return;
  failed = 1;
  char why[200];
  va_list args;
  va_start(args, format);
  vsnprintf(why, sizeof why, format, args);
  va_end(args);
  printf("%s: FAIL (%s)\n", test_name, why);
}

/* Waits for PID; its wait status, or -1 (with a FAIL) when waiting failed. */
int wait_for(pid_t pid) {
  int status = 0;
  pid_t r = waitpid(pid, &status, 0);
  if (r != pid) {
    fail("waitpid(%d) gave %d, errno %d (%s)", pid, r, errno, strerror(errno));
    return -1;
  }
  return status;
}

/* Whether STATUS says the process was killed by SIGNAL. The kernel may report it as killed
 * by the signal (Linux's way) or as exit code 128 + SIGNAL (kernsim's exit status). */
int killed_by(int status, int signal) {
  return (WIFSIGNALED(status) && WTERMSIG(status) == signal) ||
         (WIFEXITED(status) && WEXITSTATUS(status) == 128 + signal);
}

int write_file(const char *path, const void *data, size_t length) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) return -1;
  ssize_t n = write(fd, data, length);
  close(fd);
  return n == (ssize_t)length ? 0 : -1;
}

/* Reads all of FD into BUFFER (at most SIZE - 1 bytes, then a NUL); the bytes read. */
int read_all(int fd, char *buffer, int size) {
  int n = 0;
  for (;;) {
    ssize_t r = read(fd, buffer + n, (size_t)(size - 1 - n));
    if (r <= 0) break;
    n += (int)r;
  }
  buffer[n] = 0;
  return n;
}

/* Runs PATH with ARGV in a child whose stdout is a pipe; puts what it printed in OUTPUT and
 * returns its wait status (-1 after a FAIL). */
int run_capture(const char *path, char *const argv[], char *output, int size) {
  int fds[2];
  if (pipe(fds) < 0) {
    fail("pipe: %s", strerror(errno));
    return -1;
  }
  pid_t pid = fork();
  if (pid < 0) {
    fail("fork: %s", strerror(errno));
    return -1;
  }
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execv(path, argv);
    _exit(100 + errno);
  }
  close(fds[1]);
  read_all(fds[0], output, size);
  close(fds[0]);
  return wait_for(pid);
}

/* ---- the driver ------------------------------------------------------------------------ */

struct test {
  const char *name;
  void (*run)(void);
};

static const struct test tests[] = {
    {"write_bad_pointer", write_bad_pointer},
    {"read_bad_pointer", read_bad_pointer},
    {"open_bad_pointer", open_bad_pointer},
    {"execve_bad_pointer", execve_bad_pointer},
    {"pipe_bad_pointer", pipe_bad_pointer},
    {"wait_bad_pointer", wait_bad_pointer},
    {"getcwd_bad_pointer", getcwd_bad_pointer},
    {"exec_errors", exec_errors},
    {"exec_arguments", exec_arguments},
    {"exit_status", exit_status},
    {"wait_nohang", wait_nohang},
    {"fork_copies_memory", fork_copies_memory},
    {"fork_until_full", fork_until_full},
    {"kill_child", kill_child},
    {"stack_overflow", stack_overflow},
    {"sbrk_out_of_memory", sbrk_out_of_memory},
    {"malloc_out_of_memory", malloc_out_of_memory},
    {"sbrk_shrink", sbrk_shrink},
    {"pipe_end_of_file", pipe_end_of_file},
    {"pipe_broken", pipe_broken},
    {"pipe_large_transfer", pipe_large_transfer},
    {"pipe_write_all", pipe_write_all},
    {"pipe_write_reader_closes", pipe_write_reader_closes},
    {"file_read_write_seek", file_read_write_seek},
    {"file_large", file_large},
    {"open_until_full", open_until_full},
    {"directories", directories},
    {"directory_listing", directory_listing},
    {"dup2_redirection", dup2_redirection},
    {"shell_pipeline", shell_pipeline},
    {"threads_shared_counter", threads_shared_counter},
    {"sleep_and_uptime", sleep_and_uptime},
    {"bad_pointer_ranges", bad_pointer_ranges},
    {"faults_kill_only_the_child", faults_kill_only_the_child},
    {"exec_huge_argv", exec_huge_argv},
    {"exec_wrong_machine", exec_wrong_machine},
    {"wait_only_for_children", wait_only_for_children},
    {"append_from_two_processes", append_from_two_processes},
    {"directory_many_entries", directory_many_entries},
    {"descriptors_until_full", descriptors_until_full},
    {"exec_many_at_once", exec_many_at_once},
    {"threads_many", threads_many},
    {"threads_and_exit", threads_and_exit},
    {"fork_with_threads", fork_with_threads},
    {"kill_blocked", kill_blocked},
    {"process_list_sees_children", process_list_sees_children},
    {"no_memory_leak", no_memory_leak},
};

/* Runs T in a child; 1 if it passed. Without fork it runs in this process. */
static int run_test(const struct test *t) {
  test_name = t->name;
  failed = 0;
  pid_t pid = fork();
  if (pid < 0) {
    if (errno != ENOSYS) {
      printf("%s: FAIL (fork for the test: %s)\n", t->name, strerror(errno));
      return 0;
    }
    t->run();
  } else if (pid == 0) {
    t->run();
    if (!failed) printf("%s: ok\n", t->name);
    exit(failed);
  } else {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) {
      printf("%s: FAIL (waiting for the test: %s)\n", t->name, strerror(errno));
      return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) <= 1) return WEXITSTATUS(status) == 0;
    printf("%s: FAIL (the test process died: %s %d)\n", t->name, WIFSIGNALED(status) ? "signal" : "exit status",
           WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    return 0;
  }
  if (!failed) printf("%s: ok\n", t->name);
  return !failed;
}

/* Removes PATH, a file or a directory with everything in it. */
static void remove_tree(const char *path) {
  if (unlink(path) == 0 || errno == ENOENT) return;
  DIR *d = opendir(path);
  if (d != NULL) {
    struct dirent *entry;
    char child[300];
    while ((entry = readdir(d)) != NULL) {
      if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
      snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
      remove_tree(child);
    }
    closedir(d);
  }
  rmdir(path);
}

/* Removes what an earlier run that failed half-way left in the current directory ("ut_*"). */
static void remove_leftovers(void) {
  char names[32][64];
  int count = 0;
  DIR *d = opendir(".");
  if (d == NULL) return;
  struct dirent *entry;
  while ((entry = readdir(d)) != NULL && count < 32) {
    if (strncmp(entry->d_name, "ut_", 3) == 0) snprintf(names[count++], sizeof names[0], "%s", entry->d_name);
  }
  closedir(d);
  for (int i = 0; i < count; ++i) remove_tree(names[i]);
}

int main(int argc, char **argv) {
  int passed = 0, failures = 0;
  enum { kTests = sizeof tests / sizeof tests[0] };
  for (int a = 1; a < argc; ++a) {
    int known = 0;
    for (unsigned i = 0; i < kTests; ++i) known |= strcmp(argv[a], tests[i].name) == 0;
    if (!known) {
      fprintf(stderr, "usertests: no test named %s; the tests:", argv[a]);
      for (unsigned i = 0; i < kTests; ++i) fprintf(stderr, " %s", tests[i].name);
      fprintf(stderr, "\nusage: usertests [TEST...]\n");
      return 2;
    }
  }
  remove_leftovers();
  for (unsigned i = 0; i < kTests; ++i) {
    int wanted = argc == 1;
    for (int a = 1; a < argc; ++a) wanted |= strcmp(argv[a], tests[i].name) == 0;
    if (!wanted) continue;
    if (run_test(&tests[i])) {
      ++passed;
    } else {
      ++failures;
    }
  }
  printf("usertests: %d passed, %d failed\n", passed, failures);
  return failures;
}
