#include "kernel/fs/memfs.h"

#include <algorithm>
#include <iterator>

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks {

MemFs::MemFs() : inodes_(2) {
  inodes_[kRoot].type = FileType::Directory;
  inodes_[kRoot].parent = kRoot;
  inodes_[kRoot].links = 1;
}

InodeStat MemFs::stat(Ino ino) const {
  if (!valid(ino)) return {};
  const Inode& inode = inodes_[ino];
  const std::size_t size = inode.type == FileType::Directory ? inode.entries.size() : inode.data.size();
  return {inode.type, size, inode.links};
}

std::int64_t MemFs::lookup(Ino dir, std::string_view name) const {
  KS_ASSERT(is_directory(dir), "names are looked up in directories");
  if (name == ".") return dir;
  if (name == "..") return inodes_[dir].parent;
  const auto& entries = inodes_[dir].entries;
  const auto it = entries.find(name);
  if (it == entries.end()) return -err::kNoEntry;
  return it->second;
}

std::int64_t MemFs::make(Ino dir, std::string_view name, FileType type) {
  KS_ASSERT(is_directory(dir), "files are created in directories");
  if (inodes_[dir].links == 0) return -err::kNoEntry;  // a removed directory (someone's cwd)
  if (inodes_[dir].entries.contains(name)) return -err::kExists;
  if (inodes_.size() >= kMaxInodes) return -err::kNoSpace;
  const auto ino = static_cast<Ino>(inodes_.size());
  inodes_.emplace_back();
  inodes_[ino].type = type;
  inodes_[ino].links = 1;
  if (type == FileType::Directory) inodes_[ino].parent = dir;
  inodes_[dir].entries.emplace(std::string(name), ino);
  return ino;
}

std::int64_t MemFs::create(Ino dir, std::string_view name) { return make(dir, name, FileType::File); }
std::int64_t MemFs::mkdir(Ino dir, std::string_view name) { return make(dir, name, FileType::Directory); }

std::int64_t MemFs::remove(Ino dir, std::string_view name, bool as_directory) {
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

std::int64_t MemFs::unlink(Ino dir, std::string_view name) { return remove(dir, name, false); }
std::int64_t MemFs::rmdir(Ino dir, std::string_view name) { return remove(dir, name, true); }

std::int64_t MemFs::rename(Ino from_dir, std::string_view from_name, Ino to_dir, std::string_view to_name) {
  KS_ASSERT(is_directory(from_dir) && is_directory(to_dir), "names are moved between directories");
  auto& from = inodes_[from_dir].entries;
  const auto source = from.find(from_name);
  if (source == from.end()) return -err::kNoEntry;
  const Ino ino = source->second;
  if (inodes_[to_dir].links == 0) return -err::kNoEntry;  // a removed directory
  if (is_directory(ino)) {
    // A directory may not move into itself or below itself: walk up from the target.
    for (Ino up = to_dir;; up = inodes_[up].parent) {
      if (up == ino) return -err::kInvalid;
      if (up == kRoot) break;
    }
  }
  auto& to = inodes_[to_dir].entries;
  if (const auto target = to.find(to_name); target != to.end()) {
    const Ino replaced = target->second;
    if (replaced == ino) return 0;  // two names of one file: nothing to do, as POSIX says
    if (is_directory(ino) != is_directory(replaced))
      return is_directory(ino) ? -err::kNotDirectory : -err::kIsDirectory;
    if (is_directory(replaced) && !inodes_[replaced].entries.empty()) return -err::kNotEmpty;
    to.erase(target);
    --inodes_[replaced].links;
    release_if_unused(replaced);
  }
  from.erase(source);  // still valid: erasing another element of a map moves no other
  to.emplace(std::string(to_name), ino);
  if (is_directory(ino)) inodes_[ino].parent = to_dir;
  return 0;
}

void MemFs::release_if_unused(Ino ino) {
  Inode& inode = inodes_[ino];
  if (inode.links > 0 || inode.open > 0) return;
  total_bytes_ -= inode.data.size();
  inode = Inode{};  // the number is not reused, so a stale number can never name a new file
}

void MemFs::open_inode(Ino ino) {
  KS_ASSERT(valid(ino) && inodes_[ino].type != FileType::None, "only a live inode is opened");
  ++inodes_[ino].open;
}

void MemFs::close_inode(Ino ino) {
  KS_ASSERT(valid(ino) && inodes_[ino].open > 0, "an inode is closed as often as it was opened");
  --inodes_[ino].open;
  release_if_unused(ino);
}

IoOutcome MemFs::read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) {
  const auto& data = inodes_[ino].data;
  if (offset >= data.size()) return IoOutcome::done(0);
  const std::size_t count = std::min<std::size_t>(out.size(), data.size() - offset);
  std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), count, out.begin());
  return IoOutcome::done(static_cast<std::int64_t>(count));
}

IoOutcome MemFs::write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes) {
  auto& data = inodes_[ino].data;
  const std::uint64_t end = offset + bytes.size();
  if (end > kMaxFileBytes) return IoOutcome::done(-err::kFileTooBig);
  if (end > data.size()) {
    if (total_bytes_ + (end - data.size()) > kMaxTotalBytes) return IoOutcome::done(-err::kNoSpace);
    total_bytes_ += end - data.size();
    data.resize(end, 0);
  }
  std::copy(bytes.begin(), bytes.end(), data.begin() + static_cast<std::ptrdiff_t>(offset));
  return IoOutcome::done(static_cast<std::int64_t>(bytes.size()));
}

std::int64_t MemFs::truncate(Ino ino, std::uint64_t size) {
  auto& data = inodes_[ino].data;
  if (size > kMaxFileBytes) return -err::kFileTooBig;
  if (size > data.size() && total_bytes_ + (size - data.size()) > kMaxTotalBytes) return -err::kNoSpace;
  total_bytes_ = total_bytes_ - data.size() + size;
  data.resize(size, 0);
  if (size == 0) data.shrink_to_fit();  // an emptied file gives its memory back
  return 0;
}

void MemFs::list(Ino dir, std::uint64_t from, const DirectorySink& take) const {
  KS_ASSERT(is_directory(dir), "only a directory is listed");
  const auto& entries = inodes_[dir].entries;
  if (from >= entries.size()) return;
  std::uint64_t position = from;
  for (auto it = std::next(entries.begin(), static_cast<std::ptrdiff_t>(from)); it != entries.end(); ++it) {
    ++position;
    if (!take({it->first, it->second, inodes_[it->second].type, position})) return;
  }
}

}  // namespace ks
