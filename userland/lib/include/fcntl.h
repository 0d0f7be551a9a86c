/* fcntl.h — open() and its flags (octal, as Linux). */
#ifndef KS_FCNTL_H
#define KS_FCNTL_H

#include <sys/types.h>

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000

#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200

/* open(PATH, FLAGS[, MODE]): a new fd; MODE matters only with O_CREAT. */
int open(const char *path, int flags, ...);
int openat(int dir_fd, const char *path, int flags, mode_t mode);

#endif
