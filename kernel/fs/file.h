// kernel/fs/file.h — open files, pipes, the console and the file-descriptor table.
//
// AS IN UNIX, three levels: a process's file descriptors (small integers, FdTable) point at open
// files (OpenFile: what was opened, the offset, the access mode), which point at what they
// read and write: an inode of the file system, one end of a pipe, or the console. dup and fork
// copy descriptors, not open files: two descriptors then share one offset. An open file is
// released when its last descriptor is closed (a shared_ptr counts them); the kernel then
// closes the inode or the pipe end, which may wake threads waiting on the pipe.
//
// WAITING. A thread that must wait (a pipe is empty or full, the console has no input) puts its
// tid on a WaitQueue and blocks; whoever changes the condition wakes the whole queue, and each
// woken thread executes its system call again (see kernel/proc/user_process.cpp). So a wait
// queue holds no state of the call, and a spurious wake is harmless.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kernel/fs/memfs.h"
#include "kernel/proc/thread.h"
#include "kernel/sync/wait_queue.h"

namespace ks {

// A pipe: a 4096-byte ring buffer with counts of the open files on each end.
struct Pipe {
  static constexpr std::size_t kCapacity = 4096;
  std::array<std::uint8_t, kCapacity> buffer{};
  std::size_t head = 0;   // next byte to read
  std::size_t count = 0;  // bytes held
  std::uint32_t readers = 0, writers = 0;
  WaitQueue readable;  // readers waiting for bytes (or for the last writer to go)
  WaitQueue writable;  // writers waiting for room

  std::size_t take(std::span<std::uint8_t> out);
  std::size_t put(std::span<const std::uint8_t> bytes);
};

enum class FileKind : std::uint8_t { Console, Inode, PipeRead, PipeWrite };

inline constexpr std::uint32_t kOpenAccessMask = 3;  // O_RDONLY 0, O_WRONLY 1, O_RDWR 2
inline constexpr std::uint32_t kOpenCreate = 0100;
inline constexpr std::uint32_t kOpenTruncate = 01000;
inline constexpr std::uint32_t kOpenAppend = 02000;

struct OpenFile {
  FileKind kind = FileKind::Console;
  std::uint32_t flags = 0;          // the open flags (access mode, O_APPEND)
  int console_stream = 1;           // console: 0 stdin, 1 stdout, 2 stderr (what output shows as)
  Ino ino = 0;                      // inode files and directories
  std::uint64_t offset = 0;         // inode files: byte offset; directories: entries read
  std::shared_ptr<Pipe> pipe;       // pipe ends

  bool readable() const { return (flags & kOpenAccessMask) != 1; }
  bool writable() const { return (flags & kOpenAccessMask) != 0; }
};

using FileRef = std::shared_ptr<OpenFile>;

// One process's descriptors (threads share it; fork copies it).
class FdTable {
 public:
  static constexpr int kMaxFds = 64;

  // The open file of FD, or null when FD is not open.
  FileRef get(std::int64_t fd) const;
  // Puts FILE at the lowest free descriptor >= LOWEST: the descriptor, or -EMFILE.
  std::int64_t add(FileRef file, int lowest = 0);
  // Puts FILE at FD (which must be in range), returning what was there (to be released).
  FileRef replace(int fd, FileRef file);
  // Removes FD, returning its open file (null if it was not open).
  FileRef remove(std::int64_t fd);
  // Every descriptor's open file, lowest first (the table is then empty).
  std::vector<FileRef> take_all();

 private:
  std::array<FileRef, kMaxFds> fds_{};
};

// Makes an open file of the console for STREAM (0, 1 or 2).
FileRef console_file(int stream);

// The console: what programs write goes to the kernel's console text and the trace; what is
// typed arrives through Kernel::console_input and is read from the console's open files.
struct Console {
  std::string input;         // typed and not yet read
  bool input_closed = true;  // no more input will come (read returns 0 once INPUT is empty)
  WaitQueue readers;
};

// Drops FILE, one reference to an open file. When it was the last, the open file is released:
// its inode is closed, or its pipe end, waking (through WAKE) the threads waiting on the pipe.
void release_file(FileRef file, MemFs& fs, const std::function<void(WaitQueue&)>& wake);

}  // namespace ks
