/* errno.h — error numbers (Linux's values, as docs/syscalls.md lists them). A system-call wrapper
 * that fails returns -1 and leaves the number here. One errno for the whole process: threads
 * share it. */
#ifndef KS_ERRNO_H
#define KS_ERRNO_H

extern int errno;

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EPIPE 32
#define ERANGE 34
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define EOVERFLOW 75 /* sem_post: the count is at SEM_VALUE_MAX */
#define ETIMEDOUT 110

#endif
