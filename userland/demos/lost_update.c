/* userland/demos/lost_update.c — the lost update, the first race of every course.
 *
 *   lost_update [locked] [THREADS [ADDS]]
 *
 * THREADS threads (default 2) each add 1 to a shared counter ADDS times (default 500); the
 * program prints "counter = N" and exits 0 when N is THREADS * ADDS, 1 when updates were lost.
 * Without "locked" the addition is a load, an add and a store with nothing around it: a thread
 * that is switched out between its load and its store writes back a stale value, and the other
 * threads' additions in between are lost. With "locked" a pthread mutex makes the three one step.
 *
 * Run without --chaos, the racy version gives the same count every time (for small ADDS each
 * thread finishes within one slice of its hart, and no update is lost). kernsim explore finds the
 * interleavings that lose updates:
 *   kernsim explore userland/prebuilt/demos/lost_update.elf --cpus 2 --runs 20 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static int adds = 500;

static void *add_racy(void *unused) {
  (void)unused;
  for (int i = 0; i < adds; ++i) counter = counter + 1;
  return NULL;
}

static void *add_locked(void *unused) {
  (void)unused;
  for (int i = 0; i < adds; ++i) {
    pthread_mutex_lock(&counter_lock);
    counter = counter + 1;
    pthread_mutex_unlock(&counter_lock);
  }
  return NULL;
}

int main(int argc, char **argv) {
  int arg = 1, threads = 2;
  void *(*adder)(void *) = add_racy;
  if (arg < argc && strcmp(argv[arg], "locked") == 0) {
    adder = add_locked;
    ++arg;
  }
  if (arg < argc) threads = atoi(argv[arg++]);
  if (arg < argc) adds = atoi(argv[arg++]);
  if (arg < argc || threads < 1 || threads > 16 || adds < 1) {
    fprintf(stderr, "usage: lost_update [locked] [THREADS (1-16) [ADDS]]\n");
    return 2;
  }
  pthread_t ids[16];
  for (int i = 0; i < threads; ++i) {
    if (pthread_create(&ids[i], NULL, adder, NULL) != 0) {
      fprintf(stderr, "lost_update: pthread_create failed\n");
      return 2;
    }
  }
  for (int i = 0; i < threads; ++i) pthread_join(ids[i], NULL);
  printf("counter = %d\n", counter);
  return counter == threads * adds ? 0 : 1;
}
