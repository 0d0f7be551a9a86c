#include "kernel/fs/memfs.h"

#include <algorithm>

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::size_t kMaxInodes = 65536;

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

}  // namespace

MemFs::MemFs() : inodes_(1) {
  const Ino root = allocate(InodeType::Directory);
  KS_ASSERT(root == kRoot, "the root directory is inode 1");
  inodes_[root].parent = root;
  inodes_[root].links = 1;
}

Ino MemFs::allocate(InodeType type) {
  inodes_.emplace_back();
  inodes_.back().type = type;
  return static_cast<Ino>(inodes_.size() - 1);
}

std::int64_t MemFs::lookup(Ino start, std::string_view path) const {
  if (path.empty()) return -err::kNoEntry;
  if (path.size() > kMaxPath) return -err::kNameTooLong;
  Ino at = path.front() == '/' ? kRoot : start;
  if (!is_directory(at)) return -err::kNoEntry;
  for (const std::string_view part : components(path)) {
    if (!is_directory(at)) return -err::kNotDirectory;
    if (part.size() > kMaxName) return -err::kNameTooLong;
    if (part == "..") {
      at = inodes_[at].parent;
      continue;
    }
    const auto& entries = inodes_[at].entries;
    const auto it = entries.find(std::string(part));
    if (it == entries.end()) return -err::kNoEntry;
    at = it->second;
  }
  if (inodes_[at].type == InodeType::Free) return -err::kNoEntry;  // ".." of a removed directory
  if (path.back() == '/' && !is_directory(at)) return -err::kNotDirectory;
  return at;
}

std::int64_t MemFs::lookup_parent(Ino start, std::string_view path, std::string& name) const {
  if (path.empty()) return -err::kNoEntry;
  if (path.size() > kMaxPath) return -err::kNameTooLong;
  std::string_view trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  const std::size_t slash = trimmed.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? trimmed : trimmed.substr(slash + 1);
  if (last.empty() || last == "." || last == "..") return -err::kInvalid;
  if (last.size() > kMaxName) return -err::kNameTooLong;
  std::int64_t dir = start;
  if (slash != std::string_view::npos) {
    dir = lookup(start, slash == 0 ? std::string_view("/") : trimmed.substr(0, slash + 1));
    if (dir < 0) return dir;
  }
  if (!is_directory(static_cast<Ino>(dir))) return -err::kNotDirectory;
  name = std::string(last);
  return dir;
}

std::int64_t MemFs::create(Ino dir, const std::string& name, InodeType type) {
  KS_ASSERT(is_directory(dir), "files are created in directories");
  if (inodes_[dir].links == 0) return -err::kNoEntry;  // a removed directory (someone's cwd)
  if (inodes_[dir].entries.contains(name)) return -err::kExists;
  if (inodes_.size() >= kMaxInodes) return -err::kNoSpace;
  const Ino ino = allocate(type);
  inodes_[ino].links = 1;
  if (type == InodeType::Directory) inodes_[ino].parent = dir;
  inodes_[dir].entries.emplace(name, ino);
  return ino;
}

std::int64_t MemFs::unlink(Ino dir, const std::string& name, bool as_directory) {
  KS_ASSERT(is_directory(dir), "names are removed from directories");
  auto& entries = inodes_[dir].entries;
  const auto it = entries.find(name);
  if (it == entries.end()) return -err::kNoEntry;
  const Ino ino = it->second;
  if (is_directory(ino) && !as_directory) return -err::kIsDirectory;
  if (!is_directory(ino) && as_directory) return -err::kNotDirectory;
  if (is_directory(ino) && !inodes_[ino].entries.empty()) return -err::kNotEmpty;
  entries.erase(it);
  --inodes_[ino].links;
  release_if_unused(ino);
  return 0;
}

void MemFs::release_if_unused(Ino ino) {
  Inode& inode = inodes_[ino];
  if (inode.links > 0 || inode.open > 0) return;
  total_bytes_ -= inode.data.size();
  inode = Inode{};  // the number is not reused, so a stale number can never name a new file
}

void MemFs::open_inode(Ino ino) { ++inodes_[ino].open; }

void MemFs::close_inode(Ino ino) {
  KS_ASSERT(inodes_[ino].open > 0, "an inode is closed as often as it was opened");
  --inodes_[ino].open;
  release_if_unused(ino);
}

std::size_t MemFs::read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) const {
  const auto& data = inodes_[ino].data;
  if (offset >= data.size()) return 0;
  const std::size_t count = std::min<std::size_t>(out.size(), data.size() - offset);
  std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), count, out.begin());
  return count;
}

std::int64_t MemFs::write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes) {
  auto& data = inodes_[ino].data;
  const std::uint64_t end = offset + bytes.size();
  if (end > kMaxFileBytes) return -err::kFileTooBig;
  if (end > data.size()) {
    if (total_bytes_ + (end - data.size()) > kMaxTotalBytes) return -err::kNoSpace;
    total_bytes_ += end - data.size();
    data.resize(end, 0);
  }
  std::copy(bytes.begin(), bytes.end(), data.begin() + static_cast<std::ptrdiff_t>(offset));
  return static_cast<std::int64_t>(bytes.size());
}

void MemFs::truncate(Ino ino) {
  total_bytes_ -= inodes_[ino].data.size();
  inodes_[ino].data.clear();
  inodes_[ino].data.shrink_to_fit();
}

std::string MemFs::path_of(Ino dir) const {
  std::string path;
  while (dir != kRoot) {
    if (!is_directory(dir) || inodes_[dir].links == 0) return {};
    const Ino parent = inodes_[dir].parent;
    bool found = false;
    for (const auto& [name, ino] : inodes_[parent].entries) {
      if (ino == dir) {
        path.insert(0, "/" + name);
        found = true;
        break;
      }
    }
    if (!found) return {};
    dir = parent;
  }
  return path.empty() ? "/" : path;
}

bool MemFs::install_directory(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  Ino at = kRoot;
  for (const std::string_view part : components(path)) {
    if (part == ".." || part.size() > kMaxName) return false;
    const auto it = inodes_[at].entries.find(std::string(part));
    if (it == inodes_[at].entries.end()) {
      at = static_cast<Ino>(create(at, std::string(part), InodeType::Directory));
    } else if (is_directory(it->second)) {
      at = it->second;
    } else {
      return false;
    }
  }
  return true;
}

bool MemFs::install_file(std::string_view path, std::span<const std::uint8_t> bytes) {
  std::string name;
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || !install_directory(path.substr(0, slash + 1))) return false;
  const std::int64_t dir = lookup_parent(kRoot, path, name);
  if (dir < 0) return false;
  const auto& entries = inodes_[static_cast<Ino>(dir)].entries;
  std::int64_t ino = 0;
  if (const auto it = entries.find(name); it != entries.end()) {
    if (is_directory(it->second)) return false;
    ino = it->second;
    truncate(static_cast<Ino>(ino));
  } else {
    ino = create(static_cast<Ino>(dir), name, InodeType::File);
    if (ino < 0) return false;
  }
  return write(static_cast<Ino>(ino), 0, bytes) == static_cast<std::int64_t>(bytes.size());
}

}  // namespace ks
