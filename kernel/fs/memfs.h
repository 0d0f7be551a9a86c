// kernel/fs/memfs.h — the in-memory file system: one FileSystem behind the VFS.
//
// THE DESIGN. An inode is a file (its bytes) or a directory (an ordered map from name to inode
// number, so a listing comes out sorted and the same on every run). Inodes live in one table
// indexed by their number; inode 1 is the root. A directory knows its parent, which is how ".."
// works without storing "." and ".." entries. Links are counted: unlink removes a name, and the
// inode's bytes are freed once no name and no open file refer to it (so a program can keep
// reading a file that was removed, as in Unix). A freed number is never reused, so a stale number
// can never name a new file. Rename moves a name between directories and keeps the inode (and
// its number); a moved directory gets its new parent.
//
// MemFs knows nothing of paths: the VFS resolves them one name at a time (kernel/fs/namei.cpp).
// Every operation returns a result or -errno (kernel/errno.h), and none ever blocks.
//
// Limits keep a program from exhausting the host: 65,536 inodes, files of at most 16 MiB and
// 64 MiB of file data in all.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/fs/file_system.h"

namespace ks {

class MemFs final : public FileSystem {
 public:
  static constexpr Ino kRoot = 1;
  static constexpr std::size_t kMaxInodes = 65536;
  static constexpr std::size_t kMaxFileBytes = 16u << 20;
  static constexpr std::size_t kMaxTotalBytes = 64u << 20;

  MemFs();

  std::string_view type_name() const override { return "memfs"; }
  Ino root() const override { return kRoot; }
  InodeStat stat(Ino ino) const override;
  std::int64_t lookup(Ino dir, std::string_view name) const override;
  std::int64_t create(Ino dir, std::string_view name) override;
  std::int64_t mkdir(Ino dir, std::string_view name) override;
  std::int64_t unlink(Ino dir, std::string_view name) override;
  std::int64_t rmdir(Ino dir, std::string_view name) override;
  std::int64_t rename(Ino from_dir, std::string_view from_name, Ino to_dir, std::string_view to_name) override;
  IoOutcome read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) override;
  IoOutcome write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes) override;
  std::int64_t truncate(Ino ino, std::uint64_t size) override;
  void list(Ino dir, std::uint64_t from, const DirectorySink& take) const override;
  void open_inode(Ino ino) override;
  void close_inode(Ino ino) override;

  // The open files and working directories holding INO (for tests and the file-system views).
  std::uint32_t open_count(Ino ino) const { return valid(ino) ? inodes_[ino].open : 0; }

 private:
  struct Inode {
    FileType type = FileType::None;
    std::vector<std::uint8_t> data;                   // files
    std::map<std::string, Ino, std::less<>> entries;  // directories, by name
    Ino parent = 0;                                   // directories: the directory holding it
    std::uint32_t links = 0;                          // names referring to it
    std::uint32_t open = 0;                           // open files referring to it
  };

  bool valid(Ino ino) const { return ino > 0 && ino < inodes_.size(); }
  bool is_directory(Ino ino) const { return valid(ino) && inodes_[ino].type == FileType::Directory; }
  std::int64_t make(Ino dir, std::string_view name, FileType type);
  std::int64_t remove(Ino dir, std::string_view name, bool as_directory);
  void release_if_unused(Ino ino);

  std::vector<Inode> inodes_;  // slot 0 unused
  std::size_t total_bytes_ = 0;
};

}  // namespace ks
