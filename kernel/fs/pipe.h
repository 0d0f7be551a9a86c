// kernel/fs/pipe.h — pipes: a ring buffer between a read end and a write end.
//
// A pipe holds 4096 bytes (PIPE_BUF). A read takes what is there, waiting while the pipe is empty
// and some writer still has it open; with no writers left it returns 0 (end of file). A write
// blocks until all of it is written, as POSIX asks of a blocking pipe: one of up to 4096 bytes is
// atomic (it waits until all of it fits, so it is never interleaved with another writer's); a
// longer one puts what fits, waits for room, and goes on, so writers of more than 4096 bytes may
// interleave. The bytes a blocked write has moved are kept in the thread's kernel state
// (FileIo::progress): the call executed again on waking goes on from there. With no reader left
// a write fails with -EPIPE, or returns the count it had already written (Unix would also send
// SIGPIPE). Closing an end wakes the other end's waiters, who then see the end of file or EPIPE.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>

#include "kernel/fs/file.h"

namespace ks {

struct Pipe {
  static constexpr std::size_t kCapacity = 4096;
  std::array<std::uint8_t, kCapacity> buffer{};
  std::size_t head = 0;                    // next byte to read
  std::size_t count = 0;                   // bytes held
  std::uint32_t readers = 0, writers = 0;  // open files of each end
  WaitQueue readable;                      // readers waiting for bytes (or for the last writer to go)
  WaitQueue writable;                      // writers waiting for room

  std::size_t take(std::span<std::uint8_t> out);
  std::size_t put(std::span<const std::uint8_t> bytes);
};

// A new pipe's two open files: the read end (O_RDONLY) and the write end (O_WRONLY).
std::pair<FileRef, FileRef> make_pipe();

}  // namespace ks
