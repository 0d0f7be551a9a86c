// The file-system calls: descriptors, paths, reading and writing files, directories and the
// console (pipe2: syscalls_pipes.cpp). They check the caller's arguments and memory, resolve paths
// through the VFS (kernel/fs/vfs.h) and call the open file's operations (kernel/fs/file.h); they
// never ask what kind of file a descriptor is, nor which file system a vnode is on.
#include <optional>
#include <vector>

#include "kernel/proc/resources.h"
#include "kernel/proc/syscalls.h"
#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::int32_t kAtCurrentDirectory = -100;  // AT_FDCWD
constexpr std::uint32_t kOpenExclusive = 0200;      // O_EXCL
constexpr std::uint32_t kOpenKnownFlags = kOpenAccessMask | kOpenCreate | kOpenExclusive | kOpenTruncate | kOpenAppend;
constexpr std::uint32_t kRemoveDirectory = 0x200;  // AT_REMOVEDIR
constexpr std::uint32_t kRenameNoReplace = 1;      // RENAME_NOREPLACE (RENAME_EXCHANGE is not done)
constexpr std::uint8_t kDirentDirectory = 4, kDirentFile = 8;
constexpr std::uint32_t kStatFile = 1, kStatDirectory = 2, kStatPipe = 3, kStatConsole = 4;

// Appends the BYTES low bytes of VALUE, little-endian.
void put_le(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// What an open file's operations may use of the caller's world.
FileIo file_io(const SyscallContext& call) { return {*call.console, call.console_write, call.wake, call.progress}; }

// A read or write's outcome as the system call's.
SyscallOutcome io_result(const IoOutcome& outcome) {
  if (outcome.blocked()) return syscall_block(*outcome.wait, outcome.reason);
  return syscall_result(outcome.value);
}

// The directory a *at() call starts from: the cwd for AT_FDCWD, else the directory DIRFD.
VnodeResult start_directory(const SyscallContext& call, std::int32_t dirfd, const std::string& path) {
  if (!path.empty() && path.front() == '/') return {call.fs->root(), 0};
  if (dirfd == kAtCurrentDirectory) return {call.process->cwd, 0};
  const FileRef dir = call.process->fds.get(dirfd);
  if (dir == nullptr) return {{}, -err::kBadFile};
  const std::optional<Vnode> vnode = dir->ops->vnode();
  if (!vnode || !call.fs->is_directory(*vnode)) return {{}, -err::kNotDirectory};
  return {*vnode, 0};
}

// Reads the path argument at ARGS[INDEX] and its start directory (for DIRFD).
VnodeResult path_argument(const SyscallContext& call, unsigned index, std::int32_t dirfd, std::string& path) {
  if (const std::int64_t r = copy_in_string(call.space(), call.args[index], Vfs::kMaxPath, path); r < 0) return {{}, r};
  return start_directory(call, dirfd, path);
}

}  // namespace

SyscallOutcome sys_openat(const SyscallContext& call) {
  std::string path;
  const VnodeResult start = path_argument(call, 1, call.arg_int(0), path);
  if (!start.ok()) return syscall_result(start.error);
  const std::uint32_t flags = call.args[2];
  if ((flags & ~kOpenKnownFlags) != 0 || (flags & kOpenAccessMask) == 3) return syscall_error(err::kInvalid);
  Vfs& fs = *call.fs;
  VnodeResult found = fs.lookup(start.vnode, path);
  if (found.ok() && (flags & kOpenCreate) && (flags & kOpenExclusive)) return syscall_error(err::kExists);
  if (found.error == -err::kNoEntry && (flags & kOpenCreate)) {
    std::string name;
    const VnodeResult dir = fs.lookup_parent(start.vnode, path, name);
    if (!dir.ok()) return syscall_result(dir.error);
    found = fs.create(dir.vnode, name);
  }
  if (!found.ok()) return syscall_result(found.error);
  const bool writable = (flags & kOpenAccessMask) != 0;
  if (fs.is_directory(found.vnode) && writable) return syscall_error(err::kIsDirectory);
  if (writable) {
    if (const std::int64_t refused = fs.open_for_write(found.vnode); refused < 0) return syscall_result(refused);
  }
  FileRef file = fs.open(found.vnode, flags);
  if ((flags & kOpenTruncate) && writable) fs.truncate(found.vnode, 0);
  const std::int64_t fd = call.process->fds.add(file);
  if (fd < 0) release_file(std::move(file), call.wake);
  return syscall_result(fd);
}

SyscallOutcome sys_close(const SyscallContext& call) {
  FileRef file = call.process->fds.remove(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  release_file(std::move(file), call.wake);
  return syscall_result(0);
}

SyscallOutcome sys_read(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr || !file->readable()) return syscall_error(err::kBadFile);
  const std::uint32_t count = std::min(call.args[2], kMaxTransfer);
  if (!call.space().can_access(call.args[1], count, true)) return syscall_error(err::kFault);
  std::vector<std::uint8_t> bytes(count);
  const IoOutcome got = file->ops->read(*file, file_io(call), bytes);
  if (got.blocked() || got.value < 0) return io_result(got);
  const bool copied = call.space().copy_out(call.args[1], std::span(bytes).first(static_cast<std::size_t>(got.value)));
  KS_ASSERT(copied, "a buffer checked writable takes the bytes read");
  return syscall_result(got.value);
}

SyscallOutcome sys_write(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr || !file->writable()) return syscall_error(err::kBadFile);
  const std::uint32_t length = call.args[2];
  if (length > kMaxTransfer) return syscall_error(err::kInvalid);
  std::vector<std::uint8_t> bytes(length);
  if (!call.space().copy_in(call.args[1], bytes)) return syscall_error(err::kFault);
  return io_result(file->ops->write(*file, file_io(call), bytes));
}

SyscallOutcome sys_lseek(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  return syscall_result(file->ops->seek(*file, call.arg_int(1), call.args[2]));
}

SyscallOutcome sys_fstat(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  const FileStat stat = file->ops->stat(*file);
  std::uint32_t type = kStatConsole;
  switch (stat.type) {
    case FileType::File: type = kStatFile; break;
    case FileType::Directory: type = kStatDirectory; break;
    case FileType::Pipe: type = kStatPipe; break;
    case FileType::Console:
    case FileType::None: type = kStatConsole; break;
  }
  std::vector<std::uint8_t> out;
  for (const std::uint32_t word : {type, static_cast<std::uint32_t>(stat.size), stat.ino, stat.links})
    put_le(out, word, 4);
  if (!call.space().copy_out(call.args[1], out)) return syscall_error(err::kFault);
  return syscall_result(0);
}

// Entries as linux_dirent64 records, as many as fit; the open file's offset moves past them only
// once they are in the caller's buffer.
SyscallOutcome sys_getdents64(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  const std::uint32_t size = std::min(call.args[2], kMaxTransfer);
  std::vector<std::uint8_t> out;
  std::uint64_t next = file->offset;
  bool full = false;
  const std::int64_t listed = file->ops->getdents(*file, [&](const DirectoryEntry& entry) {
    const std::size_t length = (19 + entry.name.size() + 1 + 7) & ~std::size_t{7};
    if (out.size() + length > size) {
      full = true;
      return false;
    }
    const std::size_t start = out.size();
    put_le(out, entry.ino, 8);
    put_le(out, entry.next, 8);
    put_le(out, length, 2);
    out.push_back(entry.type == FileType::Directory ? kDirentDirectory : kDirentFile);
    out.insert(out.end(), entry.name.begin(), entry.name.end());
    out.resize(start + length, 0);
    next = entry.next;
    return true;
  });
  if (listed < 0) return syscall_result(listed);
  if (out.empty() && full) return syscall_error(err::kInvalid);  // not even one fits
  if (!call.space().copy_out(call.args[1], out)) return syscall_error(err::kFault);
  file->offset = next;
  return syscall_result(static_cast<std::int64_t>(out.size()));
}

SyscallOutcome sys_mkdirat(const SyscallContext& call) {
  std::string path, name;
  const VnodeResult start = path_argument(call, 1, call.arg_int(0), path);
  if (!start.ok()) return syscall_result(start.error);
  if (call.fs->lookup(start.vnode, path).ok()) return syscall_error(err::kExists);
  const VnodeResult dir = call.fs->lookup_parent(start.vnode, path, name);
  if (!dir.ok()) return syscall_result(dir.error);
  return syscall_result(call.fs->mkdir(dir.vnode, name).error);
}

SyscallOutcome sys_unlinkat(const SyscallContext& call) {
  const std::uint32_t flags = call.args[2];
  if ((flags & ~kRemoveDirectory) != 0) return syscall_error(err::kInvalid);
  std::string path, name;
  const VnodeResult start = path_argument(call, 1, call.arg_int(0), path);
  if (!start.ok()) return syscall_result(start.error);
  const VnodeResult dir = call.fs->lookup_parent(start.vnode, path, name);
  if (!dir.ok()) return syscall_result(dir.error);
  if (flags & kRemoveDirectory) return syscall_result(call.fs->rmdir(dir.vnode, name));
  return syscall_result(call.fs->unlink(dir.vnode, name));
}

SyscallOutcome sys_renameat2(const SyscallContext& call) {
  const std::uint32_t flags = call.args[4];
  if ((flags & ~kRenameNoReplace) != 0) return syscall_error(err::kInvalid);
  std::string from_path, to_path, from_name, to_name;
  const VnodeResult from_start = path_argument(call, 1, call.arg_int(0), from_path);
  if (!from_start.ok()) return syscall_result(from_start.error);
  const VnodeResult to_start = path_argument(call, 3, call.arg_int(2), to_path);
  if (!to_start.ok()) return syscall_result(to_start.error);
  Vfs& fs = *call.fs;
  const VnodeResult from = fs.lookup_parent(from_start.vnode, from_path, from_name);
  if (!from.ok()) return syscall_result(from.error);
  const VnodeResult to = fs.lookup_parent(to_start.vnode, to_path, to_name);
  if (!to.ok()) return syscall_result(to.error);
  if ((flags & kRenameNoReplace) && fs.lookup(to.vnode, to_name).ok()) return syscall_error(err::kExists);
  return syscall_result(fs.rename(from.vnode, from_name, to.vnode, to_name));
}

// Writes every mounted file system back to its image. Linux's sync cannot fail; kernsim's says
// -EIO when the host refused to write an image, so that a test can see it.
SyscallOutcome sys_sync(const SyscallContext& call) { return syscall_result(call.fs->sync()); }

// Writes the file system of FD's file back (the whole image: a FAT volume has no finer unit here).
SyscallOutcome sys_fsync(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  const std::optional<Vnode> vnode = file->ops->vnode();
  if (!vnode) return syscall_error(err::kInvalid);  // a pipe or the console
  return syscall_result(vnode->fs->sync());
}

SyscallOutcome sys_chdir(const SyscallContext& call) {
  std::string path;
  const VnodeResult start = path_argument(call, 0, kAtCurrentDirectory, path);
  if (!start.ok()) return syscall_result(start.error);
  const VnodeResult found = call.fs->lookup(start.vnode, path);
  if (!found.ok()) return syscall_result(found.error);
  if (!call.fs->is_directory(found.vnode)) return syscall_error(err::kNotDirectory);
  call.fs->open_inode(found.vnode);  // a working directory holds its inode like an open file
  call.fs->close_inode(call.process->cwd);
  call.process->cwd = found.vnode;
  return syscall_result(0);
}

SyscallOutcome sys_getcwd(const SyscallContext& call) {
  const std::string path = call.fs->path_of(call.process->cwd);
  if (path.empty()) return syscall_error(err::kNoEntry);  // the working directory was removed
  if (path.size() + 1 > call.args[1]) return syscall_error(err::kRange);
  std::vector<std::uint8_t> bytes(path.begin(), path.end());
  bytes.push_back(0);
  if (!call.space().copy_out(call.args[0], bytes)) return syscall_error(err::kFault);
  return syscall_result(static_cast<std::int64_t>(bytes.size()));
}

SyscallOutcome sys_dup(const SyscallContext& call) {
  FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  return syscall_result(call.process->fds.add(std::move(file)));
}

SyscallOutcome sys_dup3(const SyscallContext& call) {
  FileRef file = call.process->fds.get(call.arg_int(0));
  const std::int32_t target = call.arg_int(1);
  if (file == nullptr || target < 0 || target >= FdTable::kMaxFds) return syscall_error(err::kBadFile);
  if (call.args[2] != 0 || call.arg_int(0) == target) return syscall_error(err::kInvalid);
  release_file(call.process->fds.replace(target, std::move(file)), call.wake);
  return syscall_result(target);
}

}  // namespace ks
