// Open files of a file system's inodes: files and directories.
//
// A file reads and writes at its offset, which the call then moves by the count; with O_APPEND
// every write first moves the offset to the end. A directory is read with getdents: ".", "..",
// then the names its file system lists, the open file's offset being the position in that
// sequence (0 and 1 are the dots, 2 + p is the file system's position p). A directory's offset
// may only be rewound to 0 (lseek), and read() of a directory is -EISDIR.
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"
#include "sim-core/error.h"

namespace ks {
namespace {

// Where lseek(OFFSET, WHENCE) puts an offset that is now CURRENT in a file of SIZE bytes.
std::int64_t seek_target(std::int64_t offset, std::uint32_t whence, std::uint64_t current, std::uint64_t size) {
  std::int64_t base = 0;
  switch (whence) {
    case 0: base = 0; break;
    case 1: base = static_cast<std::int64_t>(current); break;
    case 2: base = static_cast<std::int64_t>(size); break;
    default: return -err::kInvalid;
  }
  const std::int64_t target = base + offset;
  if (target < 0 || target > INT32_MAX) return -err::kInvalid;
  return target;
}

class InodeFile final : public FileOps {
 public:
  explicit InodeFile(Vnode vnode) : vnode_(vnode) {}

  IoOutcome read(OpenFile& file, const FileIo&, std::span<std::uint8_t> out) override {
    const IoOutcome got = vnode_.fs->read(vnode_.ino, file.offset, out);
    if (!got.blocked() && got.value > 0) file.offset += static_cast<std::uint64_t>(got.value);
    return got;
  }

  IoOutcome write(OpenFile& file, const FileIo&, std::span<const std::uint8_t> bytes) override {
    if (file.flags & kOpenAppend) file.offset = vnode_.fs->stat(vnode_.ino).size;
    const IoOutcome wrote = vnode_.fs->write(vnode_.ino, file.offset, bytes);
    if (!wrote.blocked() && wrote.value > 0) file.offset += static_cast<std::uint64_t>(wrote.value);
    return wrote;
  }

  std::int64_t seek(OpenFile& file, std::int64_t offset, std::uint32_t whence) override {
    const std::int64_t target = seek_target(offset, whence, file.offset, vnode_.fs->stat(vnode_.ino).size);
    if (target >= 0) file.offset = static_cast<std::uint64_t>(target);
    return target;
  }

  FileStat stat(const OpenFile&) const override {
    const InodeStat inode = vnode_.fs->stat(vnode_.ino);
    return {FileType::File, inode.size, vnode_.ino, inode.links};
  }

  void close(const Wake&) override { vnode_.fs->close_inode(vnode_.ino); }
  std::optional<Vnode> vnode() const override { return vnode_; }

 private:
  Vnode vnode_;
};

class DirectoryFile final : public FileOps {
 public:
  DirectoryFile(const Vfs& vfs, Vnode vnode) : vfs_(vfs), vnode_(vnode) {}

  IoOutcome read(OpenFile&, const FileIo&, std::span<std::uint8_t>) override {
    return IoOutcome::done(-err::kIsDirectory);
  }

  // Only a rewind: the target is reckoned as in a file of no bytes, and must be 0.
  std::int64_t seek(OpenFile& file, std::int64_t offset, std::uint32_t whence) override {
    const std::int64_t target = seek_target(offset, whence, file.offset, 0);
    if (target < 0) return target;
    if (target != 0) return -err::kInvalid;
    file.offset = 0;
    return 0;
  }

  FileStat stat(const OpenFile&) const override {
    const InodeStat inode = vfs_.stat(vnode_);
    return {FileType::Directory, inode.size, vnode_.ino, inode.links};
  }

  std::int64_t getdents(const OpenFile& file, const DirectorySink& take) const override {
    std::uint64_t position = file.offset;
    if (position == 0) {
      if (!take({".", vnode_.ino, FileType::Directory, 1})) return 0;
      position = 1;
    }
    if (position == 1) {
      const Vnode parent = vfs_.parent(vnode_);
      if (!take({"..", parent.ino, vfs_.stat(parent).type, 2})) return 0;
      position = 2;
    }
    vnode_.fs->list(vnode_.ino, position - 2, [&take](const DirectoryEntry& entry) {
      return take({entry.name, entry.ino, entry.type, entry.next + 2});
    });
    return 0;
  }

  void close(const Wake&) override { vnode_.fs->close_inode(vnode_.ino); }
  std::optional<Vnode> vnode() const override { return vnode_; }

 private:
  const Vfs& vfs_;
  Vnode vnode_;
};

}  // namespace

FileRef Vfs::open(Vnode vnode, std::uint32_t flags) {
  std::unique_ptr<FileOps> ops;
  if (is_directory(vnode)) {
    ops = std::make_unique<DirectoryFile>(*this, vnode);
  } else {
    ops = std::make_unique<InodeFile>(vnode);
  }
  open_inode(vnode);
  return std::make_shared<OpenFile>(std::move(ops), flags);
}

}  // namespace ks
