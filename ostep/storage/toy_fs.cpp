// The file system shared by vsfs and fsck, and its random workload (see toy_fs.h).
#include "ostep/storage/toy_fs.h"

#include <algorithm>
#include <stdexcept>

#include "ostep/pyformat.h"
#include "ostep/storage/script_run.h"

namespace ks::ostep::storage {
namespace {

constexpr std::size_t kMaxEntries = 32;

}  // namespace

void FsBitmap::set(std::size_t index) {
  if (bits_[index] != 0) throw std::logic_error("FsBitmap: allocating an allocated entry");
  bits_[index] = 1;
  ++allocated_;
}

void FsBitmap::clear(std::size_t index) {
  if (bits_[index] != 1) throw std::logic_error("FsBitmap: freeing a free entry");
  bits_[index] = 0;
  --allocated_;
}

std::string FsBitmap::text() const {
  std::string text;
  for (const int bit : bits_) text += static_cast<char>('0' + bit);
  return text;
}

ToyFileSystem::ToyFileSystem(FsFlavor flavor, std::size_t inode_count, std::size_t block_count, PyRandom& random)
    : inodes(inode_count),
      blocks(block_count),
      inode_bitmap(inode_count),
      block_bitmap(block_count),
      flavor_(flavor),
      random_(random) {
  inode_bitmap.set(0);
  inodes[0] = FsInode{'d', 0, 2};
  block_bitmap.set(0);
  blocks[0].type = 'd';
  blocks[0].entries = {{".", 0}, {"..", 0}};
  dirs.emplace_back("/");
  inode_of_["/"] = 0;
}

std::int64_t ToyFileSystem::index_below(std::size_t n) {
  return static_cast<std::int64_t>(random_.random() * static_cast<double>(n));
}

std::string ToyFileSystem::make_name() {
  static constexpr std::string_view kVsfsLetters = "abcdefghjkmnopqrstuvwxyz";
  static constexpr std::string_view kAllLetters = "abcdefghijklmnopqrstuvwxyz";
  const std::string_view letters = flavor_ == FsFlavor::Vsfs ? kVsfsLetters : kAllLetters;
  return std::string(1, letters[static_cast<std::size_t>(index_below(letters.size()))]);
}

std::int64_t ToyFileSystem::allocate(FsBitmap& bitmap) {
  if (flavor_ == FsFlavor::Vsfs) {
    for (std::size_t i = 0; i < bitmap.size(); ++i) {
      if (!bitmap.allocated(i)) {
        bitmap.set(i);
        return static_cast<std::int64_t>(i);
      }
    }
    return -1;
  }
  if (bitmap.free_count() == 0) return -1;
  while (true) {
    const auto i = static_cast<std::size_t>(index_below(bitmap.size()));
    if (!bitmap.allocated(i)) {
      bitmap.set(i);
      return static_cast<std::int64_t>(i);
    }
  }
}

std::int64_t ToyFileSystem::find_free_inode() {
  if (inode_bitmap.free_count() == 0) return -1;
  while (true) {
    const auto i = static_cast<std::size_t>(index_below(inode_bitmap.size()));
    if (!inode_bitmap.allocated(i)) return static_cast<std::int64_t>(i);
  }
}

void ToyFileSystem::free_inode(std::int64_t inum) {
  inode_bitmap.clear(static_cast<std::size_t>(inum));
  FsInode& inode = inodes[static_cast<std::size_t>(inum)];
  inode.type = 0;
  inode.address = -1;  // the scripts leave the reference count as it was
}

void ToyFileSystem::free_block(std::int64_t block) {
  block_bitmap.clear(static_cast<std::size_t>(block));
  blocks[static_cast<std::size_t>(block)] = FsBlock{};
}

std::string ToyFileSystem::parent_of(const std::string& name) {
  const std::size_t slash = name.rfind('/');
  return slash == 0 ? std::string("/") : name.substr(0, slash);
}

std::string ToyFileSystem::full_name(const std::string& parent, const std::string& name) const {
  return parent == "/" ? parent + name : parent + "/" + name;
}

std::int64_t ToyFileSystem::directory_block(const std::string& dir) const {
  return inodes[static_cast<std::size_t>(inode_of_.at(dir))].address;
}

bool ToyFileSystem::directory_has(std::int64_t block, const std::string& name) const {
  const auto& entries = blocks[static_cast<std::size_t>(block)].entries;
  return std::any_of(entries.begin(), entries.end(), [&](const auto& entry) { return entry.first == name; });
}

std::optional<std::string> ToyFileSystem::random_operation() {
  const double r = random_.random();
  if (r < 0.3) return append();
  if (r < 0.5) return unlink();
  if (r < 0.7) return link();
  return create(random_.random() < 0.75 ? 'f' : 'd');
}

std::optional<std::string> ToyFileSystem::append() {
  if (files.empty()) return std::nullopt;
  const std::string file = files[static_cast<std::size_t>(index_below(files.size()))];
  const std::string data(1, static_cast<char>('a' + index_below(26)));
  FsInode& inode = inodes[static_cast<std::size_t>(inode_of_.at(file))];
  if (inode.address != -1) return std::nullopt;  // files hold one block
  const std::int64_t block = allocate(block_bitmap);
  if (block == -1) return std::nullopt;
  blocks[static_cast<std::size_t>(block)].type = 'f';
  blocks[static_cast<std::size_t>(block)].data = data;
  inode.address = block;
  return py_percent("fd=open(\"%s\", O_WRONLY|O_APPEND); write(fd, buf, BLOCKSIZE); close(fd);", file);
}

std::optional<std::string> ToyFileSystem::unlink() {
  if (files.empty()) return std::nullopt;
  std::size_t which = 0;
  if (flavor_ == FsFlavor::Vsfs) {
    which = static_cast<std::size_t>(index_below(files.size()));
  } else {
    which = static_cast<std::size_t>(random_.random()) * files.size();  // the script's int(random()) is always 0
  }
  const std::string file = files[which];
  const std::int64_t inum = inode_of_.at(file);
  FsInode& inode = inodes[static_cast<std::size_t>(inum)];
  if (inode.refs == 1) {
    if (inode.address != -1) free_block(inode.address);
    free_inode(inum);
  } else {
    --inode.refs;
  }
  // Only regular files are ever unlinked, so the parent's reference count stays.
  auto& entries = blocks[static_cast<std::size_t>(directory_block(parent_of(file)))].entries;
  const std::string name = file.substr(file.rfind('/') + 1);
  entries.erase(std::find_if(entries.begin(), entries.end(), [&](const auto& entry) { return entry.first == name; }));
  files.erase(std::find(files.begin(), files.end(), file));
  return py_percent("unlink(\"%s\");", file);
}

std::optional<std::string> ToyFileSystem::link() {
  if (files.empty()) return std::nullopt;
  const std::string parent = dirs[static_cast<std::size_t>(index_below(dirs.size()))];
  const std::string name = make_name();
  const std::string target = files[static_cast<std::size_t>(index_below(files.size()))];
  const std::int64_t block = directory_block(parent);
  if (blocks[static_cast<std::size_t>(block)].entries.size() >= kMaxEntries || directory_has(block, name))
    return std::nullopt;
  const std::int64_t inum = inode_of_.at(target);
  ++inodes[static_cast<std::size_t>(inum)].refs;
  blocks[static_cast<std::size_t>(block)].entries.emplace_back(name, inum);
  const std::string full = full_name(parent, name);
  files.push_back(full);
  inode_of_[full] = inum;
  return py_percent("link(\"%s\", \"%s\");", target, full);
}

std::optional<std::string> ToyFileSystem::create(char type) {
  const std::string parent = dirs[static_cast<std::size_t>(index_below(dirs.size()))];
  const std::string name = make_name();
  const std::int64_t parent_inum = inode_of_.at(parent);
  const std::int64_t parent_block = directory_block(parent);
  if (blocks[static_cast<std::size_t>(parent_block)].entries.size() >= kMaxEntries ||
      directory_has(parent_block, name)) {
    return std::nullopt;
  }
  const std::int64_t inum = allocate(inode_bitmap);
  if (inum == -1) return std::nullopt;
  std::int64_t block = -1;
  if (type == 'd') {
    block = allocate(block_bitmap);
    if (block == -1) {
      free_inode(inum);
      return std::nullopt;
    }
    blocks[static_cast<std::size_t>(block)].type = 'd';
    blocks[static_cast<std::size_t>(block)].entries = {{".", inum}, {"..", parent_inum}};
    ++inodes[static_cast<std::size_t>(parent_inum)].refs;
  }
  inodes[static_cast<std::size_t>(inum)] = FsInode{type, block, type == 'd' ? 2 : 1};
  blocks[static_cast<std::size_t>(parent_block)].entries.emplace_back(name, inum);
  const std::string full = full_name(parent, name);
  (type == 'd' ? dirs : files).push_back(full);
  inode_of_[full] = inum;
  const std::string shown_parent = parent == "/" ? "" : parent;
  return py_percent(type == 'd' ? "mkdir(\"%s/%s\");" : "creat(\"%s/%s\");", shown_parent, name);
}

}  // namespace ks::ostep::storage

namespace ks::ostep::storage {
namespace {

constexpr std::int64_t kMaxSize = 100'000;
constexpr int kMaxDraws = 1'000'000;  // draws without a possible operation before giving up

}  // namespace

std::string inode_text(const FsInode& inode) {
  if (inode.type == 0) return "[]";
  return py_percent("[%s a:%s r:%d]", std::string(1, inode.type), inode.address, inode.refs);
}

std::string block_text(const FsBlock& block) {
  if (block.type == 0) return "[]";
  if (block.type == 'f') return "[" + block.data + "]";
  std::string text;
  for (const auto& [name, inum] : block.entries) {
    if (!text.empty()) text += ' ';
    text += py_percent("(%s,%s)", name, inum);
  }
  return "[" + text + "]";
}

nlohmann::json state_json(const ToyFileSystem& fs) {
  nlohmann::json inodes = nlohmann::json::array();
  for (const FsInode& inode : fs.inodes) {
    if (inode.type == 0) {
      inodes.push_back(nullptr);
    } else {
      inodes.push_back({{"type", std::string(1, inode.type)}, {"address", inode.address}, {"refs", inode.refs}});
    }
  }
  nlohmann::json blocks = nlohmann::json::array();
  for (const FsBlock& block : fs.blocks) {
    if (block.type == 0) {
      blocks.push_back(nullptr);
    } else if (block.type == 'f') {
      blocks.push_back({{"type", "f"}, {"data", block.data}});
    } else {
      nlohmann::json entries = nlohmann::json::array();
      for (const auto& [name, inum] : block.entries) entries.push_back({name, inum});
      blocks.push_back({{"type", "d"}, {"entries", entries}});
    }
  }
  return {{"inode_bitmap", fs.inode_bitmap.text()},
          {"inodes", inodes},
          {"data_bitmap", fs.block_bitmap.text()},
          {"data", blocks}};
}

void check_fs_size(std::int64_t inodes, std::int64_t blocks, std::int64_t requests) {
  if (inodes < 1 || inodes > kMaxSize) {
    throw StorageError::input(
        py_percent("option -i: %d inodes; the file system needs 1 to %d (the root is inode 0)", inodes, kMaxSize));
  }
  if (blocks < 1 || blocks > kMaxSize) {
    throw StorageError::input(
        py_percent("option -d: %d data blocks; the file system needs 1 to %d (the root is block 0)", blocks, kMaxSize));
  }
  if (requests > kMaxSize) {
    throw StorageError::input(
        py_percent("option -n: at most %d requests can be simulated, not %d", kMaxSize, requests));
  }
}

std::string run_one_operation(ToyFileSystem& fs, const std::function<void(const std::string&)>& on_success) {
  for (int draw = 0; draw < kMaxDraws; ++draw) {
    const std::optional<std::string> operation = fs.random_operation();
    if (operation) on_success(*operation);
    if (fs.inode_bitmap.free_count() == 0) {
      throw StorageError::script("File system out of inodes; rerun with more via command-line flag?");
    }
    if (fs.block_bitmap.free_count() == 0) {
      throw StorageError::script("File system out of data blocks; rerun with more via command-line flag?");
    }
    if (operation) return *operation;
  }
  throw StorageError::input(
      "no operation of the workload can succeed any more (every name is taken); use other sizes or seeds");
}

}  // namespace ks::ostep::storage
