/* stdlib.h — memory, numbers, exit. malloc is a first-fit free list over sbrk that coalesces
 * neighbours on free; it is safe to call from several threads. */
#ifndef KS_STDLIB_H
#define KS_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void free(void *pointer);
void *calloc(size_t count, size_t size);
void *realloc(void *pointer, size_t size);

int atoi(const char *text);
long atol(const char *text);
long strtol(const char *text, char **end, int base);
unsigned long strtoul(const char *text, char **end, int base);
int abs(int value);
long labs(long value);

/* Sorts with insertion sort (stable; fine for the small arrays of these programs). */
void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));

/* exit flushes every stream, then ends the process (exit_group). */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);

#endif
