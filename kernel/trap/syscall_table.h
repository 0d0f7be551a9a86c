// kernel/trap/syscall_table.h — the system-call table: every call's number, name, arguments and
// handler, in one list.
//
// When a user program executes ecall, the trap path (kernel/trap/trap.cpp) reads the number in
// a7, finds its entry here and calls the entry's handler; a number with no entry gets -ENOSYS.
// Everything else that knows the calls follows from this list: syscall_name() (the deadlock
// report's "read(fd 3)"), syscall_number("read") (a compile-time constant, so a misspelt name does
// not compile), and docs/syscalls.md, whose table a test holds to this one both ways
// (tests/kernel/trap/syscall_table_test.cpp), as it does userland's SYS_ numbers.
//
// NUMBERS. Where Linux's RISC-V table has the call, kernsim uses its number, so compute programs
// also run under qemu-riscv32; kernsim's own calls are numbered from 1000. The list is sorted by
// number (a static_assert says so), so a lookup is a binary search.
//
// HANDLERS. A call that needs only its caller's world (memory, descriptors, working directory,
// the file systems, the console, the time) is a plain function of the SyscallContext
// (kernel/proc/syscalls.h; syscalls.cpp, syscalls_files.cpp, syscalls_pipes.cpp; futex in
// kernel/sync/futex.cpp). A call that
// creates, replaces, ends or waits for processes and threads changes the kernel's tables and is a
// member of Processes (kernel/proc/processes.h; syscalls_process.cpp, syscalls_threads.cpp), which
// also gets the calling thread. Each entry has exactly one of the two.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kernel/proc/processes.h"
#include "kernel/proc/syscalls.h"
#include "kernel/proc/thread.h"
#include "kernel/sync/futex.h"

namespace ks {

inline constexpr std::size_t kMaxSyscallArguments = 6;  // a0..a5

using SyscallHandler = SyscallOutcome (*)(const SyscallContext& call);
using ProcessSyscallHandler = SyscallOutcome (Processes::*)(Thread& caller, const SyscallContext& call);

// One system call: its number, its name, the names of its arguments and its handler.
struct SyscallEntry {
  using Arguments = std::array<std::string_view, kMaxSyscallArguments>;  // a0, a1, ...; then empty

  constexpr SyscallEntry(std::uint32_t call_number, std::string_view call_name, Arguments argument_names,
                         SyscallHandler plain_handler)
      : number(call_number), name(call_name), arguments(argument_names), handler(plain_handler) {}
  constexpr SyscallEntry(std::uint32_t call_number, std::string_view call_name, Arguments argument_names,
                         ProcessSyscallHandler member_handler)
      : number(call_number), name(call_name), arguments(argument_names), process_handler(member_handler) {}

  constexpr std::size_t argument_count() const {
    return static_cast<std::size_t>(std::ranges::find(arguments, std::string_view{}) - arguments.begin());
  }

  std::uint32_t number;
  std::string_view name;                            // as Linux names it (man 2 NAME) when it is Linux's call
  Arguments arguments;                              // as docs/syscalls.md names them
  SyscallHandler handler = nullptr;                 // a call of the caller's world, or
  ProcessSyscallHandler process_handler = nullptr;  // a call of the process table
};

// number, name, arguments, handler
inline constexpr auto kSyscalls = std::to_array<SyscallEntry>({
    {17, "getcwd", {"buf", "size"}, sys_getcwd},
    {23, "dup", {"fd"}, sys_dup},
    {24, "dup3", {"oldfd", "newfd", "flags"}, sys_dup3},
    {34, "mkdirat", {"dirfd", "path", "mode"}, sys_mkdirat},
    {35, "unlinkat", {"dirfd", "path", "flags"}, sys_unlinkat},
    {49, "chdir", {"path"}, sys_chdir},
    {56, "openat", {"dirfd", "path", "flags", "mode"}, sys_openat},
    {57, "close", {"fd"}, sys_close},
    {59, "pipe2", {"fds", "flags"}, sys_pipe2},
    {61, "getdents64", {"fd", "buf", "size"}, sys_getdents64},
    {62, "lseek", {"fd", "offset", "whence"}, sys_lseek},
    {63, "read", {"fd", "buf", "count"}, sys_read},
    {64, "write", {"fd", "buf", "count"}, sys_write},
    {80, "fstat", {"fd", "stat"}, sys_fstat},
    {81, "sync", {}, sys_sync},
    {82, "fsync", {"fd"}, sys_fsync},
    {93, "exit", {"status"}, sys_exit},
    {94, "exit_group", {"status"}, sys_exit_group},
    {98, "futex", {"uaddr", "futex_op", "val", "timeout", "uaddr2", "val3"}, sys_futex},
    {124, "sched_yield", {}, sys_sched_yield},
    {129, "kill", {"pid", "signal"}, &Processes::sys_kill},
    {172, "getpid", {}, sys_getpid},
    {173, "getppid", {}, sys_getppid},
    {214, "brk", {"address"}, sys_brk},
    {221, "execve", {"path", "argv", "envp"}, &Processes::sys_execve},
    {260, "wait4", {"pid", "status", "options", "rusage"}, &Processes::sys_wait4},
    {276, "renameat2", {"olddirfd", "oldpath", "newdirfd", "newpath", "flags"}, sys_renameat2},
    // kernsim's own calls
    {1000, "fork", {}, &Processes::sys_fork},
    {1002, "sleep", {"ticks"}, sys_sleep},
    {1003, "uptime", {}, sys_uptime},
    {1004, "thread_create", {"entry", "arg", "stack_top"}, &Processes::sys_thread_create},
    {1005, "thread_join", {"tid"}, &Processes::sys_thread_join},
    {1006, "gettid", {}, sys_gettid},
    {1007, "process_list", {"records", "count"}, &Processes::sys_process_list},
});

static_assert(std::ranges::adjacent_find(kSyscalls, std::ranges::greater_equal{}, &SyscallEntry::number) ==
                  kSyscalls.end(),
              "kSyscalls is sorted by number, each number once");
// That every call has exactly one handler is checked by a test (tests/kernel/trap/): comparing
// function pointers is not a constant expression under GCC's UndefinedBehaviorSanitizer.

// The entry of call NUMBER, or null when there is no such call.
constexpr const SyscallEntry* find_syscall(std::uint32_t number) {
  const auto* found = std::ranges::lower_bound(kSyscalls, number, {}, &SyscallEntry::number);
  return found != kSyscalls.end() && found->number == number ? found : nullptr;
}

// "read" for 63; "unknown" for a number with no call.
constexpr std::string_view syscall_name(std::uint32_t number) {
  const SyscallEntry* entry = find_syscall(number);
  return entry != nullptr ? entry->name : "unknown";
}

// The number of the call named NAME. Used in a constant expression (a case label), a name with
// no call does not compile.
consteval std::uint32_t syscall_number(std::string_view name) {
  const auto* found = std::ranges::find(kSyscalls, name, &SyscallEntry::name);
  if (found == kSyscalls.end()) throw "syscall_number: no system call of that name";
  return found->number;
}

}  // namespace ks
