/* userland/tests/usertests/exec.c — execve: errors (ENOENT, ENOEXEC, EFAULT, E2BIG), arguments,
 * many at once, and the shell. */
#include "usertests.h"

/* ---- exec ------------------------------------------------------------------------------ */

void exec_errors(void) {
  char *argv[] = {"x", NULL};
  CHECK_ERROR(execv("/no/such/program", argv), ENOENT);
  CHECK_ERROR(execv("ut_missing", argv), ENOENT);
  CHECK(write_file("ut_garbage", "#!/bin/sh\nthis is not an ELF file\n", 34) == 0, "write ut_garbage");
  CHECK_ERROR(execv("ut_garbage", argv), ENOEXEC);
  /* The first 100 bytes of a real program: a valid header, segments past the end of the file. */
  char head[100];
  int fd = open("/bin/echo", O_RDONLY);
  CHECK(fd >= 0, "open /bin/echo: %s", strerror(errno));
  CHECK(read(fd, head, sizeof head) == (ssize_t)sizeof head, "read /bin/echo");
  close(fd);
  CHECK(write_file("ut_truncated", head, sizeof head) == 0, "write ut_truncated");
  CHECK_ERROR(execv("ut_truncated", argv), ENOEXEC);
  CHECK(write_file("ut_empty", "", 0) == 0, "write ut_empty");
  CHECK_ERROR(execv("ut_empty", argv), ENOEXEC);
  unlink("ut_garbage");
  unlink("ut_truncated");
  unlink("ut_empty");
  mkdir("ut_execdir", 0755);
  errno = 0;
  CHECK(execv("ut_execdir", argv) == -1 && (errno == EISDIR || errno == ENOEXEC || errno == 13 /* EACCES */),
        "exec of a directory: errno %d", errno);
  rmdir("ut_execdir");
}

void exec_arguments(void) {
  char output[512];
  char *argv[] = {"echo", "hello", "world", "", "a b", NULL};
  int status = run_capture("/bin/echo", argv, output, sizeof output);
  CHECK(status == 0, "echo's status %d (100 + errno: exec failed)", WEXITSTATUS(status));
  CHECK(strcmp(output, "hello world  a b\n") == 0, "echo printed \"%s\"", output);
  char *many[41];
  static char words[40][4];
  many[0] = "echo";
  for (int i = 1; i < 40; ++i) {
    snprintf(words[i], sizeof words[i], "%d", i);
    many[i] = words[i];
  }
  many[40] = NULL;
  status = run_capture("/bin/echo", many, output, sizeof output);
  CHECK(status == 0 && strncmp(output, "1 2 3 ", 6) == 0 && strstr(output, " 39\n") != NULL, "echo of 39 words: \"%s\"",
        output);
}

void exec_huge_argv(void) {
  enum { kCount = 2000 };
  char **argv = malloc((kCount + 1) * sizeof *argv);
  char *word = malloc(200);
  CHECK(argv != NULL && word != NULL, "malloc");
  memset(word, 'w', 199);
  word[199] = 0;
  argv[0] = "echo";
  for (int i = 1; i < kCount; ++i) argv[i] = word;
  argv[kCount] = NULL;
  errno = 0;
  CHECK(execv("/bin/echo", argv) == -1 && (errno == E2BIG || errno == ENOMEM),
        "execve with 400 KB of arguments: errno %d (%s), not E2BIG", errno, strerror(errno));
  free(argv);
  free(word);
}

void exec_wrong_machine(void) {
  struct stat st;
  CHECK(stat("/bin/echo", &st) == 0 && st.st_size > 64, "stat /bin/echo: %s", strerror(errno));
  char *image = malloc(st.st_size + 1); /* read_all adds a NUL */
  CHECK(image != NULL, "malloc");
  int fd = open("/bin/echo", O_RDONLY);
  CHECK(fd >= 0 && read_all(fd, image, (int)st.st_size + 1) == (int)st.st_size, "read /bin/echo");
  close(fd);
  char *argv[] = {"echo", "wrong", NULL};
  image[18] = 62; /* e_machine: x86-64 */
  CHECK(write_file("ut_x86", image, st.st_size) == 0, "write ut_x86");
  CHECK_ERROR(execv("ut_x86", argv), ENOEXEC);
  image[18] = (char)243;
  image[4] = 2; /* ELFCLASS64 */
  CHECK(write_file("ut_x86", image, st.st_size) == 0, "write ut_x86");
  CHECK_ERROR(execv("ut_x86", argv), ENOEXEC);
  image[4] = 1;
  CHECK(write_file("ut_x86", image, st.st_size) == 0, "write ut_x86");
  char output[64];
  int status = run_capture("ut_x86", argv, output, sizeof output);
  CHECK(status == 0 && strcmp(output, "wrong\n") == 0, "the restored copy does not run: status %#x", status);
  unlink("ut_x86");
  free(image);
}

/* Children exec echo at the same time, all writing into one pipe. */
void exec_many_at_once(void) {
  enum { kChildren = 8 };
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  pid_t pids[kChildren];
  for (int i = 0; i < kChildren; ++i) {
    pids[i] = fork();
    CHECK(pids[i] >= 0, "fork %d: %s", i, strerror(errno));
    if (pids[i] == 0) {
      char number[8];
      snprintf(number, sizeof number, "%d", i);
      char *argv[] = {"echo", "child", number, NULL};
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      execv("/bin/echo", argv);
      _exit(99);
    }
  }
  close(fds[1]);
  char output[512];
  read_all(fds[0], output, sizeof output);
  close(fds[0]);
  for (int i = 0; i < kChildren; ++i) CHECK(wait_for(pids[i]) == 0, "child %d failed", i);
  for (int i = 0; i < kChildren; ++i) {
    char line[16];
    snprintf(line, sizeof line, "child %d\n", i);
    CHECK(strstr(output, line) != NULL, "no \"child %d\" in \"%s\"", i, output);
  }
  CHECK(strlen(output) == kChildren * 8, "output mixed up: \"%s\"", output);
}

void shell_pipeline(void) {
  char output[256];
  char *pipeline[] = {"sh", "-c", "echo one two three | wc | cat", NULL};
  int status = run_capture("/bin/sh", pipeline, output, sizeof output);
  CHECK(status == 0, "sh's status %#x", status);
  CHECK(strcmp(output, "      1       3      14\n") == 0, "sh -c pipeline printed \"%s\"", output);
  char *redirect[] = {"sh", "-c", "echo hi > ut_sh; echo there >> ut_sh; grep -c h < ut_sh; rm ut_sh", NULL};
  status = run_capture("/bin/sh", redirect, output, sizeof output);
  CHECK(status == 0 && strcmp(output, "2\n") == 0, "sh -c redirections printed \"%s\" (status %#x)", output, status);
  char *missing[] = {"sh", "-c", "no_such_command_here", NULL};
  status = run_capture("/bin/sh", missing, output, sizeof output);
  CHECK(WEXITSTATUS(status) == 127, "a missing command: status %#x", status);
}
