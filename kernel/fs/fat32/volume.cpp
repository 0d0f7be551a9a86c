// kernel/fs/fat32/volume.cpp — mounting, the FAT and its chains, reading directories, paths.
//
// Every loop here is bounded by the volume: a chain by the number of clusters, a directory by
// its chain, a walk by the set of directories already entered, a path by its components. Every
// position computed from the image is checked before it is used (Geometry::valid_cluster), so
// a hostile image can make kernsim report a problem but never read outside the image or hang.
#include "kernel/fs/fat32/volume.h"

#include <algorithm>
#include <set>
#include <utility>

#include "kernel/errno.h"
#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

std::string text(std::uint64_t value) { return std::to_string(value); }

}  // namespace

Volume::Volume(DiskImage image) : image_(std::move(image)), geometry_(read_boot_sector(image_.bytes(), image_.name())) {
  if ((geometry_.ext_flags & 0x80) != 0) {
    mirrored_ = false;
    active_fat_ = geometry_.ext_flags & 0x0F;
  }
  const FsInfo info = read_fsinfo(image_.bytes(), geometry_);
  if (info.valid && geometry_.valid_cluster(info.next_free)) next_free_ = info.next_free;
  if (info.valid) fsinfo_offsets_.push_back(std::size_t{geometry_.fsinfo_sector} * geometry_.bytes_per_sector);
  const std::uint32_t backup = geometry_.backup_boot_sector;
  if (geometry_.fsinfo_sector != 0xFFFF && backup != 0 && backup != 0xFFFF &&
      backup + geometry_.fsinfo_sector < geometry_.reserved_sectors) {
    Geometry shifted = geometry_;
    shifted.fsinfo_sector = backup + geometry_.fsinfo_sector;
    if (read_fsinfo(image_.bytes(), shifted).valid) {
      fsinfo_offsets_.push_back(std::size_t{shifted.fsinfo_sector} * geometry_.bytes_per_sector);
    }
  }
}

std::uint32_t Volume::fat_entry_in(std::uint32_t copy, std::uint32_t cluster) const {
  KS_ASSERT(copy < geometry_.fat_count && cluster < geometry_.fat_entries, "a FAT entry inside the FAT");
  const std::uint64_t at = geometry_.fat_offset +
                           std::uint64_t{copy} * geometry_.fat_sectors * geometry_.bytes_per_sector +
                           std::uint64_t{cluster} * 4;
  return get32(bytes(), static_cast<std::size_t>(at)) & kFatMask;
}

void Volume::set_fat_entry(std::uint32_t cluster, std::uint32_t value) {
  KS_ASSERT(cluster < geometry_.fat_entries, "a FAT entry inside the FAT");
  for (std::uint32_t copy = 0; copy < geometry_.fat_count; ++copy) {
    if (!mirrored_ && copy != active_fat_) continue;
    const std::uint64_t at = geometry_.fat_offset +
                             std::uint64_t{copy} * geometry_.fat_sectors * geometry_.bytes_per_sector +
                             std::uint64_t{cluster} * 4;
    const auto offset = static_cast<std::size_t>(at);
    if (copy == active_fat_) {
      const bool was_free = (get32(bytes(), offset) & kFatMask) == kFree;
      const bool is_free = (value & kFatMask) == kFree;
      if (was_free != is_free) adjust_free_count(is_free ? 1 : -1);
    }
    // The top 4 bits are reserved: kept as they are.
    put32(bytes(), offset, (get32(bytes(), offset) & ~kFatMask) | (value & kFatMask));
  }
  dirty_ = true;
}

std::vector<std::uint32_t> Volume::chain(std::uint32_t first, const std::string& what) const {
  std::vector<std::uint32_t> clusters;
  if (first == 0) return clusters;
  const auto fail = [&](const std::string& problem) {
    throw InputError({name(), 0, 0, "FAT"}, "the cluster chain of " + what + " " + problem);
  };
  std::uint32_t cluster = first;
  for (;;) {
    if (!geometry_.valid_cluster(cluster)) {
      fail(clusters.empty() ? "starts at cluster " + text(cluster) + ", outside the data region (2.." +
                                  text(geometry_.max_cluster()) + ")"
                            : "leads from cluster " + text(clusters.back()) + " to cluster " + text(cluster) +
                                  ", outside the data region (2.." + text(geometry_.max_cluster()) + ")");
    }
    if (clusters.size() >= geometry_.cluster_count) fail("loops (it is longer than the volume has clusters)");
    clusters.push_back(cluster);
    const std::uint32_t next = fat_entry(cluster);
    if (next >= 0x0FFFFFF8) break;
    if (next == kFree) fail("reaches cluster " + text(cluster) + ", which the FAT marks free");
    if (next == kBadCluster) fail("reaches cluster " + text(cluster) + ", which the FAT marks bad");
    cluster = next;
  }
  return clusters;
}

std::uint32_t Volume::count_free_clusters() const {
  std::uint32_t count = 0;
  for (std::uint32_t c = 2; c <= geometry_.max_cluster(); ++c) count += fat_entry(c) == kFree ? 1 : 0;
  return count;
}

std::span<std::uint8_t> Volume::cluster_bytes(std::uint32_t cluster) {
  KS_ASSERT(geometry_.valid_cluster(cluster), "a data cluster");
  return bytes().subspan(static_cast<std::size_t>(geometry_.cluster_offset(cluster)), geometry_.cluster_bytes);
}

std::span<const std::uint8_t> Volume::cluster_bytes(std::uint32_t cluster) const {
  KS_ASSERT(geometry_.valid_cluster(cluster), "a data cluster");
  return bytes().subspan(static_cast<std::size_t>(geometry_.cluster_offset(cluster)), geometry_.cluster_bytes);
}

std::span<std::uint8_t> Volume::slot_bytes(const std::vector<std::uint32_t>& chain, std::uint32_t slot) {
  const std::uint32_t per_cluster = geometry_.cluster_bytes / kEntryBytes;
  KS_ASSERT(slot / per_cluster < chain.size(), "a slot inside its directory");
  return cluster_bytes(chain[slot / per_cluster]).subspan(std::size_t{slot % per_cluster} * kEntryBytes, kEntryBytes);
}

Entry Volume::root() const {
  Entry e;
  e.name = "/";
  e.attributes = kAttrDirectory;
  e.first_cluster = geometry_.root_cluster;
  return e;
}

std::uint32_t Volume::directory_cluster(const Entry& entry) const {
  if (entry.is_root()) return geometry_.root_cluster;
  if (!entry.is_directory()) return 0;
  if (!geometry_.valid_cluster(entry.first_cluster)) {
    throw InputError({name(), 0, 0, "directory entry"},
                     "directory \"" + entry.name + "\" starts at cluster " + text(entry.first_cluster) +
                         ", outside the data region (2.." + text(geometry_.max_cluster()) + ")");
  }
  return entry.first_cluster;
}

std::vector<Entry> Volume::list(std::uint32_t dir, const std::string& what) const {
  std::vector<Entry> entries;
  const std::vector<std::uint32_t> clusters = chain(dir, "directory " + what);
  const std::uint32_t per_cluster = geometry_.cluster_bytes / kEntryBytes;
  LongNameReader long_name;
  std::uint32_t long_start = 0;
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    const auto data = cluster_bytes(clusters[k]);
    for (std::uint32_t i = 0; i < per_cluster; ++i) {
      const auto raw = data.subspan(std::size_t{i} * kEntryBytes, kEntryBytes);
      const auto slot = static_cast<std::uint32_t>(k * per_cluster + i);
      if (raw[0] == kEntryEnd) return entries;
      if (raw[0] == kEntryFree) {
        long_name.reset();
        continue;
      }
      if ((raw[kDirAttr] & 0x3F) == kAttrLongName) {
        if ((raw[0] & 0x40) != 0) long_start = slot;
        long_name.take(raw);
        continue;
      }
      Entry e;
      std::copy(raw.begin(), raw.begin() + 11, e.short_name.begin());
      const bool had_long = long_name.collecting();
      const std::optional<std::string> long_text = long_name.finish(e.short_name);
      if ((raw[kDirAttr] & kAttrVolumeId) != 0) continue;  // the volume label
      if (raw[0] == '.') continue;                         // "." and ".."
      e.attributes = raw[kDirAttr];
      e.nt_flags = raw[kDirNtRes];
      e.first_cluster = (static_cast<std::uint32_t>(get16(raw, kDirFstClusHi)) << 16) | get16(raw, kDirFstClusLo);
      e.first_cluster &= kFatMask;
      e.size = e.is_directory() ? 0 : get32(raw, kDirFileSize);
      e.write_date = get16(raw, kDirWrtDate);
      e.write_time = get16(raw, kDirWrtTime);
      e.directory = dir;
      e.slot = slot;
      e.first_slot = long_text && had_long ? long_start : slot;
      e.name = long_text ? *long_text : short_name_text(e.short_name, e.nt_flags);
      entries.push_back(std::move(e));
    }
  }
  return entries;
}

std::optional<Entry> Volume::find(std::uint32_t dir, std::string_view wanted) const {
  for (Entry& e : list(dir)) {
    if (same_name(e.name, wanted) || same_name(short_name_text(e.short_name, 0), wanted)) return std::move(e);
  }
  return std::nullopt;
}

std::uint32_t Volume::parent_of(std::uint32_t dir_cluster) const {
  if (dir_cluster == geometry_.root_cluster) return dir_cluster;
  const std::vector<std::uint32_t> clusters = chain(dir_cluster, "a directory");
  if (clusters.empty()) throw InputError({name(), 0, 0, "directory"}, "a directory has no cluster");
  const auto data = cluster_bytes(clusters.front());
  const auto dotdot = data.subspan(kEntryBytes, kEntryBytes);
  if (dotdot[0] != '.' || dotdot[1] != '.') {
    throw InputError({name(), 0, 0, "directory"},
                     "the directory at cluster " + text(dir_cluster) + " has no \"..\" entry in its second slot");
  }
  const std::uint32_t parent =
      ((static_cast<std::uint32_t>(get16(dotdot, kDirFstClusHi)) << 16) | get16(dotdot, kDirFstClusLo)) & kFatMask;
  if (parent == 0) return geometry_.root_cluster;
  if (!geometry_.valid_cluster(parent)) {
    throw InputError({name(), 0, 0, "directory"}, "the \"..\" entry of the directory at cluster " + text(dir_cluster) +
                                                      " names cluster " + text(parent) + ", outside the data region");
  }
  return parent;
}

std::optional<Entry> Volume::resolve(std::string_view path, std::int64_t& error) const {
  std::vector<Entry> stack{root()};
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (!stack.back().is_directory()) {
      error = -err::kNotDirectory;
      return std::nullopt;
    }
    if (part == "..") {
      if (stack.size() > 1) stack.pop_back();
      continue;
    }
    std::optional<Entry> next = find(directory_cluster(stack.back()), part);
    if (!next) {
      error = -err::kNoEntry;
      return std::nullopt;
    }
    stack.push_back(std::move(*next));
  }
  error = 0;
  return stack.back();
}

void Volume::walk(const std::function<void(const WalkItem&)>& visit,
                  const std::function<void(const std::string&)>& problem) const {
  std::set<std::uint32_t> entered{geometry_.root_cluster};
  struct Pending {
    std::uint32_t cluster;
    std::string path;
  };
  std::vector<Pending> stack{{geometry_.root_cluster, ""}};
  while (!stack.empty()) {
    const Pending dir = stack.back();
    stack.pop_back();
    std::vector<Entry> entries;
    try {
      entries = list(dir.cluster, dir.path.empty() ? "/" : dir.path);
    } catch (const InputError& error) {
      problem(error.problem());
      continue;
    }
    std::vector<Pending> children;
    for (const Entry& e : entries) {
      const std::string path = dir.path + "/" + e.name;
      visit({path, e});
      if (!e.is_directory()) continue;
      if (!geometry_.valid_cluster(e.first_cluster)) {
        problem("directory " + path + " starts at cluster " + text(e.first_cluster) + ", outside the data region");
        continue;
      }
      if (!entered.insert(e.first_cluster).second) {
        problem("directory " + path + " starts at cluster " + text(e.first_cluster) +
                ", a directory already entered (a directory cycle or a cross-link): not entered again");
        continue;
      }
      children.push_back({e.first_cluster, path});
    }
    // Depth first, in stored order.
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
}

void Volume::adjust_free_count(int change) {
  for (const std::size_t at : fsinfo_offsets_) {
    const std::uint32_t count = get32(bytes(), at + 488);
    if (count == 0xFFFFFFFF) continue;  // unknown: stays unknown
    put32(bytes(), at + 488, static_cast<std::uint32_t>(count + static_cast<std::uint32_t>(change)));
  }
}

void Volume::flush() {
  if (read_only()) throw InputError({name(), 0, 0, ""}, "the image is read-only; nothing was written");
  if (!fsinfo_offsets_.empty()) {
    const std::uint32_t free = count_free_clusters();
    std::uint32_t next = 0xFFFFFFFF;
    for (std::uint32_t c = 2; c <= geometry_.max_cluster(); ++c) {
      if (fat_entry(c) == kFree) {
        next = c;
        break;
      }
    }
    for (const std::size_t at : fsinfo_offsets_) write_fsinfo(bytes().subspan(at, 512), free, next);
  }
  image_.save();
  dirty_ = false;
}

}  // namespace ks::fat32
