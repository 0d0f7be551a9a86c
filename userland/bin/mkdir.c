/* mkdir — makes each DIRECTORY. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: mkdir DIRECTORY...\n");
    return 1;
  }
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (mkdir(argv[i], 0755) < 0) {
      fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    }
  }
  return status;
}
