// kernel/fs/memfs.h — the in-memory file system: inodes, directories and path lookup.
//
// THE DESIGN. An inode is a file (its bytes) or a directory (an ordered map from name to inode
// number, so a listing comes out sorted and the same on every run). Inodes live in one table
// indexed by their number; inode 1 is the root. A directory knows its parent, which is how ".."
// and getcwd work without storing "." and ".." entries. Links are counted: unlink removes a
// name, and the inode's bytes are freed once no name and no open file refer to it (so a program
// can keep reading a file that was removed, as in Unix).
//
// Paths are resolved one component at a time from the root (absolute) or from a starting
// directory (relative); empty components and "." are skipped, ".." goes to the parent (the
// root's parent is the root). Every operation returns 0 or a result, or -errno (kernel/errno.h),
// so the system calls pass errors through unchanged.
//
// Limits keep a program from exhausting the host: a path of at most 4096 bytes, names of at most
// 255, files of at most 16 MiB and 64 MiB of file data in all.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ks {

using Ino = std::uint32_t;

enum class InodeType : std::uint8_t { Free, File, Directory };

struct Inode {
  InodeType type = InodeType::Free;
  std::vector<std::uint8_t> data;       // files
  std::map<std::string, Ino> entries;   // directories, by name
  Ino parent = 0;                       // directories: the directory holding it
  std::uint32_t links = 0;              // names referring to it
  std::uint32_t open = 0;               // open files referring to it
};

class MemFs {
 public:
  static constexpr Ino kRoot = 1;
  static constexpr std::size_t kMaxPath = 4096;
  static constexpr std::size_t kMaxName = 255;
  static constexpr std::size_t kMaxFileBytes = 16u << 20;
  static constexpr std::size_t kMaxTotalBytes = 64u << 20;

  MemFs();

  // The inode PATH names, starting from directory START for a relative path; -errno otherwise.
  std::int64_t lookup(Ino start, std::string_view path) const;
  // The directory that would hold PATH's last component, and that component (NAME); -errno
  // when a directory on the way is missing or PATH has no last component (e.g. "/").
  std::int64_t lookup_parent(Ino start, std::string_view path, std::string& name) const;

  // Makes an empty file or directory NAME in directory DIR: its inode, or -EEXIST etc.
  std::int64_t create(Ino dir, const std::string& name, InodeType type);
  // Removes NAME from DIR; a directory only when AS_DIRECTORY (and only when empty).
  std::int64_t unlink(Ino dir, const std::string& name, bool as_directory);

  // Reads up to OUT.size() bytes of file INO from OFFSET: the count (0 at or past the end).
  std::size_t read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) const;
  // Writes BYTES at OFFSET, growing the file (a hole is zero): the count or -EFBIG / -ENOSPC.
  std::int64_t write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes);
  void truncate(Ino ino);

  // The absolute path of directory DIR ("/" for the root); empty when DIR was removed.
  std::string path_of(Ino dir) const;

  const Inode& inode(Ino ino) const { return inodes_[ino]; }
  bool is_directory(Ino ino) const { return inodes_[ino].type == InodeType::Directory; }
  // Open files count their inode, so that an unlinked inode lives while it is open.
  void open_inode(Ino ino);
  void close_inode(Ino ino);

  // Boot-time filling: makes the file at absolute PATH (and its missing parent directories)
  // holding BYTES, replacing a file already there. False when PATH is not absolute or runs
  // through a file.
  bool install_file(std::string_view path, std::span<const std::uint8_t> bytes);
  bool install_directory(std::string_view path);

 private:
  Ino allocate(InodeType type);
  void release_if_unused(Ino ino);

  std::vector<Inode> inodes_;  // slot 0 unused
  std::size_t total_bytes_ = 0;
};

}  // namespace ks
