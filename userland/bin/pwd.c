/* pwd — prints the working directory. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) {
    fprintf(stderr, "usage: pwd\n");
    return 2;
  }
  static char path[4097];
  if (getcwd(path, sizeof path) == NULL) {
    fprintf(stderr, "pwd: %s\n", strerror(errno));
    return 1;
  }
  puts(path);
  return 0;
}
