/* userland/demos/philosophers.c — the dining philosophers, whose deadlock kernsim explore finds.
 *
 *   philosophers [ordered] [N [MEALS]]
 *
 * N philosophers (default 3) sit around a table with one fork (a pthread mutex) between each two.
 * Each eats MEALS times (default 20): he takes his left fork, reaches for his right one, eats,
 * puts both down and thinks. If every philosopher holds his left fork at once, each waits for his
 * right one forever: the kernel finds every thread blocked on a futex and reports the deadlock.
 * With "ordered" each takes the lower-numbered of his two forks first (a total order on the
 * locks, the textbook's cure), so no cycle of waits can form. Prints "N philosophers ate M meals
 * each" and exits 0.
 *
 * The loops between the steps stand for the time it takes to reach for a fork, to eat and to
 * think; the one between the two forks makes the window in which the deadlock can happen wide
 * enough to be found in a few runs:
 *   kernsim explore userland/prebuilt/demos/philosophers.elf --cpus 3 --runs 50 --strategy pct */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kMaxPhilosophers = 8, kReach = 10, kEat = 200, kThink = 300 };

static pthread_mutex_t forks[kMaxPhilosophers];
static int philosophers = 3, meals = 20, ordered;
static volatile int eaten[kMaxPhilosophers];

static void pause_for(int steps) {
  for (volatile int i = 0; i < steps; ++i) {
  }
}

static void *dine(void *arg) {
  const int me = (int)(long)arg;
  int first = me, second = (me + 1) % philosophers; /* left, then right */
  if (ordered && second < first) {
    first = second;
    second = me;
  }
  pause_for(kThink * me / philosophers); /* they sit down one after another */
  for (int meal = 0; meal < meals; ++meal) {
    pthread_mutex_lock(&forks[first]);
    pause_for(kReach);
    pthread_mutex_lock(&forks[second]);
    pause_for(kEat);
    eaten[me] = eaten[me] + 1;
    pthread_mutex_unlock(&forks[second]);
    pthread_mutex_unlock(&forks[first]);
    pause_for(kThink);
  }
  return NULL;
}

int main(int argc, char **argv) {
  int arg = 1;
  if (arg < argc && strcmp(argv[arg], "ordered") == 0) {
    ordered = 1;
    ++arg;
  }
  if (arg < argc) philosophers = atoi(argv[arg++]);
  if (arg < argc) meals = atoi(argv[arg++]);
  if (arg < argc || philosophers < 2 || philosophers > kMaxPhilosophers || meals < 1) {
    fprintf(stderr, "usage: philosophers [ordered] [N (2-8) [MEALS]]\n");
    return 2;
  }
  pthread_t ids[kMaxPhilosophers];
  for (int i = 0; i < philosophers; ++i) pthread_mutex_init(&forks[i], NULL);
  for (int i = 0; i < philosophers; ++i) {
    if (pthread_create(&ids[i], NULL, dine, (void *)(long)i) != 0) {
      fprintf(stderr, "philosophers: pthread_create failed\n");
      return 2;
    }
  }
  for (int i = 0; i < philosophers; ++i) pthread_join(ids[i], NULL);
  for (int i = 0; i < philosophers; ++i) {
    if (eaten[i] != meals) {
      printf("philosopher %d ate %d meals of %d\n", i, eaten[i], meals);
      return 1;
    }
  }
  printf("%d philosophers ate %d meals each\n", philosophers, meals);
  return 0;
}
