/* userland/lib/syscalls.c — system call stubs and the few library routines the programs use. */
#include "ks_user.h"

long ks_syscall3(long number, long a, long b, long c) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = number;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

long ks_syscall6(long number, long a, long b, long c, long d, long e, long f) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a3 __asm__("a3") = d;
  register long a4 __asm__("a4") = e;
  register long a5 __asm__("a5") = f;
  register long a7 __asm__("a7") = number;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7) : "memory");
  return a0;
}

long ks_write(int fd, const void *buffer, size_t length) {
  return ks_syscall3(KS_SYS_WRITE, fd, (long)buffer, (long)length);
}

void ks_exit(int status) {
  ks_syscall3(KS_SYS_EXIT, status, 0, 0);
  for (;;) {
  }
}

void ks_print(const char *text) {
  size_t length = 0;
  while (text[length] != 0) ++length;
  ks_write(1, text, length);
}

void ks_print_checksum(const char *name, uint32_t checksum) {
  char line[64];
  size_t n = 0;
  while (*name != 0 && n < 40) line[n++] = *name++;
  const char *label = " checksum=0x";
  while (*label != 0) line[n++] = *label++;
  for (int shift = 28; shift >= 0; shift -= 4) line[n++] = "0123456789abcdef"[(checksum >> shift) & 15];
  line[n++] = '\n';
  ks_write(1, line, n);
}

void *memset(void *destination, int value, size_t length) {
  unsigned char *d = destination;
  while (length-- != 0) *d++ = (unsigned char)value;
  return destination;
}

void *memcpy(void *destination, const void *source, size_t length) {
  unsigned char *d = destination;
  const unsigned char *s = source;
  while (length-- != 0) *d++ = *s++;
  return destination;
}
