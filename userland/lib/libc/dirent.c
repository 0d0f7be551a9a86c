/* userland/lib/libc/dirent.c — opendir/readdir over getdents64 (61). */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct ks_dir {
  int fd;
  int length, position;
  _Alignas(8) char buffer[1024];
};

DIR *opendir(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return NULL;
  DIR *d = malloc(sizeof *d);
  if (d == NULL) {
    close(fd);
    return NULL;
  }
  d->fd = fd;
  d->length = d->position = 0;
  return d;
}

struct dirent *readdir(DIR *d) {
  if (d->position >= d->length) {
    int n = getdents64(d->fd, d->buffer, sizeof d->buffer);
    if (n <= 0) return NULL;
    d->length = n;
    d->position = 0;
  }
  struct dirent *entry = (struct dirent *)(d->buffer + d->position);
  if (entry->d_reclen == 0) return NULL; /* a broken record: stop rather than loop */
  d->position += entry->d_reclen;
  return entry;
}

int closedir(DIR *d) {
  int r = close(d->fd);
  free(d);
  return r;
}
