// kernel/proc/syscalls.h — the system calls of user programs.
//
// ABI (RISC-V, as Linux): number in a7, arguments in a0..a5, result in a0; a negative result
// is -errno (kernel/errno.h). Where Linux's RISC-V table has the call, kernsim uses its number,
// so compute programs also run under qemu-riscv32; kernsim's own calls are numbered from 1000.
// docs/syscalls.md is the contract. Every user pointer and length is checked through the address
// space: a bad one returns -EFAULT (or -EINVAL), never touches the simulator.
//
// WHERE THEY LIVE. Calls that need only the caller's process (its memory, descriptors, working
// directory), the file system and the console are plain functions: do_syscall() here,
// syscalls_files.cpp and syscalls_pipes.cpp. Calls that create, end or wait for processes and
// threads change the kernel's tables and are members of Processes (kernel/proc/processes.h,
// syscalls_process.cpp, syscalls_threads.cpp). The trap path (kernel/trap/trap.cpp) routes them.
//
// BLOCKING. A call that cannot go on (an empty pipe, a console without input, wait4 with no
// dead child) returns Kind::Block with the queue to wait on, and leaves the pc at the ecall: when
// the thread is woken it executes the ecall again, and the call starts afresh with the same
// arguments. So a blocked call keeps no state in the kernel, and every call that can block must
// have done nothing visible before it decides to block. The one exception is a write of more
// than a pipe holds: POSIX has a blocking write return only when all of it is written, so it
// moves what fits, blocks, and goes on when woken. What it has moved is the thread's kernel state
// (SyscallContext::progress, reset whenever a call returns), so the ecall executed again resumes
// after the bytes already written instead of writing them twice.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/address_space.h"
#include "sim-core/trace/event.h"
#include "sim-core/types.h"

namespace ks {

struct ProcessResources;  // kernel/proc/resources.h

namespace sys {
inline constexpr std::uint32_t kGetCwd = 17;
inline constexpr std::uint32_t kDup = 23;
inline constexpr std::uint32_t kDup3 = 24;
inline constexpr std::uint32_t kMkdirAt = 34;
inline constexpr std::uint32_t kUnlinkAt = 35;
inline constexpr std::uint32_t kChdir = 49;
inline constexpr std::uint32_t kOpenAt = 56;
inline constexpr std::uint32_t kClose = 57;
inline constexpr std::uint32_t kPipe2 = 59;
inline constexpr std::uint32_t kGetDents64 = 61;
inline constexpr std::uint32_t kLseek = 62;
inline constexpr std::uint32_t kRead = 63;
inline constexpr std::uint32_t kWrite = 64;
inline constexpr std::uint32_t kFstat = 80;
inline constexpr std::uint32_t kExit = 93;
inline constexpr std::uint32_t kExitGroup = 94;
inline constexpr std::uint32_t kYield = 124;  // sched_yield
inline constexpr std::uint32_t kKill = 129;
inline constexpr std::uint32_t kGetPid = 172;
inline constexpr std::uint32_t kGetPpid = 173;
inline constexpr std::uint32_t kBrk = 214;
inline constexpr std::uint32_t kExecve = 221;
inline constexpr std::uint32_t kWait4 = 260;
inline constexpr std::uint32_t kFork = 1000;          // kernsim
inline constexpr std::uint32_t kSleep = 1002;         // kernsim: sleep(ticks)
inline constexpr std::uint32_t kUptime = 1003;        // kernsim: ticks since boot (low 32 bits)
inline constexpr std::uint32_t kThreadCreate = 1004;  // kernsim
inline constexpr std::uint32_t kThreadJoin = 1005;    // kernsim
inline constexpr std::uint32_t kGetTid = 1006;        // kernsim
inline constexpr std::uint32_t kProcessList = 1007;   // kernsim: process_list(records, count), for ps
}  // namespace sys

inline constexpr std::uint32_t kMaxTransfer = 1u << 16;  // bytes per read or write call

// What the kernel does after a system call.
struct SyscallOutcome {
  enum class Kind : std::uint8_t {
    Return,     // VALUE goes to a0 and the thread goes on after the ecall
    Exit,       // the thread ends with status VALUE
    ExitGroup,  // the process ends with status VALUE
    Yield,      // a0 = 0, then the thread yields its CPU
    Sleep,      // a0 = 0, then the thread sleeps VALUE ticks
    Block,      // the thread waits on QUEUE (for REASON) and then runs the ecall again
    Continue,   // the call set up the thread itself (exec): just run it
  };
  Kind kind = Kind::Return;
  std::int64_t value = 0;
  BlockReason reason = BlockReason::Io;
  WaitQueue* queue = nullptr;
};

inline SyscallOutcome syscall_result(std::int64_t value) { return {SyscallOutcome::Kind::Return, value}; }
inline SyscallOutcome syscall_error(std::int32_t code) { return syscall_result(-code); }
inline SyscallOutcome syscall_block(WaitQueue& queue, BlockReason reason) {
  return {SyscallOutcome::Kind::Block, 0, reason, &queue};
}

// The caller's world, as far as the calls of do_syscall may see it.
struct SyscallContext {
  std::uint32_t number = 0;
  std::array<std::uint32_t, 6> args{};
  ProcessResources* process = nullptr;  // its address space, descriptors and working directory
  Vfs* fs = nullptr;                    // the file systems, through the mount table
  Console* console = nullptr;
  Pid pid = kNoPid;
  Pid parent = kNoPid;
  Tid tid = kNoTid;
  Tick now = 0;
  std::uint32_t* progress = nullptr;  // bytes this thread's blocked write already moved (see BLOCKING)
  std::function<void(int stream, std::string_view text)> console_write;  // stream 1 or 2
  std::function<void(WaitQueue&)> wake;                                  // wakes every waiter

  AddressSpace& space() const;  // the caller's address space
  std::int32_t arg_int(unsigned i) const { return static_cast<std::int32_t>(args[i]); }
};

// The calls that need no more than CALL: memory, files, pipes, the console, time.
SyscallOutcome do_syscall(const SyscallContext& call);
// The file-system and pipe calls (syscalls_files.cpp); -ENOSYS for any other number.
SyscallOutcome do_file_syscall(const SyscallContext& call);
std::string_view syscall_name(std::uint32_t number);

// pipe2 (syscalls_pipes.cpp), for the file calls.
SyscallOutcome pipe_create(const SyscallContext& call);

// Reads the NUL-terminated string at user address ADDRESS (at most MAX bytes before the NUL):
// 0, or -EFAULT / -ENAMETOOLONG.
std::int64_t copy_in_string(const AddressSpace& space, std::uint32_t address, std::size_t max, std::string& out);

}  // namespace ks
