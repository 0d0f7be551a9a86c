// The mount table and the operations the VFS passes to a vnode's file system (vfs.h says the
// design; path resolution is in namei.cpp, open files of inodes in inode_file.cpp).
#include "kernel/fs/vfs.h"

#include <algorithm>
#include <utility>

#include "kernel/errno.h"
#include "kernel/fs/memfs.h"
#include "sim-core/error.h"

namespace ks {

Vfs::Vfs() : Vfs(std::make_unique<MemFs>()) {}

Vfs::Vfs(std::unique_ptr<FileSystem> root) {
  KS_ASSERT(root != nullptr, "a VFS has a root file system");
  mounts_.push_back({std::move(root), {}});
}

Vnode Vfs::root() const { return {mounts_.front().fs.get(), mounts_.front().fs->root()}; }

std::int64_t Vfs::mount(std::string_view path, std::unique_ptr<FileSystem> fs) {
  KS_ASSERT(fs != nullptr, "a mount has a file system");
  if (path.empty() || path.front() != '/') return -err::kInvalid;
  const VnodeResult at = lookup(root(), path);
  if (!at.ok()) return at.error;
  if (!is_directory(at.vnode)) return -err::kNotDirectory;
  if (at.vnode.ino == at.vnode.fs->root()) return -err::kBusy;  // "/", or a mounted file system's root
  open_inode(at.vnode);                                         // the covered directory lives while the mount does
  mounts_.push_back({std::move(fs), at.vnode});
  return 0;
}

std::vector<const FileSystem*> Vfs::mounted() const {
  std::vector<const FileSystem*> all;
  for (const Mount& mount : mounts_) all.push_back(mount.fs.get());
  return all;
}

const Vfs::Mount* Vfs::mount_covering(Vnode dir) const {
  for (std::size_t i = 1; i < mounts_.size(); ++i) {
    if (mounts_[i].covered == dir) return &mounts_[i];
  }
  return nullptr;
}

Vnode Vfs::cross_mounts(Vnode dir) const {
  while (const Mount* mount = mount_covering(dir)) dir = {mount->fs.get(), mount->fs->root()};
  return dir;
}

const Vfs::Mount& Vfs::mount_of(const FileSystem* fs) const {
  const auto it =
      std::find_if(mounts_.begin(), mounts_.end(), [fs](const Mount& mount) { return mount.fs.get() == fs; });
  KS_ASSERT(it != mounts_.end(), "every vnode's file system is mounted");
  return *it;
}

VnodeResult Vfs::create(Vnode dir, std::string_view name) {
  const std::int64_t made = dir.fs->create(dir.ino, name);
  if (made < 0) return {{}, made};
  return {{dir.fs, static_cast<Ino>(made)}, 0};
}

VnodeResult Vfs::mkdir(Vnode dir, std::string_view name) {
  const std::int64_t made = dir.fs->mkdir(dir.ino, name);
  if (made < 0) return {{}, made};
  return {{dir.fs, static_cast<Ino>(made)}, 0};
}

std::int64_t Vfs::unlink(Vnode dir, std::string_view name) {
  if (mounts_.size() > 1) {
    const std::int64_t child = dir.fs->lookup(dir.ino, name);
    if (child >= 0 && mount_covering({dir.fs, static_cast<Ino>(child)}) != nullptr) return -err::kBusy;
  }
  return dir.fs->unlink(dir.ino, name);
}

std::int64_t Vfs::rmdir(Vnode dir, std::string_view name) {
  if (mounts_.size() > 1) {
    const std::int64_t child = dir.fs->lookup(dir.ino, name);
    if (child >= 0 && mount_covering({dir.fs, static_cast<Ino>(child)}) != nullptr) return -err::kBusy;
  }
  return dir.fs->rmdir(dir.ino, name);
}

std::int64_t Vfs::rename(Vnode from_dir, std::string_view from_name, Vnode to_dir, std::string_view to_name) {
  if (from_dir.fs != to_dir.fs) return -err::kCrossDevice;
  if (from_dir.fs->read_only()) return -err::kReadOnly;
  if (mounts_.size() > 1) {
    for (const auto& [dir, name] : {std::pair{from_dir, from_name}, std::pair{to_dir, to_name}}) {
      const std::int64_t child = dir.fs->lookup(dir.ino, name);
      if (child >= 0 && mount_covering({dir.fs, static_cast<Ino>(child)}) != nullptr) return -err::kBusy;
    }
  }
  return from_dir.fs->rename(from_dir.ino, from_name, to_dir.ino, to_name);
}

std::int64_t Vfs::sync() {
  std::int64_t result = 0;
  for (const Mount& mount : mounts_) {
    const std::int64_t synced = mount.fs->sync();
    if (result == 0) result = synced;
  }
  return result;
}

std::int64_t Vfs::open_for_write(Vnode vnode) const { return vnode.fs->read_only() ? -err::kReadOnly : 0; }

std::int64_t Vfs::read_whole(Vnode vnode, std::vector<std::uint8_t>& out) const {
  out.resize(stat(vnode).size);
  const IoOutcome got = vnode.fs->read(vnode.ino, 0, out);
  KS_ASSERT(!got.blocked(), "a whole file is read only from a file system that does not block");
  if (got.value < 0) return got.value;
  out.resize(static_cast<std::size_t>(got.value));
  return 0;
}

bool Vfs::install_directory(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  Vnode at = root();
  std::size_t begin = 1;
  while (begin <= path.size()) {
    const std::size_t slash = std::min(path.find('/', begin), path.size());
    const std::string_view part = path.substr(begin, slash - begin);
    begin = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == ".." || part.size() > kMaxName) return false;
    const std::int64_t child = at.fs->lookup(at.ino, part);
    if (child >= 0) {
      at = cross_mounts({at.fs, static_cast<Ino>(child)});
      if (!is_directory(at)) return false;
      continue;
    }
    const VnodeResult made = mkdir(at, part);
    if (!made.ok()) return false;
    at = made.vnode;
  }
  return true;
}

bool Vfs::install_file(std::string_view path, std::span<const std::uint8_t> bytes) {
  std::string name;
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || !install_directory(path.substr(0, slash + 1))) return false;
  const VnodeResult dir = lookup_parent(root(), path, name);
  if (!dir.ok()) return false;
  Vnode file;
  if (const std::int64_t there = dir.vnode.fs->lookup(dir.vnode.ino, name); there >= 0) {
    file = {dir.vnode.fs, static_cast<Ino>(there)};
    if (is_directory(file) || file.fs->truncate(file.ino, 0) < 0) return false;
  } else {
    const VnodeResult made = create(dir.vnode, name);
    if (!made.ok()) return false;
    file = made.vnode;
  }
  const IoOutcome wrote = file.fs->write(file.ino, 0, bytes);
  KS_ASSERT(!wrote.blocked(), "boot-time filling writes to a file system that does not block");
  return wrote.value == static_cast<std::int64_t>(bytes.size());
}

}  // namespace ks
