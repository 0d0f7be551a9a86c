/* wc — counts lines, words and bytes of each FILE (or standard input, also for "-"). With
 * several files, a total line follows. Output: the counts in 7 columns each, then the name;
 * -l, -w, -c pick lines, words, bytes (default: all three). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buffer[4096];
static int show_lines, show_words, show_bytes;

struct counts {
  unsigned lines, words, bytes;
};

static int count(int fd, struct counts *c) {
  int in_word = 0;
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) return 0;
    if (n < 0) return -1;
    for (ssize_t i = 0; i < n; ++i) {
      unsigned char ch = (unsigned char)buffer[i];
      if (ch == '\n') ++c->lines;
      if (isspace(ch)) {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        ++c->words;
      }
    }
    c->bytes += (unsigned)n;
  }
}

static void show(const struct counts *c, const char *name) {
  const char *separator = "";
  if (show_lines) printf("%7u", c->lines), separator = " ";
  if (show_words) printf("%s%7u", separator, c->words), separator = " ";
  if (show_bytes) printf("%s%7u", separator, c->bytes);
  if (name != NULL) printf(" %s", name);
  putchar('\n');
}

int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] != 0; ++i) {
    for (const char *flag = argv[i] + 1; *flag != 0; ++flag) {
      if (*flag == 'l') show_lines = 1;
      else if (*flag == 'w') show_words = 1;
      else if (*flag == 'c') show_bytes = 1;
      else {
        fprintf(stderr, "wc: unknown option -%c\nusage: wc [-l] [-w] [-c] [FILE...]\n", *flag);
        return 1;
      }
    }
  }
  if (!show_lines && !show_words && !show_bytes) show_lines = show_words = show_bytes = 1;
  struct counts total = {0, 0, 0};
  if (i == argc) {
    if (count(0, &total) < 0) {
      fprintf(stderr, "wc: standard input: %s\n", strerror(errno));
      return 1;
    }
    show(&total, NULL);
    return 0;
  }
  int status = 0, files = argc - i;
  for (; i < argc; ++i) {
    struct counts c = {0, 0, 0};
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0 || count(fd, &c) < 0) {
      fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    } else {
      show(&c, argv[i]);
      total.lines += c.lines;
      total.words += c.words;
      total.bytes += c.bytes;
    }
    if (fd > 0) close(fd);
  }
  if (files > 1) show(&total, "total");
  return status;
}
