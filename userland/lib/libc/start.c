/* userland/lib/libc/start.c — the entry point of programs that use the libc: call
 * main(argc, argv), then exit() with its result, which flushes stdout. (Programs that use only
 * ks_user.h keep ../crt0.c, whose _start makes the exit system call directly.) As the RISC-V
 * psABI says, sp points at argc, followed by the argv pointers. */
#include <stdlib.h>

int main(int argc, char **argv);

__attribute__((noreturn, used)) void ks_libc_start(int argc, char **argv) { exit(main(argc, argv)); }

__attribute__((naked, noreturn, section(".text.start"))) void _start(void) {
  __asm__ volatile(
      "lw a0, 0(sp)\n"
      "addi a1, sp, 4\n"
      "call ks_libc_start\n"
      "1: j 1b\n");
}
