/* userland/tests/usertests/processes.c — fork, wait4, exit statuses, kill, and faults that kill
 * only the faulting child. */
#include "usertests.h"

/* ---- processes ------------------------------------------------------------------------- */

void exit_status(void) {
  pid_t parent = getpid();
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) _exit(getppid() == parent ? 42 : 1);
  CHECK(pid != parent && pid > 0, "fork gave %d", pid);
  int status = wait_for(pid);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "status %#x, not 42 << 8 (getppid wrong if 1)", status);
  CHECK_ERROR(wait(&status), ECHILD);
  CHECK_ERROR(waitpid(12345, &status, 0), ECHILD);
}

void wait_nohang(void) {
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    char c;
    close(fds[1]);
    read(fds[0], &c, 1); /* until the parent closes its end */
    _exit(3);
  }
  close(fds[0]);
  int status;
  CHECK(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG with a running child is not 0");
  close(fds[1]);
  status = wait_for(pid);
  CHECK(WEXITSTATUS(status) == 3, "status %#x", status);
}

static int global_value = 1;

void fork_copies_memory(void) {
  char *heap = malloc(100);
  CHECK(heap != NULL, "malloc");
  strcpy(heap, "parent");
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    int ok = global_value == 1 && strcmp(heap, "parent") == 0;
    global_value = 2;
    strcpy(heap, "child");
    _exit(ok ? 0 : 1);
  }
  int status = wait_for(pid);
  CHECK(status == 0, "the child did not see the parent's memory");
  CHECK(global_value == 1 && strcmp(heap, "parent") == 0, "the child's writes reached the parent");
}

/* Forks until the kernel says no, with every child waiting on a pipe; then lets them all go. */
void fork_until_full(void) {
  enum { kLimit = 1000 };
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  int children = 0, error = 0;
  while (children < kLimit) {
    pid_t pid = fork();
    if (pid < 0) {
      error = errno;
      break;
    }
    if (pid == 0) {
      char c;
      close(fds[1]);
      read(fds[0], &c, 1);
      _exit(0);
    }
    ++children;
  }
  close(fds[1]);
  close(fds[0]);
  int reaped = 0, status;
  while (wait(&status) > 0) ++reaped;
  CHECK(children < kLimit, "fork never failed: %d children", children);
  CHECK(error == EAGAIN || error == ENOMEM, "fork failed with errno %d (%s)", error, strerror(error));
  CHECK(children > 0, "not one fork succeeded");
  CHECK(reaped == children, "%d children, %d reaped", children, reaped);
  pid_t pid = fork(); /* everything is free again */
  CHECK(pid >= 0, "fork after the children exited: %s", strerror(errno));
  if (pid == 0) _exit(0);
  CHECK(wait_for(pid) == 0, "the last child");
}

void kill_child(void) {
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    for (;;) sleep(1);
  }
  sleep(2);
  CHECK(kill(pid, SIGKILL) == 0, "kill: %s", strerror(errno));
  int status = wait_for(pid);
  CHECK(killed_by(status, SIGKILL), "status %#x, not killed by 9", status);
  CHECK_ERROR(kill(pid, SIGKILL), ESRCH);
  CHECK_ERROR(kill(54321, SIGTERM), ESRCH);
  /* A child that is always ready to run (never blocked) is killed as well. It yields now and
   * then, so that under a policy without preemption (fifo on one hart) the parent runs again. */
  pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    for (volatile int i = 0;; ++i) {
      if (i % 1000 == 0) sched_yield();
    }
  }
  sched_yield();
  CHECK(kill(pid, SIGTERM) == 0, "kill: %s", strerror(errno));
  status = wait_for(pid);
  CHECK(killed_by(status, SIGTERM), "status %#x, not killed by 15", status);
  /* Init (pid 1) cannot be killed by a program; asking whether it exists still works. */
  CHECK_ERROR(kill(1, SIGKILL), EPERM);
  CHECK(kill(1, 0) == 0, "kill(1, 0): %s", strerror(errno));
}

/* process_list: this process and a child are listed with their parents, states and names. */
void process_list_sees_children(void) {
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    char c;
    close(fds[1]);
    _exit(read(fds[0], &c, 1) == 0 ? 0 : 1); /* blocked until the parent closes the pipe */
  }
  close(fds[0]);
  sleep(2);
  static struct ks_process_info records[300];
  int count = process_list(records, 300);
  CHECK(count >= 2, "process_list gave %d", count);
  int me = -1, child = -1;
  for (int i = 0; i < count && i < 300; ++i) {
    if ((pid_t)records[i].pid == getpid()) me = i;
    if ((pid_t)records[i].pid == pid) child = i;
    if (i > 0) CHECK(records[i].pid > records[i - 1].pid, "not in pid order");
  }
  CHECK(me >= 0 && child >= 0, "this process or its child is missing");
  CHECK(records[me].state == 'R' && records[me].threads == 1, "this process: state %c, %u threads",
        (char)records[me].state, records[me].threads);
  CHECK(strncmp(records[me].name, "usertests", 9) == 0, "this process is named \"%s\"", records[me].name);
  CHECK((pid_t)records[child].parent == getpid() && records[child].state == 'S', "the child: parent %u, state %c",
        records[child].parent, (char)records[child].state);
  CHECK(process_list(NULL, 0) == count, "a count of 0 asks only how many");
  CHECK(process_list(records, 1) == count, "a short buffer still gives the whole count");
  CHECK_ERROR(process_list(BAD_LOW, 4), EFAULT);
  CHECK_ERROR(process_list(records, 5000), EINVAL);
  close(fds[1]);
  CHECK(wait_for(pid) == 0, "the child did not see end of file");
}

static volatile int recursion_limit = 0x7fffffff; /* volatile: the compiler cannot see the end */

static int recurse(int depth) {
  volatile char frame[1024];
  frame[0] = (char)depth;
  return depth < recursion_limit ? recurse(depth + 1) + frame[0] : 0;
}

void stack_overflow(void) {
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) _exit(recurse(0));
  int status = wait_for(pid);
  CHECK(killed_by(status, SIGSEGV), "status %#x, not a page fault (139)", status);
}

static void run_until_killed(void (*action)(void), int signal, const char *what) {
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    action();
    _exit(0);
  }
  int status = wait_for(pid);
  CHECK(killed_by(status, signal), "%s: status %#x, not killed by %d (%d)", what, status, signal, 128 + signal);
}

static void illegal_instruction(void) { __asm__ volatile(".word 0"); }
static void breakpoint(void) { __asm__ volatile("ebreak"); }
static void misaligned_load(void) {
  static int words[2];
  __asm__ volatile("lw t0, 1(%0)" : : "r"(words) : "t0", "memory");
}
static void jump_to_zero(void) { __asm__ volatile("jalr ra, 0(%0)" : : "r"(0) : "ra", "memory"); }
static void store_to_code(void) { *(volatile int *)(void *)illegal_instruction = 0; }
static void load_from_kernel(void) { (void)*(volatile int *)0x80001000u; }

void faults_kill_only_the_child(void) {
  run_until_killed(illegal_instruction, SIGILL, "an illegal instruction");
  if (failed) return;
  run_until_killed(breakpoint, SIGTRAP, "ebreak");
  if (failed) return;
  run_until_killed(misaligned_load, SIGBUS, "a misaligned load");
  if (failed) return;
  run_until_killed(jump_to_zero, SIGSEGV, "a jump to 0");
  if (failed) return;
  run_until_killed(store_to_code, SIGSEGV, "a store to the program's code");
  if (failed) return;
  run_until_killed(load_from_kernel, SIGSEGV, "a load above the stack");
  if (failed) return;
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    kill(getpid(), SIGKILL);
    _exit(0); /* not reached */
  }
  int status = wait_for(pid);
  CHECK(killed_by(status, SIGKILL), "kill of itself: status %#x", status);
  pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) exit(256 + 5);
  status = wait_for(pid);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "exit(261): status %#x, not 5 << 8", status);
}

void wait_only_for_children(void) {
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  pid_t child = fork();
  CHECK(child >= 0, "fork: %s", strerror(errno));
  if (child == 0) {
    pid_t grandchild = fork();
    if (grandchild == 0) {
      sleep(20);
      _exit(0);
    }
    write(fds[1], &grandchild, sizeof grandchild);
    int status;
    _exit(waitpid(grandchild, &status, 0) == grandchild ? 0 : 1);
  }
  pid_t grandchild = 0;
  CHECK(read(fds[0], &grandchild, sizeof grandchild) == sizeof grandchild, "read the grandchild's pid");
  int status;
  CHECK_ERROR(waitpid(grandchild, &status, 0), ECHILD);
  status = wait_for(child);
  CHECK(status == 0, "the child could not wait for its own child: status %#x", status);
}

/* Processes blocked in read, write, wait and sleep are killed and reaped like running ones. */
void kill_blocked(void) {
  int empty[2], full[2];
  CHECK(pipe(empty) == 0 && pipe(full) == 0, "pipe: %s", strerror(errno));
  pid_t pids[4];
  for (int i = 0; i < 4; ++i) {
    pids[i] = fork();
    CHECK(pids[i] >= 0, "fork: %s", strerror(errno));
    if (pids[i] == 0) {
      char buffer[512] = {0};
      if (i == 0) read(empty[0], buffer, 1); /* nobody writes */
      if (i == 1) {
        for (;;) write(full[1], buffer, sizeof buffer); /* nobody reads */
      }
      if (i == 2) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
          /* Outlives its parent; ends when this test's process does and the pipe sees EOF. */
          close(empty[1]);
          read(empty[0], buffer, 1);
          _exit(0);
        }
        wait(NULL); /* the grandchild does not end before the kill */
      }
      if (i == 3) sleep(100000);
      _exit(0);
    }
  }
  sleep(20);
  const char *what[] = {"read", "write", "wait", "sleep"};
  for (int i = 0; i < 4; ++i) {
    CHECK(kill(pids[i], SIGKILL) == 0, "kill of the child blocked in %s: %s", what[i], strerror(errno));
    int status = wait_for(pids[i]);
    CHECK(killed_by(status, SIGKILL), "the child blocked in %s: status %#x", what[i], status);
  }
  /* The orphaned grandchild lives on (until this process ends); it is not ours to wait for. */
  CHECK_ERROR(wait(NULL), ECHILD);
}
