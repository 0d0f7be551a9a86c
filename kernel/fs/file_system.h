// kernel/fs/file_system.h — the interface every file system implements, and the vnode.
//
// THE SEAM. A FileSystem is one mounted instance (MemFs today; an inode file system and FAT32 on
// a disk next). It knows inodes by number and directories by name, and nothing of paths, mounts,
// descriptors or processes: those belong to the VFS above it (kernel/fs/vfs.h). Its operations
// are the ones a textbook lists for an inode layer: look a name up in one directory, create,
// mkdir, unlink, rmdir, rename, read and write at an offset, truncate, stat, list a directory,
// write back (sync), and the counts that keep an inode alive (its links, and the open files and working directories
// that hold it: an unlinked inode is freed only when the last of them lets go).
//
// A VNODE is (file system, inode number): what the VFS, open files and working directories hold.
// Two vnodes are the same file exactly when both halves are equal.
//
// ERRORS AND WAITING. Operations return a value or -errno (kernel/errno.h). Reading and writing
// return an IoOutcome: done (a count or -errno) or "would block" with the wait queue to sleep on.
// MemFs never blocks; a file system on a disk will, when a block is not in the buffer cache. The
// rule for now is the kernel's: a call that blocks has done nothing visible, and is executed again
// from the start when the thread is woken (kernel/proc/syscalls.h, BLOCKING). A file system that
// must block halfway (a journaled write that misses the cache after its first block) will run that
// path as a kernel task (kernel/sync/task.h), which keeps its place across the waits; the
// outcome type already lets an operation say "block" to the system call above it.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "sim-core/trace/event.h"

namespace ks {

struct WaitQueue;  // kernel/sync/wait_queue.h

using Ino = std::uint32_t;

// What an inode (or an open file) is. None: no inode has the number (it was freed).
enum class FileType : std::uint8_t { None, File, Directory, Pipe, Console };

struct InodeStat {
  FileType type = FileType::None;
  std::uint64_t size = 0;   // a file's bytes; a directory's size as its file system counts it
  std::uint32_t links = 0;  // names referring to it
};

// One name of a directory listing, and the position to list from to get the entries after it.
struct DirectoryEntry {
  std::string_view name;
  Ino ino = 0;
  FileType type = FileType::None;
  std::uint64_t next = 0;
};
// Takes one entry of a listing; false when it wants no more (this entry is then not taken).
using DirectorySink = std::function<bool(const DirectoryEntry&)>;

// The result of a read or write: done with VALUE (a count, or -errno), or blocked: the caller
// waits on *WAIT (for REASON) and tries the whole call again when woken.
struct IoOutcome {
  std::int64_t value = 0;
  WaitQueue* wait = nullptr;
  BlockReason reason = BlockReason::Io;

  bool blocked() const { return wait != nullptr; }
  static IoOutcome done(std::int64_t value) { return {value, nullptr, BlockReason::Io}; }
  static IoOutcome block(WaitQueue& queue, BlockReason reason) { return {0, &queue, reason}; }
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The file system's type, as a mount table lists it ("memfs").
  virtual std::string_view type_name() const = 0;
  virtual Ino root() const = 0;
  // What INO is; type None when no inode has that number.
  virtual InodeStat stat(Ino ino) const = 0;

  // The inode NAME names in directory DIR ("." is DIR, ".." its parent; the root is its own
  // parent): its number, or -ENOENT. The caller checks that DIR is a directory.
  virtual std::int64_t lookup(Ino dir, std::string_view name) const = 0;
  // Make an empty file (create) or directory (mkdir) NAME in directory DIR: the new inode, or
  // -EEXIST, -ENOSPC, or -ENOENT when DIR has been removed.
  virtual std::int64_t create(Ino dir, std::string_view name) = 0;
  virtual std::int64_t mkdir(Ino dir, std::string_view name) = 0;
  // Remove the name NAME of a file (unlink: -EISDIR for a directory) or of an empty directory
  // (rmdir: -ENOTDIR for a file, -ENOTEMPTY): 0 or -ENOENT etc.
  virtual std::int64_t unlink(Ino dir, std::string_view name) = 0;
  virtual std::int64_t rmdir(Ino dir, std::string_view name) = 0;
  // Moves the name FROM_NAME of directory FROM_DIR to TO_NAME in TO_DIR (both of this file
  // system), replacing what TO_NAME names: a file by a file, an empty directory by a directory.
  // 0, or -ENOENT, -EISDIR (a directory over a file), -ENOTDIR (a file over a directory),
  // -ENOTEMPTY, -EINVAL (a directory moved into itself or below itself). The inode keeps its
  // number, so open files and working directories follow it.
  virtual std::int64_t rename(Ino from_dir, std::string_view from_name, Ino to_dir, std::string_view to_name) = 0;

  // Read into OUT from byte OFFSET of file INO: the count (0 at or past the end).
  virtual IoOutcome read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) = 0;
  // Write BYTES at OFFSET, growing the file (a hole reads as zeros): the count, or -EFBIG, -ENOSPC.
  virtual IoOutcome write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes) = 0;
  // Make file INO SIZE bytes long (cut, or grown with zeros): 0 or -EFBIG, -ENOSPC.
  virtual std::int64_t truncate(Ino ino, std::uint64_t size) = 0;

  // Lists directory DIR from position FROM (0: the first name; "." and ".." are not listed),
  // giving TAKE one entry at a time, in an order that is the same on every run.
  virtual void list(Ino dir, std::uint64_t from, const DirectorySink& take) const = 0;

  // Open files and working directories hold their inode, so that an unlinked inode lives on
  // while it is in use; it is freed at the last close.
  virtual void open_inode(Ino ino) = 0;
  virtual void close_inode(Ino ino) = 0;

  // A read-only file system refuses every change with -EROFS (and the VFS refuses to open its
  // files for writing).
  virtual bool read_only() const { return false; }
  // Writes every change so far to what holds the file system (a disk image): 0, or -EIO. A file
  // system in memory has nothing to write.
  virtual std::int64_t sync() { return 0; }
};

struct Vnode {
  FileSystem* fs = nullptr;
  Ino ino = 0;
  bool operator==(const Vnode&) const = default;
};

}  // namespace ks
