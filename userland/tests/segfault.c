/* userland/tests/segfault.c — stores to an unmapped address: the kernel kills it (status 139). */
#include "../lib/ks_user.h"

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  ks_print("about to fault\n");
  *(volatile int *)0x00000040 = 1;
  ks_print("still alive?\n");
  return 0;
}
