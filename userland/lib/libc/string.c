/* userland/lib/libc/string.c — string.h (memset and memcpy live in ../syscalls.c, which the
 * programs without the libc share), and strerror. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *memmove(void *destination, const void *source, size_t length) {
  unsigned char *d = destination;
  const unsigned char *s = source;
  if (d < s || d >= s + length) return memcpy(destination, source, length);
  while (length-- != 0) d[length] = s[length];
  return destination;
}

int memcmp(const void *a, const void *b, size_t length) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < length; ++i) {
    if (x[i] != y[i]) return x[i] - y[i];
  }
  return 0;
}

void *memchr(const void *block, int value, size_t length) {
  const unsigned char *p = block;
  for (size_t i = 0; i < length; ++i) {
    if (p[i] == (unsigned char)value) return (void *)(p + i);
  }
  return NULL;
}

size_t strlen(const char *text) {
  size_t n = 0;
  while (text[n] != 0) ++n;
  return n;
}

size_t strnlen(const char *text, size_t limit) {
  size_t n = 0;
  while (n < limit && text[n] != 0) ++n;
  return n;
}

int strcmp(const char *a, const char *b) {
  while (*a != 0 && *a == *b) ++a, ++b;
  return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t limit) {
  for (; limit > 0; --limit, ++a, ++b) {
    if (*a != *b || *a == 0) return (unsigned char)*a - (unsigned char)*b;
  }
  return 0;
}

char *strcpy(char *destination, const char *source) {
  char *d = destination;
  while ((*d++ = *source++) != 0) {
  }
  return destination;
}

char *strncpy(char *destination, const char *source, size_t limit) {
  size_t i = 0;
  for (; i < limit && source[i] != 0; ++i) destination[i] = source[i];
  for (; i < limit; ++i) destination[i] = 0;
  return destination;
}

char *strcat(char *destination, const char *source) {
  strcpy(destination + strlen(destination), source);
  return destination;
}

char *strncat(char *destination, const char *source, size_t limit) {
  char *d = destination + strlen(destination);
  size_t i = 0;
  for (; i < limit && source[i] != 0; ++i) d[i] = source[i];
  d[i] = 0;
  return destination;
}

char *strchr(const char *text, int c) {
  for (;; ++text) {
    if (*text == (char)c) return (char *)text;
    if (*text == 0) return NULL;
  }
}

char *strrchr(const char *text, int c) {
  const char *found = NULL;
  for (;; ++text) {
    if (*text == (char)c) found = text;
    if (*text == 0) return (char *)found;
  }
}

char *strstr(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  for (; *haystack != 0; ++haystack) {
    if (strncmp(haystack, needle, n) == 0) return (char *)haystack;
  }
  return n == 0 ? (char *)haystack : NULL;
}

size_t strspn(const char *text, const char *accept) {
  size_t n = 0;
  while (text[n] != 0 && strchr(accept, text[n]) != NULL) ++n;
  return n;
}

size_t strcspn(const char *text, const char *reject) {
  size_t n = 0;
  while (text[n] != 0 && strchr(reject, text[n]) == NULL) ++n;
  return n;
}

char *strndup(const char *text, size_t limit) {
  size_t n = strnlen(text, limit);
  char *copy = malloc(n + 1);
  if (copy == NULL) return NULL;
  memcpy(copy, text, n);
  copy[n] = 0;
  return copy;
}

char *strdup(const char *text) { return strndup(text, (size_t)-1); }

char *strerror(int error) {
  switch (error) {
    case 0: return "Success";
    case EPERM: return "Operation not permitted";
    case ENOENT: return "No such file or directory";
    case ESRCH: return "No such process";
    case EINTR: return "Interrupted system call";
    case EIO: return "Input/output error";
    case E2BIG: return "Argument list too long";
    case ENOEXEC: return "Exec format error";
    case EBADF: return "Bad file descriptor";
    case ECHILD: return "No child processes";
    case EAGAIN: return "Resource temporarily unavailable";
    case ENOMEM: return "Cannot allocate memory";
    case EFAULT: return "Bad address";
    case EEXIST: return "File exists";
    case ENOTDIR: return "Not a directory";
    case EISDIR: return "Is a directory";
    case EINVAL: return "Invalid argument";
    case EMFILE: return "Too many open files";
    case EFBIG: return "File too large";
    case ENOSPC: return "No space left on device";
    case ESPIPE: return "Illegal seek";
    case EPIPE: return "Broken pipe";
    case ERANGE: return "Numerical result out of range";
    case ENAMETOOLONG: return "File name too long";
    case ENOSYS: return "Function not implemented";
    case ENOTEMPTY: return "Directory not empty";
    default: return "Unknown error";
  }
}
