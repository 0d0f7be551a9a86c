// kernel/fs/fat32/fat32_file_system.cpp — inode numbers for directory entries, and the
// FileSystem operations on top of Volume.
//
// Each operation finds the entry of its inode number again (Volume::reload: a read of the
// directory), so no copy of an entry can go stale when another operation changes it.
#include "kernel/fs/fat32/fat32_file_system.h"

#include <utility>

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks::fat32 {

Fat32FileSystem::Fat32FileSystem(Volume volume) : volume_(std::move(volume)), nodes_(2) { nodes_[kRoot].live = true; }

Entry Fat32FileSystem::entry_of(Ino ino) const {
  const Node& node = nodes_[ino];
  if (node.detached) return *node.detached;
  if (node.directory == 0) return volume_.root();
  Entry where;
  where.directory = node.directory;
  where.slot = node.slot;
  where.attributes = 0;
  return volume_.reload(where);
}

Ino Fat32FileSystem::number_for(const Entry& e) const {
  if (e.is_root()) return kRoot;
  const Position position{e.directory, e.slot};
  const auto it = by_position_.find(position);
  if (it != by_position_.end()) return it->second;
  const auto ino = static_cast<Ino>(nodes_.size());
  nodes_.push_back({true, e.directory, e.slot, 0});
  by_position_.emplace(position, ino);
  return ino;
}

InodeStat Fat32FileSystem::stat(Ino ino) const {
  if (!valid(ino)) return {};
  try {
    const Entry e = entry_of(ino);
    return {e.is_directory() ? FileType::Directory : FileType::File, e.size, e.detached ? 0U : 1U};
  } catch (const InputError&) {
    return {FileType::File, 0, 1};  // the entry is unreadable: reading it will say -EIO
  }
}

std::int64_t Fat32FileSystem::lookup(Ino dir, std::string_view name) const {
  KS_ASSERT(valid(dir), "names are looked up in a live directory");
  try {
    const Entry d = entry_of(dir);
    if (name == ".") return dir;
    const std::uint32_t cluster = volume_.directory_cluster(d);
    if (name == "..") {
      // The parent's cluster is in D's "..", and the parent's entry is in ITS parent, found
      // through the parent's own "..".
      const std::uint32_t root_cluster = volume_.geometry().root_cluster;
      const std::uint32_t parent = volume_.parent_of(cluster);
      if (d.is_root() || parent == root_cluster) return kRoot;
      for (const Entry& e : volume_.list(volume_.parent_of(parent))) {
        if (e.is_directory() && e.first_cluster == parent) return number_for(e);
      }
      return -err::kIo;  // no entry names the parent: the image is inconsistent
    }
    const std::optional<Entry> e = volume_.find(cluster, name);
    if (!e) return -err::kNoEntry;
    return number_for(*e);
  } catch (const InputError&) {
    return -err::kIo;
  }
}

std::int64_t Fat32FileSystem::make(Ino dir, std::string_view name, bool directory) {
  KS_ASSERT(valid(dir), "files are created in a live directory");
  if (read_only()) return -err::kReadOnly;
  try {
    const Entry d = entry_of(dir);
    if (d.detached) return -err::kNoEntry;  // a removed directory (someone's working directory)
    const std::uint32_t cluster = volume_.directory_cluster(d);
    Entry made;
    const std::int64_t result = volume_.create(cluster, name, directory, now(), &made);
    if (result < 0) return result;
    return number_for(made);
  } catch (const InputError&) {
    return -err::kIo;
  }
}

std::int64_t Fat32FileSystem::create(Ino dir, std::string_view name) { return make(dir, name, false); }
std::int64_t Fat32FileSystem::mkdir(Ino dir, std::string_view name) { return make(dir, name, true); }

std::int64_t Fat32FileSystem::remove(Ino dir, std::string_view name, bool as_directory) {
  KS_ASSERT(valid(dir), "names are removed from a live directory");
  if (read_only()) return -err::kReadOnly;
  try {
    const std::uint32_t cluster = volume_.directory_cluster(entry_of(dir));
    const std::optional<Entry> e = volume_.find(cluster, name);
    if (!e) return -err::kNoEntry;
    const auto it = by_position_.find({e->directory, e->slot});
    Node* node = it == by_position_.end() ? nullptr : &nodes_[it->second];
    const bool in_use = node != nullptr && node->open > 0;
    Entry kept;
    const std::int64_t result = volume_.remove(cluster, name, as_directory, in_use ? &kept : nullptr);
    if (result < 0) return result;
    if (node != nullptr) {
      by_position_.erase(it);  // the number is never given out again
      if (in_use) {
        node->detached = kept;
      } else {
        node->live = false;
      }
    }
    return 0;
  } catch (const InputError&) {
    return -err::kIo;
  }
}

std::int64_t Fat32FileSystem::unlink(Ino dir, std::string_view name) { return remove(dir, name, false); }
std::int64_t Fat32FileSystem::rmdir(Ino dir, std::string_view name) { return remove(dir, name, true); }

std::int64_t Fat32FileSystem::rename(Ino from_dir, std::string_view from_name, Ino to_dir, std::string_view to_name) {
  KS_ASSERT(valid(from_dir) && valid(to_dir), "names are moved between live directories");
  if (read_only()) return -err::kReadOnly;
  try {
    const Entry to_entry = entry_of(to_dir);
    if (to_entry.detached) return -err::kNoEntry;  // a removed directory
    const std::uint32_t from = volume_.directory_cluster(entry_of(from_dir));
    const std::uint32_t to = volume_.directory_cluster(to_entry);
    const std::optional<Entry> source = volume_.find(from, from_name);
    if (!source) return -err::kNoEntry;
    const std::optional<Entry> target = volume_.find(to, to_name);
    const bool same_entry = target && target->directory == source->directory && target->slot == source->slot;
    Ino replaced = 0;  // the number of the file the rename replaces, if it has one
    if (target && !same_entry) {
      if (source->is_directory() != target->is_directory()) {
        return source->is_directory() ? -err::kNotDirectory : -err::kIsDirectory;
      }
      if (const auto it = by_position_.find({target->directory, target->slot}); it != by_position_.end()) {
        replaced = it->second;
      }
      if (replaced != 0 && nodes_[replaced].open > 0) {
        // An open file is removed as unlink removes it, so that it lives on until its last close.
        // An open directory (someone's working directory) is not replaced.
        if (target->is_directory()) return -err::kBusy;
        if (const std::int64_t removed = remove(to_dir, to_name, false); removed < 0) return removed;
        replaced = 0;
      }
    }
    const std::int64_t result = volume_.rename(from, from_name, to, to_name, now());
    if (result < 0) return result;
    if (replaced != 0) {
      by_position_.erase({target->directory, target->slot});
      nodes_[replaced].live = false;
    }
    // The moved entry's number follows it to its new position.
    const auto old_position = by_position_.find({source->directory, source->slot});
    if (old_position == by_position_.end()) return 0;  // it had no number yet
    const Ino ino = old_position->second;
    by_position_.erase(old_position);
    const std::optional<Entry> moved = volume_.find(to, to_name);
    KS_ASSERT(moved.has_value(), "a renamed entry is found under its new name");
    nodes_[ino].directory = moved->directory;
    nodes_[ino].slot = moved->slot;
    by_position_[{moved->directory, moved->slot}] = ino;
    return 0;
  } catch (const InputError&) {
    return -err::kIo;
  }
}

std::int64_t Fat32FileSystem::sync() {
  if (read_only() || !volume_.dirty() || !volume_.image().has_file()) return 0;
  try {
    volume_.flush();
    return 0;
  } catch (const InputError&) {
    return -err::kIo;
  }
}

void Fat32FileSystem::flush() {
  if (read_only() || !volume_.dirty() || !volume_.image().has_file()) return;
  volume_.flush();
}

IoOutcome Fat32FileSystem::read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) {
  if (!valid(ino)) return IoOutcome::done(-err::kBadFile);
  try {
    return IoOutcome::done(volume_.read(entry_of(ino), offset, out));
  } catch (const InputError&) {
    return IoOutcome::done(-err::kIo);
  }
}

IoOutcome Fat32FileSystem::write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes) {
  if (!valid(ino)) return IoOutcome::done(-err::kBadFile);
  if (read_only()) return IoOutcome::done(-err::kReadOnly);
  try {
    Entry e = entry_of(ino);
    const std::int64_t result = volume_.write(e, offset, bytes, now());
    if (nodes_[ino].detached) nodes_[ino].detached = e;
    return IoOutcome::done(result);
  } catch (const InputError&) {
    return IoOutcome::done(-err::kIo);
  }
}

std::int64_t Fat32FileSystem::truncate(Ino ino, std::uint64_t size) {
  if (!valid(ino)) return -err::kBadFile;
  if (read_only()) return -err::kReadOnly;
  try {
    Entry e = entry_of(ino);
    const std::int64_t result = volume_.truncate(e, size, now());
    if (nodes_[ino].detached) nodes_[ino].detached = e;
    return result;
  } catch (const InputError&) {
    return -err::kIo;
  }
}

void Fat32FileSystem::list(Ino dir, std::uint64_t from, const DirectorySink& take) const {
  KS_ASSERT(valid(dir), "a live directory is listed");
  std::vector<Entry> entries;
  try {
    entries = volume_.list(volume_.directory_cluster(entry_of(dir)));
  } catch (const InputError&) {
    return;  // an unreadable directory lists as empty; reading its files says -EIO
  }
  for (std::uint64_t i = from; i < entries.size(); ++i) {
    const Entry& e = entries[static_cast<std::size_t>(i)];
    const DirectoryEntry shown{e.name, number_for(e), e.is_directory() ? FileType::Directory : FileType::File, i + 1};
    if (!take(shown)) return;
  }
}

void Fat32FileSystem::open_inode(Ino ino) {
  KS_ASSERT(valid(ino), "only a live inode is opened");
  ++nodes_[ino].open;
}

void Fat32FileSystem::close_inode(Ino ino) {
  KS_ASSERT(valid(ino) && nodes_[ino].open > 0, "an open inode is closed");
  Node& node = nodes_[ino];
  if (--node.open > 0 || !node.detached) return;
  try {
    volume_.release(*node.detached);
  } catch (const InputError&) {
    // A chain the image had broken: its clusters stay as they are, for fsck to report.
  }
  node.detached.reset();
  node.live = false;
}

}  // namespace ks::fat32
