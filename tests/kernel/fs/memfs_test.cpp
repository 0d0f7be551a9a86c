// The in-memory file system behind the FileSystem interface: one directory at a time (names,
// ".", ".."), creating and removing, link and open counts, reading, writing and truncating,
// sorted listings that resume from a position, and its limits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernel/errno.h"
#include "kernel/fs/memfs.h"

namespace ks {
namespace {

std::vector<std::uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

// The names FS lists in DIR from position FROM, and the position after each.
std::vector<std::pair<std::string, std::uint64_t>> listing(const FileSystem& fs, Ino dir, std::uint64_t from = 0) {
  std::vector<std::pair<std::string, std::uint64_t>> names;
  fs.list(dir, from, [&](const DirectoryEntry& entry) {
    names.emplace_back(std::string(entry.name), entry.next);
    return true;
  });
  return names;
}

TEST(MemFs, LooksNamesUpInOneDirectory) {
  MemFs memfs;
  FileSystem& fs = memfs;
  const Ino root = fs.root();
  EXPECT_EQ(fs.type_name(), "memfs");
  EXPECT_EQ(fs.stat(root).type, FileType::Directory);
  EXPECT_EQ(fs.lookup(root, ".."), root) << "the root is its own parent";
  const std::int64_t a = fs.mkdir(root, "a");
  ASSERT_GT(a, 0);
  const std::int64_t f = fs.create(static_cast<Ino>(a), "f");
  ASSERT_GT(f, a);
  EXPECT_EQ(fs.lookup(root, "a"), a);
  EXPECT_EQ(fs.lookup(static_cast<Ino>(a), "f"), f);
  EXPECT_EQ(fs.lookup(static_cast<Ino>(a), "."), a);
  EXPECT_EQ(fs.lookup(static_cast<Ino>(a), ".."), root);
  EXPECT_EQ(fs.lookup(root, "f"), -err::kNoEntry) << "a name is looked up in one directory, not in its subdirectories";
  EXPECT_EQ(fs.lookup(root, "a/f"), -err::kNoEntry) << "a file system knows names, not paths";
  EXPECT_EQ(fs.stat(static_cast<Ino>(f)).type, FileType::File);
  EXPECT_EQ(fs.stat(999).type, FileType::None);
}

TEST(MemFs, CreateRemoveAndTheErrorsInOrder) {
  MemFs fs;
  const Ino root = fs.root();
  const std::int64_t dir = fs.mkdir(root, "d");
  ASSERT_GT(dir, 0);
  EXPECT_EQ(fs.mkdir(root, "d"), -err::kExists);
  EXPECT_EQ(fs.create(root, "d"), -err::kExists);
  const std::int64_t file = fs.create(static_cast<Ino>(dir), "f");
  ASSERT_GT(file, 0);
  EXPECT_EQ(fs.stat(static_cast<Ino>(dir)).size, 1u) << "a directory's size counts its names";
  EXPECT_EQ(fs.rmdir(root, "d"), -err::kNotEmpty);
  EXPECT_EQ(fs.unlink(root, "d"), -err::kIsDirectory);
  EXPECT_EQ(fs.rmdir(static_cast<Ino>(dir), "f"), -err::kNotDirectory);
  EXPECT_EQ(fs.unlink(static_cast<Ino>(dir), "nothing"), -err::kNoEntry);
  EXPECT_EQ(fs.rmdir(root, "nothing"), -err::kNoEntry);
  EXPECT_EQ(fs.unlink(static_cast<Ino>(dir), "f"), 0);
  EXPECT_EQ(fs.stat(static_cast<Ino>(file)).type, FileType::None) << "no name and no open file: freed";
  EXPECT_EQ(fs.rmdir(root, "d"), 0);
  EXPECT_EQ(fs.lookup(root, "d"), -err::kNoEntry);
  const std::int64_t again = fs.mkdir(root, "d");
  EXPECT_GT(again, file) << "a freed inode number is never reused";
}

TEST(MemFs, AnOpenInodeOutlivesItsLastName) {
  MemFs fs;
  const auto file = static_cast<Ino>(fs.create(fs.root(), "f"));
  ASSERT_EQ(fs.write(file, 0, bytes("kept")).value, 4);
  fs.open_inode(file);
  fs.open_inode(file);
  EXPECT_EQ(fs.open_count(file), 2u);
  EXPECT_EQ(fs.unlink(fs.root(), "f"), 0);
  EXPECT_EQ(fs.stat(file).links, 0u);
  std::vector<std::uint8_t> out(8);
  EXPECT_EQ(fs.read(file, 0, out).value, 4) << "an open unlinked file keeps its bytes";
  fs.close_inode(file);
  EXPECT_EQ(fs.stat(file).type, FileType::File);
  fs.close_inode(file);
  EXPECT_EQ(fs.stat(file).type, FileType::None) << "freed at the last close";

  // A removed directory that is still held (someone's cwd) takes no new names.
  const auto dir = static_cast<Ino>(fs.mkdir(fs.root(), "d"));
  fs.open_inode(dir);
  EXPECT_EQ(fs.rmdir(fs.root(), "d"), 0);
  EXPECT_EQ(fs.stat(dir).type, FileType::Directory);
  EXPECT_EQ(fs.create(dir, "g"), -err::kNoEntry);
  EXPECT_EQ(fs.mkdir(dir, "g"), -err::kNoEntry);
  fs.close_inode(dir);
  EXPECT_EQ(fs.stat(dir).type, FileType::None);
}

TEST(MemFs, ReadWriteAndTruncateAtOffsets) {
  MemFs fs;
  const auto file = static_cast<Ino>(fs.create(fs.root(), "f"));
  const IoOutcome wrote = fs.write(file, 4, bytes("xy"));
  EXPECT_FALSE(wrote.blocked()) << "memory never makes a caller wait";
  EXPECT_EQ(wrote.value, 2);
  std::vector<std::uint8_t> out(10, 0xff);
  EXPECT_EQ(fs.read(file, 0, out).value, 6);
  EXPECT_EQ(out[0], 0) << "the hole reads as zeros";
  EXPECT_EQ(out[4], 'x');
  EXPECT_EQ(fs.read(file, 6, out).value, 0) << "at the end";
  EXPECT_EQ(fs.read(file, 600, out).value, 0) << "past the end";
  EXPECT_EQ(fs.truncate(file, 2), 0);
  EXPECT_EQ(fs.stat(file).size, 2u);
  EXPECT_EQ(fs.truncate(file, 8), 0);
  EXPECT_EQ(fs.read(file, 0, out).value, 8);
  EXPECT_EQ(out[4], 0) << "growing fills with zeros, not the old bytes";
  EXPECT_EQ(fs.truncate(file, 0), 0);
  EXPECT_EQ(fs.stat(file).size, 0u);
}

TEST(MemFs, LimitsAreErrorsNotCrashes) {
  MemFs fs;
  const auto file = static_cast<Ino>(fs.create(fs.root(), "f"));
  EXPECT_EQ(fs.write(file, MemFs::kMaxFileBytes, bytes("z")).value, -err::kFileTooBig);
  EXPECT_EQ(fs.truncate(file, MemFs::kMaxFileBytes + 1), -err::kFileTooBig);
  const std::vector<std::uint8_t> big(MemFs::kMaxFileBytes, 1);
  for (int i = 0; i < 4; ++i) {
    const auto each = static_cast<Ino>(fs.create(fs.root(), "big" + std::to_string(i)));
    ASSERT_EQ(fs.write(each, 0, big).value, static_cast<std::int64_t>(big.size()));
  }
  EXPECT_EQ(fs.write(file, 0, bytes("z")).value, -err::kNoSpace) << "64 MiB in all";
  EXPECT_EQ(fs.truncate(file, 1), -err::kNoSpace);
  EXPECT_EQ(fs.unlink(fs.root(), "big0"), 0);
  EXPECT_EQ(fs.write(file, 0, bytes("z")).value, 1) << "a freed file's bytes count no more";
}

TEST(MemFs, ListsNamesSortedFromAPosition) {
  MemFs fs;
  for (const char* name : {"c", "a", "b"}) fs.create(fs.root(), name);
  using Names = std::vector<std::pair<std::string, std::uint64_t>>;
  EXPECT_EQ(listing(fs, fs.root()), (Names{{"a", 1}, {"b", 2}, {"c", 3}})) << "no . or .., names sorted";
  EXPECT_EQ(listing(fs, fs.root(), 2), (Names{{"c", 3}}));
  EXPECT_EQ(listing(fs, fs.root(), 3), Names{});
  int taken = 0;
  fs.list(fs.root(), 0, [&](const DirectoryEntry&) { return ++taken < 2; });
  EXPECT_EQ(taken, 2) << "the listing stops when the taker wants no more";
}

}  // namespace
}  // namespace ks
