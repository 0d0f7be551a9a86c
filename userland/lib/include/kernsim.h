/* kernsim.h — kernsim's own system calls (numbered from 1000) and threads. */
#ifndef KS_KERNSIM_H
#define KS_KERNSIM_H

#include <sys/types.h>

pid_t fork(void);
int sched_yield(void);
/* Sleeps TICKS simulated ticks (not seconds). */
int sleep(unsigned int ticks);
/* Ticks since boot (low 32 bits). */
unsigned int uptime(void);

/* One process, as process_list reports it (32 bytes; docs/syscalls.md). */
struct ks_process_info {
  unsigned int pid;
  unsigned int parent;  /* 0 for none */
  unsigned int state;   /* 'R' running or ready, 'S' blocked or sleeping, 'Z' exited, not yet waited for */
  unsigned int threads; /* live threads (0 for 'Z') */
  char name[16];        /* its program's name, NUL-terminated (cut to 15 characters) */
};
/* Fills RECORDS with at most COUNT processes, by pid; returns how many there are (may be more
 * than COUNT), or -1 with errno (EFAULT: bad RECORDS; EINVAL: COUNT over 4096). */
int process_list(struct ks_process_info *records, int count);

/* Starts a thread running FUNCTION(ARG) on a 16 KiB stack from malloc, in this address space;
 * its return value is its exit status. Returns the thread id, or -1 with errno. */
int thread_create(int (*function)(void *), void *arg);
/* Waits for thread TID to end; returns its exit status (or -1 with errno) and frees its stack. */
int thread_join(int tid);
int gettid(void);
/* Ends the calling thread only (exit() ends the whole process). */
__attribute__((noreturn)) void thread_exit(int status);

/* Reads one line (with its '\n', NUL-terminated) from FD a byte at a time, never past the
 * newline, so a shared fd is left where the line ends. Returns BUFFER, or NULL at end of input
 * with nothing read. A line longer than SIZE - 1 is returned in pieces. */
char *fdgets(char *buffer, int size, int fd);

/* A spin lock that yields the processor while it waits (RV32A amoswap). */
typedef struct {
  volatile int held;
} ks_lock;
void ks_lock_acquire(ks_lock *lock);
void ks_lock_release(ks_lock *lock);

/* futex (98; docs/syscalls.md, docs/futex.md). futex_wait sleeps while *WORD == EXPECTED, until
 * a futex_wake on WORD (0) or TIMEOUT ticks (NULL: none; then -1 with errno ETIMEDOUT); -1 with
 * errno EAGAIN at once when *WORD differs. futex_wake wakes up to COUNT waiters of WORD and
 * returns how many it woke. Every futex here is private to the process. */
int futex_wait(volatile int *word, int expected, const unsigned int *timeout);
int futex_wake(volatile int *word, int count);

#endif
