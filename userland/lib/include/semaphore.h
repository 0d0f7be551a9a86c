/* semaphore.h — unnamed POSIX semaphores on futex (98) (docs/futex.md). Only pshared 0. These
 * return 0, or -1 with errno (EINVAL, EAGAIN), as POSIX says. */
#ifndef KS_SEMAPHORE_H
#define KS_SEMAPHORE_H

typedef struct {
  volatile int value;   /* the count: the futex word */
  volatile int waiters; /* threads that may be asleep in sem_wait */
} sem_t;

#define SEM_VALUE_MAX 0x7fffffff

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);

#endif
