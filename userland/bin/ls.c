/* ls — lists each directory (default "."), names sorted, one a line; a FILE argument is listed
 * as itself. -l: "TYPE SIZE NAME", TYPE 'd' for a directory and '-' for a file; -a: also the
 * names that start with '.'. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int long_format, all;

static void show(const char *name, const char *path) {
  if (!long_format) {
    printf("%s\n", name);
    return;
  }
  struct stat st;
  if (stat(path, &st) < 0) {
    printf("?        ? %s\n", name);
    return;
  }
  printf("%c %8u %s\n", S_ISDIR(st) ? 'd' : st.st_type == KS_TYPE_FILE ? '-' : '?', st.st_size, name);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Lists directory PATH; 0, 1 when PATH is not a directory (nothing printed), or -1 after
 * printing the error. */
static int list(const char *path, int with_header) {
  DIR *d = opendir(path);
  if (d == NULL) {
    fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
    return -1;
  }
  int count = 0, room = 16;
  char **names = malloc((size_t)room * sizeof *names);
  struct dirent *entry;
  errno = 0;
  while (names != NULL && (entry = readdir(d)) != NULL) {
    if (entry->d_name[0] == '.' && !all) continue;
    if (count == room) {
      room *= 2;
      char **bigger = realloc(names, (size_t)room * sizeof *names);
      if (bigger == NULL) break;
      names = bigger;
    }
    names[count] = strdup(entry->d_name);
    if (names[count] != NULL) ++count;
  }
  int error = errno;
  closedir(d);
  if (names == NULL) {
    fprintf(stderr, "ls: %s: %s\n", path, strerror(ENOMEM));
    return -1;
  }
  if (count == 0 && error != 0) {
    free(names);
    if (error == ENOTDIR) return 1;
    fprintf(stderr, "ls: %s: %s\n", path, strerror(error));
    return -1;
  }
  qsort(names, (size_t)count, sizeof *names, by_name);
  if (with_header) printf("%s:\n", path);
  char child[256];
  for (int i = 0; i < count; ++i) {
    snprintf(child, sizeof child, "%s/%s", path, names[i]);
    show(names[i], child);
    free(names[i]);
  }
  free(names);
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] != 0; ++i) {
    for (const char *flag = argv[i] + 1; *flag != 0; ++flag) {
      if (*flag == 'l') long_format = 1;
      else if (*flag == 'a') all = 1;
      else {
        fprintf(stderr, "ls: unknown option -%c\nusage: ls [-l] [-a] [PATH...]\n", *flag);
        return 1;
      }
    }
  }
  if (i == argc) return list(".", 0) < 0 ? 1 : 0;
  int status = 0, several = argc - i > 1;
  for (; i < argc; ++i) {
    int r = list(argv[i], several);
    if (r < 0) status = 1;
    if (r == 1) show(argv[i], argv[i]);
  }
  return status;
}
