/* userland/tests/illegal.c — executes an illegal instruction: the kernel kills it (status 132). */
#include "../lib/ks_user.h"

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  __asm__ volatile(".word 0");
  return 0;
}
