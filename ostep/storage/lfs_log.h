// The log-structured file system of OSTEP chapter 43's lfs.py: the model that `kernsim ostep lfs`
// runs its commands on (see lfs.cpp for the homework around it).
//
// The disk is a log of one-block items, only ever appended to, except block 0: the checkpoint
// region (CR), 16 addresses of the latest pieces ("chunks") of the inode map. Each imap chunk
// maps 16 inode numbers to the addresses of their latest inodes; an inode has a type, a size, a
// reference count and 8 block pointers; a directory block holds 8 (name, inode) entries ("-" for
// a free one). Every change appends new versions of what it touches — data or directory blocks,
// then inodes, then imap chunks — and (unless no_force) rewrites the CR. A block is live when the
// current CR, imap or a current inode still points at it. Each operation returns 0 (or the blocks
// written) or -1 with the script's error messages in errors().
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"
#include "ostep/storage/script_run.h"

namespace ks::ostep::storage::lfs {

constexpr std::size_t kCrEntries = 16;
constexpr std::int64_t kInodesPerChunk = 16;
constexpr std::int64_t kPointers = 8;
constexpr std::int64_t kInodes = kCrEntries * kInodesPerChunk;

enum class Kind { Checkpoint, Directory, Data, Inode, Imap };

struct LfsBlock {
  Kind kind = Kind::Data;
  std::vector<std::int64_t> addresses;                        // checkpoint and imap chunk entries
  std::vector<std::pair<std::string, std::int64_t>> entries;  // directory entries
  std::string contents;                                       // data
  bool directory = false;                                     // inode: a directory (else regular)
  std::int64_t size = 0, refs = 0;
  std::array<std::int64_t, kPointers> pointers{-1, -1, -1, -1, -1, -1, -1, -1};
};

inline LfsBlock directory_block(std::vector<std::pair<std::string, std::int64_t>> first) {
  LfsBlock block;
  block.kind = Kind::Directory;
  block.entries.assign(kPointers, {"-", -1});
  for (std::size_t i = 0; i < first.size(); ++i) block.entries[i] = first[i];
  return block;
}

inline LfsBlock inode_block(bool directory, std::int64_t size, std::int64_t refs) {
  LfsBlock block;
  block.kind = Kind::Inode;
  block.directory = directory;
  block.size = size;
  block.refs = refs;
  return block;
}

struct Walk {
  std::int64_t inum = -1;  // the inode the path names, or -1
  std::string name;        // its last component
  std::int64_t parent = -1;
  LfsBlock parent_inode;
};

class Lfs {
 public:
  Lfs(bool use_disk_cr, bool no_force, bool random_inodes, bool solve, PyRandom& random, std::ostream& text)
      : use_disk_cr_(use_disk_cr),
        no_force_(no_force),
        random_inodes_(random_inodes),
        solve_(solve),
        random_(random),
        text_(text) {
    cr_.assign(kCrEntries, -1);
    cr_[0] = 3;
    LfsBlock checkpoint;
    checkpoint.kind = Kind::Checkpoint;
    checkpoint.addresses = cr_;
    log(checkpoint);
    log(directory_block({{".", 0}, {"..", 0}}));
    LfsBlock root = inode_block(true, 1, 2);
    root.pointers[0] = 1;
    const std::int64_t root_address = log(root);
    inode_map_.assign(kInodes, -1);
    inode_map_[0] = root_address;
    log(imap_chunk(0));
  }

  std::int64_t create(const std::string& path, bool is_file);
  std::int64_t link(const std::string& source, const std::string& destination);
  std::int64_t write(const std::string& path, std::int64_t offset, std::int64_t blocks);
  std::int64_t remove(const std::string& path);
  std::int64_t sync() {
    errors_.clear();
    sync_checkpoint();
    return 0;
  }

  void dump(bool show_liveness) { dump_range(0, disk_.size(), show_liveness); }
  void dump_partial(bool show_checkpoint) {
    if (show_checkpoint || !no_force_) dump_range(0, 1, false);
    if (!no_force_) text_ << "...\n";
    dump_range(dump_last_, disk_.size(), false);
    dump_last_ = disk_.size();
  }
  void set_dump_last(std::size_t last) { dump_last_ = last; }
  const std::vector<std::string>& errors() const { return errors_; }
  nlohmann::json disk_json(bool with_liveness);

 private:
  std::int64_t log(const LfsBlock& block) {
    disk_.push_back(block);
    return static_cast<std::int64_t>(disk_.size()) - 1;
  }

  // disk[ADDRESS] as Python indexes it (-1 is the last block).
  const LfsBlock& at(std::int64_t address) const {
    const std::int64_t index = address < 0 ? static_cast<std::int64_t>(disk_.size()) + address : address;
    if (index < 0 || index >= static_cast<std::int64_t>(disk_.size())) {
      throw StorageError::input(
          py_percent("lookup through the on-disk checkpoint region reached address %d, past the log", address));
    }
    return disk_[static_cast<std::size_t>(index)];
  }

  LfsBlock imap_chunk(std::int64_t chunk) const {
    LfsBlock block;
    block.kind = Kind::Imap;
    const auto first = inode_map_.begin() + chunk * kInodesPerChunk;
    block.addresses.assign(first, first + kInodesPerChunk);
    return block;
  }

  void sync_checkpoint() { disk_[0].addresses = cr_; }

  void sync_if_forced() {
    if (!no_force_) sync_checkpoint();
  }

  std::int64_t allocate_inode() {
    if (!random_inodes_) {
      for (std::int64_t i = 0; i < kInodes; ++i) {
        if (inode_map_[static_cast<std::size_t>(i)] == -1) {
          inode_map_[static_cast<std::size_t>(i)] = 1;  // a placeholder until the inode is logged
          return i;
        }
      }
      return -1;
    }
    if (std::find(inode_map_.begin(), inode_map_.end(), -1) == inode_map_.end()) return -1;
    while (true) {
      const auto i = static_cast<std::size_t>(random_.random() * static_cast<double>(kInodes));
      if (inode_map_[i] == -1) {
        inode_map_[i] = 1;
        return static_cast<std::int64_t>(i);
      }
    }
  }

  const LfsBlock& inode_of(std::int64_t inum) const {
    std::int64_t address = inode_map_[static_cast<std::size_t>(inum)];
    if (use_disk_cr_) {
      const LfsBlock& chunk = at(disk_[0].addresses[static_cast<std::size_t>(inum / kInodesPerChunk)]);
      if (chunk.kind != Kind::Imap) {
        throw StorageError::input(
            py_percent("the on-disk checkpoint region has no inode map piece for inode %d (-D)", inum));
      }
      address = chunk.addresses[static_cast<std::size_t>(inum % kInodesPerChunk)];
    }
    if (address == -1)
      throw StorageError::input(
          py_percent("inode %d is not in the inode map being used (-D reads the one on disk)", inum));
    const LfsBlock& inode = at(address);
    if (inode.kind != Kind::Inode)
      throw StorageError::input(py_percent("the inode map sends inode %d to a block that is not an inode", inum));
    return inode;
  }

  // The inode number of NAME in directory PARENT (-1 if absent), and PARENT's inode.
  std::pair<std::int64_t, LfsBlock> lookup(std::int64_t parent, const std::string& name) const {
    const LfsBlock& inode = inode_of(parent);
    for (const std::int64_t address : inode.pointers) {
      if (address == -1) continue;
      for (const auto& [entry_name, entry_inum] : at(address).entries) {
        if (entry_name == name) return {entry_inum, inode};
      }
    }
    return {-1, inode};
  }

  std::optional<Walk> walk(const std::string& path) {
    const std::vector<std::string> parts = python_split(path, '/');
    if (!parts[0].empty()) {
      errors_.emplace_back("path malformed: must start with /");
      return std::nullopt;
    }
    std::int64_t parent = 0;
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
      const std::int64_t inum = lookup(parent, parts[i]).first;
      if (inum == -1) {
        errors_.push_back(py_percent("directory %s not found", parts[i]));
        return std::nullopt;
      }
      if (!inode_of(inum).directory) {
        errors_.push_back(py_percent("invalid element of path [%s] (not a dir)", parts[i]));
        return std::nullopt;
      }
      parent = inum;
    }
    Walk found;
    found.name = parts.back();
    found.parent = parent;
    std::tie(found.inum, found.parent_inode) = lookup(parent, found.name);
    return found;
  }

  // Where a new entry goes in directory DIR: the block index in the inode, the directory's new
  // size and the new version of that block; std::nullopt when the directory is full.
  std::optional<std::tuple<std::size_t, std::int64_t, LfsBlock>> add_entry(const LfsBlock& dir, const std::string& name,
                                                                           std::int64_t inum) const {
    for (std::int64_t index = 0; index < dir.size; ++index) {
      LfsBlock block = at(dir.pointers[static_cast<std::size_t>(index)]);
      for (auto& entry : block.entries) {
        if (entry.first == "-") {
          entry = {name, inum};
          return std::make_tuple(static_cast<std::size_t>(index), dir.size, block);
        }
      }
    }
    if (dir.size == kPointers) return std::nullopt;
    return std::make_tuple(static_cast<std::size_t>(dir.size), dir.size + 1, directory_block({{name, inum}}));
  }

  void update_imap(const std::vector<std::int64_t>& inums) {
    std::vector<std::int64_t> chunks;
    for (const std::int64_t inum : inums) {
      const std::int64_t chunk = inum / kInodesPerChunk;
      if (std::find(chunks.begin(), chunks.end(), chunk) != chunks.end()) continue;
      chunks.push_back(chunk);
      cr_[static_cast<std::size_t>(chunk)] = log(imap_chunk(chunk));
    }
  }

  std::vector<bool> liveness() const;
  void dump_range(std::size_t begin, std::size_t end, bool show_liveness);

  bool use_disk_cr_, no_force_, random_inodes_, solve_;
  PyRandom& random_;
  std::ostream& text_;
  std::vector<LfsBlock> disk_;
  std::vector<std::int64_t> cr_;
  std::vector<std::int64_t> inode_map_;
  std::vector<std::string> errors_;
  std::size_t dump_last_ = 1;
};

}  // namespace ks::ostep::storage::lfs
