/* sys/wait.h — waiting for children (wait4, 260). The status is Linux's: exit code << 8 for a
 * child that exited, the signal number for one killed by a signal. */
#ifndef KS_SYS_WAIT_H
#define KS_SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG 1

#define WIFEXITED(status) (((status)&0x7f) == 0)
#define WEXITSTATUS(status) (((status) >> 8) & 0xff)
#define WIFSIGNALED(status) (((status)&0x7f) != 0)
#define WTERMSIG(status) ((status)&0x7f)

/* waitpid(-1, ...) waits for any child; returns its pid, 0 with WNOHANG if none has exited. */
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
pid_t wait4(pid_t pid, int *status, int options, void *rusage);

#endif
