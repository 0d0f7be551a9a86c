/* unistd.h — the POSIX system calls. Each wrapper returns -1 and sets errno when the kernel
 * answers -errno. kernsim's own calls (sleep in ticks, uptime, threads) are in kernsim.h. */
#ifndef KS_UNISTD_H
#define KS_UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

ssize_t read(int fd, void *buffer, size_t count);
ssize_t write(int fd, const void *buffer, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int old_fd, int new_fd);
/* dup3 (24): FLAGS must be 0; unlike dup2, OLD_FD == NEW_FD is EINVAL. */
int dup3(int old_fd, int new_fd, int flags);
int pipe(int fds[2]);
/* pipe2 (59): FLAGS must be 0. */
int pipe2(int fds[2], int flags);
int unlink(const char *path);
/* unlinkat (35): DIR_FD is AT_FDCWD (-100); FLAGS AT_REMOVEDIR (0x200) removes a directory. */
int unlinkat(int dir_fd, const char *path, int flags);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buffer, size_t size);

/* fork flushes stdout first, so buffered text is not printed twice. */
pid_t fork(void);
/* execve flushes stdout first; ENVP is ignored by kernsim (NULL is fine). */
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
/* execvp: a NAME without '/' is looked up as /bin/NAME. */
int execvp(const char *name, char *const argv[]);
/* _exit ends the process at once, without flushing stdout. */
__attribute__((noreturn)) void _exit(int status);

pid_t getpid(void);
pid_t getppid(void);

/* brk sets the end of the heap (0 on success); sbrk moves it by INCREMENT (which may be
 * negative) and returns the old end, or (void *)-1 with errno ENOMEM. */
int brk(void *address);
void *sbrk(int increment);

#endif
