// The file-system calls: descriptors, paths, reading and writing files, directories and the
// console (pipes: syscalls_pipes.cpp). The objects behind them are in kernel/fs/ (memfs.h, file.h).
#include <vector>

#include "kernel/proc/syscalls.h"
#include "kernel/proc/resources.h"
#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::int32_t kAtCurrentDirectory = -100;  // AT_FDCWD
constexpr std::uint32_t kOpenExclusive = 0200;      // O_EXCL
constexpr std::uint32_t kOpenKnownFlags = kOpenAccessMask | kOpenCreate | kOpenExclusive | kOpenTruncate | kOpenAppend;
constexpr std::uint32_t kRemoveDirectory = 0x200;   // AT_REMOVEDIR
constexpr std::uint8_t kDirentDirectory = 4, kDirentFile = 8;
constexpr std::uint32_t kStatFile = 1, kStatDirectory = 2, kStatPipe = 3, kStatConsole = 4;

// Appends the BYTES low bytes of VALUE, little-endian.
void put_le(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// The directory a *at() call starts from: the cwd for AT_FDCWD, else the directory DIRFD.
std::int64_t start_directory(const SyscallContext& call, std::int32_t dirfd, const std::string& path) {
  if (!path.empty() && path.front() == '/') return MemFs::kRoot;
  if (dirfd == kAtCurrentDirectory) return call.process->cwd;
  const FileRef dir = call.process->fds.get(dirfd);
  if (dir == nullptr) return -err::kBadFile;
  if (dir->kind != FileKind::Inode || !call.fs->is_directory(dir->ino)) return -err::kNotDirectory;
  return dir->ino;
}

// Reads the path argument at ARGS[INDEX] and its start directory (for DIRFD).
std::int64_t path_argument(const SyscallContext& call, unsigned index, std::int32_t dirfd, std::string& path) {
  if (const std::int64_t r = copy_in_string(call.space(), call.args[index], MemFs::kMaxPath, path); r < 0) return r;
  return start_directory(call, dirfd, path);
}

SyscallOutcome sys_openat(const SyscallContext& call) {
  std::string path;
  const std::int64_t start = path_argument(call, 1, call.arg_int(0), path);
  if (start < 0) return syscall_result(start);
  const std::uint32_t flags = call.args[2];
  if ((flags & ~kOpenKnownFlags) != 0 || (flags & kOpenAccessMask) == 3) return syscall_error(err::kInvalid);
  MemFs& fs = *call.fs;
  std::int64_t ino = fs.lookup(static_cast<Ino>(start), path);
  if (ino >= 0 && (flags & kOpenCreate) && (flags & kOpenExclusive)) return syscall_error(err::kExists);
  if (ino == -err::kNoEntry && (flags & kOpenCreate)) {
    std::string name;
    const std::int64_t dir = fs.lookup_parent(static_cast<Ino>(start), path, name);
    if (dir < 0) return syscall_result(dir);
    ino = fs.create(static_cast<Ino>(dir), name, InodeType::File);
  }
  if (ino < 0) return syscall_result(ino);
  auto file = std::make_shared<OpenFile>();
  file->kind = FileKind::Inode;
  file->flags = flags;
  file->ino = static_cast<Ino>(ino);
  if (fs.is_directory(file->ino) && file->writable()) return syscall_error(err::kIsDirectory);
  fs.open_inode(file->ino);
  if ((flags & kOpenTruncate) && file->writable()) fs.truncate(file->ino);
  const std::int64_t fd = call.process->fds.add(file);
  if (fd < 0) release_file(std::move(file), fs, call.wake);
  return syscall_result(fd);
}

SyscallOutcome sys_close(const SyscallContext& call) {
  FileRef file = call.process->fds.remove(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  release_file(std::move(file), *call.fs, call.wake);
  return syscall_result(0);
}

SyscallOutcome sys_read(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr || !file->readable()) return syscall_error(err::kBadFile);
  const std::uint32_t count = std::min(call.args[2], kMaxTransfer);
  if (!call.space().can_access(call.args[1], count, true)) return syscall_error(err::kFault);
  std::vector<std::uint8_t> bytes(count);
  std::size_t got = 0;
  switch (file->kind) {
    case FileKind::Console: {
      Console& console = *call.console;
      if (count > 0 && console.input.empty() && !console.input_closed) return syscall_block(console.readers, BlockReason::Io);
      got = std::min<std::size_t>(count, console.input.size());
      std::copy_n(console.input.begin(), got, bytes.begin());
      console.input.erase(0, got);
      break;
    }
    case FileKind::PipeRead: {
      const std::int64_t taken = pipe_read(call, *file->pipe, bytes);
      if (taken < 0) return syscall_block(file->pipe->readable, BlockReason::Pipe);
      got = static_cast<std::size_t>(taken);
      break;
    }
    case FileKind::PipeWrite: return syscall_error(err::kBadFile);
    case FileKind::Inode:
      if (call.fs->is_directory(file->ino)) return syscall_error(err::kIsDirectory);
      got = call.fs->read(file->ino, file->offset, bytes);
      file->offset += got;
      break;
  }
  const bool copied = call.space().copy_out(call.args[1], std::span(bytes).first(got));
  KS_ASSERT(copied, "a buffer checked writable takes the bytes read");
  return syscall_result(static_cast<std::int64_t>(got));
}

SyscallOutcome sys_write(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr || !file->writable()) return syscall_error(err::kBadFile);
  const std::uint32_t length = call.args[2];
  if (length > kMaxTransfer) return syscall_error(err::kInvalid);
  std::vector<std::uint8_t> bytes(length);
  if (!call.space().copy_in(call.args[1], bytes)) return syscall_error(err::kFault);
  switch (file->kind) {
    case FileKind::Console:
      call.console_write(file->console_stream == 2 ? 2 : 1,
                         std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      return syscall_result(length);
    case FileKind::PipeWrite: return pipe_write(call, *file->pipe, bytes);
    case FileKind::PipeRead: return syscall_error(err::kBadFile);
    case FileKind::Inode: {
      if (file->flags & kOpenAppend) file->offset = call.fs->inode(file->ino).data.size();
      const std::int64_t wrote = call.fs->write(file->ino, file->offset, bytes);
      if (wrote > 0) file->offset += static_cast<std::uint64_t>(wrote);
      return syscall_result(wrote);
    }
  }
  return syscall_error(err::kBadFile);
}

SyscallOutcome sys_lseek(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  if (file->kind != FileKind::Inode) return syscall_error(err::kIllegalSeek);
  const std::int64_t offset = call.arg_int(1);
  std::int64_t base = 0;
  switch (call.args[2]) {
    case 0: base = 0; break;
    case 1: base = static_cast<std::int64_t>(file->offset); break;
    case 2: base = static_cast<std::int64_t>(call.fs->inode(file->ino).data.size()); break;
    default: return syscall_error(err::kInvalid);
  }
  const std::int64_t target = base + offset;
  if (target < 0 || target > INT32_MAX) return syscall_error(err::kInvalid);
  if (call.fs->is_directory(file->ino) && target != 0) return syscall_error(err::kInvalid);  // only a rewind
  file->offset = static_cast<std::uint64_t>(target);
  return syscall_result(target);
}

SyscallOutcome sys_fstat(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  std::uint32_t type = kStatConsole, size = 0, inode = 0, links = 1;
  if (file->kind == FileKind::Inode) {
    const Inode& node = call.fs->inode(file->ino);
    type = node.type == InodeType::Directory ? kStatDirectory : kStatFile;
    size = static_cast<std::uint32_t>(node.type == InodeType::Directory ? node.entries.size() : node.data.size());
    inode = file->ino;
    links = node.links;
  } else if (file->kind != FileKind::Console) {
    type = kStatPipe;
    size = static_cast<std::uint32_t>(file->pipe->count);
  }
  std::vector<std::uint8_t> out;
  for (const std::uint32_t word : {type, size, inode, links}) put_le(out, word, 4);
  if (!call.space().copy_out(call.args[1], out)) return syscall_error(err::kFault);
  return syscall_result(0);
}

// Entries come in the order ".", "..", then the directory's names sorted; the open file's offset
// counts the entries already returned.
SyscallOutcome sys_getdents64(const SyscallContext& call) {
  const FileRef file = call.process->fds.get(call.arg_int(0));
  if (file == nullptr) return syscall_error(err::kBadFile);
  if (file->kind != FileKind::Inode || !call.fs->is_directory(file->ino)) return syscall_error(err::kNotDirectory);
  const std::uint32_t size = std::min(call.args[2], kMaxTransfer);
  const Inode& dir = call.fs->inode(file->ino);
  std::vector<std::pair<std::string, Ino>> all = {{".", file->ino}, {"..", dir.parent}};
  for (const auto& [name, ino] : dir.entries) all.emplace_back(name, ino);
  std::vector<std::uint8_t> out;
  std::uint64_t index = file->offset;
  for (; index < all.size(); ++index) {
    const auto& [name, ino] = all[index];
    const std::size_t length = (19 + name.size() + 1 + 7) & ~std::size_t{7};
    if (out.size() + length > size) break;
    const std::size_t start = out.size();
    put_le(out, ino, 8);
    put_le(out, index + 1, 8);
    put_le(out, length, 2);
    out.push_back(call.fs->is_directory(ino) ? kDirentDirectory : kDirentFile);
    out.insert(out.end(), name.begin(), name.end());
    out.resize(start + length, 0);
  }
  if (out.empty() && index < all.size()) return syscall_error(err::kInvalid);  // not even one fits
  if (!call.space().copy_out(call.args[1], out)) return syscall_error(err::kFault);
  file->offset = index;
  return syscall_result(static_cast<std::int64_t>(out.size()));
}

SyscallOutcome sys_mkdirat(const SyscallContext& call) {
  std::string path, name;
  const std::int64_t start = path_argument(call, 1, call.arg_int(0), path);
  if (start < 0) return syscall_result(start);
  if (call.fs->lookup(static_cast<Ino>(start), path) >= 0) return syscall_error(err::kExists);
  const std::int64_t dir = call.fs->lookup_parent(static_cast<Ino>(start), path, name);
  if (dir < 0) return syscall_result(dir);
  const std::int64_t made = call.fs->create(static_cast<Ino>(dir), name, InodeType::Directory);
  return syscall_result(made < 0 ? made : 0);
}

SyscallOutcome sys_unlinkat(const SyscallContext& call) {
  const std::uint32_t flags = call.args[2];
  if ((flags & ~kRemoveDirectory) != 0) return syscall_error(err::kInvalid);
  std::string path, name;
  const std::int64_t start = path_argument(call, 1, call.arg_int(0), path);
  if (start < 0) return syscall_result(start);
  const std::int64_t dir = call.fs->lookup_parent(static_cast<Ino>(start), path, name);
  if (dir < 0) return syscall_result(dir);
  return syscall_result(call.fs->unlink(static_cast<Ino>(dir), name, (flags & kRemoveDirectory) != 0));
}

SyscallOutcome sys_chdir(const SyscallContext& call) {
  std::string path;
  const std::int64_t start = path_argument(call, 0, kAtCurrentDirectory, path);
  if (start < 0) return syscall_result(start);
  const std::int64_t ino = call.fs->lookup(static_cast<Ino>(start), path);
  if (ino < 0) return syscall_result(ino);
  if (!call.fs->is_directory(static_cast<Ino>(ino))) return syscall_error(err::kNotDirectory);
  call.fs->open_inode(static_cast<Ino>(ino));  // a working directory holds its inode like an open file
  call.fs->close_inode(call.process->cwd);
  call.process->cwd = static_cast<Ino>(ino);
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
  release_file(call.process->fds.replace(target, std::move(file)), *call.fs, call.wake);
  return syscall_result(target);
}

}  // namespace

SyscallOutcome do_file_syscall(const SyscallContext& call) {
  switch (call.number) {
    case sys::kOpenAt: return sys_openat(call);
    case sys::kClose: return sys_close(call);
    case sys::kRead: return sys_read(call);
    case sys::kWrite: return sys_write(call);
    case sys::kLseek: return sys_lseek(call);
    case sys::kFstat: return sys_fstat(call);
    case sys::kGetDents64: return sys_getdents64(call);
    case sys::kMkdirAt: return sys_mkdirat(call);
    case sys::kUnlinkAt: return sys_unlinkat(call);
    case sys::kChdir: return sys_chdir(call);
    case sys::kGetCwd: return sys_getcwd(call);
    case sys::kDup: return sys_dup(call);
    case sys::kDup3: return sys_dup3(call);
    case sys::kPipe2: return pipe_create(call);
    default: return syscall_error(err::kNoSystemCall);
  }
}

}  // namespace ks
