/* userland/tests/usertests/files.c — pipes, files, directories and descriptors. */
#include "usertests.h"

/* ---- pipes ----------------------------------------------------------------------------- */

void pipe_end_of_file(void) {
  int fds[2];
  char buffer[16];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  CHECK(write(fds[1], "abc", 3) == 3, "write");
  close(fds[1]);
  CHECK(read(fds[0], buffer, sizeof buffer) == 3, "read the 3 bytes");
  CHECK(read(fds[0], buffer, sizeof buffer) == 0, "no end of file after the writer closed");
  close(fds[0]);
  CHECK_ERROR(lseek(fds[0], 0, SEEK_SET), EBADF);
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  CHECK_ERROR(lseek(fds[0], 0, SEEK_SET), ESPIPE);
  CHECK_ERROR(write(fds[0], "x", 1), EBADF);
  CHECK_ERROR(read(fds[1], buffer, 1), EBADF);
}

void pipe_broken(void) {
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  close(fds[0]);
  pid_t pid = fork(); /* in a child, so a SIGPIPE kills only it */
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) _exit(write(fds[1], "x", 1) == -1 && errno == EPIPE ? 0 : 1);
  int status = wait_for(pid);
  CHECK(!killed_by(status, SIGPIPE), "the writer was killed by SIGPIPE instead of getting EPIPE");
  CHECK(status == 0, "write to a pipe without readers: not EPIPE");
}

void pipe_large_transfer(void) {
  enum { kTotal = 50000 };
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    unsigned char chunk[1000];
    for (int sent = 0; sent < kTotal; sent += (int)sizeof chunk) {
      for (unsigned i = 0; i < sizeof chunk; ++i) chunk[i] = (unsigned char)((sent + (int)i) * 7);
      if (write(fds[1], chunk, sizeof chunk) != (ssize_t)sizeof chunk) _exit(1);
    }
    _exit(0);
  }
  close(fds[1]);
  unsigned char buffer[777];
  int received = 0;
  for (;;) {
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      CHECK(buffer[i] == (unsigned char)((received + i) * 7), "byte %d is wrong", received + (int)i);
    }
    received += (int)n;
  }
  close(fds[0]);
  CHECK(received == kTotal, "received %d of %d bytes", received, kTotal);
  CHECK(wait_for(pid) == 0, "the writer failed");
}

/* One write of more than the pipe holds blocks until all of it is written (POSIX), and the
 * reader gets every byte in order. */
void pipe_write_all(void) {
  enum { kTotal = 3 * 4096 + 100 };
  static unsigned char data[kTotal], buffer[kTotal];
  for (int i = 0; i < kTotal; ++i) data[i] = (unsigned char)(i * 13 + i / 256);
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    ssize_t wrote = write(fds[1], data, kTotal);
    _exit(wrote == kTotal ? 0 : 1);
  }
  close(fds[1]);
  int received = 0;
  for (ssize_t n; (n = read(fds[0], buffer + received, (size_t)(kTotal - received))) > 0;) received += (int)n;
  close(fds[0]);
  CHECK(received == kTotal, "received %d of %d bytes", received, kTotal);
  CHECK(memcmp(buffer, data, kTotal) == 0, "the bytes arrived changed or out of order");
  CHECK(wait_for(pid) == 0, "one write of %d bytes did not return %d", kTotal, kTotal);
}

/* A reader that closes in the middle of a long write: the write returns what it had written
 * (not EPIPE, and not the whole count); the next write gets EPIPE. */
void pipe_write_reader_closes(void) {
  enum { kTotal = 4 * 4096 };
  static unsigned char data[kTotal];
  int fds[2], report[2];
  CHECK(pipe(fds) == 0 && pipe(report) == 0, "pipe: %s", strerror(errno));
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    close(report[0]);
    ssize_t results[2];
    results[0] = write(fds[1], data, kTotal);
    results[1] = write(fds[1], data, 1) == -1 && errno == EPIPE;
    write(report[1], results, sizeof results);
    _exit(0);
  }
  close(fds[1]);
  close(report[1]);
  char buffer[100];
  CHECK(read(fds[0], buffer, sizeof buffer) == (ssize_t)sizeof buffer, "read the first bytes");
  close(fds[0]);
  ssize_t results[3] = {0, 0, 0}; /* read_all ends what it read with a NUL: room for it */
  CHECK(read_all(report[0], (char *)results, sizeof results) == 2 * (int)sizeof results[0], "the writer's report");
  close(report[0]);
  CHECK(results[0] >= 4096 && results[0] < kTotal, "the interrupted write returned %ld", (long)results[0]);
  CHECK(results[1], "the next write was not EPIPE");
  CHECK(wait_for(pid) == 0, "the writer failed");
}

/* ---- files and directories ------------------------------------------------------------- */

void file_read_write_seek(void) {
  char data[100], buffer[100];
  for (int i = 0; i < 100; ++i) data[i] = (char)('a' + i % 26);
  int fd = open("ut_file", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "create: %s", strerror(errno));
  CHECK(write(fd, data, 100) == 100, "write: %s", strerror(errno));
  CHECK(lseek(fd, 0, SEEK_CUR) == 100, "offset after the write");
  CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek to 0");
  CHECK(read(fd, buffer, 100) == 100 && memcmp(data, buffer, 100) == 0, "read back");
  CHECK(read(fd, buffer, 100) == 0, "no end of file");
  CHECK(lseek(fd, 0, SEEK_END) == 100, "SEEK_END");
  CHECK(lseek(fd, 10, SEEK_SET) == 10 && read(fd, buffer, 5) == 5 && memcmp(buffer, data + 10, 5) == 0, "read at 10");
  CHECK(lseek(fd, -5, SEEK_CUR) == 10, "SEEK_CUR back");
  CHECK_ERROR(lseek(fd, -1, SEEK_SET), EINVAL);
  CHECK_ERROR(lseek(fd, 0, 7), EINVAL);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_type == KS_TYPE_FILE && st.st_size == 100, "fstat: type %u size %u", st.st_type,
        st.st_size);
  close(fd);
  fd = open("ut_file", O_RDONLY);
  CHECK(fd >= 0, "reopen: %s", strerror(errno));
  CHECK_ERROR(write(fd, "x", 1), EBADF);
  close(fd);
  fd = open("ut_file", O_WRONLY | O_APPEND);
  CHECK(fd >= 0 && write(fd, "END", 3) == 3, "append");
  CHECK_ERROR(read(fd, buffer, 1), EBADF);
  close(fd);
  CHECK(stat("ut_file", &st) == 0 && st.st_size == 103, "size after append: %u", st.st_size);
  fd = open("ut_file", O_WRONLY | O_TRUNC);
  CHECK(fd >= 0, "truncate: %s", strerror(errno));
  close(fd);
  CHECK(stat("ut_file", &st) == 0 && st.st_size == 0, "size after O_TRUNC: %u", st.st_size);
  CHECK(unlink("ut_file") == 0, "unlink: %s", strerror(errno));
  CHECK_ERROR(open("ut_file", O_RDONLY), ENOENT);
  CHECK_ERROR(unlink("ut_file"), ENOENT);
}

void file_large(void) {
  enum { kChunk = 4000, kChunks = 20 };
  char *chunk = malloc(kChunk), *back = malloc(kChunk);
  CHECK(chunk != NULL && back != NULL, "malloc");
  int fd = open("ut_large", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "create: %s", strerror(errno));
  for (int c = 0; c < kChunks; ++c) {
    for (int i = 0; i < kChunk; ++i) chunk[i] = (char)(c * 31 + i);
    CHECK(write(fd, chunk, kChunk) == kChunk, "write chunk %d: %s", c, strerror(errno));
  }
  CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek");
  for (int c = 0; c < kChunks; ++c) {
    for (int i = 0; i < kChunk; ++i) chunk[i] = (char)(c * 31 + i);
    CHECK(read(fd, back, kChunk) == kChunk && memcmp(chunk, back, kChunk) == 0, "chunk %d read back wrong", c);
  }
  close(fd);
  unlink("ut_large");
}

void open_until_full(void) {
  int count = 0, fd;
  while ((fd = open("/bin/echo", O_RDONLY)) >= 0) {
    ++count;
    CHECK(count < 1000, "open never failed");
  }
  CHECK(errno == EMFILE, "open failed with errno %d (%s), not EMFILE", errno, strerror(errno));
  for (int i = 3; i < 3 + count; ++i) close(i);
  fd = open("/bin/echo", O_RDONLY);
  CHECK(fd == 3, "after closing all, open gave %d, not the lowest free fd 3", fd);
  close(fd);
  CHECK_ERROR(close(fd), EBADF);
  CHECK_ERROR(close(-1), EBADF);
  CHECK_ERROR(read(99, &fd, 1), EBADF);
  CHECK_ERROR(dup(99), EBADF);
  CHECK_ERROR(dup2(99, 5), EBADF);
}

void directories(void) {
  char path[128];
  CHECK(mkdir("ut_dir", 0755) == 0, "mkdir: %s", strerror(errno));
  CHECK_ERROR(mkdir("ut_dir", 0755), EEXIST);
  CHECK(write_file("ut_dir/file", "x", 1) == 0, "create ut_dir/file: %s", strerror(errno));
  CHECK_ERROR(rmdir("ut_dir"), ENOTEMPTY);
  CHECK_ERROR(open("ut_dir", O_WRONLY), EISDIR);
  CHECK_ERROR(chdir("ut_dir/file"), ENOTDIR);
  CHECK_ERROR(mkdir("ut_nowhere/sub", 0755), ENOENT);
  CHECK_ERROR(open("ut_dir/file/x", O_RDONLY), ENOTDIR);
  CHECK_ERROR(rmdir("ut_dir/file"), ENOTDIR);
  CHECK(chdir("ut_dir") == 0, "chdir: %s", strerror(errno));
  CHECK(getcwd(path, sizeof path) != NULL && strlen(path) >= 7 && strcmp(path + strlen(path) - 7, "/ut_dir") == 0,
        "getcwd in ut_dir: %s", path);
  CHECK(write_file("second", "y", 1) == 0, "create a file relative to the new cwd");
  CHECK(chdir("..") == 0, "chdir ..: %s", strerror(errno));
  struct stat st;
  CHECK(stat("ut_dir/second", &st) == 0 && st.st_size == 1, "ut_dir/second");
  CHECK(stat("ut_dir", &st) == 0 && S_ISDIR(st), "fstat of a directory: type %u", st.st_type);
  CHECK(unlink("ut_dir/file") == 0 && unlink("ut_dir/second") == 0, "unlink: %s", strerror(errno));
  CHECK(rmdir("ut_dir") == 0, "rmdir: %s", strerror(errno));
  CHECK_ERROR(rmdir("ut_dir"), ENOENT);
  CHECK_ERROR(chdir("ut_dir"), ENOENT);
}

void directory_listing(void) {
  CHECK(mkdir("ut_ls", 0755) == 0, "mkdir: %s", strerror(errno));
  const char *files[] = {"ut_ls/alpha", "ut_ls/beta", "ut_ls/a_rather_long_file_name_for_a_record"};
  for (int i = 0; i < 3; ++i) CHECK(write_file(files[i], "z", 1) == 0, "create %s", files[i]);
  CHECK(mkdir("ut_ls/sub", 0755) == 0, "mkdir sub: %s", strerror(errno));
  int fd = open("ut_ls", O_RDONLY);
  CHECK(fd >= 0, "open the directory: %s", strerror(errno));
  _Alignas(8) char buffer[64]; /* small: several calls are needed */
  int found = 0, entries = 0;
  for (;;) {
    int n = getdents64(fd, buffer, sizeof buffer);
    CHECK(n >= 0, "getdents64: %s", strerror(errno));
    if (n == 0) break;
    for (int at = 0; at < n;) {
      struct dirent *d = (struct dirent *)(buffer + at);
      CHECK(d->d_reclen >= 20 && d->d_reclen % 8 == 0 && at + d->d_reclen <= n, "record length %u", d->d_reclen);
      ++entries;
      if (strcmp(d->d_name, "alpha") == 0 && d->d_type == DT_REG) found |= 1;
      if (strcmp(d->d_name, "beta") == 0 && d->d_type == DT_REG) found |= 2;
      if (strcmp(d->d_name, "a_rather_long_file_name_for_a_record") == 0) found |= 4;
      if (strcmp(d->d_name, "sub") == 0 && d->d_type == DT_DIR) found |= 8;
      at += d->d_reclen;
    }
    CHECK(entries < 100, "getdents64 never ends");
  }
  CHECK(found == 15, "entries found: mask %d of 15, %d entries", found, entries);
  CHECK(getdents64(fd, buffer, sizeof buffer) == 0, "still 0 at the end");
  close(fd);
  fd = open("ut_ls", O_RDONLY);
  CHECK_ERROR(getdents64(fd, BAD_LOW, 64), EFAULT);
  CHECK_ERROR(getdents64(fd, buffer, 8), EINVAL);
  close(fd);
  for (int i = 0; i < 3; ++i) unlink(files[i]);
  rmdir("ut_ls/sub");
  CHECK(rmdir("ut_ls") == 0, "rmdir: %s", strerror(errno));
}

/* ---- descriptors ----------------------------------------------------------------------- */

void dup2_redirection(void) {
  int fd = open("ut_dup", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "create: %s", strerror(errno));
  int saved = dup(1);
  CHECK(saved > fd, "dup gave %d", saved);
  CHECK(dup2(fd, 1) == 1, "dup2: %s", strerror(errno));
  write(1, "redirected\n", 11);
  CHECK(dup2(saved, 1) == 1, "dup2 back: %s", strerror(errno));
  close(saved);
  CHECK(dup2(fd, fd) == fd, "dup2 onto itself");
  /* A descriptor and its dup share the offset. */
  int copy = dup(fd);
  CHECK(write(copy, "more\n", 5) == 5, "write through the dup");
  CHECK(lseek(fd, 0, SEEK_CUR) == 16, "the dup does not share the offset");
  close(copy);
  char buffer[32];
  lseek(fd, 0, SEEK_SET);
  CHECK(read_all(fd, buffer, sizeof buffer) == 16 && strcmp(buffer, "redirected\nmore\n") == 0, "file holds \"%s\"",
        buffer);
  close(fd);
  /* A child writes through the inherited descriptor; the parent continues at its offset. */
  fd = open("ut_dup", O_RDWR | O_TRUNC);
  pid_t pid = fork();
  CHECK(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) _exit(write(fd, "child ", 6) == 6 ? 0 : 1);
  CHECK(wait_for(pid) == 0, "the child's write");
  CHECK(write(fd, "parent", 6) == 6, "the parent's write");
  lseek(fd, 0, SEEK_SET);
  CHECK(read_all(fd, buffer, sizeof buffer) == 12 && strcmp(buffer, "child parent") == 0, "file holds \"%s\"", buffer);
  close(fd);
  unlink("ut_dup");
}

void append_from_two_processes(void) {
  int fd = open("ut_append", O_CREAT | O_WRONLY | O_TRUNC | O_APPEND, 0644);
  CHECK(fd >= 0, "create: %s", strerror(errno));
  close(fd);
  pid_t pids[2];
  for (int p = 0; p < 2; ++p) {
    pids[p] = fork();
    CHECK(pids[p] >= 0, "fork: %s", strerror(errno));
    if (pids[p] == 0) {
      int mine = open("ut_append", O_WRONLY | O_APPEND);
      for (int i = 0; i < 100; ++i) {
        if (write(mine, p == 0 ? "aaaaaaaaa\n" : "bbbbbbbbb\n", 10) != 10) _exit(1);
        if (i % 10 == 0) sched_yield();
      }
      _exit(0);
    }
  }
  for (int p = 0; p < 2; ++p) CHECK(wait_for(pids[p]) == 0, "writer %d failed", p);
  struct stat st;
  CHECK(stat("ut_append", &st) == 0 && st.st_size == 2000, "size %u, not 2000: appends overwrote each other",
        st.st_size);
  unlink("ut_append");
}

void directory_many_entries(void) {
  enum { kFiles = 100 };
  char path[64];
  CHECK(mkdir("ut_many", 0755) == 0, "mkdir: %s", strerror(errno));
  for (int i = 0; i < kFiles; ++i) {
    snprintf(path, sizeof path, "ut_many/file%03d", i);
    CHECK(write_file(path, path, strlen(path)) == 0, "create %s: %s", path, strerror(errno));
  }
  static char seen[kFiles];
  DIR *d = opendir("ut_many");
  CHECK(d != NULL, "opendir: %s", strerror(errno));
  struct dirent *entry;
  int others = 0;
  while ((entry = readdir(d)) != NULL) {
    int n;
    if (strncmp(entry->d_name, "file", 4) == 0 && (n = atoi(entry->d_name + 4)) >= 0 && n < kFiles) {
      CHECK(seen[n] == 0, "%s listed twice", entry->d_name);
      seen[n] = 1;
    } else if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
      ++others;
    }
  }
  closedir(d);
  for (int i = 0; i < kFiles; ++i) CHECK(seen[i], "file%03d not listed", i);
  CHECK(others == 0, "%d unexpected entries", others);
  for (int i = 0; i < kFiles; ++i) {
    snprintf(path, sizeof path, "ut_many/file%03d", i);
    CHECK(unlink(path) == 0, "unlink %s: %s", path, strerror(errno));
  }
  CHECK(rmdir("ut_many") == 0, "rmdir: %s", strerror(errno));
}

void descriptors_until_full(void) {
  int fds[2], pipes = 0;
  while (pipe(fds) == 0) {
    ++pipes;
    CHECK(pipes < 1000, "pipe never failed");
  }
  CHECK(errno == EMFILE, "pipe failed with errno %d (%s), not EMFILE", errno, strerror(errno));
  CHECK(pipes >= 20, "only %d pipes", pipes);
  for (int fd = 3; fd < 3 + 2 * pipes + 1; ++fd) close(fd);
  CHECK(pipe(fds) == 0 && fds[0] == 3 && fds[1] == 4, "after closing, pipe gave %d %d", fds[0], fds[1]);
  CHECK_ERROR(dup2(0, 1000), EBADF);
  CHECK_ERROR(dup2(0, -1), EBADF);
}
