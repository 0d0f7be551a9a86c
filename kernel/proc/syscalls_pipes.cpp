// pipe2: makes a pipe (kernel/fs/pipe.h says how its ends read, write and wait) and puts its read
// end and its write end at the two lowest free descriptors, which it stores at the user's array.
#include <vector>

#include "kernel/fs/pipe.h"
#include "kernel/proc/resources.h"
#include "kernel/proc/syscalls.h"
#include "sim-core/error.h"

namespace ks {
namespace {

void put32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

}  // namespace

SyscallOutcome sys_pipe2(const SyscallContext& call) {
  if (call.args[1] != 0) return syscall_error(err::kInvalid);
  if (!call.space().can_access(call.args[0], 8, true)) return syscall_error(err::kFault);
  auto [reader, writer] = make_pipe();
  const std::int64_t read_fd = call.process->fds.add(reader);
  if (read_fd < 0) return syscall_result(read_fd);
  const std::int64_t write_fd = call.process->fds.add(writer);
  if (write_fd < 0) {
    call.process->fds.remove(read_fd);  // the pipe goes with its last reference: nobody waits on it
    return syscall_result(write_fd);
  }
  std::vector<std::uint8_t> out;
  put32(out, static_cast<std::uint32_t>(read_fd));
  put32(out, static_cast<std::uint32_t>(write_fd));
  const bool copied = call.space().copy_out(call.args[0], out);
  KS_ASSERT(copied, "a buffer checked writable takes the descriptors");
  return syscall_result(0);
}

}  // namespace ks
