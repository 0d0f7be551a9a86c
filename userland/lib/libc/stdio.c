/* userland/lib/libc/stdio.c — streams over file descriptors and printf.
 *
 * A FILE is an fd with one buffer, used for reading or for writing (switching flushes or drops
 * it, as C allows). stdout flushes at every '\n' and before any read of stdin, so prompts show
 * and output interleaves with other processes line by line; stderr writes at once. One lock
 * guards all streams, so threads may print. */
#include <errno.h>
#include <fcntl.h>
#include <kernsim.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

enum { kMaxFiles = 16, kModeNone = 0, kModeRead = 1, kModeWrite = 2 };
enum { kUnbuffered = 0, kLineBuffered = 1, kFullyBuffered = 2 };

struct ks_file {
  int fd; /* -1: slot free */
  int buffering;
  int mode; /* what the buffer holds now */
  int eof, error;
  int length, position; /* bytes in the buffer; reading: the next to hand out */
  char *buffer;
};

/* The buffers are apart from the FILEs so they take no room in the program file. */
static char buffers[kMaxFiles][BUFSIZ];
static struct ks_file files[kMaxFiles] = {
    {0, kFullyBuffered, kModeNone, 0, 0, 0, 0, buffers[0]},
    {1, kLineBuffered, kModeNone, 0, 0, 0, 0, buffers[1]},
    {2, kUnbuffered, kModeNone, 0, 0, 0, 0, buffers[2]},
};
static int files_ready = 3; /* slots 3.. are marked free on first use */
static ks_lock stdio_lock;

FILE *stdin = &files[0];
FILE *stdout = &files[1];
FILE *stderr = &files[2];

static int write_all(int fd, const char *data, int length) {
  while (length > 0) {
    ssize_t n = write(fd, data, (size_t)length);
    if (n <= 0) return -1;
    data += n;
    length -= (int)n;
  }
  return 0;
}

static int flush_locked(FILE *f) {
  int r = 0;
  if (f->mode == kModeWrite && f->length > 0) {
    if (write_all(f->fd, f->buffer, f->length) < 0) {
      f->error = 1;
      r = EOF;
    }
  } else if (f->mode == kModeRead && f->position < f->length) {
    lseek(f->fd, f->position - f->length, SEEK_CUR); /* give back what was read ahead */
  }
  f->length = f->position = 0;
  f->mode = kModeNone;
  return r;
}

static void flush_all_locked(void) {
  for (int i = 0; i < kMaxFiles; ++i) {
    if ((i < 3 || files[i].fd >= 0) && files[i].mode == kModeWrite) flush_locked(&files[i]);
  }
}

void ks_stdio_flush_all(void) {
  ks_lock_acquire(&stdio_lock);
  flush_all_locked();
  ks_lock_release(&stdio_lock);
}

void ks_stdio_lock_for_fork(void) {
  ks_lock_acquire(&stdio_lock);
  flush_all_locked();
}

void ks_stdio_unlock_after_fork(void) { ks_lock_release(&stdio_lock); }

static int put_locked(FILE *f, const char *data, int length) {
  if (f->mode == kModeRead) flush_locked(f);
  f->mode = kModeWrite;
  if (f->buffering == kUnbuffered) {
    if (write_all(f->fd, data, length) < 0) {
      f->error = 1;
      return EOF;
    }
    return 0;
  }
  for (int i = 0; i < length; ++i) {
    f->buffer[f->length++] = data[i];
    if (f->length == BUFSIZ || (data[i] == '\n' && f->buffering == kLineBuffered)) {
      if (flush_locked(f) < 0) return EOF;
      f->mode = kModeWrite;
    }
  }
  return 0;
}

/* Refills F's buffer; 0 at end of input or on error. */
static int fill_locked(FILE *f) {
  if (f->mode == kModeWrite) flush_locked(f);
  if (f == stdin && stdout->mode == kModeWrite) flush_locked(stdout);
  ssize_t n = read(f->fd, f->buffer, BUFSIZ);
  f->mode = kModeRead;
  f->position = 0;
  f->length = n > 0 ? (int)n : 0;
  if (n == 0) f->eof = 1;
  if (n < 0) f->error = 1;
  return f->length;
}

static int get_locked(FILE *f) {
  if (f->mode != kModeRead || f->position == f->length) {
    if (fill_locked(f) == 0) return EOF;
  }
  return (unsigned char)f->buffer[f->position++];
}

int fflush(FILE *stream) {
  ks_lock_acquire(&stdio_lock);
  int r = 0;
  if (stream == NULL) {
    flush_all_locked();
  } else {
    r = flush_locked(stream);
  }
  ks_lock_release(&stdio_lock);
  return r;
}

int fputc(int c, FILE *stream) {
  char byte = (char)c;
  ks_lock_acquire(&stdio_lock);
  int r = put_locked(stream, &byte, 1);
  ks_lock_release(&stdio_lock);
  return r < 0 ? EOF : (unsigned char)byte;
}
int putc(int c, FILE *stream) { return fputc(c, stream); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *text, FILE *stream) {
  ks_lock_acquire(&stdio_lock);
  int r = put_locked(stream, text, (int)strlen(text));
  ks_lock_release(&stdio_lock);
  return r;
}

int puts(const char *text) {
  ks_lock_acquire(&stdio_lock);
  int r = put_locked(stdout, text, (int)strlen(text));
  if (r == 0) r = put_locked(stdout, "\n", 1);
  ks_lock_release(&stdio_lock);
  return r;
}

size_t fwrite(const void *data, size_t size, size_t count, FILE *stream) {
  if (size == 0 || count == 0) return 0;
  ks_lock_acquire(&stdio_lock);
  int r = put_locked(stream, data, (int)(size * count));
  ks_lock_release(&stdio_lock);
  return r < 0 ? 0 : count;
}

int fgetc(FILE *stream) {
  ks_lock_acquire(&stdio_lock);
  int c = get_locked(stream);
  ks_lock_release(&stdio_lock);
  return c;
}
int getc(FILE *stream) { return fgetc(stream); }
int getchar(void) { return fgetc(stdin); }

char *fgets(char *buffer, int size, FILE *stream) {
  if (size <= 0) return NULL;
  ks_lock_acquire(&stdio_lock);
  int n = 0;
  while (n < size - 1) {
    int c = get_locked(stream);
    if (c == EOF) break;
    buffer[n++] = (char)c;
    if (c == '\n') break;
  }
  ks_lock_release(&stdio_lock);
  buffer[n] = 0;
  return n == 0 ? NULL : buffer;
}

size_t fread(void *data, size_t size, size_t count, FILE *stream) {
  if (size == 0 || count == 0) return 0;
  unsigned char *out = data;
  size_t total = size * count, n = 0;
  ks_lock_acquire(&stdio_lock);
  while (n < total) {
    int c = get_locked(stream);
    if (c == EOF) break;
    out[n++] = (unsigned char)c;
  }
  ks_lock_release(&stdio_lock);
  return n / size;
}

static FILE *new_stream(int fd, int buffering) {
  ks_lock_acquire(&stdio_lock);
  for (; files_ready < kMaxFiles; ++files_ready) files[files_ready].fd = -1;
  FILE *f = NULL;
  for (int i = 3; i < kMaxFiles && f == NULL; ++i) {
    if (files[i].fd < 0) f = &files[i];
  }
  if (f != NULL) {
    memset(f, 0, sizeof *f);
    f->buffer = buffers[f - files];
    f->fd = fd;
    f->buffering = buffering;
  }
  ks_lock_release(&stdio_lock);
  if (f == NULL) errno = EMFILE;
  return f;
}

static int parse_mode(const char *mode) {
  int plus = strchr(mode, '+') != NULL;
  switch (mode[0]) {
    case 'r': return plus ? O_RDWR : O_RDONLY;
    case 'w': return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
    case 'a': return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
    default: return -1;
  }
}

FILE *fopen(const char *path, const char *mode) {
  int flags = parse_mode(mode);
  if (flags < 0) {
    errno = EINVAL;
    return NULL;
  }
  int fd = open(path, flags, 0644);
  if (fd < 0) return NULL;
  FILE *f = new_stream(fd, kFullyBuffered);
  if (f == NULL) close(fd);
  return f;
}

FILE *fdopen(int fd, const char *mode) {
  if (parse_mode(mode) < 0) {
    errno = EINVAL;
    return NULL;
  }
  return new_stream(fd, kFullyBuffered);
}

int fclose(FILE *stream) {
  int r = fflush(stream);
  if (close(stream->fd) < 0) r = EOF;
  if (stream >= &files[3]) stream->fd = -1;
  return r;
}

int fileno(FILE *stream) { return stream->fd; }
int feof(FILE *stream) { return stream->eof; }
int ferror(FILE *stream) { return stream->error; }

void perror(const char *text) {
  if (text != NULL && text[0] != 0) {
    fprintf(stderr, "%s: %s\n", text, strerror(errno));
  } else {
    fprintf(stderr, "%s\n", strerror(errno));
  }
}

/* ---- printf ---------------------------------------------------------------------------- */

/* Where formatted text goes: a FILE (already locked) or a bounded buffer. */
struct sink {
  FILE *file;
  char *buffer;
  size_t size;  /* of buffer, with the NUL */
  size_t count; /* bytes produced so far (as if the buffer were unlimited) */
};

static void emit(struct sink *s, const char *data, size_t length) {
  if (s->file != NULL) {
    put_locked(s->file, data, (int)length);
  } else {
    for (size_t i = 0; i < length; ++i) {
      if (s->count + i + 1 < s->size) s->buffer[s->count + i] = data[i];
    }
  }
  s->count += length;
}

static void emit_repeated(struct sink *s, char c, int times) {
  for (int i = 0; i < times; ++i) emit(s, &c, 1);
}

struct spec {
  int left, zero, plus, space, alternate;
  int width;
  int precision; /* -1: none */
};

/* Writes DIGITS (with an optional SIGN) padded as SPEC says. */
static void emit_number(struct sink *s, const struct spec *spec, const char *sign, const char *digits, int length) {
  int sign_length = (int)strlen(sign);
  int zeros = spec->precision > length ? spec->precision - length : 0;
  if (spec->precision == 0 && length == 1 && digits[0] == '0') length = 0; /* "%.0d" of 0 */
  int total = sign_length + zeros + length;
  int pad = spec->width > total ? spec->width - total : 0;
  if (spec->zero && !spec->left && spec->precision < 0) {
    zeros += pad;
    pad = 0;
  }
  if (!spec->left) emit_repeated(s, ' ', pad);
  emit(s, sign, (size_t)sign_length);
  emit_repeated(s, '0', zeros);
  emit(s, digits, (size_t)length);
  if (spec->left) emit_repeated(s, ' ', pad);
}

/* Digits of VALUE in BASE, into the end of OUT[24]; returns the first. Only 32-bit division:
 * 64-bit values are split so no compiler-rt helper is needed. */
static char *digits_of(uint64_t value, unsigned base, int upper, char *out_end) {
  const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char *p = out_end;
  *--p = 0;
  do {
    if (base == 16 || base == 8) {
      unsigned shift = base == 16 ? 4 : 3;
      *--p = alphabet[value & (base - 1)];
      value >>= shift;
    } else if ((value >> 32) == 0) {
      uint32_t v = (uint32_t)value;
      *--p = alphabet[v % base];
      value = v / base;
    } else {
      /* Long division by 10 on 16-bit pieces (each step fits in 32 bits). */
      uint64_t quotient = 0;
      uint32_t remainder = 0;
      for (int shift = 48; shift >= 0; shift -= 16) {
        uint32_t part = (remainder << 16) | (uint32_t)((value >> shift) & 0xffff);
        quotient |= (uint64_t)(part / base) << shift;
        remainder = part % base;
      }
      *--p = alphabet[remainder];
      value = quotient;
    }
  } while (value != 0);
  return p;
}

static void format(struct sink *s, const char *f, va_list args) {
  while (*f != 0) {
    if (*f != '%') {
      const char *start = f;
      while (*f != 0 && *f != '%') ++f;
      emit(s, start, (size_t)(f - start));
      continue;
    }
    ++f;
    struct spec spec = {0, 0, 0, 0, 0, 0, -1};
    for (;; ++f) {
      if (*f == '-') spec.left = 1;
      else if (*f == '0') spec.zero = 1;
      else if (*f == '+') spec.plus = 1;
      else if (*f == ' ') spec.space = 1;
      else if (*f == '#') spec.alternate = 1;
      else break;
    }
    if (*f == '*') {
      spec.width = va_arg(args, int);
      if (spec.width < 0) {
        spec.left = 1;
        spec.width = -spec.width;
      }
      ++f;
    }
    while (*f >= '0' && *f <= '9') spec.width = spec.width * 10 + (*f++ - '0');
    if (*f == '.') {
      ++f;
      spec.precision = 0;
      if (*f == '*') {
        spec.precision = va_arg(args, int);
        ++f;
      }
      while (*f >= '0' && *f <= '9') spec.precision = spec.precision * 10 + (*f++ - '0');
    }
    int longs = 0;
    while (*f == 'l' || *f == 'z' || *f == 'h') {
      if (*f == 'l') ++longs;
      ++f;
    }
    char digits[24];
    char *end = digits + sizeof digits;
    char conversion = *f;
    if (conversion == 0) break;
    ++f;
    switch (conversion) {
      case 'd':
      case 'i': {
        int64_t value = longs >= 2 ? va_arg(args, int64_t) : (int64_t)va_arg(args, long);
        uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
        const char *sign = value < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        char *p = digits_of(magnitude, 10, 0, end);
        emit_number(s, &spec, sign, p, (int)(end - 1 - p));
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        uint64_t value = longs >= 2 ? va_arg(args, uint64_t) : (uint64_t)va_arg(args, unsigned long);
        unsigned base = conversion == 'u' ? 10 : conversion == 'o' ? 8 : 16;
        char *p = digits_of(value, base, conversion == 'X', end);
        const char *prefix = !spec.alternate || value == 0 ? ""
                             : base == 16                  ? (conversion == 'X' ? "0X" : "0x")
                             : base == 8                   ? "0"
                                                           : "";
        emit_number(s, &spec, prefix, p, (int)(end - 1 - p));
        break;
      }
      case 'p': {
        char *p = digits_of((uintptr_t)va_arg(args, void *), 16, 0, end);
        emit_number(s, &spec, "0x", p, (int)(end - 1 - p));
        break;
      }
      case 'c': {
        char c = (char)va_arg(args, int);
        struct spec plain = spec;
        plain.zero = 0;
        plain.precision = -1;
        emit_number(s, &plain, "", &c, 1);
        break;
      }
      case 's': {
        const char *text = va_arg(args, const char *);
        if (text == NULL) text = "(null)";
        int length = (int)(spec.precision >= 0 ? strnlen(text, (size_t)spec.precision) : strlen(text));
        struct spec plain = spec;
        plain.zero = 0;
        plain.precision = -1;
        emit_number(s, &plain, "", text, length);
        break;
      }
      case '%': emit(s, "%", 1); break;
      default: /* unknown: print it as it was written */
        emit(s, "%", 1);
        emit(s, &conversion, 1);
        break;
    }
  }
}

int vsnprintf(char *buffer, size_t size, const char *f, va_list args) {
  struct sink s = {NULL, buffer, size, 0};
  format(&s, f, args);
  if (size > 0) buffer[s.count < size ? s.count : size - 1] = 0;
  return (int)s.count;
}

int snprintf(char *buffer, size_t size, const char *f, ...) {
  va_list args;
  va_start(args, f);
  int n = vsnprintf(buffer, size, f, args);
  va_end(args);
  return n;
}

int sprintf(char *buffer, const char *f, ...) {
  va_list args;
  va_start(args, f);
  int n = vsnprintf(buffer, (size_t)-1 / 2, f, args);
  va_end(args);
  return n;
}

int vfprintf(FILE *stream, const char *f, va_list args) {
  struct sink s = {stream, NULL, 0, 0};
  ks_lock_acquire(&stdio_lock);
  format(&s, f, args);
  ks_lock_release(&stdio_lock);
  return (int)s.count;
}

int vprintf(const char *f, va_list args) { return vfprintf(stdout, f, args); }

int fprintf(FILE *stream, const char *f, ...) {
  va_list args;
  va_start(args, f);
  int n = vfprintf(stream, f, args);
  va_end(args);
  return n;
}

int printf(const char *f, ...) {
  va_list args;
  va_start(args, f);
  int n = vfprintf(stdout, f, args);
  va_end(args);
  return n;
}

int dprintf(int fd, const char *f, ...) {
  char line[256];
  va_list args;
  va_start(args, f);
  int n = vsnprintf(line, sizeof line, f, args);
  va_end(args);
  write_all(fd, line, n < (int)sizeof line ? n : (int)sizeof line - 1);
  return n;
}
