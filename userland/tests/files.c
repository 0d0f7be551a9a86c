/* userland/tests/files.c — the file-system calls: open, read, write, seek, stat, directories,
 * the working directory and descriptors. The scenario gives /etc/motd = "hello from the scenario\n".
 * Prints "name: ok" or "name: FAIL" per check and exits with the number of failures; without
 * /etc/motd it says so and exits with 2. */
#include "../lib/ks_user.h"

#define AT_FDCWD (-100)
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_APPEND 02000

static int failures;

static void check(const char *name, int ok) {
  ks_print(name);
  ks_print(ok ? ": ok\n" : ": FAIL\n");
  if (!ok) ++failures;
}

static int same(const char *a, const char *b, long n) {
  for (long i = 0; i < n; ++i) {
    if (a[i] != b[i]) return 0;
  }
  return 1;
}

static long open_at(const char *path, long flags) { return ks_syscall6(56, AT_FDCWD, (long)path, flags, 0644, 0, 0); }
static long sys_read(long fd, void *buf, long n) { return ks_syscall3(63, fd, (long)buf, n); }
static long sys_close(long fd) { return ks_syscall3(57, fd, 0, 0); }
static long sys_lseek(long fd, long offset, long whence) { return ks_syscall3(62, fd, offset, whence); }
static long sys_mkdir(const char *path) { return ks_syscall3(34, AT_FDCWD, (long)path, 0755); }
static long sys_unlink(const char *path, long flags) { return ks_syscall3(35, AT_FDCWD, (long)path, flags); }
static long sys_chdir(const char *path) { return ks_syscall3(49, (long)path, 0, 0); }
static long sys_getcwd(char *buf, long size) { return ks_syscall3(17, (long)buf, size, 0); }

struct ks_stat {
  uint32_t type, size, inode, links;
};

/* Looks for NAME among the getdents64 records in BUF[0..N); returns its type or -1. */
static int find_entry(const char *buf, long n, const char *name) {
  long at = 0;
  while (at < n) {
    unsigned short reclen = (unsigned short)(buf[at + 16] & 0xff) | (unsigned short)((buf[at + 17] & 0xff) << 8);
    const char *entry = buf + at + 19;
    long i = 0;
    while (name[i] != 0 && entry[i] == name[i]) ++i;
    if (name[i] == 0 && entry[i] == 0) return buf[at + 18];
    if (reclen == 0) return -1;
    at += reclen;
  }
  return -1;
}

int main(void) {
  char buf[256];
  long probe = open_at("/etc/motd", O_RDONLY);
  if (probe < 0) {
    ks_print(
        "files: needs /etc/motd holding \"hello from the scenario\\n\" (the scenario of\n"
        "tests/kernel/proc/process_api_test.cpp gives it; see userland/README.md)\n");
    return 2;
  }
  sys_close(probe);
  long fd = open_at("/etc/motd", O_RDONLY);
  check("open a scenario file", fd == 3);
  long n = sys_read(fd, buf, sizeof buf);
  check("read it whole", n == 24 && same(buf, "hello from the scenario\n", 24));
  check("read at the end gives 0", sys_read(fd, buf, sizeof buf) == 0);
  check("lseek to 6", sys_lseek(fd, 6, 0) == 6);
  check("read after lseek", sys_read(fd, buf, 4) == 4 && same(buf, "from", 4));
  check("lseek from the end", sys_lseek(fd, -9, 2) == 15);
  check("lseek before 0 is EINVAL", sys_lseek(fd, -100, 1) == -22);
  check("lseek bad whence is EINVAL", sys_lseek(fd, 0, 7) == -22);
  struct ks_stat st;
  check("fstat a file", ks_syscall3(80, fd, (long)&st, 0) == 0 && st.type == 1 && st.size == 24 && st.links == 1);
  check("fstat to a bad pointer is EFAULT", ks_syscall3(80, fd, 0x10, 0) == -14);
  check("write to a read-only fd is EBADF", ks_write(fd, "x", 1) == -9);
  check("close", sys_close(fd) == 0);
  check("close again is EBADF", sys_close(fd) == -9);
  check("read a closed fd is EBADF", sys_read(fd, buf, 1) == -9);
  check("open a missing file is ENOENT", open_at("/etc/nothing", O_RDONLY) == -2);
  check("open with a bad path pointer is EFAULT", open_at((const char *)0x20, O_RDONLY) == -14);
  check("open through a file is ENOTDIR", open_at("/etc/motd/x", O_RDONLY) == -20);
  check("open a directory for writing is EISDIR", open_at("/etc", O_WRONLY) == -21);
  check("fstat the console", ks_syscall3(80, 1, (long)&st, 0) == 0 && st.type == 4);
  check("lseek on the console is ESPIPE", sys_lseek(0, 0, 0) == -29);

  check("mkdir /tmp", sys_mkdir("/tmp") == 0);
  check("mkdir /tmp again is EEXIST", sys_mkdir("/tmp") == -17);
  check("mkdir in a missing directory is ENOENT", sys_mkdir("/no/such") == -2);
  fd = open_at("/tmp/a.txt", O_CREAT | O_RDWR);
  check("create a file", fd >= 3);
  check("write to it", ks_write(fd, "abcdef", 6) == 6);
  check("write with a bad pointer is EFAULT", ks_write(fd, (const void *)0x30, 4) == -14);
  check("lseek back and read", sys_lseek(fd, 0, 0) == 0 && sys_read(fd, buf, 10) == 6 && same(buf, "abcdef", 6));
  check("read into a bad buffer is EFAULT", sys_lseek(fd, 0, 0) == 0 && sys_read(fd, (void *)0x40, 4) == -14);
  long fd2 = ks_syscall3(23, fd, 0, 0);
  check("dup gives the lowest free fd", fd2 == fd + 1);
  check("dup shares the offset", sys_lseek(fd, 2, 0) == 2 && sys_read(fd2, buf, 2) == 2 && same(buf, "cd", 2));
  check("dup3 onto 10", ks_syscall3(24, fd, 10, 0) == 10);
  check("dup3 with flags is EINVAL", ks_syscall3(24, fd, 11, 5) == -22);
  check("dup3 of a closed fd is EBADF", ks_syscall3(24, 30, 11, 0) == -9);
  check("dup3 beyond the table is EBADF", ks_syscall3(24, fd, 5000, 0) == -9);
  check("close the copies", sys_close(fd2) == 0 && sys_close(10) == 0 && sys_close(fd) == 0);
  fd = open_at("/tmp/a.txt", O_WRONLY | O_APPEND);
  check("append", ks_write(fd, "gh", 2) == 2 && sys_close(fd) == 0);
  fd = open_at("/tmp/a.txt", O_RDONLY);
  check("appended bytes are there", sys_read(fd, buf, 20) == 8 && same(buf, "abcdefgh", 8));
  sys_close(fd);
  fd = open_at("/tmp/a.txt", O_WRONLY | O_TRUNC);
  check("O_TRUNC empties", ks_syscall3(80, fd, (long)&st, 0) == 0 && st.size == 0);
  sys_close(fd);

  check("chdir /tmp", sys_chdir("/tmp") == 0);
  check("getcwd", sys_getcwd(buf, sizeof buf) == 5 && same(buf, "/tmp", 5));
  check("getcwd too small is ERANGE", sys_getcwd(buf, 3) == -34);
  check("getcwd to a bad pointer is EFAULT", sys_getcwd((char *)0x50, 64) == -14);
  check("relative open", (fd = open_at("a.txt", O_RDONLY)) >= 3 && sys_close(fd) == 0);
  check("mkdir sub", sys_mkdir("sub") == 0);
  check("chdir sub/..", sys_chdir("sub/../sub") == 0 && sys_getcwd(buf, sizeof buf) == 9 && same(buf, "/tmp/sub", 9));
  check("chdir .. twice", sys_chdir("../..") == 0 && sys_getcwd(buf, sizeof buf) == 2 && same(buf, "/", 2));
  check("chdir to a file is ENOTDIR", sys_chdir("/etc/motd") == -20);
  check("chdir to a missing directory is ENOENT", sys_chdir("/nowhere") == -2);

  fd = open_at("/tmp", O_RDONLY);
  long got = ks_syscall3(61, fd, (long)buf, sizeof buf);
  check("getdents64 lists the directory", got > 0 && find_entry(buf, got, "a.txt") == 8 &&
                                              find_entry(buf, got, "sub") == 4 && find_entry(buf, got, ".") == 4 &&
                                              find_entry(buf, got, "..") == 4);
  check("getdents64 at the end gives 0", ks_syscall3(61, fd, (long)buf, sizeof buf) == 0);
  check("getdents64 with a tiny buffer is EINVAL",
        sys_lseek(fd, 0, 0) == 0 && ks_syscall3(61, fd, (long)buf, 8) == -22);
  check("getdents64 to a bad pointer is EFAULT", ks_syscall3(61, fd, 0x60, 256) == -14);
  check("getdents64 on a file is ENOTDIR", ks_syscall3(61, 1, (long)buf, sizeof buf) == -20);
  sys_close(fd);

  check("rmdir a non-empty directory is ENOTEMPTY", sys_unlink("/tmp", 0x200) == -39);
  check("unlink a directory without the flag is EISDIR", sys_unlink("/tmp/sub", 0) == -21);
  check("rmdir", sys_unlink("/tmp/sub", 0x200) == 0);
  fd = open_at("/tmp/a.txt", O_RDWR);
  ks_write(fd, "kept", 4);
  check("unlink a file", sys_unlink("/tmp/a.txt", 0) == 0);
  check("an unlinked file is gone", open_at("/tmp/a.txt", O_RDONLY) == -2);
  check("an open unlinked file still reads",
        sys_lseek(fd, 0, 0) == 0 && sys_read(fd, buf, 10) == 4 && same(buf, "kept", 4));
  sys_close(fd);
  check("unlink a missing file is ENOENT", sys_unlink("/tmp/a.txt", 0) == -2);
  check("unlinkat with bad flags is EINVAL", sys_unlink("/tmp", 1) == -22);
  int opened = 0;
  while (open_at("/etc/motd", O_RDONLY) >= 0) ++opened;
  check("the descriptor table fills with EMFILE", opened == 61 && open_at("/etc/motd", O_RDONLY) == -24);
  return failures;
}
