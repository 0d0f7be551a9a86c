/* userland/tests/libc_checks.c — checks of the libc itself (printf, strings, numbers, malloc).
 * Needs only write, exit_group and brk, so it runs under qemu-riscv32 as under kernsim. Prints
 * "NAME: ok" or "NAME: FAIL (...)" per check, then "libc_checks: N passed, M failed", and exits
 * with M. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int passed, failures;

static void check(const char *name, int ok) {
  if (ok) {
    ++passed;
    printf("%s: ok\n", name);
  } else {
    ++failures;
    printf("%s: FAIL\n", name);
  }
}

/* Formats with snprintf and compares with EXPECTED, printing both on a mismatch. */
static char formatted[128];
static void check_format(const char *name, const char *expected) {
  int ok = strcmp(formatted, expected) == 0;
  check(name, ok);
  if (!ok) printf("  got \"%s\", expected \"%s\"\n", formatted, expected);
}

static int compare_ints(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static void printf_checks(void) {
  snprintf(formatted, sizeof formatted, "%d %i %u %x %X %o %%", -42, 17, 4000000000u, 0xbeef, 0xbeef, 8);
  check_format("printf conversions", "-42 17 4000000000 beef BEEF 10 %");
  snprintf(formatted, sizeof formatted, "[%5d][%-5d][%05d][%-3d][%+d][% d]", 42, 42, -42, 7, 3, 3);
  check_format("printf widths and flags", "[   42][42   ][-0042][7  ][+3][ 3]");
  snprintf(formatted, sizeof formatted, "[%8s][%-8s][%.3s][%c][%3c]", "abc", "abc", "abcdef", 'x', 'y');
  check_format("printf strings and chars", "[     abc][abc     ][abc][x][  y]");
  snprintf(formatted, sizeof formatted, "%p %p", (void *)0x1234, (void *)0);
  check_format("printf pointers", "0x1234 0x0");
  snprintf(formatted, sizeof formatted, "%ld %lu %lx %08x %*d %.5d", -2147483647L - 1, 4294967295UL, 0xffffffffUL,
           0xabc, 4, 9, 42);
  check_format("printf long and star", "-2147483648 4294967295 ffffffff 00000abc    9 00042");
  snprintf(formatted, sizeof formatted, "%lld %llu %llx", -1234567890123LL, 18446744073709551615ULL,
           0x123456789abcdefULL);
  check_format("printf long long", "-1234567890123 18446744073709551615 123456789abcdef");
  snprintf(formatted, sizeof formatted, "%#x %#o %#x %#X", 255, 8, 0, 0xab);
  check_format("printf alternate forms", "0xff 010 0 0XAB");
  snprintf(formatted, sizeof formatted, "%s %d", (char *)0, 0);
  check_format("printf null string and zero", "(null) 0");
  char small[8];
  int n = snprintf(small, sizeof small, "%s", "truncated text");
  check("snprintf truncates and counts", n == 14 && strcmp(small, "truncat") == 0);
  check("snprintf of size 0 writes nothing", snprintf(NULL, 0, "%d", 12345) == 5);
}

static void string_checks(void) {
  char buffer[64];
  check("strlen", strlen("") == 0 && strlen("hello") == 5);
  check("strcmp", strcmp("abc", "abc") == 0 && strcmp("abc", "abd") < 0 && strcmp("b", "abc") > 0 &&
                      strcmp("ab", "abc") < 0 && strcmp("\xff", "a") > 0);
  check("strncmp", strncmp("abcx", "abcy", 3) == 0 && strncmp("abcx", "abcy", 4) < 0 && strncmp("a", "b", 0) == 0);
  strcpy(buffer, "foo");
  strcat(buffer, "bar");
  check("strcpy and strcat", strcmp(buffer, "foobar") == 0);
  strncpy(buffer, "xy", 5);
  check("strncpy pads with NULs",
        buffer[0] == 'x' && buffer[1] == 'y' && buffer[2] == 0 && buffer[4] == 0 && buffer[5] == 'r');
  const char *text = "a/b/c";
  check("strchr and strrchr", strchr(text, '/') == text + 1 && strrchr(text, '/') == text + 3 &&
                                  strchr(text, 'z') == NULL && strchr(text, 0) == text + 5);
  check("strstr", strstr("hello world", "o w") != NULL && strstr("hello", "xyz") == NULL && strstr("abc", "") != NULL &&
                      strcmp(strstr("aaab", "ab"), "ab") == 0);
  char *copy = strdup("duplicate");
  check("strdup", copy != NULL && strcmp(copy, "duplicate") == 0);
  free(copy);
  check("memcmp", memcmp("abc", "abd", 2) == 0 && memcmp("abc", "abd", 3) < 0);
  strcpy(buffer, "0123456789");
  memmove(buffer + 2, buffer, 5);
  check("memmove forward overlap", strcmp(buffer, "0101234789") == 0);
  memmove(buffer, buffer + 2, 5);
  check("memmove backward overlap", strncmp(buffer, "01234", 5) == 0);
  memset(buffer, 'z', 3);
  check("memset", buffer[0] == 'z' && buffer[2] == 'z' && buffer[3] == '3');
  check("strerror", strcmp(strerror(ENOENT), "No such file or directory") == 0);
}

static void number_checks(void) {
  char *end;
  check("atoi", atoi("42") == 42 && atoi("  -17x") == -17 && atoi("") == 0);
  check("strtol base 10", strtol("123abc", &end, 10) == 123 && strcmp(end, "abc") == 0);
  check("strtol base 16 and 0", strtol("0x1F", NULL, 16) == 31 && strtol("0x1f", NULL, 0) == 31 &&
                                    strtol("017", NULL, 0) == 15 && strtol("ff", NULL, 16) == 255);
  errno = 0;
  long big = strtol("99999999999", &end, 10);
  check("strtol overflow", big == 0x7fffffffL && errno == ERANGE && *end == 0);
  check("strtol minimum", strtol("-2147483648", NULL, 10) == -2147483647L - 1);
  check("strtol without digits", strtol("xyz", &end, 10) == 0 && strcmp(end, "xyz") == 0);
  check("strtoul", strtoul("4294967295", NULL, 10) == 4294967295UL);
  check("ctype", isdigit('7') && !isdigit('a') && isspace('\n') && isalpha('Q') && toupper('q') == 'Q' &&
                     tolower('Q') == 'q' && isxdigit('f') && !isxdigit('g') && ispunct('!') && !ispunct('a'));
  int numbers[] = {5, 3, 9, 1, 7, 3};
  qsort(numbers, 6, sizeof numbers[0], compare_ints);
  check("qsort", numbers[0] == 1 && numbers[1] == 3 && numbers[2] == 3 && numbers[5] == 9);
}

static void malloc_checks(void) {
  char *blocks[64];
  int ok = 1;
  for (int i = 0; i < 64; ++i) {
    blocks[i] = malloc((size_t)(i * 37 + 1));
    if (blocks[i] == NULL || ((unsigned long)blocks[i] & 7) != 0) ok = 0;
    if (blocks[i] != NULL) memset(blocks[i], i, (size_t)(i * 37 + 1));
  }
  for (int i = 0; i < 64 && ok; ++i) {
    for (int j = 0; j < i * 37 + 1; ++j) ok &= blocks[i][j] == (char)i;
  }
  check("malloc gives separate aligned blocks", ok);
  for (int i = 0; i < 64; i += 2) free(blocks[i]);
  for (int i = 1; i < 64; i += 2) free(blocks[i]);
  /* After freeing everything the pieces have merged: one block as big as all of them fits
   * without the heap growing. */
  char *top = sbrk(0);
  char *whole = malloc(60000);
  check("free coalesces neighbours", whole != NULL && (char *)sbrk(0) == top);
  free(whole);
  int *numbers = calloc(100, sizeof(int));
  int zero = numbers != NULL;
  for (int i = 0; i < 100 && zero; ++i) zero = numbers[i] == 0;
  check("calloc zeroes", zero);
  for (int i = 0; i < 100 && numbers != NULL; ++i) numbers[i] = i;
  numbers = realloc(numbers, 10000 * sizeof(int));
  int kept = numbers != NULL;
  for (int i = 0; i < 100 && kept; ++i) kept = numbers[i] == i;
  check("realloc keeps the contents", kept);
  free(numbers);
  check("malloc of 2 GiB fails", malloc(0x80000000u) == NULL && errno == ENOMEM);
  free(NULL);
}

int main(int argc, char **argv) {
  check("argv[argc] is NULL", argv[argc] == NULL);
  printf_checks();
  string_checks();
  number_checks();
  malloc_checks();
  printf("libc_checks: %d passed, %d failed\n", passed, failures);
  return failures;
}
