/* cat — copies each FILE (or standard input, also for "-") to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buffer[4096];

/* Copies FD to stdout; 0, or -1 with errno on a read or write error. */
static int copy(int fd) {
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) return 0;
    if (n < 0) return -1;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(1, buffer + done, (size_t)(n - done));
      if (w <= 0) return -1;
      done += w;
    }
  }
}

int main(int argc, char **argv) {
  int status = 0;
  if (argc == 1) argc = 2, argv[1] = "-";
  for (int i = 1; i < argc; ++i) {
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0 || copy(fd) < 0) {
      fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    }
    if (fd > 0) close(fd);
  }
  return status;
}
