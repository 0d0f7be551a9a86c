/* grep — prints the lines of each FILE (or standard input) that contain PATTERN, a fixed
 * string. -v: the lines that do not; -c: only how many; -n: with line numbers. With several
 * files each line starts with "NAME:". Exit status 0 if a line was selected, 1 if none, 2 on
 * an error (as POSIX grep). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int invert, count_only, numbers;

static void usage(void) { fprintf(stderr, "usage: grep [-v] [-c] [-n] PATTERN [FILE...]\n"); }

/* Searches STREAM; returns the number of selected lines. */
static unsigned search(FILE *stream, const char *pattern, const char *name) {
  char line[1024];
  unsigned selected = 0, number = 0;
  int at_line_start = 1;
  while (fgets(line, sizeof line, stream) != NULL) {
    /* A line longer than the buffer comes in pieces; only the first piece is numbered. */
    if (at_line_start) ++number;
    size_t length = strlen(line);
    int complete = length > 0 && line[length - 1] == '\n';
    int match = (strstr(line, pattern) != NULL) != invert;
    if (match) {
      ++selected;
      if (!count_only) {
        if (name != NULL) printf("%s:", name);
        if (numbers) printf("%u:", number);
        fputs(line, stdout);
        if (!complete) putchar('\n');
      }
    }
    at_line_start = complete;
  }
  if (count_only) {
    if (name != NULL) printf("%s:", name);
    printf("%u\n", selected);
  }
  return selected;
}

int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] != 0; ++i) {
    for (const char *flag = argv[i] + 1; *flag != 0; ++flag) {
      if (*flag == 'v') invert = 1;
      else if (*flag == 'c') count_only = 1;
      else if (*flag == 'n') numbers = 1;
      else {
        fprintf(stderr, "grep: unknown option -%c\n", *flag);
        usage();
        return 2;
      }
    }
  }
  if (i >= argc) {
    usage();
    return 2;
  }
  const char *pattern = argv[i++];
  unsigned selected = 0;
  int error = 0;
  if (i == argc) {
    selected = search(stdin, pattern, NULL);
  }
  int several = argc - i > 1;
  for (; i < argc; ++i) {
    FILE *f = fopen(argv[i], "r");
    if (f == NULL) {
      fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
      error = 1;
      continue;
    }
    selected += search(f, pattern, several ? argv[i] : NULL);
    fclose(f);
  }
  return error ? 2 : selected > 0 ? 0 : 1;
}
