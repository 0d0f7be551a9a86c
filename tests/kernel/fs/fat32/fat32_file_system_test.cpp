// Fat32FileSystem behind the FileSystem seam: inode numbers by entry position (stable across
// lookups, never reused), ".", "..", create, mkdir, read, write, truncate, listings that resume,
// unlink and rmdir, an unlinked open file living on until its last close, and a corrupted
// chain reported as -EIO.
#include <gtest/gtest.h>

#include "kernel/errno.h"
#include "kernel/fs/fat32/fat32_file_system.h"
#include "kernel/fs/fat32/fsck.h"
#include "tests/kernel/fs/fat32/fat32_test_support.h"

namespace ks::fat32 {
namespace {

using test::bytes_of;

std::vector<std::string> listing(const FileSystem& fs, Ino dir, std::uint64_t from = 0) {
  std::vector<std::string> names;
  fs.list(dir, from, [&](const DirectoryEntry& entry) {
    names.emplace_back(entry.name);
    return true;
  });
  return names;
}

TEST(Fat32FileSystem, WorksThroughTheFileSystemInterface) {
  Fat32FileSystem fat(test::fresh_volume());
  FileSystem& fs = fat;
  EXPECT_EQ(fs.type_name(), "fat32");
  const Ino root = fs.root();
  EXPECT_EQ(fs.stat(root).type, FileType::Directory);
  const std::int64_t dir = fs.mkdir(root, "Projects");
  ASSERT_GT(dir, 0);
  const std::int64_t file = fs.create(static_cast<Ino>(dir), "plan for the week.txt");
  ASSERT_GT(file, 0);
  EXPECT_EQ(fs.create(static_cast<Ino>(dir), "PLAN FOR THE WEEK.TXT"), -err::kExists);
  EXPECT_EQ(fs.lookup(static_cast<Ino>(dir), "plan for the week.txt"), file);  // the same number again
  EXPECT_EQ(fs.lookup(static_cast<Ino>(dir), "."), dir);
  EXPECT_EQ(fs.lookup(static_cast<Ino>(dir), ".."), root);
  EXPECT_EQ(fs.lookup(root, ".."), root);
  const std::int64_t inner = fs.mkdir(static_cast<Ino>(dir), "inner");
  ASSERT_GT(inner, 0);
  EXPECT_EQ(fs.lookup(static_cast<Ino>(inner), ".."), dir);

  const auto f = static_cast<Ino>(file);
  const std::vector<std::uint8_t> text = bytes_of("monday: write the FAT driver\n");
  EXPECT_EQ(fs.write(f, 0, text).value, static_cast<std::int64_t>(text.size()));
  EXPECT_EQ(fs.stat(f).size, text.size());
  std::vector<std::uint8_t> back(100);
  EXPECT_EQ(fs.read(f, 8, back).value, static_cast<std::int64_t>(text.size() - 8));
  EXPECT_EQ(std::string(back.begin(), back.begin() + 5), "write");
  EXPECT_EQ(fs.truncate(f, 6), 0);
  EXPECT_EQ(fs.stat(f).size, 6u);

  EXPECT_EQ(listing(fs, static_cast<Ino>(dir)), (std::vector<std::string>{"plan for the week.txt", "inner"}));
  EXPECT_EQ(listing(fs, static_cast<Ino>(dir), 1), std::vector<std::string>{"inner"});

  EXPECT_EQ(fs.rmdir(static_cast<Ino>(dir), "plan for the week.txt"), -err::kNotDirectory);
  EXPECT_EQ(fs.unlink(static_cast<Ino>(dir), "plan for the week.txt"), 0);
  EXPECT_EQ(fs.stat(f).type, FileType::None);  // the number is dead
  const std::int64_t again = fs.create(static_cast<Ino>(dir), "plan for the week.txt");
  EXPECT_GT(again, file);  // a new number, even though the entry reuses the same slots
  EXPECT_EQ(fs.rmdir(static_cast<Ino>(dir), "inner"), 0);
  EXPECT_EQ(fs.rmdir(root, "Projects"), -err::kNotEmpty);
  EXPECT_TRUE(fsck(fat.volume().image()).clean());
}

TEST(Fat32FileSystem, AnUnlinkedOpenFileLivesUntilItsLastClose) {
  Fat32FileSystem fat(test::fresh_volume());
  FileSystem& fs = fat;
  const std::uint32_t free_at_start = fat.volume().count_free_clusters();
  const auto f = static_cast<Ino>(fs.create(fs.root(), "scratch file"));
  ASSERT_EQ(fs.write(f, 0, std::vector<std::uint8_t>(1500, 9)).value, 1500);  // 3 clusters
  fs.open_inode(f);
  ASSERT_EQ(fs.unlink(fs.root(), "scratch file"), 0);
  EXPECT_EQ(fs.lookup(fs.root(), "scratch file"), -err::kNoEntry);
  EXPECT_EQ(fs.stat(f).links, 0u);
  EXPECT_EQ(fs.write(f, 1500, bytes_of("more")).value, 4);  // still writable: 1504 bytes, 3 clusters
  std::vector<std::uint8_t> back(1504);
  EXPECT_EQ(fs.read(f, 0, back).value, 1504);
  EXPECT_EQ(back[1499], 9);
  EXPECT_EQ(std::string(back.begin() + 1500, back.end()), "more");
  EXPECT_EQ(fat.volume().count_free_clusters(), free_at_start - 3);
  // Meanwhile its clusters are in use but in no directory: lost, to fsck.
  EXPECT_FALSE(fsck(fat.volume().image()).clean());
  fs.close_inode(f);
  EXPECT_EQ(fs.stat(f).type, FileType::None);
  EXPECT_EQ(fat.volume().count_free_clusters(), free_at_start);
  EXPECT_TRUE(fsck(fat.volume().image()).clean());
  // A removed directory that is someone's working directory takes no new files.
  const auto d = static_cast<Ino>(fs.mkdir(fs.root(), "cwd"));
  fs.open_inode(d);
  ASSERT_EQ(fs.rmdir(fs.root(), "cwd"), 0);
  EXPECT_EQ(fs.create(d, "x"), -err::kNoEntry);
  fs.close_inode(d);
  EXPECT_TRUE(fsck(fat.volume().image()).clean());
}

TEST(Fat32FileSystem, ACorruptedChainIsAnIoError) {
  Volume volume = test::fresh_volume();
  Entry e;
  ASSERT_EQ(volume.create(volume.geometry().root_cluster, "f", false, {}, &e), 0);
  ASSERT_EQ(volume.write(e, 0, std::vector<std::uint8_t>(1024, 7), {}), 1024);
  std::vector<std::uint8_t> bytes(volume.image().bytes().begin(), volume.image().bytes().end());
  const std::uint32_t first = e.first_cluster;
  put32(bytes, 32 * 512 + std::size_t{first + 1} * 4, first);  // the second cluster links back to the first
  Fat32FileSystem fs(Volume(DiskImage::in_memory(bytes, "loop.img")));
  const std::int64_t ino = fs.lookup(fs.root(), "f");
  ASSERT_GT(ino, 0);
  std::vector<std::uint8_t> out(10);
  EXPECT_EQ(fs.read(static_cast<Ino>(ino), 0, out).value, -err::kIo);
  EXPECT_EQ(fs.write(static_cast<Ino>(ino), 2000, out).value, -err::kIo);
}

}  // namespace
}  // namespace ks::fat32
