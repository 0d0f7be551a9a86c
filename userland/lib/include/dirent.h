/* dirent.h — reading directories: the raw getdents64 (61) and opendir/readdir over it. */
#ifndef KS_DIRENT_H
#define KS_DIRENT_H

#include <stdint.h>
#include <sys/types.h>

#define DT_DIR 4
#define DT_REG 8

/* Linux's linux_dirent64; records are d_reclen bytes long (padded to 8). */
struct dirent {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

/* Fills BUFFER with records; the bytes written, 0 at the end, -1 on error. */
int getdents64(int fd, void *buffer, size_t size);
/* The same call (kernsim has only the 64-bit records). */
int getdents(int fd, void *buffer, size_t size);

typedef struct ks_dir DIR;
DIR *opendir(const char *path);
/* The next entry (valid until the next call), or NULL at the end. */
struct dirent *readdir(DIR *directory);
int closedir(DIR *directory);

#endif
