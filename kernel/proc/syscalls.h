// kernel/proc/syscalls.h — the system calls of user programs.
//
// ABI (RISC-V, as Linux): number in a7, arguments in a0..a5, result in a0; a negative result
// is -errno (kernel/errno.h). Each call's number, name, arguments and handler are in one list,
// the system-call table (kernel/trap/syscall_table.h); docs/syscalls.md is the contract. Every
// user pointer and length is checked through the address space: a bad one returns -EFAULT (or
// -EINVAL), never touches the simulator.
//
// WHERE THEY LIVE. Calls that need only the caller's process (its memory, descriptors, working
// directory), the file system and the console are plain functions of the SyscallContext,
// declared here: syscalls.cpp, syscalls_files.cpp and syscalls_pipes.cpp. Calls that create, end
// or wait for processes and threads change the kernel's tables and are members of Processes
// (kernel/proc/processes.h, syscalls_process.cpp, syscalls_threads.cpp). The trap path
// (kernel/trap/trap.cpp) calls the handler the table names.
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
  Tick wake_at = kNever;  // Block: also wake then (futex's timeout)
};

inline SyscallOutcome syscall_result(std::int64_t value) { return {SyscallOutcome::Kind::Return, value}; }
inline SyscallOutcome syscall_error(std::int32_t code) { return syscall_result(-code); }
inline SyscallOutcome syscall_block(WaitQueue& queue, BlockReason reason) {
  return {SyscallOutcome::Kind::Block, 0, reason, &queue};
}

// The caller's world, as far as the plain calls may see it.
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

// The plain calls: one function each, named sys_ and the call's name as Linux names its handlers.
// Identity, memory and time (syscalls.cpp):
SyscallOutcome sys_exit(const SyscallContext& call);
SyscallOutcome sys_exit_group(const SyscallContext& call);
SyscallOutcome sys_sched_yield(const SyscallContext& call);
SyscallOutcome sys_getpid(const SyscallContext& call);
SyscallOutcome sys_getppid(const SyscallContext& call);
SyscallOutcome sys_gettid(const SyscallContext& call);
SyscallOutcome sys_brk(const SyscallContext& call);
SyscallOutcome sys_sleep(const SyscallContext& call);
SyscallOutcome sys_uptime(const SyscallContext& call);
// Descriptors, paths, files and directories (syscalls_files.cpp):
SyscallOutcome sys_openat(const SyscallContext& call);
SyscallOutcome sys_close(const SyscallContext& call);
SyscallOutcome sys_read(const SyscallContext& call);
SyscallOutcome sys_write(const SyscallContext& call);
SyscallOutcome sys_lseek(const SyscallContext& call);
SyscallOutcome sys_fstat(const SyscallContext& call);
SyscallOutcome sys_getdents64(const SyscallContext& call);
SyscallOutcome sys_mkdirat(const SyscallContext& call);
SyscallOutcome sys_unlinkat(const SyscallContext& call);
SyscallOutcome sys_renameat2(const SyscallContext& call);
SyscallOutcome sys_sync(const SyscallContext& call);
SyscallOutcome sys_fsync(const SyscallContext& call);
SyscallOutcome sys_chdir(const SyscallContext& call);
SyscallOutcome sys_getcwd(const SyscallContext& call);
SyscallOutcome sys_dup(const SyscallContext& call);
SyscallOutcome sys_dup3(const SyscallContext& call);
// Pipes (syscalls_pipes.cpp):
SyscallOutcome sys_pipe2(const SyscallContext& call);

// Reads the NUL-terminated string at user address ADDRESS (at most MAX bytes before the NUL):
// 0, or -EFAULT / -ENAMETOOLONG.
std::int64_t copy_in_string(AddressSpace& space, std::uint32_t address, std::size_t max, std::string& out);

}  // namespace ks
