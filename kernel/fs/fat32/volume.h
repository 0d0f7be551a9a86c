// kernel/fs/fat32/volume.h — a mounted FAT32 volume: its FAT, its directories, its files.
//
// THE DESIGN. A Volume owns a DiskImage and works on its bytes directly: there is no cache of
// its own, so what the image holds is always what the volume means (the buffer cache of the
// storage layer will sit under this later). Mounting reads and checks the boot sector
// (boot_sector.h); everything else is read when it is used and checked as it is read:
//   - a cluster chain is followed for at most as many steps as the volume has clusters, so a
//     loop is found, never followed for ever; a link out of the data region, to a free cluster
//     or to a bad one is an error too;
//   - a directory is read through its chain, so it is as bounded as the chain; "." and ".." are
//     not listed; a walk of the whole tree (walk()) remembers the directories it has entered, so
//     a directory that contains itself or an ancestor is reported, not entered again;
//   - a file's size must fit in its chain.
// A problem the image has is an InputError naming the image and the structure ("directory
// /a/b: entry 7", "FAT: chain of /x"); the CLI prints it and exits 2, the FileSystem adapter turns
// it into -EIO. Operations return 0 (or a count) or -errno (kernel/errno.h) for the errors a
// caller makes: -ENOENT, -EEXIST, -ENOTEMPTY, -ENOSPC, -EFBIG, -EISDIR, -ENOTDIR, -EINVAL.
//
// FSInfo's free-cluster count is kept right as clusters are taken and freed (so the bytes are a
// consistent volume after every operation); nothing reaches the host file until flush(), which
// recounts the free clusters, sets the next-free hint and saves the image atomically. Timestamps come from the caller
// (FatTime): never the host clock.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/fs/fat32/boot_sector.h"
#include "kernel/fs/fat32/image.h"
#include "kernel/fs/fat32/layout.h"
#include "kernel/fs/fat32/names.h"

namespace ks::fat32 {

// One file or directory of a directory (or the root, which has no entry of its own).
struct Entry {
  std::string name;  // the long name, or the short name as shown ("README.TXT", "readme.txt")
  ShortName short_name{};
  std::uint8_t attributes = 0;
  std::uint8_t nt_flags = 0;
  std::uint32_t first_cluster = 0;  // 0: an empty file
  std::uint32_t size = 0;           // bytes of a file; 0 for a directory
  std::uint16_t write_date = 0;
  std::uint16_t write_time = 0;
  // Where the entry is: the first cluster of the directory holding it (0 for the root itself),
  // the index of its short entry among that directory's 32-byte slots, and of its first
  // long-name entry (the same when it has no long name).
  std::uint32_t directory = 0;
  std::uint32_t slot = 0;
  std::uint32_t first_slot = 0;
  // Removed from its directory while still open (Volume::remove with KEPT): its clusters stay in
  // use until Volume::release, and its entry is written nowhere.
  bool detached = false;

  bool is_directory() const { return (attributes & kAttrDirectory) != 0; }
  bool is_root() const { return directory == 0; }
};

// A file or directory met by walk(), with its path ("/a/b.txt").
struct WalkItem {
  std::string path;
  Entry entry;
};

class Volume {
 public:
  // Mounts IMAGE: reads and checks its boot sector. Throws InputError naming the image.
  explicit Volume(DiskImage image);

  const Geometry& geometry() const { return geometry_; }
  const DiskImage& image() const { return image_; }
  const std::string& name() const { return image_.name(); }
  bool read_only() const { return image_.read_only(); }

  // --- The FAT ---
  // Entry CLUSTER of FAT copy COPY (the active copy by default), low 28 bits.
  std::uint32_t fat_entry(std::uint32_t cluster) const { return fat_entry_in(active_fat_, cluster); }
  std::uint32_t fat_entry_in(std::uint32_t copy, std::uint32_t cluster) const;
  // Sets entry CLUSTER in every FAT copy (the active one only when mirroring is off).
  void set_fat_entry(std::uint32_t cluster, std::uint32_t value);
  // The clusters of the chain that starts at FIRST (none for 0). Throws InputError naming the
  // image and WHAT when the chain loops, leaves the data region, or meets a free or bad cluster.
  std::vector<std::uint32_t> chain(std::uint32_t first, const std::string& what) const;
  std::uint32_t count_free_clusters() const;

  // --- Directories ---
  Entry root() const;
  // The entries of directory DIR (its first cluster), without ".", ".." and the volume label,
  // in the order they are stored. WHAT names it in errors.
  std::vector<Entry> list(std::uint32_t dir, const std::string& what = "a directory") const;
  // The entry named WANTED (its long or its short name, ASCII case ignored) of directory DIR.
  std::optional<Entry> find(std::uint32_t dir, std::string_view wanted) const;
  // The first cluster of directory ENTRY (the root's for the root); InputError when it has none.
  std::uint32_t directory_cluster(const Entry& entry) const;
  // The first cluster of the parent of the directory at DIR_CLUSTER, read from its ".." (0 there
  // means the root); the root is its own parent.
  std::uint32_t parent_of(std::uint32_t dir_cluster) const;
  // The entry PATH names ("/", "/a/b"; "." and ".." are followed): the entry, or -ENOENT,
  // -ENOTDIR (a file used as a directory) in ERROR.
  std::optional<Entry> resolve(std::string_view path, std::int64_t& error) const;
  // Every file and directory under the root, depth first in stored order, given to VISIT; a
  // directory met twice (a cycle, or a cross-link) is reported to PROBLEM and not entered again.
  void walk(const std::function<void(const WalkItem&)>& visit,
            const std::function<void(const std::string&)>& problem) const;

  // --- Operations (0 or a count, or -errno) ---
  // A new empty file or directory NAME in directory DIR; *MADE (when given) is its entry.
  std::int64_t create(std::uint32_t dir, std::string_view name, bool directory, FatTime time, Entry* made = nullptr);
  // Removes file (AS_DIRECTORY false) or empty directory NAME of DIR and frees its clusters;
  // or, when KEPT is given, keeps them and makes *KEPT the detached entry (an open file that
  // lives on until its last close), whose clusters Volume::release frees later.
  std::int64_t remove(std::uint32_t dir, std::string_view name, bool as_directory, Entry* kept = nullptr);
  void release(const Entry& detached);
  // Moves FROM_NAME of FROM_DIR to TO_NAME of TO_DIR, replacing a file there (or an empty
  // directory, when moving a directory). -EINVAL for a directory moved into itself.
  std::int64_t rename(std::uint32_t from_dir, std::string_view from_name, std::uint32_t to_dir,
                      std::string_view to_name, FatTime time);
  std::int64_t read(const Entry& file, std::uint64_t offset, std::span<std::uint8_t> out) const;
  // Writes BYTES at OFFSET of FILE (growing it; a hole reads as zeros); FILE is updated.
  std::int64_t write(Entry& file, std::uint64_t offset, std::span<const std::uint8_t> bytes, FatTime time);
  std::int64_t truncate(Entry& file, std::uint64_t size, FatTime time);
  // The entry at FILE's position again (after another operation may have changed it).
  Entry reload(const Entry& file) const;

  // Updates FSInfo (free count, next free) and the backup boot sector's FSInfo copy, then saves
  // the image atomically. Throws InputError when the image is read-only.
  void flush();
  // Whether an operation has changed the bytes since the last flush.
  bool dirty() const { return dirty_; }

 private:
  std::span<std::uint8_t> bytes() { return image_.bytes(); }
  std::span<const std::uint8_t> bytes() const { return image_.bytes(); }
  std::span<std::uint8_t> cluster_bytes(std::uint32_t cluster);
  std::span<const std::uint8_t> cluster_bytes(std::uint32_t cluster) const;
  // The 32 bytes of slot SLOT of the directory with chain CHAIN.
  std::span<std::uint8_t> slot_bytes(const std::vector<std::uint32_t>& chain, std::uint32_t slot);
  // COUNT free clusters chained together (zeroed when ZERO), or empty when there are not enough.
  std::vector<std::uint32_t> allocate(std::uint32_t count, bool zero);
  void free_chain(std::uint32_t first, const std::string& what);
  // COUNT consecutive free slots in directory DIR (growing it by a cluster if needed): the first
  // slot's index, or -ENOSPC.
  std::int64_t free_slots(std::uint32_t dir, std::uint32_t count);
  // Writes a short entry (and long-name entries when NAME needs them) for E into DIR; E's
  // position fields are set.
  std::int64_t add_entry(std::uint32_t dir, std::string_view name, Entry& e);
  void erase_entry(const Entry& e);
  void store(const Entry& e);  // writes E's short-entry fields back at its position
  void set_dotdot(std::uint32_t dir_cluster, std::uint32_t parent);
  std::int64_t resize(Entry& file, std::uint64_t size, bool zero_new);
  void adjust_free_count(int change);  // FSInfo's count, in every valid FSInfo sector

  DiskImage image_;
  Geometry geometry_;
  std::uint32_t active_fat_ = 0;
  bool mirrored_ = true;
  std::uint32_t next_free_ = kFirstCluster;
  std::vector<std::size_t> fsinfo_offsets_;  // the FSInfo sectors (and backup) with valid signatures
  bool dirty_ = false;
};

}  // namespace ks::fat32
