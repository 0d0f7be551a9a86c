/* userland/lib/ks_user.h — the tiny runtime of kernsim's user programs.
 *
 * Programs are static RV32IMA executables with no libc. _start (crt0.c) calls main() and passes
 * its result to exit. System calls use the Linux RISC-V convention (number in a7, arguments in
 * a0..a5, result in a0), so the same files run under qemu-riscv32: write = 64, exit = 93. */
#ifndef KS_USER_H
#define KS_USER_H

typedef unsigned int uint32_t;
typedef int int32_t;
typedef unsigned char uint8_t;
typedef __SIZE_TYPE__ size_t; /* the compiler's: the same as <stddef.h> */

#define KS_SYS_READ 63
#define KS_SYS_WRITE 64
#define KS_SYS_EXIT 93
#define KS_SYS_YIELD 124
#define KS_SYS_GETPID 172
#define KS_SYS_BRK 214
#define KS_SYS_SLEEP 1002  /* kernsim's own */
#define KS_SYS_UPTIME 1003 /* kernsim's own */

/* System call NUMBER with three arguments; the result is the kernel's a0 (negative: -errno). */
long ks_syscall3(long number, long a, long b, long c);
/* The same with six arguments (a0..a5); docs/syscalls.md lists the numbers. */
long ks_syscall6(long number, long a, long b, long c, long d, long e, long f);

long ks_write(int fd, const void *buffer, size_t length);
__attribute__((noreturn)) void ks_exit(int status);

/* Writes TEXT (NUL-terminated) to standard output. */
void ks_print(const char *text);
/* Writes "NAME checksum=0x%08x\n" to standard output. */
void ks_print_checksum(const char *name, uint32_t checksum);

void *memset(void *destination, int value, size_t length);
void *memcpy(void *destination, const void *source, size_t length);

#endif
