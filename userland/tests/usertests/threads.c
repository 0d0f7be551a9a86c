/* userland/tests/usertests/threads.c — threads sharing memory, sleep and uptime. */
#include "usertests.h"

/* ---- threads and time ------------------------------------------------------------------ */

static volatile int shared_counter;
static int locked_counter;
static ks_lock counter_lock;

static int add_to_counters(void *arg) {
  for (int i = 0; i < 5000; ++i) __atomic_fetch_add(&shared_counter, 1, __ATOMIC_RELAXED);
  for (int i = 0; i < 500; ++i) {
    ks_lock_acquire(&counter_lock);
    int v = locked_counter;
    if (i % 100 == 0) sched_yield(); /* invite the others to race */
    locked_counter = v + 1;
    ks_lock_release(&counter_lock);
  }
  return (int)(long)arg;
}

void threads_shared_counter(void) {
  enum { kThreads = 4 };
  int tids[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    tids[i] = thread_create(add_to_counters, (void *)(long)(10 + i));
    CHECK(tids[i] > 0, "thread_create: %s", strerror(errno));
    CHECK(tids[i] != gettid(), "a new thread has the creator's tid");
  }
  for (int i = 0; i < kThreads; ++i) {
    int status = thread_join(tids[i]);
    CHECK(status == 10 + i, "thread %d ended with %d, not %d", i, status, 10 + i);
  }
  CHECK(shared_counter == kThreads * 5000, "atomic counter %d, not %d", shared_counter, kThreads * 5000);
  CHECK(locked_counter == kThreads * 500, "locked counter %d, not %d", locked_counter, kThreads * 500);
  CHECK(getpid() > 0 && gettid() > 0, "getpid/gettid");
  CHECK(thread_join(tids[0]) == -1, "joining a thread twice succeeded");
}

void sleep_and_uptime(void) {
  unsigned before = uptime();
  CHECK(sleep(10) == 0, "sleep: %s", strerror(errno));
  unsigned after = uptime();
  CHECK(after - before >= 10, "slept %u ticks, not 10", after - before);
  CHECK(sched_yield() == 0, "sched_yield");
  CHECK(ks_syscall3(999, 0, 0, 0) == -ENOSYS, "an unknown system call is not ENOSYS");
}

void threads_many(void) {
  enum { kThreads = 16 };
  int tids[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    tids[i] = thread_create(add_to_counters, (void *)(long)i);
    CHECK(tids[i] > 0, "thread_create %d: %s", i, strerror(errno));
  }
  for (int i = kThreads - 1; i >= 0; --i) CHECK(thread_join(tids[i]) == i, "thread %d's status", i);
  CHECK(shared_counter == kThreads * 5000 && locked_counter == kThreads * 500, "counters %d %d", shared_counter,
        locked_counter);
  CHECK(thread_join(99999) == -1, "joining no such thread succeeded");
  CHECK(thread_join(gettid()) == -1, "a thread joined itself");
}

static int sleep_then_return(void *arg) {
  sleep(20);
  return (int)(long)arg;
}

static int exit_whole_process(void *arg) { exit((int)(long)arg); }

static int sleep_forever(void *arg) {
  (void)arg;
  for (;;) sleep(5);
}

/* Runs BODY in a child and returns the child's wait status (-1 after a FAIL). */
static int status_of_child(void (*body)(void)) {
  pid_t pid = fork();
  if (pid < 0) {
    fail("fork: %s", strerror(errno));
    return -1;
  }
  if (pid == 0) {
    body();
    _exit(99);
  }
  return wait_for(pid);
}

static void main_thread_exits_first(void) {
  if (thread_create(sleep_then_return, (void *)7L) < 0) _exit(98);
  thread_exit(3); /* the other thread is the last: its status is the process's */
}

static void a_thread_calls_exit(void) {
  int sleeper = thread_create(sleep_forever, NULL);
  if (sleeper < 0 || thread_create(exit_whole_process, (void *)5L) < 0) _exit(98);
  thread_join(sleeper); /* never returns: exit() in the other thread ends the process */
}

static void main_returns_with_threads_running(void) {
  for (int i = 0; i < 3; ++i) {
    if (thread_create(sleep_forever, NULL) < 0) _exit(98);
  }
  exit(6);
}

/* The process ends with its last thread, or at once when any thread calls exit (exit_group). */
void threads_and_exit(void) {
  int status = status_of_child(main_thread_exits_first);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "main thread exited first: status %#x, not 7 << 8", status);
  status = status_of_child(a_thread_calls_exit);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "exit() in a thread: status %#x, not 5 << 8", status);
  status = status_of_child(main_returns_with_threads_running);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 6, "exit with threads running: status %#x, not 6 << 8", status);
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    for (int i = 0; i < 3; ++i) thread_create(sleep_forever, NULL);
    sleep_forever(NULL);
  }
  sleep(10);
  CHECK(kill(pid, SIGKILL) == 0, "kill: %s", strerror(errno));
  status = wait_for(pid);
  CHECK(killed_by(status, SIGKILL), "kill of a process with 4 threads: status %#x", status);
}

static volatile int stop_churning;
static FILE *noise;

/* Allocates, frees and prints almost without pause, so that the libc's locks are often held.
 * (It yields now and then, so that under a policy without preemption the others run too.) */
static int churn(void *arg) {
  (void)arg;
  for (unsigned i = 0; !stop_churning; ++i) {
    char *p = malloc(100);
    fprintf(noise, "%p\n", (void *)p);
    free(p);
    if (i % 256 == 0) sched_yield();
  }
  return 0;
}

/* Waits up to TICKS for PID; its wait status, or -1 after killing it when it did not end. */
static int wait_with_deadline(pid_t pid, unsigned ticks) {
  unsigned start = uptime();
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (uptime() - start > ticks) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    sleep(1);
  }
  return status;
}

/* A child forked while other threads hold malloc's or stdio's lock must not find it held (fork
 * holds both across the call). Forks at many moments of the churning threads' loops; a child
 * that deadlocks is killed after a deadline. */
void fork_with_threads(void) {
  noise = fopen("ut_noise", "w");
  CHECK(noise != NULL, "fopen: %s", strerror(errno));
  int tids[2];
  for (int i = 0; i < 2; ++i) {
    tids[i] = thread_create(churn, NULL);
    CHECK(tids[i] > 0, "thread_create: %s", strerror(errno));
  }
  for (int i = 0; i < 200; ++i) {
    for (volatile int k = 0; k < i * 37 % 500; ++k) {
    }
    pid_t pid = fork();
    CHECK(pid >= 0, "fork %d: %s", i, strerror(errno));
    if (pid == 0) {
      char *p = malloc(1000);
      fprintf(noise, "child %d %p\n", i, (void *)p);
      free(p);
      exit(0);
    }
    int status = wait_with_deadline(pid, 5000);
    CHECK(status != -1, "child %d deadlocked (a libc lock held by another thread at fork)", i);
    CHECK(status == 0, "child %d: status %#x", i, status);
  }
  stop_churning = 1;
  for (int i = 0; i < 2; ++i) CHECK(thread_join(tids[i]) == 0, "thread_join");
  fclose(noise);
  unlink("ut_noise");
}
