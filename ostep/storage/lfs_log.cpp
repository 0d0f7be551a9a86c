// The log-structured file system's operations, dump and data (see lfs_log.h).
#include "ostep/storage/lfs_log.h"

#include <algorithm>

#include "ostep/pyformat.h"
#include "ostep/storage/script_run.h"

namespace ks::ostep::storage::lfs {

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
    const auto entry =
        std::find_if(block.entries.begin(), block.entries.end(), [&](const auto& e) { return e.first == found->name; });
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
    if (address >= 0 && address < static_cast<std::int64_t>(live.size()))
      live[static_cast<std::size_t>(address)] = true;
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
        text_ << "type:" << (block.directory ? "dir" : "reg") << " size:" << block.size << " refs:" << block.refs
              << " ptrs: ";
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
      case Kind::Checkpoint:
        item["type"] = "checkpoint";
        item["entries"] = b.addresses;
        break;
      case Kind::Imap:
        item["type"] = "imap";
        item["entries"] = b.addresses;
        break;
      case Kind::Data:
        item["type"] = "data";
        item["contents"] = b.contents;
        break;
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

}  // namespace ks::ostep::storage::lfs
