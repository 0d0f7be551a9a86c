/* userland/lib/libc/stdlib.c — numbers from text, sorting, exit. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

unsigned long strtoul(const char *text, char **end, int base) {
  const char *p = text;
  while (isspace((unsigned char)*p)) ++p;
  int negative = 0;
  if (*p == '+' || *p == '-') negative = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  unsigned long value = 0;
  int overflow = 0, any = 0;
  for (;; ++p) {
    int c = (unsigned char)*p, digit;
    if (isdigit(c)) digit = c - '0';
    else if (isalpha(c)) digit = tolower(c) - 'a' + 10;
    else break;
    if (digit >= base) break;
    any = 1;
    if (value > (0xffffffffUL - (unsigned long)digit) / (unsigned long)base) overflow = 1;
    value = value * (unsigned long)base + (unsigned long)digit;
  }
  if (end != NULL) *end = (char *)(any ? p : text);
  if (overflow) {
    errno = ERANGE;
    return 0xffffffffUL;
  }
  return negative ? 0 - value : value;
}

long strtol(const char *text, char **end, int base) {
  const char *p = text;
  while (isspace((unsigned char)*p)) ++p;
  int negative = *p == '-';
  int saved = errno;
  errno = 0;
  unsigned long magnitude = strtoul(negative || *p == '+' ? p + 1 : p, end, base);
  if (end != NULL && *end == p + (negative || *p == '+')) *end = (char *)text;
  if (errno == ERANGE || (!negative && magnitude > 0x7fffffffUL) || (negative && magnitude > 0x80000000UL)) {
    errno = ERANGE;
    return negative ? (long)(-0x7fffffffL - 1) : 0x7fffffffL;
  }
  errno = saved;
  return negative ? -(long)magnitude : (long)magnitude;
}

long atol(const char *text) { return strtol(text, NULL, 10); }
int atoi(const char *text) { return (int)strtol(text, NULL, 10); }
int abs(int value) { return value < 0 ? -value : value; }
long labs(long value) { return value < 0 ? -value : value; }

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *)) {
  char *items = base;
  char swap[256];
  if (size > sizeof swap) return; /* larger items: sort pointers to them instead */
  for (size_t i = 1; i < count; ++i) {
    memcpy(swap, items + i * size, size);
    size_t j = i;
    while (j > 0 && compare(items + (j - 1) * size, swap) > 0) {
      memcpy(items + j * size, items + (j - 1) * size, size);
      --j;
    }
    memcpy(items + j * size, swap, size);
  }
}

void exit(int status) {
  ks_stdio_flush_all();
  _exit(status);
}

void abort(void) {
  ks_stdio_flush_all();
  kill(getpid(), SIGABRT);
  _exit(128 + SIGABRT);
}
