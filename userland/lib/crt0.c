/* userland/lib/crt0.c — the entry point: call main(argc, argv), then exit with its result.
 * The stack pointer is set by whoever starts the program (the kernel, the test harness,
 * qemu-riscv32); as the RISC-V psABI says, sp points at argc, followed by the argv pointers. */
int main(int argc, char **argv);

__attribute__((naked, noreturn, section(".text.start"))) void _start(void) {
  __asm__ volatile(
      "lw a0, 0(sp)\n"
      "addi a1, sp, 4\n"
      "call main\n"
      "li a7, 93\n"
      "ecall\n"
      "1: j 1b\n");
}
