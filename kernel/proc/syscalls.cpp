// The system calls that need only the caller's world (design: syscalls.h): the end of a thread or
// of its process, the process's own identity, brk, sleep and time (the trap path applies the
// outcome: kernel/trap/trap.cpp); the file calls are in syscalls_files.cpp.
#include "kernel/proc/syscalls.h"

#include <vector>

#include "kernel/proc/resources.h"

namespace ks {

AddressSpace& SyscallContext::space() const { return *process->space; }

SyscallOutcome sys_exit(const SyscallContext& call) { return {SyscallOutcome::Kind::Exit, call.arg_int(0)}; }
SyscallOutcome sys_exit_group(const SyscallContext& call) { return {SyscallOutcome::Kind::ExitGroup, call.arg_int(0)}; }
SyscallOutcome sys_sched_yield(const SyscallContext& /*call*/) { return {SyscallOutcome::Kind::Yield, 0}; }
SyscallOutcome sys_getpid(const SyscallContext& call) { return syscall_result(call.pid); }
SyscallOutcome sys_gettid(const SyscallContext& call) { return syscall_result(call.tid); }
SyscallOutcome sys_getppid(const SyscallContext& call) {
  return syscall_result(call.parent == kNoPid ? 0 : call.parent);
}
SyscallOutcome sys_brk(const SyscallContext& call) { return syscall_result(call.space().set_break(call.args[0])); }
SyscallOutcome sys_sleep(const SyscallContext& call) { return {SyscallOutcome::Kind::Sleep, call.args[0]}; }
SyscallOutcome sys_uptime(const SyscallContext& call) { return syscall_result(static_cast<std::uint32_t>(call.now)); }

std::int64_t copy_in_string(AddressSpace& space, std::uint32_t address, std::size_t max, std::string& out) {
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

}  // namespace ks
