/* stdio.h — formatted output and buffered streams over file descriptors.
 *
 * stdout is buffered and flushed on '\n', when full, before reading stdin, before fork and
 * execve, and by exit() (returning from main calls exit). stderr is unbuffered. printf knows
 * %d %i %u %x %X %o %s %c %p %% with flags '-' '0' ' ' '+' '#', a width and a precision (either may
 * be '*'), and the length modifiers l, z (32-bit, the same as none) and ll for %d/%u/%x. */
#ifndef KS_STDIO_H
#define KS_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 512

typedef struct ks_file FILE;
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *stream, const char *format, ...) __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *format, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *buffer, const char *format, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buffer, size_t size, const char *format, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *format, va_list args);
int vfprintf(FILE *stream, const char *format, va_list args);
int vsnprintf(char *buffer, size_t size, const char *format, va_list args);

int putchar(int c);
int puts(const char *text);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int fputs(const char *text, FILE *stream);
size_t fwrite(const void *data, size_t size, size_t count, FILE *stream);
/* fflush(NULL) flushes every open stream. */
int fflush(FILE *stream);

int getchar(void);
int fgetc(FILE *stream);
int getc(FILE *stream);
/* Reads up to SIZE - 1 bytes, stopping after '\n'; NULL at end of input with nothing read. */
char *fgets(char *buffer, int size, FILE *stream);
size_t fread(void *data, size_t size, size_t count, FILE *stream);

/* MODE: "r", "w", "a", "r+", "w+", "a+". */
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *stream);
int fileno(FILE *stream);
int feof(FILE *stream);
int ferror(FILE *stream);

/* Prints "TEXT: strerror(errno)\n" (or just the error) on stderr. */
void perror(const char *text);

#endif
