// Pipes: pipe2, and reading and writing a pipe's ends (read and write are in syscalls_files.cpp).
//
// A pipe holds 4096 bytes (PIPE_BUF). A read takes what is there, waiting while the pipe is empty
// and some writer still has it open; with no writers left it returns 0 (end of file). A write
// blocks until all of it is written, as POSIX asks of a blocking pipe: one of up to 4096 bytes is
// atomic (it waits until all of it fits, so it is never interleaved with another writer's); a
// longer one puts what fits, waits for room, and goes on, so writers of more than 4096 bytes may
// interleave. The bytes a blocked write has moved are kept in the thread's kernel state
// (SyscallContext::progress): the ecall it executes again on waking goes on from there. With no
// reader left a write fails with -EPIPE, or returns the count it had already written (Unix would
// also send SIGPIPE).
#include <vector>

#include "kernel/proc/syscalls.h"
#include "kernel/proc/resources.h"
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
  std::uint32_t unused = 0;
  std::uint32_t& done = call.progress != nullptr ? *call.progress : unused;
  KS_ASSERT(done < bytes.size() || bytes.empty(), "a write resumes within its own bytes");
  if (pipe.readers == 0) return done > 0 ? syscall_result(done) : syscall_error(err::kBrokenPipe);
  const std::size_t room = Pipe::kCapacity - pipe.count;
  const bool atomic = bytes.size() <= Pipe::kCapacity;
  if (!bytes.empty() && (room == 0 || (atomic && room < bytes.size()))) return syscall_block(pipe.writable, BlockReason::Pipe);
  const std::size_t put = pipe.put(bytes.subspan(done));
  if (put > 0) call.wake(pipe.readable);
  done += static_cast<std::uint32_t>(put);
  if (done < bytes.size()) return syscall_block(pipe.writable, BlockReason::Pipe);  // the rest when there is room
  return syscall_result(static_cast<std::int64_t>(bytes.size()));
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
