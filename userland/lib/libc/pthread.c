/* userland/lib/libc/pthread.c — the pthread subset and the semaphores, on futex (98) and the
 * A extension's atomics (amoswap, amoadd, lr/sc: the __atomic builtins, which <stdatomic.h> is
 * made of). The design of each object is in docs/futex.md; in short:
 *
 *   mutex      Drepper's mutex 3 ("Futexes Are Tricky"): 0 free, 1 taken, 2 taken and perhaps
 *              waited for. Taking a free one is one compare-and-swap and no system call;
 *              unlocking calls futex_wake only when the word was 2.
 *   condition  a sequence number: wait reads it, unlocks, and sleeps while it is unchanged;
 *              signal and broadcast bump it and wake one or all. A signal between the unlock and
 *              the sleep changes the number, so futex_wait returns at once: no lost wake-up.
 *   semaphore  the count is the futex word; sem_post wakes one sleeper only when there may be one.
 *   barrier    a generation number, bumped by the last thread of each round, which wakes all.
 *   rwlock     a mutex and two conditions, with writer preference.
 *
 * pthread_create runs START(ARG) through thread_create (thread.c); the result goes into a slot
 * of a table (not the exit status, which cannot carry every pointer: -1..-4095 read as errors),
 * and pthread_join takes it from there. */
#include <errno.h>
#include <kernsim.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

#include "internal.h"

enum { kFutexWait = 0, kFutexWake = 1, kFutexPrivate = 128, kMaxThreads = 64, kWakeAll = 0x7fffffff };

int futex_wait(volatile int *word, int expected, const unsigned int *timeout) {
  return (int)ks_result(ks_syscall6(SYS_futex, (long)word, kFutexWait | kFutexPrivate, expected, (long)timeout, 0, 0));
}

int futex_wake(volatile int *word, int count) {
  return (int)ks_result(ks_syscall6(SYS_futex, (long)word, kFutexWake | kFutexPrivate, count, 0, 0, 0));
}

/* futex_wait without touching errno (which all threads share): pthread_* do not set it. */
static void sleep_while(volatile int *word, int expected) {
  ks_syscall6(SYS_futex, (long)word, kFutexWait | kFutexPrivate, expected, 0, 0, 0);
}
static void wake(volatile int *word, int count) {
  ks_syscall6(SYS_futex, (long)word, kFutexWake | kFutexPrivate, count, 0, 0, 0);
}

static int compare_and_swap(volatile int *word, int expected, int desired) {
  __atomic_compare_exchange_n(word, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return expected; /* the value it had: EXPECTED when the swap happened */
}

/* ---- threads ---- */

static struct {
  volatile int tid; /* 0: free */
  int used;
  void *(*start)(void *);
  void *arg;
  void *result;
} slots[kMaxThreads];
static ks_lock slots_lock;

static int run_start(void *slot_pointer) {
  int slot = (int)(long)slot_pointer;
  slots[slot].tid = gettid(); /* as the creator does: pthread_exit may come first */
  slots[slot].result = slots[slot].start(slots[slot].arg);
  return 0;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg) {
  (void)attr;
  int slot = -1;
  ks_lock_acquire(&slots_lock);
  for (int i = 0; i < kMaxThreads && slot < 0; ++i) {
    if (!slots[i].used) slot = i;
  }
  if (slot >= 0) {
    slots[slot].used = 1;
    slots[slot].tid = 0;
    slots[slot].start = start;
    slots[slot].arg = arg;
    slots[slot].result = NULL;
  }
  ks_lock_release(&slots_lock);
  if (slot < 0) return EAGAIN;
  int saved = errno;
  int tid = thread_create(run_start, (void *)(long)slot);
  int error = errno;
  errno = saved;
  if (tid < 0) {
    slots[slot].used = 0;
    return error;
  }
  slots[slot].tid = tid;
  *thread = tid;
  return 0;
}

static int slot_of(int tid) {
  for (int i = 0; i < kMaxThreads; ++i) {
    if (slots[i].used && slots[i].tid == tid) return i;
  }
  return -1;
}

int pthread_join(pthread_t thread, void **result) {
  int saved = errno;
  int status = thread_join(thread);
  int error = errno;
  errno = saved;
  if (status < 0) return error; /* ESRCH, or EINVAL: joined already, or oneself */
  ks_lock_acquire(&slots_lock);
  int slot = slot_of(thread);
  void *value = slot >= 0 ? slots[slot].result : NULL;
  if (slot >= 0) slots[slot].used = 0;
  ks_lock_release(&slots_lock);
  if (slot < 0) return ESRCH;
  if (result != NULL) *result = value;
  return 0;
}

void pthread_exit(void *result) {
  int slot = slot_of(gettid());
  if (slot >= 0) slots[slot].result = result;
  thread_exit(0); /* the main thread has no slot: its result is lost, as with a detached thread */
}

pthread_t pthread_self(void) { return gettid(); }
int pthread_equal(pthread_t a, pthread_t b) { return a == b; }

/* ---- mutexes ---- */

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attr) {
  (void)attr;
  mutex->state = 0;
  return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mutex) { return mutex->state != 0 ? EBUSY : 0; }

int pthread_mutex_lock(pthread_mutex_t *mutex) {
  int c = compare_and_swap(&mutex->state, 0, 1);
  if (c == 0) return 0; /* it was free: taken without the kernel */
  /* Taken: say that someone waits (2), and sleep until the word is no longer 2. Whoever finds
   * the old value 0 in the exchange has the lock (leaving it at 2 costs at most one extra wake). */
  if (c != 2) c = __atomic_exchange_n(&mutex->state, 2, __ATOMIC_SEQ_CST);
  while (c != 0) {
    sleep_while(&mutex->state, 2);
    c = __atomic_exchange_n(&mutex->state, 2, __ATOMIC_SEQ_CST);
  }
  return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *mutex) { return compare_and_swap(&mutex->state, 0, 1) == 0 ? 0 : EBUSY; }

int pthread_mutex_unlock(pthread_mutex_t *mutex) {
  if (__atomic_fetch_sub(&mutex->state, 1, __ATOMIC_SEQ_CST) != 1) { /* it was 2: maybe waiters */
    __atomic_store_n(&mutex->state, 0, __ATOMIC_SEQ_CST);
    wake(&mutex->state, 1);
  }
  return 0;
}

/* ---- condition variables ---- */

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr) {
  (void)attr;
  cond->sequence = 0;
  return 0;
}

int pthread_cond_destroy(pthread_cond_t *cond) {
  (void)cond;
  return 0;
}

int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex) {
  int seen = __atomic_load_n(&cond->sequence, __ATOMIC_SEQ_CST);
  pthread_mutex_unlock(mutex);
  sleep_while(&cond->sequence, seen);
  /* Relock as a waiter (2): others woken with us may be asleep on the mutex. */
  while (__atomic_exchange_n(&mutex->state, 2, __ATOMIC_SEQ_CST) != 0) sleep_while(&mutex->state, 2);
  return 0;
}

int pthread_cond_signal(pthread_cond_t *cond) {
  __atomic_fetch_add(&cond->sequence, 1, __ATOMIC_SEQ_CST);
  wake(&cond->sequence, 1);
  return 0;
}

int pthread_cond_broadcast(pthread_cond_t *cond) {
  __atomic_fetch_add(&cond->sequence, 1, __ATOMIC_SEQ_CST);
  wake(&cond->sequence, kWakeAll);
  return 0;
}

/* ---- barriers ---- */

int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attr, unsigned int count) {
  (void)attr;
  if (count == 0) return EINVAL;
  pthread_mutex_init(&barrier->lock, NULL);
  barrier->count = count;
  barrier->arrived = 0;
  barrier->generation = 0;
  return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *barrier) { return barrier->arrived != 0 ? EBUSY : 0; }

int pthread_barrier_wait(pthread_barrier_t *barrier) {
  pthread_mutex_lock(&barrier->lock);
  int generation = barrier->generation;
  if (++barrier->arrived == barrier->count) {
    barrier->arrived = 0;
    __atomic_fetch_add(&barrier->generation, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&barrier->lock);
    wake(&barrier->generation, kWakeAll);
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  pthread_mutex_unlock(&barrier->lock);
  while (__atomic_load_n(&barrier->generation, __ATOMIC_SEQ_CST) == generation) {
    sleep_while(&barrier->generation, generation);
  }
  return 0;
}

/* ---- read-write locks ---- */

int pthread_rwlock_init(pthread_rwlock_t *rwlock, const pthread_rwlockattr_t *attr) {
  (void)attr;
  pthread_mutex_init(&rwlock->lock, NULL);
  pthread_cond_init(&rwlock->readers_go, NULL);
  pthread_cond_init(&rwlock->writers_go, NULL);
  rwlock->readers = rwlock->writer = rwlock->writers_waiting = 0;
  return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rwlock) { return rwlock->readers != 0 || rwlock->writer != 0 ? EBUSY : 0; }

int pthread_rwlock_rdlock(pthread_rwlock_t *rwlock) {
  pthread_mutex_lock(&rwlock->lock);
  while (rwlock->writer || rwlock->writers_waiting > 0) pthread_cond_wait(&rwlock->readers_go, &rwlock->lock);
  ++rwlock->readers;
  pthread_mutex_unlock(&rwlock->lock);
  return 0;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *rwlock) {
  pthread_mutex_lock(&rwlock->lock);
  int busy = rwlock->writer || rwlock->writers_waiting > 0;
  if (!busy) ++rwlock->readers;
  pthread_mutex_unlock(&rwlock->lock);
  return busy ? EBUSY : 0;
}

int pthread_rwlock_wrlock(pthread_rwlock_t *rwlock) {
  pthread_mutex_lock(&rwlock->lock);
  ++rwlock->writers_waiting;
  while (rwlock->writer || rwlock->readers > 0) pthread_cond_wait(&rwlock->writers_go, &rwlock->lock);
  --rwlock->writers_waiting;
  rwlock->writer = 1;
  pthread_mutex_unlock(&rwlock->lock);
  return 0;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *rwlock) {
  pthread_mutex_lock(&rwlock->lock);
  int busy = rwlock->writer || rwlock->readers > 0;
  if (!busy) rwlock->writer = 1;
  pthread_mutex_unlock(&rwlock->lock);
  return busy ? EBUSY : 0;
}

int pthread_rwlock_unlock(pthread_rwlock_t *rwlock) {
  pthread_mutex_lock(&rwlock->lock);
  if (rwlock->writer) {
    rwlock->writer = 0;
  } else if (rwlock->readers > 0) {
    --rwlock->readers;
  } else {
    pthread_mutex_unlock(&rwlock->lock);
    return EPERM; /* not held */
  }
  if (rwlock->writers_waiting > 0) {
    if (rwlock->readers == 0) pthread_cond_signal(&rwlock->writers_go);
  } else {
    pthread_cond_broadcast(&rwlock->readers_go);
  }
  pthread_mutex_unlock(&rwlock->lock);
  return 0;
}

/* ---- semaphores ---- */

int sem_init(sem_t *sem, int pshared, unsigned int value) {
  if (pshared != 0 || value > SEM_VALUE_MAX) {
    errno = EINVAL;
    return -1;
  }
  sem->value = (int)value;
  sem->waiters = 0;
  return 0;
}

int sem_destroy(sem_t *sem) {
  (void)sem;
  return 0;
}

int sem_trywait(sem_t *sem) {
  int v = __atomic_load_n(&sem->value, __ATOMIC_SEQ_CST);
  while (v > 0) {
    int was = compare_and_swap(&sem->value, v, v - 1);
    if (was == v) return 0;
    v = was;
  }
  errno = EAGAIN;
  return -1;
}

int sem_wait(sem_t *sem) {
  for (;;) {
    int v = __atomic_load_n(&sem->value, __ATOMIC_SEQ_CST);
    if (v > 0) {
      if (compare_and_swap(&sem->value, v, v - 1) == v) return 0;
      continue;
    }
    /* Say we may sleep, then sleep only while the count is still 0: a post in between changes
     * the word (futex_wait returns at once) or sees us counted (and wakes us). */
    __atomic_fetch_add(&sem->waiters, 1, __ATOMIC_SEQ_CST);
    sleep_while(&sem->value, 0);
    __atomic_fetch_sub(&sem->waiters, 1, __ATOMIC_SEQ_CST);
  }
}

int sem_post(sem_t *sem) {
  if (__atomic_load_n(&sem->value, __ATOMIC_SEQ_CST) == SEM_VALUE_MAX) {
    errno = EOVERFLOW;
    return -1;
  }
  __atomic_fetch_add(&sem->value, 1, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&sem->waiters, __ATOMIC_SEQ_CST) > 0) wake(&sem->value, 1);
  return 0;
}

int sem_getvalue(sem_t *sem, int *value) {
  *value = __atomic_load_n(&sem->value, __ATOMIC_SEQ_CST);
  return 0;
}
