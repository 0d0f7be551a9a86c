// kernel/fs/fat32/fat32_file_system.h — a FAT32 volume behind the FileSystem seam.
//
// FAT has no inodes: a file is its directory entry. Fat32FileSystem gives out inode numbers as
// the VFS asks for files: the root is 1, and every other entry gets the next number the first
// time it is looked up, keyed by the entry's POSITION (the first cluster of the directory
// holding it and the index of its short entry there), which is what identifies a FAT file while
// it is mounted (Linux's vfat does the same with its i_pos). The first cluster would not do: an
// empty file has none, and it changes when a file is emptied and written again. A position never
// moves while the entry lives (FAT never compacts a directory); the number is forgotten when
// the entry is removed and is never given to another file.
//
// Times come from a clock the kernel sets (virtual time); until then every change is stamped
// 1980-01-01 00:00. A problem of the image met by an operation (a loop, a bad cluster) makes it
// return -EIO. The image is written back by sync() (the sync and fsync calls; -EIO when the host
// refuses) and by flush() (at the end of a run, which throws the host's refusal as an
// InputError); both write only when something changed, atomically (image.h). A volume on a
// read-only image refuses every change with -EROFS, so its file's bytes never change.
//
// RENAME moves the entry to a new position (Volume::rename writes it afresh), so the inode number
// is keyed to the new position: open files and working directories follow the file. A file
// replaced by the rename loses its number; if it is open, it is first removed as unlink removes
// an open file (its clusters live until the last close).
//
// An unlinked file that is still open lives on, as in MemFs: its entry is removed at once, but
// its clusters stay in use (a detached Entry held here) until the last close frees them. Until
// then fsck of the image sees them as lost clusters, which is what they would be after a crash.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kernel/fs/fat32/volume.h"
#include "kernel/fs/file_system.h"

namespace ks::fat32 {

class Fat32FileSystem final : public FileSystem {
 public:
  static constexpr Ino kRoot = 1;

  explicit Fat32FileSystem(Volume volume);

  std::string_view type_name() const override { return "fat32"; }
  Ino root() const override { return kRoot; }
  InodeStat stat(Ino ino) const override;
  std::int64_t lookup(Ino dir, std::string_view name) const override;
  std::int64_t create(Ino dir, std::string_view name) override;
  std::int64_t mkdir(Ino dir, std::string_view name) override;
  std::int64_t unlink(Ino dir, std::string_view name) override;
  std::int64_t rmdir(Ino dir, std::string_view name) override;
  std::int64_t rename(Ino from_dir, std::string_view from_name, Ino to_dir, std::string_view to_name) override;
  IoOutcome read(Ino ino, std::uint64_t offset, std::span<std::uint8_t> out) override;
  IoOutcome write(Ino ino, std::uint64_t offset, std::span<const std::uint8_t> bytes) override;
  std::int64_t truncate(Ino ino, std::uint64_t size) override;
  void list(Ino dir, std::uint64_t from, const DirectorySink& take) const override;
  void open_inode(Ino ino) override;
  void close_inode(Ino ino) override;
  bool read_only() const override { return volume_.read_only(); }
  std::int64_t sync() override;

  // The clock stamping changes (the kernel's virtual time, later).
  void set_clock(std::function<FatTime()> clock) { clock_ = std::move(clock); }
  // Writes the volume back to its image file (atomically) if an operation changed it. Throws
  // InputError naming the image when the host refuses.
  void flush();
  const Volume& volume() const { return volume_; }

 private:
  struct Node {
    bool live = false;
    std::uint32_t directory = 0;  // the position of its entry (0: the root)
    std::uint32_t slot = 0;
    std::uint32_t open = 0;
    std::optional<Entry> detached;  // unlinked while open: the entry, kept until the last close
  };
  using Position = std::pair<std::uint32_t, std::uint32_t>;

  bool valid(Ino ino) const { return ino > 0 && ino < nodes_.size() && nodes_[ino].live; }
  Entry entry_of(Ino ino) const;  // throws InputError for a problem of the image
  Ino number_for(const Entry& e) const;
  std::int64_t make(Ino dir, std::string_view name, bool directory);
  std::int64_t remove(Ino dir, std::string_view name, bool as_directory);
  FatTime now() const { return clock_ ? clock_() : FatTime{}; }

  Volume volume_;
  // Numbers are given out by lookups too (which are const to the VFS): the table is a cache.
  mutable std::vector<Node> nodes_;
  mutable std::map<Position, Ino> by_position_;
  std::function<FatTime()> clock_;
};

}  // namespace ks::fat32
