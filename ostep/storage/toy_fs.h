// The very simple file system that OSTEP's vsfs (chapter 40) and fsck (chapter 42) homework
// scripts both build, and the random workload that fills it.
//
// An inode has a type (directory, regular file, or free), one block address (-1 when the file
// is empty) and a reference count; a directory block holds up to 32 (name, inode number)
// entries, "." and ".." first; a file block holds one character. Two bitmaps say which inodes
// and blocks are allocated. The root directory is inode 0 with block 0.
//
// The workload repeats: draw r = random(); r < 0.3 appends a block to a random file, r < 0.5
// unlinks a file, r < 0.7 links a new name in a random directory to a random file, otherwise it
// creates a file (3 in 4) or a directory with a random one-letter name. An operation that cannot
// be done (no file yet, a name already used, a full file, nothing free) draws again. The two
// scripts differ in three details, which the Flavor selects:
// - vsfs allocates the first free inode or block; fsck tries random ones until one is free;
// - vsfs names from 24 letters (no i, l); fsck from all 26;
// - vsfs unlinks a random file; fsck always the oldest one (it still draws a random number).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ostep/pyrandom.h"

namespace ks::ostep::storage {

enum class FsFlavor { Vsfs, Fsck };

struct FsInode {
  char type = 0;  // 'd', 'f', or 0 when free
  std::int64_t address = -1;
  std::int64_t refs = 1;
};

struct FsBlock {
  char type = 0;                                              // 'd', 'f', or 0 when free
  std::vector<std::pair<std::string, std::int64_t>> entries;  // a directory's (name, inode)
  std::string data;                                           // a file's contents
};

class FsBitmap {
 public:
  explicit FsBitmap(std::size_t size) : bits_(size, 0) {}
  std::size_t size() const { return bits_.size(); }
  bool allocated(std::size_t index) const { return bits_[index] != 0; }
  std::size_t free_count() const { return bits_.size() - allocated_; }
  void set(std::size_t index);
  void clear(std::size_t index);
  void flip(std::size_t index) { bits_[index] = 1 - bits_[index]; }  // a corruption: counts untouched
  std::string text() const;                                          // "10110000"

 private:
  std::vector<int> bits_;
  std::size_t allocated_ = 0;
};

class ToyFileSystem {
 public:
  ToyFileSystem(FsFlavor flavor, std::size_t inodes, std::size_t blocks, PyRandom& random);

  // One draw of the workload: the call it made ("mkdir(\"/a\");") or std::nullopt if the
  // operation it drew was not possible.
  std::optional<std::string> random_operation();

  // The scripts' random one-letter name (also used by fsck's corruptions).
  std::string make_name();
  // A free inode number, found as the flavor allocates (-1 when none is free); not allocated.
  std::int64_t find_free_inode();

  std::vector<FsInode> inodes;
  std::vector<FsBlock> blocks;
  FsBitmap inode_bitmap;
  FsBitmap block_bitmap;
  std::vector<std::string> files;  // regular files and links, by full name, oldest first
  std::vector<std::string> dirs;   // directories, "/" first

 private:
  std::int64_t index_below(std::size_t n);  // int(random() * N)
  std::int64_t allocate(FsBitmap& bitmap);
  void free_inode(std::int64_t inum);
  void free_block(std::int64_t block);
  static std::string parent_of(const std::string& name);
  std::string full_name(const std::string& parent, const std::string& name) const;
  std::int64_t directory_block(const std::string& dir) const;
  bool directory_has(std::int64_t block, const std::string& name) const;

  std::optional<std::string> append();
  std::optional<std::string> unlink();
  std::optional<std::string> link();
  std::optional<std::string> create(char type);

  FsFlavor flavor_;
  PyRandom& random_;
  std::map<std::string, std::int64_t> inode_of_;  // full name -> inode number (stale names stay)
};

// What both scripts print and check around the model:
// "[d a:0 r:2]" or "[]" for an inode; "[(.,0) (..,0)]", "[x]" or "[]" for a block.
std::string inode_text(const FsInode& inode);
std::string block_text(const FsBlock& block);
// The state as data, for --json.
nlohmann::json state_json(const ToyFileSystem& fs);
// Refuses sizes the scripts cannot run (no room for the root) or that would not fit in memory.
void check_fs_size(std::int64_t inodes, std::int64_t blocks, std::int64_t requests);
// The scripts' inner loop: draws operations until one succeeds, calling ON_SUCCESS with its text,
// and stops with the script's message when that leaves no inode or no block free.
std::string run_one_operation(ToyFileSystem& fs, const std::function<void(const std::string&)>& on_success);

}  // namespace ks::ostep::storage
