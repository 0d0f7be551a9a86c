/* userland/tests/console_echo.c — reads the console (fd 0) until end of input and writes back
 * what it read, each chunk as "got N: TEXT". Exits with the number of bytes read. */
#include "../lib/ks_user.h"

int main(void) {
  char buf[64];
  long total = 0;
  for (;;) {
    long n = ks_syscall3(63, 0, (long)buf, sizeof buf);
    if (n <= 0) break;
    char line[16] = "got ";
    int len = 4;
    if (n >= 10) line[len++] = (char)('0' + n / 10);
    line[len++] = (char)('0' + n % 10);
    line[len++] = ':';
    line[len++] = ' ';
    ks_write(1, line, (size_t)len);
    ks_write(1, buf, (size_t)n);
    total += n;
  }
  return (int)total;
}
