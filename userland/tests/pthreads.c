/* userland/tests/pthreads.c — the pthread subset (pthread.h, semaphore.h) under real
 * interleaving: run it with --cpus 4. One test per argument:
 *
 *   mutex     4 threads add 1 to a counter 2000 times each under a mutex: exactly 8000.
 *   racy      the same without the mutex (a load, an add and a store each): prints the total,
 *             which may be less than 8000 (updates lost); always exits 0.
 *   buffer    a bounded buffer of 4 slots with two condition variables: 2 producers put
 *             1..300 each, 2 consumers take 300 items each; the sum taken is 2 * (300 * 301 / 2)
 *             = 90300, and no item is taken twice or lost.
 *   semaphore the same buffer with semaphores (empty 4, full 0) and a mutex.
 *   barrier   4 threads, 5 rounds: in each round every thread writes its slot, waits, and checks
 *             that all 4 slots hold the round; one thread per round gets the serial value.
 *   rwlock    2 writers each set both halves of a pair to the same value 200 times under the
 *             write lock; 2 readers read the pair 200 times under the read lock and never see
 *             the halves differ; at the end both halves are 400 (each write adds 1).
 *   api       the error returns: trylock of a held mutex is EBUSY, a barrier of 0 is EINVAL,
 *             sem_trywait of 0 is EAGAIN, pthread_join returns the start routine's pointer.
 *
 * Prints "NAME: ok" (or "NAME: FAIL ..." with what it found) and exits 0 (1 on failure). */
#include <errno.h>
#include <kernsim.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

enum { kThreads = 4, kAdds = 2000, kItems = 300, kSlots = 4, kRounds = 5, kRwIterations = 200 };

static int failed;
static void fail(const char *what) {
  printf("FAIL %s\n", what);
  failed = 1;
}

static pthread_t start(void *(*function)(void *), void *arg) {
  pthread_t thread = 0;
  if (pthread_create(&thread, NULL, function, arg) != 0) fail("pthread_create");
  return thread;
}

static void join(pthread_t thread) {
  if (pthread_join(thread, NULL) != 0) fail("pthread_join");
}

/* ---- mutex and racy ---- */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int counter;

static void *add_locked(void *unused) {
  (void)unused;
  for (int i = 0; i < kAdds; ++i) {
    pthread_mutex_lock(&counter_lock);
    counter = counter + 1;
    pthread_mutex_unlock(&counter_lock);
  }
  return NULL;
}

static void *add_racy(void *unused) {
  (void)unused;
  for (int i = 0; i < kAdds; ++i) counter = counter + 1;
  return NULL;
}

static void run_counter(void *(*adder)(void *)) {
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) threads[i] = start(adder, NULL);
  for (int i = 0; i < kThreads; ++i) join(threads[i]);
}

/* ---- bounded buffer, with condition variables or semaphores ---- */

static int buffer[kSlots];
static int head, tail, count;
static pthread_mutex_t buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static sem_t empty_slots, full_slots;
static int use_semaphores;
static atomic_int taken_sum;
static atomic_int taken_count[kItems + 1]; /* how often each value was taken */

static void put(int item) {
  if (use_semaphores) {
    sem_wait(&empty_slots);
    pthread_mutex_lock(&buffer_lock);
  } else {
    pthread_mutex_lock(&buffer_lock);
    while (count == kSlots) pthread_cond_wait(&not_full, &buffer_lock);
  }
  buffer[tail] = item;
  tail = (tail + 1) % kSlots;
  ++count;
  pthread_mutex_unlock(&buffer_lock);
  if (use_semaphores) {
    sem_post(&full_slots);
  } else {
    pthread_cond_signal(&not_empty);
  }
}

static int take(void) {
  if (use_semaphores) {
    sem_wait(&full_slots);
    pthread_mutex_lock(&buffer_lock);
  } else {
    pthread_mutex_lock(&buffer_lock);
    while (count == 0) pthread_cond_wait(&not_empty, &buffer_lock);
  }
  if (count <= 0 || count > kSlots) fail("the buffer's count is out of range");
  int item = buffer[head];
  head = (head + 1) % kSlots;
  --count;
  pthread_mutex_unlock(&buffer_lock);
  if (use_semaphores) {
    sem_post(&empty_slots);
  } else {
    pthread_cond_signal(&not_full);
  }
  return item;
}

static void *producer(void *unused) {
  (void)unused;
  for (int i = 1; i <= kItems; ++i) put(i);
  return NULL;
}

static void *consumer(void *unused) {
  (void)unused;
  for (int i = 0; i < kItems; ++i) {
    int item = take();
    if (item < 1 || item > kItems) {
      fail("an item out of range");
      continue;
    }
    atomic_fetch_add(&taken_sum, item);
    atomic_fetch_add(&taken_count[item], 1);
  }
  return NULL;
}

static void run_buffer(void) {
  pthread_t threads[4];
  threads[0] = start(consumer, NULL);
  threads[1] = start(consumer, NULL);
  threads[2] = start(producer, NULL);
  threads[3] = start(producer, NULL);
  for (int i = 0; i < 4; ++i) join(threads[i]);
  if (atomic_load(&taken_sum) != 90300) fail("the sum taken is not 90300");
  for (int i = 1; i <= kItems; ++i) {
    if (atomic_load(&taken_count[i]) != 2) fail("an item was not taken exactly twice");
  }
  if (count != 0) fail("the buffer is not empty at the end");
}

/* ---- barrier ---- */

static pthread_barrier_t barrier;
static volatile int round_of[kThreads];
static atomic_int serials;

static void *barrier_worker(void *slot_pointer) {
  int slot = (int)(long)slot_pointer;
  for (int round = 1; round <= kRounds; ++round) {
    round_of[slot] = round;
    int result = pthread_barrier_wait(&barrier);
    if (result == PTHREAD_BARRIER_SERIAL_THREAD) {
      atomic_fetch_add(&serials, 1);
    } else if (result != 0) {
      fail("pthread_barrier_wait's result");
    }
    for (int i = 0; i < kThreads; ++i) {
      if (round_of[i] != round) fail("a thread passed the barrier before all arrived");
    }
    /* nobody starts the next round before all have checked */
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) atomic_fetch_add(&serials, 1);
  }
  return NULL;
}

static void run_barrier(void) {
  pthread_barrier_init(&barrier, NULL, kThreads);
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) threads[i] = start(barrier_worker, (void *)(long)i);
  for (int i = 0; i < kThreads; ++i) join(threads[i]);
  /* two waits per round, one serial thread each */
  if (atomic_load(&serials) != 2 * kRounds) fail("not one serial thread per round");
}

/* ---- read-write lock ---- */

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static volatile int pair[2];

static void *writer(void *unused) {
  (void)unused;
  for (int i = 0; i < kRwIterations; ++i) {
    pthread_rwlock_wrlock(&rwlock);
    int value = pair[0] + 1;
    pair[0] = value;
    sched_yield(); /* let a reader try to come in between the halves */
    pair[1] = value;
    pthread_rwlock_unlock(&rwlock);
  }
  return NULL;
}

static void *reader(void *unused) {
  (void)unused;
  for (int i = 0; i < kRwIterations; ++i) {
    pthread_rwlock_rdlock(&rwlock);
    int first = pair[0];
    sched_yield();
    int second = pair[1];
    pthread_rwlock_unlock(&rwlock);
    if (first != second) fail("a reader saw a half-written pair");
  }
  return NULL;
}

static void run_rwlock(void) {
  pthread_t threads[4];
  threads[0] = start(writer, NULL);
  threads[1] = start(reader, NULL);
  threads[2] = start(writer, NULL);
  threads[3] = start(reader, NULL);
  for (int i = 0; i < 4; ++i) join(threads[i]);
  if (pair[0] != 2 * kRwIterations || pair[1] != 2 * kRwIterations) fail("the pair is not 400, 400");
}

/* ---- api ---- */

static int marker;
static void *give_pointer(void *arg) { return arg; }
static void *exit_with_pointer(void *arg) { pthread_exit(arg); }

static void run_api(void) {
  pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
  if (pthread_mutex_trylock(&mutex) != 0) fail("trylock of a free mutex");
  if (pthread_mutex_trylock(&mutex) != EBUSY) fail("trylock of a held mutex is not EBUSY");
  if (pthread_mutex_destroy(&mutex) != EBUSY) fail("destroy of a held mutex is not EBUSY");
  pthread_mutex_unlock(&mutex);
  if (pthread_mutex_destroy(&mutex) != 0) fail("destroy of a free mutex");
  pthread_barrier_t none;
  if (pthread_barrier_init(&none, NULL, 0) != EINVAL) fail("a barrier of 0 is not EINVAL");
  pthread_barrier_t one;
  pthread_barrier_init(&one, NULL, 1);
  if (pthread_barrier_wait(&one) != PTHREAD_BARRIER_SERIAL_THREAD) fail("a barrier of 1 is not serial");
  sem_t sem;
  if (sem_init(&sem, 1, 0) != -1 || errno != EINVAL) fail("a shared semaphore is not EINVAL");
  sem_init(&sem, 0, 1);
  if (sem_trywait(&sem) != 0) fail("sem_trywait of 1");
  if (sem_trywait(&sem) != -1 || errno != EAGAIN) fail("sem_trywait of 0 is not EAGAIN");
  sem_post(&sem);
  int value = -1;
  sem_getvalue(&sem, &value);
  if (value != 1) fail("sem_getvalue after a post is not 1");
  void *result = NULL;
  pthread_t thread = start(give_pointer, &marker);
  if (pthread_join(thread, &result) != 0 || result != &marker) fail("pthread_join's result");
  if (pthread_join(thread, &result) != EINVAL) fail("a second join is not EINVAL");
  thread = start(exit_with_pointer, (void *)-1);
  if (pthread_join(thread, &result) != 0 || result != (void *)-1) fail("pthread_exit's result");
  if (pthread_join(pthread_self(), &result) != EINVAL) fail("joining oneself is not EINVAL");
  pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
  if (pthread_rwlock_tryrdlock(&lock) != 0 || pthread_rwlock_tryrdlock(&lock) != 0) fail("two read locks");
  if (pthread_rwlock_trywrlock(&lock) != EBUSY) fail("trywrlock with readers is not EBUSY");
  pthread_rwlock_unlock(&lock);
  pthread_rwlock_unlock(&lock);
  if (pthread_rwlock_trywrlock(&lock) != 0) fail("trywrlock of a free lock");
  if (pthread_rwlock_tryrdlock(&lock) != EBUSY) fail("tryrdlock with a writer is not EBUSY");
  pthread_rwlock_unlock(&lock);
  if (pthread_rwlock_unlock(&lock) != EPERM) fail("unlock of a free rwlock is not EPERM");
  unsigned int ticks = 3;
  volatile int word = 0;
  if (futex_wait(&word, 0, &ticks) != -1 || errno != ETIMEDOUT) fail("futex_wait's timeout");
  if (futex_wait(&word, 1, NULL) != -1 || errno != EAGAIN) fail("futex_wait of another value");
  if (futex_wake(&word, 1) != 0) fail("futex_wake of nobody");
}

int main(int argc, char **argv) {
  const char *test = argc > 1 ? argv[1] : "";
  if (strcmp(test, "mutex") == 0) {
    run_counter(add_locked);
    if (counter != kThreads * kAdds) {
      printf("counter %d, expected %d\n", counter, kThreads * kAdds);
      failed = 1;
    }
  } else if (strcmp(test, "racy") == 0) {
    run_counter(add_racy);
    printf("racy: %d of %d (%s)\n", counter, kThreads * kAdds,
           counter == kThreads * kAdds ? "no update lost" : "updates lost");
    return 0;
  } else if (strcmp(test, "buffer") == 0) {
    run_buffer();
  } else if (strcmp(test, "semaphore") == 0) {
    use_semaphores = 1;
    sem_init(&empty_slots, 0, kSlots);
    sem_init(&full_slots, 0, 0);
    run_buffer();
  } else if (strcmp(test, "barrier") == 0) {
    run_barrier();
  } else if (strcmp(test, "rwlock") == 0) {
    run_rwlock();
  } else if (strcmp(test, "api") == 0) {
    run_api();
  } else {
    fprintf(stderr, "usage: pthreads mutex|racy|buffer|semaphore|barrier|rwlock|api\n");
    return 2;
  }
  printf("%s: %s\n", test, failed ? "FAIL" : "ok");
  return failed;
}
