// The in-memory file system: path lookup with . and .., creating and removing, link and open
// counts, the boot-time installers and getcwd's path_of.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernel/errno.h"
#include "kernel/fs/memfs.h"

namespace ks {
namespace {

std::vector<std::uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

TEST(MemFs, LookupFollowsDotAndDotDot) {
  MemFs fs;
  ASSERT_TRUE(fs.install_file("/a/b/c.txt", bytes("hi")));
  const std::int64_t b = fs.lookup(MemFs::kRoot, "/a/b");
  ASSERT_GT(b, 0);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, "/a/./b/../b//"), b);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, "/../../a/b"), b);  // the root's parent is the root
  EXPECT_EQ(fs.lookup(static_cast<Ino>(b), ".."), fs.lookup(MemFs::kRoot, "/a"));
  EXPECT_GT(fs.lookup(static_cast<Ino>(b), "c.txt"), 0);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, "/a/b/c.txt/"), -err::kNotDirectory);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, "/a/b/c.txt/d"), -err::kNotDirectory);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, "/a/x"), -err::kNoEntry);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, ""), -err::kNoEntry);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, "/" + std::string(300, 'x')), -err::kNameTooLong);
  EXPECT_EQ(fs.lookup(MemFs::kRoot, std::string(5000, '/')), -err::kNameTooLong);
  EXPECT_EQ(fs.path_of(static_cast<Ino>(b)), "/a/b");
  EXPECT_EQ(fs.path_of(MemFs::kRoot), "/");
}

TEST(MemFs, CreateUnlinkAndOpenCounts) {
  MemFs fs;
  std::string name;
  EXPECT_EQ(fs.lookup_parent(MemFs::kRoot, "/", name), -err::kInvalid);
  EXPECT_EQ(fs.lookup_parent(MemFs::kRoot, "/x/y", name), -err::kNoEntry);
  ASSERT_EQ(fs.lookup_parent(MemFs::kRoot, "/d/", name), MemFs::kRoot);
  EXPECT_EQ(name, "d");
  const std::int64_t dir = fs.create(MemFs::kRoot, "d", InodeType::Directory);
  ASSERT_GT(dir, 0);
  EXPECT_EQ(fs.create(MemFs::kRoot, "d", InodeType::File), -err::kExists);
  const std::int64_t file = fs.create(static_cast<Ino>(dir), "f", InodeType::File);
  ASSERT_GT(file, 0);
  EXPECT_EQ(fs.write(static_cast<Ino>(file), 4, bytes("xy")), 2);
  std::vector<std::uint8_t> out(10);
  EXPECT_EQ(fs.read(static_cast<Ino>(file), 0, out), 6u);  // the hole reads as zeros
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[4], 'x');
  EXPECT_EQ(fs.write(static_cast<Ino>(file), MemFs::kMaxFileBytes, bytes("z")), -err::kFileTooBig);
  EXPECT_EQ(fs.unlink(MemFs::kRoot, "d", true), -err::kNotEmpty);
  EXPECT_EQ(fs.unlink(MemFs::kRoot, "d", false), -err::kIsDirectory);
  EXPECT_EQ(fs.unlink(static_cast<Ino>(dir), "f", true), -err::kNotDirectory);
  fs.open_inode(static_cast<Ino>(file));
  EXPECT_EQ(fs.unlink(static_cast<Ino>(dir), "f", false), 0);
  EXPECT_EQ(fs.read(static_cast<Ino>(file), 4, out), 2u) << "an open unlinked file keeps its bytes";
  fs.close_inode(static_cast<Ino>(file));
  EXPECT_EQ(fs.inode(static_cast<Ino>(file)).type, InodeType::Free);
  // A removed directory that is still open (someone's cwd) takes no new files and has no path.
  fs.open_inode(static_cast<Ino>(dir));
  EXPECT_EQ(fs.unlink(MemFs::kRoot, "d", true), 0);
  EXPECT_EQ(fs.create(static_cast<Ino>(dir), "g", InodeType::File), -err::kNoEntry);
  EXPECT_EQ(fs.path_of(static_cast<Ino>(dir)), "");
  EXPECT_EQ(fs.lookup(static_cast<Ino>(dir), "."), dir);
  fs.close_inode(static_cast<Ino>(dir));
}

TEST(MemFs, InstallersRefuseFilesInTheWay) {
  MemFs fs;
  EXPECT_TRUE(fs.install_file("/etc/motd", bytes("one")));
  EXPECT_TRUE(fs.install_file("/etc/motd", bytes("two!")));  // replaced
  std::vector<std::uint8_t> out(8);
  EXPECT_EQ(fs.read(static_cast<Ino>(fs.lookup(MemFs::kRoot, "/etc/motd")), 0, out), 4u);
  EXPECT_FALSE(fs.install_file("/etc/motd/x", bytes("")));
  EXPECT_FALSE(fs.install_file("/etc", bytes("")));
  EXPECT_FALSE(fs.install_file("relative", bytes("")));
  EXPECT_FALSE(fs.install_directory("/etc/motd"));
  EXPECT_TRUE(fs.install_directory("/etc"));
}

}  // namespace
}  // namespace ks
