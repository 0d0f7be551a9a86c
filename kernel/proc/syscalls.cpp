#include "kernel/proc/syscalls.h"

#include <string>
#include <vector>

namespace ks {
namespace {

constexpr std::uint32_t kMaxWrite = 1u << 16;  // bytes per write call

SyscallOutcome result(std::int64_t value) { return {SyscallOutcome::Kind::Return, value}; }
SyscallOutcome error(std::int32_t code) { return result(-code); }

SyscallOutcome sys_write(const SyscallContext& call) {
  const auto fd = static_cast<std::int32_t>(call.args[0]);
  if (fd != 1 && fd != 2) return error(err::kBadFile);
  const std::uint32_t length = call.args[2];
  if (length > kMaxWrite) return error(err::kInvalid);
  std::vector<std::uint8_t> bytes(length);
  if (!call.space->copy_in(call.args[1], bytes)) return error(err::kFault);
  call.console_write(fd, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return result(length);
}

}  // namespace

SyscallOutcome do_syscall(const SyscallContext& call) {
  switch (call.number) {
    case sys::kWrite: return sys_write(call);
    case sys::kRead: return call.args[0] == 0 ? result(0) : error(err::kBadFile);  // stdin is empty
    case sys::kExit:
    case sys::kExitGroup: return {SyscallOutcome::Kind::Exit, static_cast<std::int32_t>(call.args[0])};
    case sys::kYield: return {SyscallOutcome::Kind::Yield, 0};
    case sys::kGetPid: return result(call.pid);
    case sys::kGetPpid: return result(call.parent == kNoPid ? 0 : call.parent);
    case sys::kBrk: return result(call.space->set_break(call.args[0]));
    case sys::kSleep: return {SyscallOutcome::Kind::Sleep, call.args[0]};
    case sys::kUptime: return result(static_cast<std::uint32_t>(call.now));
    default: return error(err::kNoSystemCall);
  }
}

std::string_view syscall_name(std::uint32_t number) {
  switch (number) {
    case sys::kRead: return "read";
    case sys::kWrite: return "write";
    case sys::kExit: return "exit";
    case sys::kExitGroup: return "exit_group";
    case sys::kYield: return "sched_yield";
    case sys::kGetPid: return "getpid";
    case sys::kGetPpid: return "getppid";
    case sys::kBrk: return "brk";
    case sys::kSleep: return "sleep";
    case sys::kUptime: return "uptime";
    default: return "unknown";
  }
}

}  // namespace ks
