/* userland/demos/spin.c — a thread that never ends: what kernsim explore calls a timeout.
 *
 *   spin
 *
 * The main thread starts a thread that spins forever and joins it, so the program never exits;
 * explore's time limit (--time-limit) ends each run with the verdict "timeout". */
#include <pthread.h>
#include <stddef.h>

static void *forever(void *unused) {
  (void)unused;
  for (volatile unsigned i = 0;; ++i) {
  }
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, forever, NULL);
  pthread_join(thread, NULL);
  return 0;
}
