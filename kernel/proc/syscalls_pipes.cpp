// Pipes: pipe2, and reading and writing a pipe's ends (read and write are in syscalls_files.cpp).
//
// A pipe holds 4096 bytes. A read takes what is there, waiting while the pipe is empty and some
// writer still has it open; with no writers left it returns 0 (end of file). A write of up to
// 4096 bytes is atomic: it waits until all of it fits. A longer write puts what fits (waiting
// only while the pipe is full) and returns that count, so the caller writes the rest; this keeps
// a blocked write restartable (it has written nothing when it blocks). With no reader left a
// write fails with -EPIPE (Unix would also send SIGPIPE).
#include <vector>

#include "kernel/proc/syscalls.h"
#include "kernel/proc/user_machine.h"
#include "sim-core/error.h"

namespace ks {
namespace {

void put32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

}  // namespace

std::int64_t pipe_read(const SyscallContext& call, Pipe& pipe, std::span<std::uint8_t> out) {
  if (!out.empty() && pipe.count == 0 && pipe.writers > 0) return -1;  // wait
  const std::size_t got = pipe.take(out);
  if (got > 0) call.wake(pipe.writable);
  return static_cast<std::int64_t>(got);
}

SyscallOutcome pipe_write(const SyscallContext& call, Pipe& pipe, std::span<const std::uint8_t> bytes) {
  if (pipe.readers == 0) return syscall_error(err::kBrokenPipe);
  const std::size_t room = Pipe::kCapacity - pipe.count;
  if (!bytes.empty() && (room == 0 || (bytes.size() <= Pipe::kCapacity && room < bytes.size()))) {
    return syscall_block(pipe.writable, BlockReason::Pipe);
  }
  const std::size_t put = pipe.put(bytes);
  if (put > 0) call.wake(pipe.readable);
  return syscall_result(static_cast<std::int64_t>(put));
}

SyscallOutcome pipe_create(const SyscallContext& call) {
  if (call.args[1] != 0) return syscall_error(err::kInvalid);
  if (!call.space().can_access(call.args[0], 8, true)) return syscall_error(err::kFault);
  auto pipe = std::make_shared<Pipe>();
  auto reader = std::make_shared<OpenFile>();
  reader->kind = FileKind::PipeRead;
  reader->flags = 0;
  reader->pipe = pipe;
  auto writer = std::make_shared<OpenFile>();
  writer->kind = FileKind::PipeWrite;
  writer->flags = 1;
  writer->pipe = pipe;
  pipe->readers = pipe->writers = 1;
  const std::int64_t read_fd = call.process->fds.add(reader);
  if (read_fd < 0) return syscall_result(read_fd);
  const std::int64_t write_fd = call.process->fds.add(writer);
  if (write_fd < 0) {
    call.process->fds.remove(read_fd);
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
