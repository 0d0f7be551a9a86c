// kernel/fs/fat32/volume_ops.cpp — changing a volume: allocating clusters, adding and removing
// directory entries, creating, removing, renaming, writing and truncating files.
//
// ALLOCATION takes free clusters from a roving hint (FSInfo's "next free", kept in memory) and
// links them in one chain; a request that cannot be met in full takes nothing. A NAME is stored
// as its own short entry when it is an exact 8.3 name, else as long-name entries followed by a
// generated short name "BASIS~N.EXT" with the smallest N that no entry of the directory has. A
// new DIRECTORY gets one zeroed cluster holding "." and ".." ("..": 0 when the parent is the
// root, as the specification asks). Growing a file zeroes what it adds, so a hole reads as zeros
// even over a cluster that held an old file's bytes.
#include <algorithm>
#include <set>

#include "kernel/errno.h"
#include "kernel/fs/fat32/volume.h"
#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

constexpr std::uint32_t kMaxDirectorySlots = 65536;  // the specification's limit (2 MiB of entries)
constexpr std::uint64_t kMaxFileSize = 0xFFFFFFFF;

std::uint64_t round_up(std::uint64_t value, std::uint64_t unit) { return (value + unit - 1) / unit; }

void put_cluster(std::span<std::uint8_t> raw, std::uint32_t cluster) {
  put16(raw, kDirFstClusHi, cluster >> 16);
  put16(raw, kDirFstClusLo, cluster & 0xFFFF);
}

void put_short_entry(std::span<std::uint8_t> raw, const Entry& e) {
  std::fill(raw.begin(), raw.end(), std::uint8_t{0});
  std::copy(e.short_name.begin(), e.short_name.end(), raw.begin());
  raw[kDirAttr] = e.attributes;
  raw[kDirNtRes] = e.nt_flags;
  put16(raw, kDirCrtTime, e.write_time);
  put16(raw, kDirCrtDate, e.write_date);
  put16(raw, kDirLstAccDate, e.write_date);
  put_cluster(raw, e.first_cluster);
  put16(raw, kDirWrtTime, e.write_time);
  put16(raw, kDirWrtDate, e.write_date);
  put32(raw, kDirFileSize, e.is_directory() ? 0 : e.size);
}

}  // namespace

std::vector<std::uint32_t> Volume::allocate(std::uint32_t count, bool zero) {
  std::vector<std::uint32_t> taken;
  if (count == 0) return taken;
  const std::uint32_t total = geometry_.cluster_count;
  std::uint32_t cluster = geometry_.valid_cluster(next_free_) ? next_free_ : kFirstCluster;
  for (std::uint32_t looked = 0; looked < total && taken.size() < count; ++looked) {
    if (fat_entry(cluster) == kFree) taken.push_back(cluster);
    cluster = cluster == geometry_.max_cluster() ? kFirstCluster : cluster + 1;
  }
  if (taken.size() < count) return {};
  for (std::size_t i = 0; i < taken.size(); ++i) {
    set_fat_entry(taken[i], i + 1 < taken.size() ? taken[i + 1] : kEndOfChain);
    if (zero) std::fill_n(cluster_bytes(taken[i]).begin(), geometry_.cluster_bytes, std::uint8_t{0});
  }
  next_free_ = cluster;
  return taken;
}

void Volume::free_chain(std::uint32_t first, const std::string& what) {
  for (const std::uint32_t c : chain(first, what)) set_fat_entry(c, kFree);
}

std::int64_t Volume::free_slots(std::uint32_t dir, std::uint32_t count) {
  std::vector<std::uint32_t> clusters = chain(dir, "a directory");
  const std::uint32_t per_cluster = geometry_.cluster_bytes / kEntryBytes;
  const auto slots = static_cast<std::uint32_t>(clusters.size() * per_cluster);
  std::uint32_t run = 0;
  for (std::uint32_t slot = 0; slot < slots; ++slot) {
    const std::uint8_t first = slot_bytes(clusters, slot)[0];
    if (first == kEntryEnd) {
      // This slot and all after it are free: the run continues to the end (and beyond, after growing).
      const std::uint32_t start = slot - run;
      const std::uint32_t needed = start + count;
      if (needed > kMaxDirectorySlots) return -err::kNoSpace;
      if (needed > slots) {
        const std::vector<std::uint32_t> more =
            allocate(static_cast<std::uint32_t>(round_up(needed - slots, per_cluster)), true);
        if (more.empty()) return -err::kNoSpace;
        set_fat_entry(clusters.back(), more.front());
      }
      // Past the end marker the slots are free whatever they hold; zero them so that the slot
      // after the new entries ends the directory again.
      for (std::uint32_t rest = std::max(slot, needed); rest < slots; ++rest) {
        const auto raw = slot_bytes(clusters, rest);
        std::fill(raw.begin(), raw.end(), std::uint8_t{0});
      }
      return start;
    }
    run = first == kEntryFree ? run + 1 : 0;
    if (run == count) return slot + 1 - count;
  }
  // Full to the last slot, with no end marker: grow by whole clusters.
  const std::uint32_t start = slots - run;
  if (start + count > kMaxDirectorySlots) return -err::kNoSpace;
  const std::vector<std::uint32_t> more =
      allocate(static_cast<std::uint32_t>(round_up(count - run, per_cluster)), true);
  if (more.empty()) return -err::kNoSpace;
  set_fat_entry(clusters.back(), more.front());
  return start;
}

std::int64_t Volume::add_entry(std::uint32_t dir, std::string_view name, Entry& e) {
  const std::vector<Entry> existing = list(dir);
  std::vector<std::array<std::uint8_t, 32>> long_entries;
  if (const auto exact = exact_short_name(name)) {
    e.short_name = exact->name;
    e.nt_flags = exact->nt_flags;
  } else {
    std::set<ShortName> taken;
    for (const Entry& other : existing) taken.insert(other.short_name);
    unsigned n = 1;
    while (taken.contains(generated_short_name(name, n))) ++n;  // at most one try more than there are entries
    e.short_name = generated_short_name(name, n);
    e.nt_flags = 0;
    long_entries = long_name_entries(name, e.short_name);
  }
  const auto count = static_cast<std::uint32_t>(long_entries.size() + 1);
  const std::int64_t start = free_slots(dir, count);
  if (start < 0) return start;
  const std::vector<std::uint32_t> clusters = chain(dir, "a directory");
  for (std::uint32_t i = 0; i < long_entries.size(); ++i) {
    const auto raw = slot_bytes(clusters, static_cast<std::uint32_t>(start) + i);
    std::copy(long_entries[i].begin(), long_entries[i].end(), raw.begin());
  }
  e.name = std::string(name);
  e.directory = dir;
  e.first_slot = static_cast<std::uint32_t>(start);
  e.slot = static_cast<std::uint32_t>(start) + count - 1;
  put_short_entry(slot_bytes(clusters, e.slot), e);
  dirty_ = true;
  return 0;
}

void Volume::erase_entry(const Entry& e) {
  const std::vector<std::uint32_t> clusters = chain(e.directory, "a directory");
  for (std::uint32_t slot = e.first_slot; slot <= e.slot; ++slot) slot_bytes(clusters, slot)[0] = kEntryFree;
  dirty_ = true;
}

void Volume::store(const Entry& e) {
  KS_ASSERT(!e.is_root(), "the root has no entry to store");
  dirty_ = true;
  if (e.detached) return;  // it has no entry any more
  const std::vector<std::uint32_t> clusters = chain(e.directory, "a directory");
  const auto raw = slot_bytes(clusters, e.slot);
  raw[kDirAttr] = e.attributes;
  put_cluster(raw, e.first_cluster);
  put16(raw, kDirWrtTime, e.write_time);
  put16(raw, kDirWrtDate, e.write_date);
  put16(raw, kDirLstAccDate, e.write_date);
  put32(raw, kDirFileSize, e.is_directory() ? 0 : e.size);
  dirty_ = true;
}

Entry Volume::reload(const Entry& file) const {
  if (file.is_root()) return root();
  if (file.detached) return file;
  for (Entry& e : list(file.directory)) {
    if (e.slot == file.slot) return std::move(e);
  }
  return file;
}

void Volume::set_dotdot(std::uint32_t dir_cluster, std::uint32_t parent) {
  const auto raw = cluster_bytes(dir_cluster).subspan(kEntryBytes, kEntryBytes);
  put_cluster(raw, parent == geometry_.root_cluster ? 0 : parent);
  dirty_ = true;
}

std::int64_t Volume::create(std::uint32_t dir, std::string_view name, bool directory, FatTime time, Entry* made) {
  if (!name_problem(name).empty()) return name.size() > 255 ? -err::kNameTooLong : -err::kInvalid;
  if (find(dir, name)) return -err::kExists;
  Entry e;
  e.attributes = directory ? kAttrDirectory : kAttrArchive;
  e.write_date = time.date;
  e.write_time = time.time;
  if (directory) {
    const std::vector<std::uint32_t> cluster = allocate(1, true);
    if (cluster.empty()) return -err::kNoSpace;
    e.first_cluster = cluster.front();
    Entry dot = e;
    dot.short_name.fill(' ');
    dot.short_name[0] = '.';
    put_short_entry(cluster_bytes(e.first_cluster).subspan(0, kEntryBytes), dot);
    Entry dotdot = dot;
    dotdot.short_name[1] = '.';
    dotdot.first_cluster = dir == geometry_.root_cluster ? 0 : dir;
    put_short_entry(cluster_bytes(e.first_cluster).subspan(kEntryBytes, kEntryBytes), dotdot);
  }
  const std::int64_t added = add_entry(dir, name, e);
  if (added < 0) {
    if (directory) set_fat_entry(e.first_cluster, kFree);
    return added;
  }
  if (made != nullptr) *made = e;
  return 0;
}

std::int64_t Volume::remove(std::uint32_t dir, std::string_view name, bool as_directory, Entry* kept) {
  const std::optional<Entry> e = find(dir, name);
  if (!e) return -err::kNoEntry;
  if (e->is_directory() && !as_directory) return -err::kIsDirectory;
  if (!e->is_directory() && as_directory) return -err::kNotDirectory;
  if (e->is_directory() && !list(directory_cluster(*e), e->name).empty()) return -err::kNotEmpty;
  if (kept != nullptr) {
    *kept = *e;
    kept->detached = true;
  } else {
    free_chain(e->first_cluster, "\"" + e->name + "\"");
  }
  erase_entry(*e);
  return 0;
}

void Volume::release(const Entry& detached) {
  KS_ASSERT(detached.detached, "only a detached entry is released");
  free_chain(detached.first_cluster, "\"" + detached.name + "\"");
}

std::int64_t Volume::rename(std::uint32_t from_dir, std::string_view from_name, std::uint32_t to_dir,
                            std::string_view to_name, FatTime time) {
  const std::optional<Entry> source = find(from_dir, from_name);
  if (!source) return -err::kNoEntry;
  if (!name_problem(to_name).empty()) return -err::kInvalid;
  if (source->is_directory()) {
    // A directory may not move into itself or below itself: walk up from the target.
    const std::uint32_t moving = directory_cluster(*source);
    std::uint32_t up = to_dir;
    for (std::uint32_t depth = 0;; ++depth) {
      if (up == moving) return -err::kInvalid;
      if (up == geometry_.root_cluster || depth > geometry_.cluster_count) break;
      up = parent_of(up);
    }
  }
  if (const std::optional<Entry> target = find(to_dir, to_name)) {
    if (target->directory == source->directory && target->slot == source->slot) {
      if (target->name == to_name) return 0;  // the same name: nothing to do
    } else {
      if (source->is_directory() != target->is_directory()) {
        return source->is_directory() ? -err::kNotDirectory : -err::kIsDirectory;
      }
      const std::int64_t removed = remove(to_dir, to_name, target->is_directory());
      if (removed < 0) return removed;
    }
  }
  Entry moved = *source;
  moved.write_date = time.date;
  moved.write_time = time.time;
  // Free the old name first, so that a rename within one directory can reuse its slots.
  erase_entry(*source);
  const std::int64_t added = add_entry(to_dir, to_name, moved);
  if (added < 0) {
    // Put the old entry back as it was (its slots are still marked free, not reused).
    const std::vector<std::uint32_t> clusters = chain(source->directory, "a directory");
    const std::vector<std::array<std::uint8_t, 32>> long_entries =
        source->first_slot == source->slot ? std::vector<std::array<std::uint8_t, 32>>{}
                                           : long_name_entries(source->name, source->short_name);
    for (std::uint32_t i = 0; i < long_entries.size(); ++i) {
      const auto raw = slot_bytes(clusters, source->first_slot + i);
      std::copy(long_entries[i].begin(), long_entries[i].end(), raw.begin());
    }
    put_short_entry(slot_bytes(clusters, source->slot), *source);
    return added;
  }
  if (moved.is_directory() && from_dir != to_dir) set_dotdot(moved.first_cluster, to_dir);
  return 0;
}

std::int64_t Volume::read(const Entry& file, std::uint64_t offset, std::span<std::uint8_t> out) const {
  if (file.is_directory()) return -err::kIsDirectory;
  if (offset >= file.size || out.empty()) return 0;
  const std::vector<std::uint32_t> clusters = chain(file.first_cluster, "\"" + file.name + "\"");
  const std::uint32_t cb = geometry_.cluster_bytes;
  if (round_up(file.size, cb) > clusters.size()) {
    throw InputError({name(), 0, 0, "directory entry"},
                     "\"" + file.name + "\" is " + std::to_string(file.size) + " bytes but its chain has only " +
                         std::to_string(clusters.size()) + " clusters of " + std::to_string(cb) + " bytes");
  }
  const std::uint64_t count = std::min<std::uint64_t>(out.size(), file.size - offset);
  for (std::uint64_t done = 0; done < count;) {
    const std::uint64_t at = offset + done;
    const std::uint64_t in_cluster = at % cb;
    const std::uint64_t n = std::min<std::uint64_t>(count - done, cb - in_cluster);
    const auto data = cluster_bytes(clusters[static_cast<std::size_t>(at / cb)]);
    std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(in_cluster), n,
                out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
  }
  return static_cast<std::int64_t>(count);
}

// Makes FILE's chain hold SIZE bytes and sets its size (zeroing from the old end when growing).
std::int64_t Volume::resize(Entry& file, std::uint64_t size, bool zero_new) {
  if (size > kMaxFileSize) return -err::kFileTooBig;
  const std::uint32_t cb = geometry_.cluster_bytes;
  std::vector<std::uint32_t> clusters = chain(file.first_cluster, "\"" + file.name + "\"");
  const auto needed = static_cast<std::size_t>(round_up(size, cb));
  if (needed > clusters.size()) {
    const std::vector<std::uint32_t> more = allocate(static_cast<std::uint32_t>(needed - clusters.size()), true);
    if (more.empty()) return -err::kNoSpace;
    if (clusters.empty()) {
      file.first_cluster = more.front();
    } else {
      set_fat_entry(clusters.back(), more.front());
    }
    clusters.insert(clusters.end(), more.begin(), more.end());
  } else if (needed < clusters.size()) {
    for (std::size_t i = needed; i < clusters.size(); ++i) set_fat_entry(clusters[i], kFree);
    if (needed == 0) {
      file.first_cluster = 0;
    } else {
      set_fat_entry(clusters[needed - 1], kEndOfChain);
    }
    clusters.resize(needed);
  }
  if (zero_new && size > file.size && file.size % cb != 0) {
    // The old last cluster's tail may hold stale bytes: zero it up to the new size.
    const std::uint64_t end = std::min<std::uint64_t>(size, round_up(file.size, cb) * cb);
    const auto data = cluster_bytes(clusters[file.size / cb]);
    std::fill(data.begin() + static_cast<std::ptrdiff_t>(file.size % cb),
              data.begin() + static_cast<std::ptrdiff_t>(end - std::uint64_t{file.size / cb} * cb), std::uint8_t{0});
  }
  file.size = static_cast<std::uint32_t>(size);
  dirty_ = true;
  return 0;
}

std::int64_t Volume::write(Entry& file, std::uint64_t offset, std::span<const std::uint8_t> bytes_in, FatTime time) {
  if (file.is_directory()) return -err::kIsDirectory;
  if (offset > kMaxFileSize || bytes_in.size() > kMaxFileSize - offset) return -err::kFileTooBig;
  if (offset + bytes_in.size() > file.size) {
    const std::int64_t grown = resize(file, offset + bytes_in.size(), true);
    if (grown < 0) return grown;
  }
  const std::vector<std::uint32_t> clusters = chain(file.first_cluster, "\"" + file.name + "\"");
  const std::uint32_t cb = geometry_.cluster_bytes;
  for (std::uint64_t done = 0; done < bytes_in.size();) {
    const std::uint64_t at = offset + done;
    const std::uint64_t in_cluster = at % cb;
    const std::uint64_t n = std::min<std::uint64_t>(bytes_in.size() - done, cb - in_cluster);
    const auto data = cluster_bytes(clusters[static_cast<std::size_t>(at / cb)]);
    std::copy_n(bytes_in.begin() + static_cast<std::ptrdiff_t>(done), n,
                data.begin() + static_cast<std::ptrdiff_t>(in_cluster));
    done += n;
  }
  file.write_date = time.date;
  file.write_time = time.time;
  store(file);
  return static_cast<std::int64_t>(bytes_in.size());
}

std::int64_t Volume::truncate(Entry& file, std::uint64_t size, FatTime time) {
  if (file.is_directory()) return -err::kIsDirectory;
  const std::int64_t resized = resize(file, size, true);
  if (resized < 0) return resized;
  file.write_date = time.date;
  file.write_time = time.time;
  store(file);
  return 0;
}

}  // namespace ks::fat32
