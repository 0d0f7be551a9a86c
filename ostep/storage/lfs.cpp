// lfs: OSTEP chapter 43's log-structured file system homework (the textbook's lfs.py).
//
// The disk is a log of one-block items, only ever appended to, except block 0: the checkpoint
// region (CR), 16 addresses of the latest pieces ("chunks") of the inode map. Each imap chunk
// maps 16 inode numbers to the addresses of their latest inodes; an inode has a type, a size, a
// reference count and 8 block pointers; a directory block holds 8 (name, inode) entries ("-" for
// a free one). Every change appends new versions of what it touches — data or directory blocks,
// then inodes, then imap chunks — and (unless -N) rewrites the CR. A block is live when the
// current CR, imap or a current inode still points at it.
//
// The file system starts with the root directory (inode 0) in blocks 0-3. Commands (from -L, or
// -n random ones drawn with the -p percentages) are c,PATH (create a file), d,PATH (create a
// directory), w,PATH,OFFSET,BLOCKS (write), r,PATH (delete), l,OLD,NEW (link) and s (sync). The
// question shows the final log and asks for the commands (-o shows them), the blocks each command
// appended (-i), its return code and errors (-e), and the live paths (-v); -c marks live blocks.
// -D looks inodes up through the CR on disk instead of the one in memory (with -N it may be old),
// and -a r allocates inode numbers at random instead of the lowest free one.
//
// Differences from the script: a path through a regular file (c,/file/x), or a link to a path
// whose directory does not exist, on which the script fails an assertion or a type check, fails
// with return code -1 and "invalid element of path [file] (not a dir)" / the lookup's error; an
// on-disk lookup (-D) that reaches no inode, on which the script fails an assertion, is an error,
// as are commands with the wrong number of arguments.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ostep/options.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"
#include "ostep/storage/script_run.h"
#include "ostep/storage/storage.h"

namespace ks::ostep::storage {
namespace {

constexpr std::size_t kCrEntries = 16;
constexpr std::int64_t kInodesPerChunk = 16;
constexpr std::int64_t kPointers = 8;
constexpr std::int64_t kInodes = kCrEntries * kInodesPerChunk;
constexpr std::int64_t kMaxCommands = 100'000;
constexpr std::int64_t kMaxWriteBlocks = 10'000'000;
constexpr int kMaxIdleDraws = 1'000'000;

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

LfsBlock directory_block(std::vector<std::pair<std::string, std::int64_t>> first) {
  LfsBlock block;
  block.kind = Kind::Directory;
  block.entries.assign(kPointers, {"-", -1});
  for (std::size_t i = 0; i < first.size(); ++i) block.entries[i] = first[i];
  return block;
}

LfsBlock inode_block(bool directory, std::int64_t size, std::int64_t refs) {
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
      : use_disk_cr_(use_disk_cr), no_force_(no_force), random_inodes_(random_inodes), solve_(solve), random_(random),
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
      throw StorageError::input(py_percent("lookup through the on-disk checkpoint region reached address %d, past the log", address));
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

  void sync_checkpoint() {
    disk_[0].addresses = cr_;
  }

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
        throw StorageError::input(py_percent("the on-disk checkpoint region has no inode map piece for inode %d (-D)", inum));
      }
      address = chunk.addresses[static_cast<std::size_t>(inum % kInodesPerChunk)];
    }
    if (address == -1) throw StorageError::input(py_percent("inode %d is not in the inode map being used (-D reads the one on disk)", inum));
    const LfsBlock& inode = at(address);
    if (inode.kind != Kind::Inode) throw StorageError::input(py_percent("the inode map sends inode %d to a block that is not an inode", inum));
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

std::int64_t Lfs::create(const std::string& path, bool is_file) {
  errors_.clear();
  const std::optional<Walk> found = walk(path);
  if (found && found->inum != -1) {
    errors_.emplace_back("create failed: file already exists");
    return -1;
  }
  if (!found) {
    errors_.push_back(py_percent("create failed: walkpath returned error [%s]", path));
    return -1;
  }
  const std::int64_t inum = allocate_inode();
  if (inum == -1) {
    errors_.emplace_back("create failed: no more inodes available");
    return -1;
  }
  const auto slot = add_entry(found->parent_inode, found->name, inum);
  if (!slot) {
    errors_.push_back(py_percent("error: directory is full (path %s)", path));
    inode_map_[static_cast<std::size_t>(inum)] = -1;
    return -1;
  }
  const auto& [index, parent_size, dir_block] = *slot;
  const std::int64_t dir_address = log(dir_block);
  LfsBlock parent = found->parent_inode;
  parent.size = parent_size;
  if (!is_file) ++parent.refs;
  parent.pointers[index] = dir_address;
  LfsBlock inode = inode_block(!is_file, is_file ? 0 : 1, is_file ? 1 : 2);
  if (!is_file) inode.pointers[0] = log(directory_block({{".", inum}, {"..", found->parent}}));
  inode_map_[static_cast<std::size_t>(found->parent)] = log(parent);
  inode_map_[static_cast<std::size_t>(inum)] = log(inode);
  update_imap({found->parent, inum});
  sync_if_forced();
  return 0;
}

std::int64_t Lfs::link(const std::string& source, const std::string& destination) {
  errors_.clear();
  const std::optional<Walk> from = walk(source);
  if (!from || from->inum == -1) {
    errors_.push_back(py_percent("link failed, src [%s] not found", source));
    return -1;
  }
  LfsBlock inode = inode_of(from->inum);
  if (inode.directory) {
    errors_.push_back(py_percent("link failed: cannot link to non-regular file [%s]", source));
    return -1;
  }
  const std::optional<Walk> to = walk(destination);
  if (!to) return -1;
  if (to->inum != -1) {
    errors_.push_back(py_percent("link failed, dst [%s] exists", destination));
    return -1;
  }
  const auto slot = add_entry(to->parent_inode, to->name, from->inum);
  if (!slot) {
    errors_.push_back(py_percent("error: directory is full [path %s]", destination));
    return -1;
  }
  const auto& [index, parent_size, dir_block] = *slot;
  LfsBlock parent = to->parent_inode;
  parent.size = parent_size;
  parent.pointers[index] = log(dir_block);
  const std::int64_t parent_address = log(parent);
  ++inode.refs;
  const std::int64_t inode_address = log(inode);
  inode_map_[static_cast<std::size_t>(to->parent)] = parent_address;
  inode_map_[static_cast<std::size_t>(from->inum)] = inode_address;
  update_imap({to->parent});  // as the script: the linked inode's own imap piece is not rewritten
  sync_if_forced();
  return 0;
}

std::int64_t Lfs::write(const std::string& path, std::int64_t offset, std::int64_t blocks) {
  errors_.clear();
  std::vector<std::string> contents;
  for (std::int64_t i = 0; i < blocks; ++i) {
    const char letter = static_cast<char>('a' + static_cast<int>(random_.random() * 26));
    std::string piece = std::string(1, letter) + std::to_string(i);
    std::string block;
    for (int copy = 0; copy < 16; ++copy) block += piece;
    if (i < kPointers) contents.push_back(block);
  }
  const std::optional<Walk> found = walk(path);
  if (!found || found->inum == -1) {
    errors_.push_back(py_percent("write failed: file not found [path %s]", path));
    return -1;
  }
  LfsBlock inode = inode_of(found->inum);
  if (inode.directory) {
    errors_.push_back(py_percent("write failed: cannot write to non-regular file %s", path));
    return -1;
  }
  if (offset < 0 || offset >= kPointers) {
    errors_.push_back(py_percent("write failed: bad offset %d", offset));
    return -1;
  }
  std::int64_t current = offset;
  while (current < kPointers && current < offset + blocks) {
    LfsBlock data;
    data.kind = Kind::Data;
    data.contents = contents[static_cast<std::size_t>(current - offset)];
    inode.pointers[static_cast<std::size_t>(current)] = log(data);
    ++current;
  }
  inode.size = std::max(current, inode.size);
  inode_map_[static_cast<std::size_t>(found->inum)] = log(inode);
  const std::int64_t chunk = found->inum / kInodesPerChunk;
  cr_[static_cast<std::size_t>(chunk)] = log(imap_chunk(chunk));
  sync_if_forced();
  return current - offset;
}

std::int64_t Lfs::remove(const std::string& path) {
  errors_.clear();
  const std::optional<Walk> found = walk(path);
  if (!found || found->inum == -1) {
    errors_.push_back(py_percent("delete failed: file not found [%s]", path));
    return -1;
  }
  const LfsBlock inode = inode_of(found->inum);
  if (inode.directory) {
    errors_.push_back(py_percent("delete failed: cannot delete non-regular file [%s]", path));
    return -1;
  }
  if (inode.refs == 1) inode_map_[static_cast<std::size_t>(found->inum)] = -1;
  LfsBlock parent = found->parent_inode;
  for (std::int64_t index = 0; index < parent.size; ++index) {
    LfsBlock block = at(parent.pointers[static_cast<std::size_t>(index)]);
    const auto entry = std::find_if(block.entries.begin(), block.entries.end(), [&](const auto& e) { return e.first == found->name; });
    if (entry == block.entries.end()) continue;
    *entry = {"-", -1};
    parent.pointers[static_cast<std::size_t>(index)] = log(block);
    break;
  }
  inode_map_[static_cast<std::size_t>(found->parent)] = log(parent);
  if (inode.refs > 1) {
    LfsBlock fewer = inode;
    --fewer.refs;
    inode_map_[static_cast<std::size_t>(found->inum)] = log(fewer);
  }
  update_imap({found->inum, found->parent});
  sync_if_forced();
  return 0;
}

std::vector<bool> Lfs::liveness() const {
  std::vector<bool> live(disk_.size(), false);
  const auto mark = [&](std::int64_t address) {
    if (address >= 0 && address < static_cast<std::int64_t>(live.size())) live[static_cast<std::size_t>(address)] = true;
  };
  live[0] = true;
  for (const std::int64_t address : cr_) mark(address);
  for (const std::int64_t address : inode_map_) {
    if (address == -1) continue;
    mark(address);
    for (const std::int64_t pointer : disk_[static_cast<std::size_t>(address)].pointers) mark(pointer);
  }
  return live;
}

void Lfs::dump_range(std::size_t begin, std::size_t end, bool show_liveness) {
  const std::vector<bool> live = liveness();
  const auto addresses = [&](const std::vector<std::int64_t>& list) {
    for (const std::int64_t address : list) text_ << (address != -1 ? py_str(address) : std::string("--")) << ' ';
    text_ << "\n";
  };
  for (std::size_t i = begin; i < end; ++i) {
    const LfsBlock& block = disk_[i];
    text_ << py_percent("[ %3d ]", static_cast<std::int64_t>(i));
    if (show_liveness || solve_) {
      text_ << (live[i] ? " live " : "      ");
    } else {
      text_ << " ?    ";
    }
    switch (block.kind) {
      case Kind::Checkpoint:
        text_ << "checkpoint: ";
        addresses(block.addresses);
        break;
      case Kind::Directory:
        for (const auto& [name, inum] : block.entries) {
          text_ << (inum != -1 ? py_percent("[%s,%s]", name, inum) : std::string("--")) << ' ';
        }
        text_ << "\n";
        break;
      case Kind::Data: text_ << block.contents << "\n"; break;
      case Kind::Inode:
        text_ << "type:" << (block.directory ? "dir" : "reg") << " size:" << block.size << " refs:" << block.refs << " ptrs: ";
        addresses(std::vector<std::int64_t>(block.pointers.begin(), block.pointers.end()));
        break;
      case Kind::Imap:
        text_ << "chunk(imap): ";
        addresses(block.addresses);
        break;
    }
  }
}

nlohmann::json Lfs::disk_json(bool with_liveness) {
  const std::vector<bool> live = liveness();
  nlohmann::json blocks = nlohmann::json::array();
  for (std::size_t i = 0; i < disk_.size(); ++i) {
    const LfsBlock& b = disk_[i];
    nlohmann::json item{{"address", i}};
    if (with_liveness) item["live"] = static_cast<bool>(live[i]);
    switch (b.kind) {
      case Kind::Checkpoint: item["type"] = "checkpoint"; item["entries"] = b.addresses; break;
      case Kind::Imap: item["type"] = "imap"; item["entries"] = b.addresses; break;
      case Kind::Data: item["type"] = "data"; item["contents"] = b.contents; break;
      case Kind::Directory: {
        item["type"] = "directory";
        nlohmann::json entries = nlohmann::json::array();
        for (const auto& [name, inum] : b.entries) entries.push_back({name, inum});
        item["entries"] = entries;
        break;
      }
      case Kind::Inode:
        item["type"] = "inode";
        item["inode_type"] = b.directory ? "dir" : "reg";
        item["size"] = b.size;
        item["refs"] = b.refs;
        item["pointers"] = b.pointers;
        break;
    }
    blocks.push_back(item);
  }
  return blocks;
}

// The script's process_percentages: "c30,w30,d10,r20,l10,s0" to a [low, high) range per command.
std::vector<std::pair<char, std::pair<double, double>>> percentages(const std::string& spec) {
  const std::vector<std::string> pieces = python_split(spec, ',');
  std::int64_t sum = 0;
  for (const std::string& piece : pieces) {
    if (piece.empty()) throw StorageError::input("option -p: an empty percentage (give e.g. c30,w30,d10,r20,l10,s0)");
    const std::int64_t value = int_piece("-p", piece.substr(1));
    if (value < 0) throw StorageError::script("percentages must be positive or zero");
    sum += value;
  }
  if (sum != 100) throw StorageError::script("percentages do not add to 100");
  std::vector<std::pair<char, std::pair<double, double>>> ranges;
  for (const char command : std::string("cwdrls")) ranges.push_back({command, {0.0, 0.0}});
  sum = 0;
  for (const std::string& piece : pieces) {
    const auto found = std::find_if(ranges.begin(), ranges.end(), [&](const auto& r) { return r.first == piece[0]; });
    if (found == ranges.end()) throw StorageError::script("bad command " + piece.substr(0, 1));
    const std::int64_t value = int_piece("-p", piece.substr(1));
    found->second = {static_cast<double>(sum), static_cast<double>(sum + value)};
    sum += value;
  }
  for (auto& range : ranges) range.second = {range.second.first / 100.0, range.second.second / 100.0};
  return ranges;
}

std::string random_file_name(PyRandom& random, const std::string& parent) {
  const char first = static_cast<char>('a' + static_cast<int>(random.random() * 26));
  const char second = static_cast<char>('a' + static_cast<int>(random.random() * 26));
  const std::string number = std::to_string(static_cast<int>(random.random() * 10));
  const std::string name = std::string(1, first) + second + number;
  return parent == "/" ? "/" + name : parent + "/" + name;
}

// The script's make_command_list: COUNT random commands joined by ':'.
std::string random_commands(std::int64_t count, const std::vector<std::pair<char, std::pair<double, double>>>& ranges,
                            PyRandom& random) {
  std::vector<std::string> files, dirs{"/"};
  std::string commands;
  int idle = 0;
  const auto pick = [&](const std::vector<std::string>& list) {
    return list[static_cast<std::size_t>(random.random() * static_cast<double>(list.size()))];
  };
  while (count > 0) {
    if (++idle > kMaxIdleDraws) throw StorageError::input("option -p: no command can be drawn (writes, deletes or links need a file to be created first)");
    const double chance = random.random();
    const auto in = [&](char command) {
      const auto& range = std::find_if(ranges.begin(), ranges.end(), [&](const auto& r) { return r.first == command; })->second;
      return chance >= range.first && chance < range.second;
    };
    std::string command;
    if (in('c')) {
      const std::string name = random_file_name(random, pick(dirs));
      command = "c," + name;
      files.push_back(name);
    } else if (in('w')) {
      if (files.empty()) continue;
      const std::string file = pick(files);
      const auto offset = static_cast<std::int64_t>(random.random() * 8);
      const auto blocks = static_cast<std::int64_t>(random.random() * 8);
      command = py_percent("w,%s,%d,%d", file, offset, blocks);
    } else if (in('d')) {
      const std::string name = random_file_name(random, pick(dirs));
      command = "d," + name;
      dirs.push_back(name);
    } else if (in('r')) {
      if (files.empty()) continue;
      const auto index = static_cast<std::size_t>(random.random() * static_cast<double>(files.size()));
      command = "r," + files[index];
      files.erase(files.begin() + static_cast<std::ptrdiff_t>(index));
    } else if (in('l')) {
      if (files.empty()) continue;
      const auto index = static_cast<std::size_t>(random.random() * static_cast<double>(files.size()));
      const std::string name = random_file_name(random, pick(dirs));
      command = "l," + files[index] + "," + name;
      files.push_back(name);
    } else if (in('s')) {
      command = "s";
    } else {
      throw StorageError::script("abort: internal error with percent operations");
    }
    commands += (commands.empty() ? "" : ":") + command;
    --count;
    idle = 0;
  }
  return commands;
}

void expect_arguments(const std::vector<std::string>& parts, std::size_t count, const std::string& command) {
  if (parts.size() != count) {
    throw StorageError::input(py_percent("command '%s' takes %d arguments", command, static_cast<std::int64_t>(count) - 1));
  }
}

struct Shown {
  bool operations = false, intermediate = false, return_codes = false, solve = false;
};

// Runs COMMANDS ("c,/a:w,/a,0,2:..."), printing as the script does.
void run_commands(Lfs& lfs, const std::string& commands, const Shown& shown, std::vector<std::string>& files,
                  std::vector<std::string>& dirs, std::ostream& text, nlohmann::json& log) {
  std::optional<std::int64_t> rc;
  for (const std::string& command : python_split(commands, ':')) {
    const std::vector<std::string> parts = python_split(command, ',');
    const std::string& verb = parts[0];
    if (verb == "c" || verb == "d") {
      expect_arguments(parts, 2, command);
      if (shown.operations) text << (verb == "c" ? "create file " : "create dir  ") << parts[1] << ' ';
      rc = lfs.create(parts[1], verb == "c");
      if (*rc == 0) (verb == "c" ? files : dirs).push_back(parts[1]);
    } else if (verb == "r") {
      expect_arguments(parts, 2, command);
      if (shown.operations) text << "delete file " << parts[1] << ' ';
      rc = lfs.remove(parts[1]);
      if (*rc == 0) {
        const auto found = std::find(files.begin(), files.end(), parts[1]);
        if (found != files.end()) {
          files.erase(found);
        } else {
          text << "warning: cannot find file " << parts[1] << "\n";
        }
      }
    } else if (verb == "l") {
      expect_arguments(parts, 3, command);
      if (shown.operations) text << "link file   " << parts[1] << ' ' << parts[2] << ' ';
      rc = lfs.link(parts[1], parts[2]);
      if (*rc == 0) files.push_back(parts[2]);
    } else if (verb == "w") {
      expect_arguments(parts, 4, command);
      const std::int64_t offset = int_piece("-L", parts[2]);
      const std::int64_t blocks = int_piece("-L", parts[3]);
      if (blocks > kMaxWriteBlocks) throw StorageError::input(py_percent("command '%s': at most %d blocks per write", command, kMaxWriteBlocks));
      if (shown.operations) text << py_percent("write file  %s offset=%d size=%d", parts[1], offset, blocks) << ' ';
      rc = lfs.write(parts[1], offset, blocks);
    } else if (verb == "s") {
      if (shown.operations) text << "sync ";
      rc = lfs.sync();
    } else {
      text << py_percent("command not understood so skipping [%s]", verb) << "\n";
    }
    if (!shown.operations) text << "command? ";
    if (shown.intermediate) {
      text << "\n\n";
      lfs.dump_partial(verb == "s");
      text << "\n";
    }
    if (shown.return_codes) {
      if (!rc) throw StorageError::input("-e: the first command is not understood, so it has no return code");
      text << "-> " << *rc << "\n";
      for (const std::string& error : lfs.errors()) text << "  " << error << "\n";
    } else {
      text << "\n";
    }
    // As the text: the command with -o, its return code and errors with -e (or both with -c).
    nlohmann::json entry = nlohmann::json::object();
    if (shown.operations || shown.solve) entry["command"] = command;
    if (shown.return_codes || shown.solve) {
      entry["rc"] = rc ? nlohmann::json(*rc) : nlohmann::json(nullptr);
      entry["errors"] = lfs.errors();
    }
    log.push_back(entry);
  }
}

std::optional<int> lfs_body(const std::vector<std::string>& args, Run& run, std::ostream& err) {
  OptionParser parser(ostep_prog_name("lfs"));
  parser.add_int("-s", "--seed", "seed", 0, "the random seed")
      .add_flag("-N", "--no_force", "no_force_checkpoints", "Do not force checkpoint writes after updates")
      .add_flag("-F", "--no_final", "no_final", "Do not show the final state of the file system")
      .add_flag("-D", "--use_disk_cr", "use_disk_cr", "use disk (maybe old) version of checkpoint region")
      .add_flag("-c", "--compute", "solve", "compute answers for me")
      .add_flag("-o", "--show_operations", "show_operations", "print out operations as they occur")
      .add_flag("-i", "--show_intermediate", "show_intermediate", "print out state changes as they occur")
      .add_flag("-e", "--show_return_codes", "show_return_codes", "show error/return codes")
      .add_flag("-v", "--show_live_paths", "show_live_paths", "show live paths")
      .add_string("-n", "--num_commands", "num_commands", "3", "generate N random commands")
      .add_string("-p", "--percentages", "percentages", "c30,w30,d10,r20,l10,s0",
                  "percent chance of: createfile,writefile,createdir,rmfile,linkfile,sync (example is c30,w30,d10,r20,l10,s0)")
      .add_string("-a", "--allocation_policy", "inode_policy", "s", "inode allocation policy: \"r\" for \"random\" or \"s\" for \"sequential\"")
      .add_string("-L", "--command_list", "command_list", "",
                  "command list in format: \"cmd1,arg1,...,argN:cmd2,arg1,...,argN:... where cmds are: c:createfile, "
                  "d:createdir, r:delete, w:write, l:link, s:sync format: c,filepath d,dirpath r,filepath "
                  "w,filepath,offset,numblks l,srcpath,dstpath s");
  if (const auto stop = parser.parse(args, run.text, err)) return stop;
  std::ostream& text = run.text;
  PyRandom random(parser.get_int("seed"));
  std::string commands = parser.get_string("command_list");
  const std::int64_t count = int_piece("-n", parser.get_string("num_commands"));
  const auto ranges = percentages(parser.get_string("percentages"));
  const std::string& policy = parser.get_string("inode_policy");
  if (policy != "s" && policy != "r") throw StorageError::script("bad policy " + policy);
  Lfs lfs(parser.get_flag("use_disk_cr"), parser.get_flag("no_force_checkpoints"), policy == "r", parser.get_flag("solve"), random, text);
  if (commands.empty()) {
    if (count < 0) throw StorageError::script(py_percent("num_commands must be greater than zero %d", count));
    if (count > kMaxCommands) throw StorageError::input(py_percent("option -n: at most %d commands, not %d", kMaxCommands, count));
    commands = random_commands(count, ranges, random);
  }
  text << "\nINITIAL file system contents:\n";
  lfs.dump(true);
  lfs.set_dump_last(4);
  text << "\n";
  Shown shown;
  shown.operations = parser.get_flag("show_operations");
  shown.intermediate = parser.get_flag("show_intermediate");
  shown.return_codes = parser.get_flag("show_return_codes");
  shown.solve = parser.get_flag("solve");
  std::vector<std::string> files, dirs;
  nlohmann::json log = nlohmann::json::array();
  if (!commands.empty()) run_commands(lfs, commands, shown, files, dirs, text, log);
  if (!parser.get_flag("no_final")) {
    text << "\nFINAL file system contents:\n";
    lfs.dump(false);
    text << "\n";
    if (parser.get_flag("show_live_paths")) {
      text << "Live directories:  " << py_list(dirs) << "\nLive files:  " << py_list(files) << "\n\n";
    }
  } else {
    text << "\n";
  }
  run.data["compute"] = shown.solve;
  run.data["commands"] = log;
  run.data["disk"] = lfs.disk_json(shown.solve);
  if (shown.solve || parser.get_flag("show_live_paths")) {
    run.data["live_directories"] = dirs;
    run.data["live_files"] = files;
  }
  return std::nullopt;
}

}  // namespace

int run_lfs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_storage_simulator("lfs", args, out, err, lfs_body);
}

}  // namespace ks::ostep::storage
