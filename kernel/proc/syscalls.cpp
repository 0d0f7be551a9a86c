// The system calls that need only the caller's world (design: syscalls.h): the process's own
// identity, brk, sleep and time; the file calls are in syscalls_files.cpp.
#include "kernel/proc/syscalls.h"

#include <vector>

#include "kernel/proc/resources.h"

namespace ks {

AddressSpace& SyscallContext::space() const { return *process->space; }

SyscallOutcome do_syscall(const SyscallContext& call) {
  switch (call.number) {
    case sys::kYield: return {SyscallOutcome::Kind::Yield, 0};
    case sys::kGetPid: return syscall_result(call.pid);
    case sys::kGetTid: return syscall_result(call.tid);
    case sys::kGetPpid: return syscall_result(call.parent == kNoPid ? 0 : call.parent);
    case sys::kBrk: return syscall_result(call.space().set_break(call.args[0]));
    case sys::kSleep: return {SyscallOutcome::Kind::Sleep, call.args[0]};
    case sys::kUptime: return syscall_result(static_cast<std::uint32_t>(call.now));
    default: return do_file_syscall(call);
  }
}

std::int64_t copy_in_string(const AddressSpace& space, std::uint32_t address, std::size_t max, std::string& out) {
  out.clear();
  // A page at a time: the string may end just before an unmapped page.
  while (true) {
    const std::uint32_t in_page = kPageSize - (address & kPageOffsetMask);
    std::vector<std::uint8_t> chunk(in_page);
    if (!space.copy_in(address, chunk)) return -err::kFault;
    for (const std::uint8_t byte : chunk) {
      if (byte == 0) return 0;
      if (out.size() == max) return -err::kNameTooLong;
      out.push_back(static_cast<char>(byte));
    }
    if (address > UINT32_MAX - in_page) return -err::kFault;
    address += in_page;
  }
}

std::string_view syscall_name(std::uint32_t number) {
  switch (number) {
    case sys::kGetCwd: return "getcwd";
    case sys::kDup: return "dup";
    case sys::kDup3: return "dup3";
    case sys::kMkdirAt: return "mkdirat";
    case sys::kUnlinkAt: return "unlinkat";
    case sys::kChdir: return "chdir";
    case sys::kOpenAt: return "openat";
    case sys::kClose: return "close";
    case sys::kPipe2: return "pipe2";
    case sys::kGetDents64: return "getdents64";
    case sys::kLseek: return "lseek";
    case sys::kRead: return "read";
    case sys::kWrite: return "write";
    case sys::kFstat: return "fstat";
    case sys::kExit: return "exit";
    case sys::kExitGroup: return "exit_group";
    case sys::kYield: return "sched_yield";
    case sys::kKill: return "kill";
    case sys::kGetPid: return "getpid";
    case sys::kGetPpid: return "getppid";
    case sys::kBrk: return "brk";
    case sys::kExecve: return "execve";
    case sys::kWait4: return "wait4";
    case sys::kFork: return "fork";
    case sys::kSleep: return "sleep";
    case sys::kUptime: return "uptime";
    case sys::kThreadCreate: return "thread_create";
    case sys::kThreadJoin: return "thread_join";
    case sys::kGetTid: return "gettid";
    case sys::kProcessList: return "process_list";
    default: return "unknown";
  }
}

}  // namespace ks
