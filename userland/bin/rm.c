/* rm — removes each FILE; with -r also directories and everything in them; with -f it is quiet
 * about files that do not exist. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

/* Removes PATH (recursively if asked); 0, or -1 after printing the error. */
static int remove_path(const char *path) {
  if (unlink(path) == 0) return 0;
  if (errno == EISDIR || errno == EPERM) {
    if (!recursive) {
      fprintf(stderr, "rm: %s: Is a directory\n", path);
      return -1;
    }
    DIR *d = opendir(path);
    if (d == NULL) {
      fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
      return -1;
    }
    int status = 0;
    struct dirent *entry;
    char child[256];
    while ((entry = readdir(d)) != NULL) {
      if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
      if (snprintf(child, sizeof child, "%s/%s", path, entry->d_name) >= (int)sizeof child) {
        fprintf(stderr, "rm: %s/%s: %s\n", path, entry->d_name, strerror(ENAMETOOLONG));
        status = -1;
        continue;
      }
      if (remove_path(child) < 0) status = -1;
    }
    closedir(d);
    if (rmdir(path) < 0) {
      fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
      return -1;
    }
    return status;
  }
  if (force && errno == ENOENT) return 0;
  fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
  return -1;
}

int main(int argc, char **argv) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] != 0; ++i) {
    for (const char *flag = argv[i] + 1; *flag != 0; ++flag) {
      if (*flag == 'r' || *flag == 'R') recursive = 1;
      else if (*flag == 'f') force = 1;
      else {
        fprintf(stderr, "rm: unknown option -%c\nusage: rm [-r] [-f] FILE...\n", *flag);
        return 1;
      }
    }
  }
  if (i >= argc) {
    if (force) return 0;
    fprintf(stderr, "usage: rm [-r] [-f] FILE...\n");
    return 1;
  }
  int status = 0;
  for (; i < argc; ++i) {
    if (remove_path(argv[i]) < 0) status = 1;
  }
  return status;
}
