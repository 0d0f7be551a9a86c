/* sleep — waits TICKS simulated ticks (kernsim's unit of time, not seconds). */
#include <kernsim.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  char *end = NULL;
  long ticks = argc == 2 ? strtol(argv[1], &end, 10) : -1;
  if (argc != 2 || end == argv[1] || *end != 0 || ticks < 0 || ticks > 0x7fffffff) {
    fprintf(stderr, "usage: sleep TICKS (a whole number of simulated ticks)\n");
    return 2;
  }
  sleep((unsigned int)ticks);
  return 0;
}
