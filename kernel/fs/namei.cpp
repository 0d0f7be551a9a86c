// Path resolution: the one place where a path becomes a vnode (vfs.h says the rules).
//
// Each step looks one name up in one directory's file system, then crosses a mount point if the
// name leads to one (cross_mounts); ".." first climbs out of a mounted file system's root to the
// directory it covers (parent). ".." of a directory that was removed may lead to an inode that
// was freed too: resolution then ends in -ENOTDIR (more components) or -ENOENT (the last one).
#include <algorithm>

#include "kernel/errno.h"
#include "kernel/fs/vfs.h"

namespace ks {
namespace {

// Splits PATH into its components, skipping empty ones and ".".
std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (at <= path.size()) {
    const std::size_t slash = std::min(path.find('/', at), path.size());
    const std::string_view part = path.substr(at, slash - at);
    if (!part.empty() && part != ".") parts.push_back(part);
    at = slash + 1;
  }
  return parts;
}

VnodeResult failed(std::int32_t code) { return {{}, -code}; }

}  // namespace

Vnode Vfs::parent(Vnode dir) const {
  while (dir.ino == dir.fs->root()) {
    const Vnode covered = mount_of(dir.fs).covered;
    if (covered.fs == nullptr) return dir;  // the root is its own parent
    dir = covered;
  }
  return {dir.fs, static_cast<Ino>(dir.fs->lookup(dir.ino, ".."))};
}

VnodeResult Vfs::lookup(Vnode start, std::string_view path) const {
  if (path.empty()) return failed(err::kNoEntry);
  if (path.size() > kMaxPath) return failed(err::kNameTooLong);
  Vnode at = path.front() == '/' ? root() : start;
  if (!is_directory(at)) return failed(err::kNoEntry);
  for (const std::string_view part : components(path)) {
    if (!is_directory(at)) return failed(err::kNotDirectory);
    if (part.size() > kMaxName) return failed(err::kNameTooLong);
    if (part == "..") {
      at = parent(at);
      continue;
    }
    const std::int64_t child = at.fs->lookup(at.ino, part);
    if (child < 0) return {{}, child};
    at = cross_mounts({at.fs, static_cast<Ino>(child)});
  }
  const FileType type = stat(at).type;
  if (type == FileType::None) return failed(err::kNoEntry);  // ".." of a removed directory
  if (path.back() == '/' && type != FileType::Directory) return failed(err::kNotDirectory);
  return {at, 0};
}

VnodeResult Vfs::lookup_parent(Vnode start, std::string_view path, std::string& name) const {
  if (path.empty()) return failed(err::kNoEntry);
  if (path.size() > kMaxPath) return failed(err::kNameTooLong);
  std::string_view trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  const std::size_t slash = trimmed.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? trimmed : trimmed.substr(slash + 1);
  if (last.empty() || last == "." || last == "..") return failed(err::kInvalid);
  if (last.size() > kMaxName) return failed(err::kNameTooLong);
  VnodeResult dir{start, 0};
  if (slash != std::string_view::npos) {
    dir = lookup(start, slash == 0 ? std::string_view("/") : trimmed.substr(0, slash + 1));
    if (!dir.ok()) return dir;
  }
  if (!is_directory(dir.vnode)) return failed(err::kNotDirectory);
  name = std::string(last);
  return dir;
}

std::string Vfs::path_of(Vnode dir) const {
  std::string path;
  const Vnode top = root();
  while (dir != top) {
    if (dir.ino == dir.fs->root()) {  // a mounted file system's root: on from the directory it covers
      dir = mount_of(dir.fs).covered;
      continue;
    }
    const InodeStat inode = stat(dir);
    if (inode.type != FileType::Directory || inode.links == 0) return {};
    const Vnode up{dir.fs, static_cast<Ino>(dir.fs->lookup(dir.ino, ".."))};
    if (stat(up).type != FileType::Directory) return {};
    bool found = false;
    dir.fs->list(up.ino, 0, [&](const DirectoryEntry& entry) {
      if (entry.ino != dir.ino) return true;
      path.insert(0, "/" + std::string(entry.name));
      found = true;
      return false;
    });
    if (!found) return {};
    dir = up;
  }
  return path.empty() ? "/" : path;
}

}  // namespace ks
