/* pthread.h — a subset of POSIX threads on futex (98): threads, mutexes, condition variables,
 * barriers and read-write locks (semaphores: semaphore.h). docs/futex.md says how each works.
 *
 * What is left out: attributes (every attr argument must be NULL, or is ignored where POSIX
 * gives defaults: pthread_attr_t), cancellation, thread-specific data, timed waits, process-
 * shared objects, recursive and error-checking mutexes. The functions return 0 or an error
 * number (EBUSY, EINVAL, ...), never -1 with errno, as POSIX says. */
#ifndef KS_PTHREAD_H
#define KS_PTHREAD_H

typedef int pthread_t; /* the thread id (gettid) */
typedef struct {
  int unused;
} pthread_attr_t;

/* Drepper's mutex ("Futexes Are Tricky", mutex 3): 0 unlocked, 1 locked, 2 locked and maybe
 * waited for. */
typedef struct {
  volatile int state;
} pthread_mutex_t;
typedef struct {
  int unused;
} pthread_mutexattr_t;
#define PTHREAD_MUTEX_INITIALIZER \
  { 0 }

/* A sequence number that every signal and broadcast bumps; a waiter sleeps on the number it saw. */
typedef struct {
  volatile int sequence;
} pthread_cond_t;
typedef struct {
  int unused;
} pthread_condattr_t;
#define PTHREAD_COND_INITIALIZER \
  { 0 }

typedef struct {
  pthread_mutex_t lock;
  unsigned int count;      /* threads per round */
  unsigned int arrived;    /* in this round so far */
  volatile int generation; /* rounds completed: the futex word */
} pthread_barrier_t;
typedef struct {
  int unused;
} pthread_barrierattr_t;
#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

/* Writer preference: a reader waits while a writer holds or waits for the lock. */
typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t readers_go;
  pthread_cond_t writers_go;
  int readers;         /* holding it to read */
  int writer;          /* 1 while a writer holds it */
  int writers_waiting; /* waiting to write */
} pthread_rwlock_t;
typedef struct {
  int unused;
} pthread_rwlockattr_t;
#define PTHREAD_RWLOCK_INITIALIZER \
  { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 }

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **result);
__attribute__((noreturn)) void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *mutex);
int pthread_mutex_lock(pthread_mutex_t *mutex);
int pthread_mutex_trylock(pthread_mutex_t *mutex);
int pthread_mutex_unlock(pthread_mutex_t *mutex);

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *cond);
int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
int pthread_cond_signal(pthread_cond_t *cond);
int pthread_cond_broadcast(pthread_cond_t *cond);

int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attr, unsigned int count);
int pthread_barrier_destroy(pthread_barrier_t *barrier);
int pthread_barrier_wait(pthread_barrier_t *barrier);

int pthread_rwlock_init(pthread_rwlock_t *rwlock, const pthread_rwlockattr_t *attr);
int pthread_rwlock_destroy(pthread_rwlock_t *rwlock);
int pthread_rwlock_rdlock(pthread_rwlock_t *rwlock);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *rwlock);
int pthread_rwlock_wrlock(pthread_rwlock_t *rwlock);
int pthread_rwlock_trywrlock(pthread_rwlock_t *rwlock);
int pthread_rwlock_unlock(pthread_rwlock_t *rwlock);

#endif
