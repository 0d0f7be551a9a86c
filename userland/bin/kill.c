/* kill — sends SIGNAL (a number; default 15, SIGTERM) to process PID. kernsim has no signal
 * handlers: the process exits with status 128 + SIGNAL. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int number(const char *text, int *value) {
  char *end;
  long v = strtol(text, &end, 10);
  if (end == text || *end != 0 || v <= 0 || v > 0x7fffffff) return -1;
  *value = (int)v;
  return 0;
}

int main(int argc, char **argv) {
  int pid, signal = SIGTERM;
  if (argc < 2 || argc > 3 || number(argv[1], &pid) < 0 || (argc == 3 && number(argv[2], &signal) < 0)) {
    fprintf(stderr, "usage: kill PID [SIGNAL]\n");
    return 1;
  }
  if (kill(pid, signal) < 0) {
    fprintf(stderr, "kill: %d: %s\n", pid, strerror(errno));
    return 1;
  }
  return 0;
}
