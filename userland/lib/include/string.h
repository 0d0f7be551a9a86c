/* string.h — strings and memory blocks. */
#ifndef KS_STRING_H
#define KS_STRING_H

#include <stddef.h>

void *memset(void *destination, int value, size_t length);
void *memcpy(void *destination, const void *source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
int memcmp(const void *a, const void *b, size_t length);
void *memchr(const void *block, int value, size_t length);

size_t strlen(const char *text);
size_t strnlen(const char *text, size_t limit);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t limit);
char *strcpy(char *destination, const char *source);
char *strncpy(char *destination, const char *source, size_t limit);
char *strcat(char *destination, const char *source);
char *strncat(char *destination, const char *source, size_t limit);
char *strchr(const char *text, int c);
char *strrchr(const char *text, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *text, const char *accept);
size_t strcspn(const char *text, const char *reject);
/* A malloc'ed copy, or NULL when memory ran out. */
char *strdup(const char *text);
char *strndup(const char *text, size_t limit);

/* The message of error number ERROR ("No such file or directory"). */
char *strerror(int error);

#endif
