// kernel/errno.h — the error numbers system calls return (negated), Linux's values.
//
// docs/syscalls.md lists which calls return which. Kernel code returns -err::kX from a system
// call; the user side sees the same number in a0.
#pragma once

#include <cstdint>

namespace ks::err {

inline constexpr std::int32_t kPermission = 1;     // EPERM
inline constexpr std::int32_t kNoEntry = 2;        // ENOENT
inline constexpr std::int32_t kNoProcess = 3;      // ESRCH
inline constexpr std::int32_t kInterrupted = 4;    // EINTR
inline constexpr std::int32_t kIo = 5;             // EIO
inline constexpr std::int32_t kTooBig = 7;         // E2BIG: execve's arguments do not fit
inline constexpr std::int32_t kNotExecutable = 8;  // ENOEXEC
inline constexpr std::int32_t kBadFile = 9;        // EBADF
inline constexpr std::int32_t kNoChild = 10;       // ECHILD
inline constexpr std::int32_t kAgain = 11;         // EAGAIN
inline constexpr std::int32_t kNoMemory = 12;      // ENOMEM
inline constexpr std::int32_t kFault = 14;         // EFAULT
inline constexpr std::int32_t kBusy = 16;          // EBUSY: a mount point
inline constexpr std::int32_t kExists = 17;        // EEXIST
inline constexpr std::int32_t kCrossDevice = 18;   // EXDEV: a rename across mount points
inline constexpr std::int32_t kNotDirectory = 20;  // ENOTDIR
inline constexpr std::int32_t kIsDirectory = 21;   // EISDIR
inline constexpr std::int32_t kInvalid = 22;       // EINVAL
inline constexpr std::int32_t kTooManyFiles = 24;  // EMFILE
inline constexpr std::int32_t kFileTooBig = 27;    // EFBIG
inline constexpr std::int32_t kNoSpace = 28;       // ENOSPC
inline constexpr std::int32_t kIllegalSeek = 29;   // ESPIPE
inline constexpr std::int32_t kReadOnly = 30;      // EROFS: a change on a read-only mount
inline constexpr std::int32_t kBrokenPipe = 32;    // EPIPE
inline constexpr std::int32_t kRange = 34;         // ERANGE
inline constexpr std::int32_t kNameTooLong = 36;   // ENAMETOOLONG
inline constexpr std::int32_t kNoSystemCall = 38;  // ENOSYS
inline constexpr std::int32_t kNotEmpty = 39;      // ENOTEMPTY
inline constexpr std::int32_t kTimedOut = 110;     // ETIMEDOUT: a futex wait's timeout

}  // namespace ks::err
