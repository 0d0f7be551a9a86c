/* sys/stat.h — fstat with kernsim's own layout (docs/syscalls.md), and mkdir. */
#ifndef KS_SYS_STAT_H
#define KS_SYS_STAT_H

#include <sys/types.h>

/* The four u32 fields fstat (80) fills, in this order. */
struct stat {
  unsigned int st_type; /* one of KS_TYPE_* */
  unsigned int st_size; /* bytes, for a file */
  unsigned int st_ino;
  unsigned int st_nlink;
};

#define KS_TYPE_FILE 1
#define KS_TYPE_DIRECTORY 2
#define KS_TYPE_PIPE 3
#define KS_TYPE_CONSOLE 4

#define S_ISREG(st) ((st).st_type == KS_TYPE_FILE)
#define S_ISDIR(st) ((st).st_type == KS_TYPE_DIRECTORY)

int fstat(int fd, struct stat *status);
/* stat: open PATH read-only, fstat it, close it. */
int stat(const char *path, struct stat *status);
int mkdir(const char *path, mode_t mode);
/* mkdirat (34): DIR_FD is AT_FDCWD (-100). */
int mkdirat(int dir_fd, const char *path, mode_t mode);

#endif
