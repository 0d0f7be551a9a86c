/* userland/lib/crt0.c — the entry point: call main(), then exit with its result. The stack
 * pointer is set by whoever starts the program (the kernel, the test harness, qemu-riscv32). */
int main(void);

__attribute__((naked, noreturn, section(".text.start"))) void _start(void) {
  __asm__ volatile(
      "call main\n"
      "li a7, 93\n"
      "ecall\n"
      "1: j 1b\n");
}
