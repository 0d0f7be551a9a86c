// kernel/fs/file.h — open files and their operations, the console and the descriptor table.
//
// AS IN UNIX, three levels: a process's file descriptors (small integers, FdTable) point at open
// files (OpenFile: the access mode, the offset), which reach what they read and write through
// their operations (FileOps): a file or a directory of a file system (kernel/fs/inode_file.cpp),
// one end of a pipe (pipe.cpp) or the console (console.cpp). A system call never asks what kind
// of file it has: it calls the operation, and a kind that cannot do it answers with the error
// Unix gives (read of a write end: -EBADF; seek on a pipe: -ESPIPE; getdents of a file: -ENOTDIR).
//
// dup and fork copy descriptors, not open files: two descriptors then share one offset. An open
// file is released when its last descriptor is closed (a shared_ptr counts them): its operations
// close the inode or the pipe end, which may wake threads waiting on the pipe.
//
// WAITING. An operation that must wait (a pipe is empty or full, the console has no input)
// returns IoOutcome::block with the wait queue and has changed
// nothing; the system call then blocks and is executed again when the thread is woken.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/fs/file_system.h"
#include "kernel/proc/thread.h"
#include "kernel/sync/wait_queue.h"

namespace ks {

inline constexpr std::uint32_t kOpenAccessMask = 3;  // O_RDONLY 0, O_WRONLY 1, O_RDWR 2
inline constexpr std::uint32_t kOpenCreate = 0100;
inline constexpr std::uint32_t kOpenTruncate = 01000;
inline constexpr std::uint32_t kOpenAppend = 02000;

using Wake = std::function<void(WaitQueue&)>;  // wakes every thread waiting on a queue

// The console: what programs write goes to the kernel's console text and the trace; what is
// typed arrives through Kernel::console_input and is read from the console's open files.
struct Console {
  std::string input;         // typed and not yet read
  bool input_closed = true;  // no more input will come (read returns 0 once INPUT is empty)
  WaitQueue readers;
};

// What an operation may use besides its open file: the console, the kernel's console output
// (stream 1 or 2) and wake-up, and the bytes a blocked write has already moved (a pipe write
// that goes on after waiting; see kernel/proc/syscalls.h, BLOCKING).
struct FileIo {
  Console& console;
  const std::function<void(int stream, std::string_view text)>& console_write;
  const Wake& wake;
  std::uint32_t* progress = nullptr;
};

// What fstat reports of an open file.
struct FileStat {
  FileType type = FileType::None;
  std::uint64_t size = 0;  // files: bytes; directories: as the file system counts; pipes: bytes held
  Ino ino = 0;             // 0 for pipes and the console
  std::uint32_t links = 1;
};

struct OpenFile;

// The operations of one open file; each kind of file implements those it has.
class FileOps {
 public:
  virtual ~FileOps() = default;
  virtual IoOutcome read(OpenFile& file, const FileIo& io, std::span<std::uint8_t> out);
  virtual IoOutcome write(OpenFile& file, const FileIo& io, std::span<const std::uint8_t> bytes);
  // Moves the offset (WHENCE 0 from the start, 1 from the offset, 2 from the end): the new
  // offset, or -EINVAL, -ESPIPE.
  virtual std::int64_t seek(OpenFile& file, std::int64_t offset, std::uint32_t whence);
  virtual FileStat stat(const OpenFile& file) const = 0;
  // Gives TAKE the directory's entries from the open file's offset (".", "..", then the names);
  // the caller moves the offset to the last entry's NEXT once it has used them. 0 or -ENOTDIR.
  virtual std::int64_t getdents(const OpenFile& file, const DirectorySink& take) const;
  // The open file's last reference is gone: let go of the inode or the pipe end.
  virtual void close(const Wake& wake) = 0;
  // The file-system inode behind the file, if there is one (a *at() call's directory).
  virtual std::optional<Vnode> vnode() const { return std::nullopt; }
};

struct OpenFile {
  OpenFile(std::unique_ptr<FileOps> operations, std::uint32_t open_flags)
      : ops(std::move(operations)), flags(open_flags) {}
  std::unique_ptr<FileOps> ops;
  std::uint32_t flags = 0;   // the open flags (access mode, O_APPEND)
  std::uint64_t offset = 0;  // files: byte offset; directories: the position in the listing

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

// Makes an open file of the console for STREAM (0, 1 or 2; what its output shows as).
FileRef console_file(int stream);

// Drops FILE, one reference to an open file. When it was the last, the open file is released:
// its inode is closed, or its pipe end, waking (through WAKE) the threads waiting on the pipe.
void release_file(FileRef file, const Wake& wake);

}  // namespace ks
