// kernel/proc/syscalls.h — the system calls of user programs.
//
// ABI (RISC-V, as Linux): number in a7, arguments in a0..a5, result in a0; a negative result
// is -errno. Where Linux's RISC-V table has the call, kernsim uses its number, so compute
// programs also run under qemu-riscv32; kernsim's own calls are numbered from 1000.
// docs/syscalls.md lists them. Every user pointer and length is checked through the address
// space: a bad one returns -EFAULT (or -EINVAL), never touches the simulator.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>

#include "kernel/proc/address_space.h"
#include "sim-core/types.h"

namespace ks {

namespace sys {
inline constexpr std::uint32_t kRead = 63;
inline constexpr std::uint32_t kWrite = 64;
inline constexpr std::uint32_t kExit = 93;
inline constexpr std::uint32_t kExitGroup = 94;
inline constexpr std::uint32_t kYield = 124;  // sched_yield
inline constexpr std::uint32_t kGetPid = 172;
inline constexpr std::uint32_t kGetPpid = 173;
inline constexpr std::uint32_t kBrk = 214;
inline constexpr std::uint32_t kSleep = 1002;   // kernsim: sleep(ticks)
inline constexpr std::uint32_t kUptime = 1003;  // kernsim: ticks since boot (low 32 bits)
}  // namespace sys

namespace err {
inline constexpr std::int32_t kBadFile = 9;      // EBADF
inline constexpr std::int32_t kFault = 14;       // EFAULT
inline constexpr std::int32_t kInvalid = 22;     // EINVAL
inline constexpr std::int32_t kNoSystemCall = 38;  // ENOSYS
}  // namespace err

// What the kernel does after a system call.
struct SyscallOutcome {
  enum class Kind : std::uint8_t { Return, Exit, Yield, Sleep };
  Kind kind = Kind::Return;
  std::int64_t value = 0;  // Return: the result (a0); Exit: the status; Sleep: ticks
};

// The caller's world, as far as a system call may see it.
struct SyscallContext {
  std::uint32_t number = 0;
  std::array<std::uint32_t, 6> args{};
  AddressSpace* space = nullptr;
  Pid pid = kNoPid;
  Pid parent = kNoPid;
  Tick now = 0;
  std::function<void(int fd, std::string_view text)> console_write;
};

SyscallOutcome do_syscall(const SyscallContext& call);
std::string_view syscall_name(std::uint32_t number);

}  // namespace ks
