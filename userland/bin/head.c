/* head — prints the first lines of each FILE (or of stdin): head [-n LINES] [FILE...]
 * (10 lines by default; with several files, each starts with "==> NAME <=="). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Copies the first LINES lines of FD to stdout; -1 on a read error. */
static int head(int fd, long lines) {
  static char buffer[4096];
  while (lines > 0) {
    ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0) return -1;
    if (got == 0) break;
    ssize_t end = 0;
    while (end < got && lines > 0) {
      if (buffer[end++] == '\n') --lines;
    }
    fwrite(buffer, 1, (size_t)end, stdout);
  }
  return 0;
}

int main(int argc, char **argv) {
  long lines = 10;
  int first = 1;
  if (argc > 1 && strcmp(argv[1], "-n") == 0) {
    char *end = NULL;
    lines = argc > 2 ? strtol(argv[2], &end, 10) : -1;
    if (argc < 3 || end == argv[2] || *end != 0 || lines < 0) {
      fprintf(stderr, "usage: head [-n LINES] [FILE...]\n");
      return 2;
    }
    first = 3;
  }
  if (first == argc) return head(0, lines) < 0 ? 1 : 0;
  int status = 0;
  for (int i = first; i < argc; ++i) {
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0 || (argc - first > 1 && printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]) < 0) ||
        head(fd, lines) < 0) {
      fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    }
    if (fd > 0) close(fd);
  }
  return status;
}
