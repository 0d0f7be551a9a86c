// kernel/fs/fat32/fsck.cpp — the checker.
//
// THE METHOD is the classic one: walk the directory tree from the root, follow each file's and
// directory's chain, and give every cluster reached an owner. A cluster reached twice by one
// chain is a loop; reached by two chains, a cross-link; a cluster the FAT marks in use that no
// chain reaches is lost. Each step of each walk takes a cluster that had no owner, so the whole
// check takes at most one step per cluster plus one per directory entry: a hostile image cannot
// make it loop. Directories are entered once each (their first cluster is owned when entered).
#include "kernel/fs/fat32/fsck.h"

#include <algorithm>
#include <optional>

#include "kernel/fs/fat32/boot_sector.h"
#include "kernel/fs/fat32/layout.h"
#include "kernel/fs/fat32/volume.h"
#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

std::string text(std::uint64_t value) { return std::to_string(value); }

// "1 entry", "3 entries".
std::string count(std::uint64_t n, const std::string& one, const std::string& many) {
  return text(n) + " " + (n == 1 ? one : many);
}

class Checker {
 public:
  Checker(const Volume& volume, FsckReport& report)
      : v_(volume), g_(volume.geometry()), report_(report), owner_(std::size_t{g_.max_cluster()} + 1, kNone) {}

  void run() {
    check_fsinfo_and_backup();
    check_fat();
    const std::uint32_t root_owner = new_owner("the root directory");
    follow(g_.root_cluster, root_owner, "directory /", true, std::nullopt);
    struct Pending {
      std::uint32_t cluster;
      std::uint32_t parent;
      std::string path;
    };
    std::vector<Pending> stack{{g_.root_cluster, 0, ""}};
    while (!stack.empty()) {
      const Pending dir = stack.back();
      stack.pop_back();
      std::vector<Entry> entries;
      const std::string shown = dir.path.empty() ? "/" : dir.path;
      try {
        entries = v_.list(dir.cluster, shown);
      } catch (const InputError&) {
        continue;  // its chain's problem is already listed by follow()
      }
      if (dir.cluster != g_.root_cluster) check_dots(dir.cluster, dir.parent, shown);
      std::vector<Pending> children;
      for (const Entry& e : entries) {
        const std::string path = dir.path + "/" + e.name;
        if (e.is_directory()) {
          ++report_.directories;
          if (!g_.valid_cluster(e.first_cluster)) {
            add("directory " + path, "its first cluster " + text(e.first_cluster) + " is outside the data region (2.." +
                                         text(g_.max_cluster()) + ")");
            continue;
          }
          if (owner_[e.first_cluster] != kNone) {
            add("directory " + path, "starts at cluster " + text(e.first_cluster) + ", which belongs to " +
                                         names_[owner_[e.first_cluster]] +
                                         (is_directory_owner(owner_[e.first_cluster])
                                              ? " (a directory cycle: it contains itself or an ancestor)"
                                              : " (cross-linked)"));
            continue;
          }
          const std::uint32_t id = new_owner("directory " + path, true);
          follow(e.first_cluster, id, "directory " + path, true, std::nullopt);
          children.push_back({e.first_cluster, dir.cluster, path});
        } else {
          ++report_.files;
          if (e.first_cluster == 0) {
            if (e.size != 0) add("file " + path, "is " + text(e.size) + " bytes but has no clusters");
            continue;
          }
          if (!g_.valid_cluster(e.first_cluster)) {
            add("file " + path, "its first cluster " + text(e.first_cluster) + " is outside the data region (2.." +
                                    text(g_.max_cluster()) + ")");
            continue;
          }
          const std::uint32_t id = new_owner("file " + path);
          follow(e.first_cluster, id, "file " + path, false, e.size);
        }
      }
      stack.insert(stack.end(), children.rbegin(), children.rend());
    }
    check_lost();
  }

  std::uint64_t left_out() const { return left_out_; }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  void add(const std::string& structure, const std::string& message) {
    if (report_.problems.size() < kMaxFsckProblems) {
      report_.problems.push_back({structure, message});
    } else {
      ++left_out_;
    }
  }

  std::uint32_t new_owner(const std::string& name, bool directory = false) {
    names_.push_back(name);
    directory_owner_.push_back(directory);
    return static_cast<std::uint32_t>(names_.size() - 1);
  }
  bool is_directory_owner(std::uint32_t id) const { return directory_owner_[id]; }

  // Follows the chain from FIRST for owner ID (named WHAT), checking each link; for a file, the
  // chain's length against SIZE.
  void follow(std::uint32_t first, std::uint32_t id, const std::string& what, bool directory,
              std::optional<std::uint32_t> size) {
    std::uint64_t length = 0;
    std::uint32_t cluster = first;
    for (;;) {
      if (owner_[cluster] != kNone) {
        if (owner_[cluster] == id) {
          add(what, "its cluster chain loops back to cluster " + text(cluster));
        } else {
          add(what, "is cross-linked with " + names_[owner_[cluster]] + " at cluster " + text(cluster));
        }
        return;
      }
      owner_[cluster] = id;
      ++length;
      const std::uint32_t next = v_.fat_entry(cluster);
      if (next >= 0x0FFFFFF8) break;
      if (next == kFree) {
        add(what, "its chain reaches cluster " + text(cluster) + ", which the FAT marks free");
        return;
      }
      if (next == kBadCluster) {
        add(what, "its chain's cluster " + text(cluster) + " is followed by a bad-cluster mark");
        return;
      }
      if (!g_.valid_cluster(next)) {
        add(what, "its chain leads from cluster " + text(cluster) + " to " + text(next) + ", outside the data region");
        return;
      }
      cluster = next;
    }
    if (!directory && size) {
      const std::uint64_t needed = (std::uint64_t{*size} + g_.cluster_bytes - 1) / g_.cluster_bytes;
      if (needed != length) {
        add(what, "is " + text(*size) + " bytes (" + text(needed) + " clusters of " + text(g_.cluster_bytes) +
                      " bytes) but its chain has " + text(length) + " clusters");
      }
    }
  }

  void check_dots(std::uint32_t dir, std::uint32_t parent, const std::string& path) {
    const auto data = v_.image().bytes().subspan(static_cast<std::size_t>(g_.cluster_offset(dir)), 64);
    const auto cluster_of = [](std::span<const std::uint8_t> raw) {
      return ((static_cast<std::uint32_t>(get16(raw, kDirFstClusHi)) << 16) | get16(raw, kDirFstClusLo)) & kFatMask;
    };
    const auto dot = data.subspan(0, 32);
    const auto dotdot = data.subspan(32, 32);
    const bool dot_named = dot[0] == '.' && dot[1] == ' ';
    const bool dotdot_named = dotdot[0] == '.' && dotdot[1] == '.' && dotdot[2] == ' ';
    if (!dot_named || cluster_of(dot) != dir) {
      add("directory " + path, "its first entry is not \".\" naming its own cluster " + text(dir));
    }
    const std::uint32_t expected = parent == g_.root_cluster ? 0 : parent;
    if (!dotdot_named || cluster_of(dotdot) != expected) {
      add("directory " + path, "its second entry is not \"..\" naming its parent's cluster " + text(expected) +
                                   (expected == 0 ? " (0: the root)" : ""));
    }
  }

  void check_fsinfo_and_backup() {
    const auto bytes = v_.image().bytes();
    if (g_.backup_boot_sector != 0 && g_.backup_boot_sector != 0xFFFF) {
      const auto backup = bytes.subspan(std::size_t{g_.backup_boot_sector} * g_.bytes_per_sector, 512);
      if (!std::equal(backup.begin(), backup.begin() + 90, bytes.begin())) {
        add("boot sector", "the backup boot sector (sector " + text(g_.backup_boot_sector) +
                               ") differs from the boot sector in the BPB");
      }
    }
    if (g_.fsinfo_sector == 0xFFFF) return;
    const FsInfo info = read_fsinfo(bytes, g_);
    if (!info.valid) {
      add("FSInfo", "sector " + text(g_.fsinfo_sector) + " lacks FSInfo's signatures");
      return;
    }
    const std::uint32_t free = v_.count_free_clusters();
    if (info.free_count != 0xFFFFFFFF && info.free_count != free) {
      add("FSInfo", "FSI_Free_Count says " + text(info.free_count) + " free clusters; the FAT has " + text(free));
    }
    if (info.next_free != 0xFFFFFFFF && !g_.valid_cluster(info.next_free)) {
      add("FSInfo", "FSI_Nxt_Free is " + text(info.next_free) + ", outside the data region");
    }
  }

  void check_fat() {
    if (g_.cluster_count < kMinFat32Clusters) {
      add("boot sector", "the volume has " + text(g_.cluster_count) +
                             " clusters, fewer than 65525: by the specification's rule it is FAT16, not FAT32");
    }
    if ((v_.fat_entry(0) & 0xFF) != v_.image().bytes()[21]) {
      add("FAT", "entry 0 does not hold the media byte 0x" + hex(v_.image().bytes()[21]));
    }
    if (v_.fat_entry(1) < 0x0FFFFFF8 && (v_.fat_entry(1) | 0x0C000000) < 0x0FFFFFF8) {
      add("FAT", "entry 1 is not an end-of-chain mark");
    }
    std::uint32_t out_of_range = 0, first_out = 0;
    for (std::uint32_t c = 2; c <= g_.max_cluster(); ++c) {
      const std::uint32_t e = v_.fat_entry(c);
      const bool ok = e == kFree || e == kBadCluster || e >= 0x0FFFFFF8 || g_.valid_cluster(e);
      if (!ok && out_of_range++ == 0) first_out = c;
    }
    if (out_of_range != 0) {
      add("FAT", count(out_of_range, "entry points", "entries point") +
                     " outside the data region (the first: cluster " + text(first_out) + " -> " +
                     text(v_.fat_entry(first_out)) + ")");
    }
    for (std::uint32_t copy = 1; copy < g_.fat_count; ++copy) {
      std::uint32_t differ = 0, first_differ = 0;
      for (std::uint32_t c = 0; c <= g_.max_cluster(); ++c) {
        if (v_.fat_entry_in(copy, c) != v_.fat_entry_in(0, c) && differ++ == 0) first_differ = c;
      }
      if (differ != 0) {
        add("FAT", "FAT copy " + text(copy + 1) + " differs from FAT 1 in " + count(differ, "entry", "entries") +
                       " (the first: cluster " + text(first_differ) + ")");
      }
    }
  }

  void check_lost() {
    std::uint32_t lost = 0, first_lost = 0, used = 0;
    for (std::uint32_t c = 2; c <= g_.max_cluster(); ++c) {
      const std::uint32_t e = v_.fat_entry(c);
      if (e == kFree || e == kBadCluster) continue;
      ++used;
      if (owner_[c] == kNone && lost++ == 0) first_lost = c;
    }
    report_.used_clusters = used;
    report_.clusters = g_.cluster_count;
    if (lost != 0) {
      add("FAT",
          count(lost, "cluster is in use but no file reaches it", "clusters are in use but no file reaches them") +
              " (lost clusters; the first: " + text(first_lost) + ")");
    }
  }

  static std::string hex(unsigned value) {
    const char* digits = "0123456789ABCDEF";
    return std::string{digits[(value >> 4) & 15], digits[value & 15]};
  }

  const Volume& v_;
  const Geometry& g_;
  FsckReport& report_;
  std::vector<std::uint32_t> owner_;  // by cluster: the index in names_ of the chain that reached it
  std::vector<std::string> names_;
  std::vector<bool> directory_owner_;
  std::uint64_t left_out_ = 0;
};

}  // namespace

FsckReport fsck(const DiskImage& image) {
  FsckReport report;
  if (!looks_like_fat32(image.bytes())) {
    report.is_fat32 = false;
    report.problems.push_back({"boot sector", "not a FAT32 boot sector (no 0x55AA signature, or FAT12/16 fields)"});
    return report;
  }
  // The volume is given a copy in memory: fsck never writes.
  std::optional<Volume> volume;
  try {
    const std::vector<std::uint8_t> bytes(image.bytes().begin(), image.bytes().end());
    volume.emplace(DiskImage::in_memory(bytes, image.name()));
  } catch (const InputError& error) {
    const std::string& key = error.where().key_path;
    const std::string field = key.rfind("boot sector.", 0) == 0 ? key.substr(12) : key;
    report.problems.push_back({"boot sector", field + ": " + error.problem()});
    return report;
  }
  Checker checker(*volume, report);
  checker.run();
  if (checker.left_out() != 0) {
    report.problems.push_back({"fsck", text(checker.left_out()) + " more problems are not listed"});
  }
  return report;
}

}  // namespace ks::fat32
