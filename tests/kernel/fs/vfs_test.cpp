// The VFS: path resolution (absolute and relative, ".", "..", the errors in their order), the
// parent of a path, getcwd's path_of, the boot-time installers, and the mount table: a second
// MemFs mounted at /mnt is walked into and out of, shows in paths, and its mount point is busy.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kernel/errno.h"
#include "kernel/fs/memfs.h"
#include "kernel/fs/vfs.h"

namespace ks {
namespace {

std::vector<std::uint8_t> bytes(const std::string& text) { return {text.begin(), text.end()}; }

// The vnode PATH names from the root, which the test expects to exist.
Vnode at(const Vfs& vfs, std::string_view path) {
  const VnodeResult found = vfs.lookup(vfs.root(), path);
  EXPECT_TRUE(found.ok()) << path << ": " << found.error;
  return found.vnode;
}

std::int64_t error_of(const Vfs& vfs, std::string_view path, Vnode start = {}) {
  return vfs.lookup(start.fs == nullptr ? vfs.root() : start, path).error;
}

TEST(Vfs, ResolvesPathsWithDotAndDotDot) {
  Vfs vfs;
  ASSERT_TRUE(vfs.install_file("/a/b/c.txt", bytes("hi")));
  const Vnode b = at(vfs, "/a/b");
  EXPECT_EQ(at(vfs, "/a/./b/../b//"), b);
  EXPECT_EQ(at(vfs, "/../../a/b"), b) << "the root's parent is the root";
  EXPECT_EQ(vfs.lookup(b, "..").vnode, at(vfs, "/a")) << "relative to a start directory";
  EXPECT_TRUE(vfs.lookup(b, "c.txt").ok());
  EXPECT_EQ(vfs.lookup(b, "/a").vnode, at(vfs, "/a")) << "an absolute path ignores the start";
  EXPECT_EQ(vfs.stat(at(vfs, "/a/b/c.txt")).size, 2u);
}

TEST(Vfs, ResolutionErrorsComeInTheirOrder) {
  Vfs vfs;
  ASSERT_TRUE(vfs.install_file("/a/b/c.txt", bytes("hi")));
  EXPECT_EQ(error_of(vfs, "/a/b/c.txt/"), -err::kNotDirectory) << "a trailing slash after a file";
  EXPECT_EQ(error_of(vfs, "/a/b/c.txt/d"), -err::kNotDirectory);
  EXPECT_EQ(error_of(vfs, "/a/b/c.txt/.."), -err::kNotDirectory) << "no .. under a file";
  EXPECT_EQ(error_of(vfs, "/a/x"), -err::kNoEntry);
  EXPECT_EQ(error_of(vfs, "/a/x/" + std::string(300, 'y')), -err::kNoEntry) << "a missing name is met first";
  EXPECT_EQ(error_of(vfs, ""), -err::kNoEntry);
  EXPECT_EQ(error_of(vfs, "/" + std::string(300, 'x')), -err::kNameTooLong);
  EXPECT_EQ(error_of(vfs, std::string(5000, '/')), -err::kNameTooLong) << "over 4096 bytes";
  EXPECT_TRUE(vfs.lookup(vfs.root(), std::string(4096, '/')).ok());
}

TEST(Vfs, ParentOfAPathAndItsLastName) {
  Vfs vfs;
  ASSERT_TRUE(vfs.install_file("/a/f", bytes("")));
  std::string name;
  EXPECT_EQ(vfs.lookup_parent(vfs.root(), "/", name).error, -err::kInvalid);
  EXPECT_EQ(vfs.lookup_parent(vfs.root(), "/a/..", name).error, -err::kInvalid);
  EXPECT_EQ(vfs.lookup_parent(vfs.root(), "", name).error, -err::kNoEntry);
  EXPECT_EQ(vfs.lookup_parent(vfs.root(), "/x/y", name).error, -err::kNoEntry);
  EXPECT_EQ(vfs.lookup_parent(vfs.root(), "/a/f/g", name).error, -err::kNotDirectory);
  EXPECT_EQ(vfs.lookup_parent(vfs.root(), "/x/" + std::string(300, 'n'), name).error, -err::kNameTooLong)
      << "the last name is checked before the directories on the way";
  const VnodeResult dir = vfs.lookup_parent(vfs.root(), "/a/new//", name);
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(dir.vnode, at(vfs, "/a"));
  EXPECT_EQ(name, "new");
  const VnodeResult here = vfs.lookup_parent(at(vfs, "/a"), "g", name);
  EXPECT_EQ(here.vnode, at(vfs, "/a")) << "a bare name is in the start directory";
}

TEST(Vfs, PathOfADirectoryAndOfARemovedOne) {
  Vfs vfs;
  ASSERT_TRUE(vfs.install_directory("/a/b/c"));
  const Vnode c = at(vfs, "/a/b/c");
  EXPECT_EQ(vfs.path_of(c), "/a/b/c");
  EXPECT_EQ(vfs.path_of(vfs.root()), "/");
  vfs.open_inode(c);  // a working directory
  EXPECT_EQ(vfs.rmdir(at(vfs, "/a/b"), "c"), 0);
  EXPECT_EQ(vfs.path_of(c), "") << "removed: no path";
  EXPECT_TRUE(vfs.lookup(c, ".").ok());
  EXPECT_EQ(vfs.lookup(c, "..").vnode, at(vfs, "/a/b"));
  // Its parent goes too: ".." now leads to a freed inode.
  EXPECT_EQ(vfs.rmdir(at(vfs, "/a"), "b"), 0);
  EXPECT_EQ(vfs.lookup(c, "..").error, -err::kNoEntry);
  EXPECT_EQ(vfs.lookup(c, "../").error, -err::kNoEntry);
  EXPECT_EQ(vfs.lookup(c, "../x").error, -err::kNotDirectory);
  vfs.close_inode(c);
}

TEST(Vfs, InstallersRefuseFilesInTheWay) {
  Vfs vfs;
  EXPECT_TRUE(vfs.install_file("/etc/motd", bytes("one")));
  EXPECT_TRUE(vfs.install_file("/etc/motd", bytes("two!"))) << "replaced";
  std::vector<std::uint8_t> out;
  EXPECT_EQ(vfs.read_whole(at(vfs, "/etc/motd"), out), 0);
  EXPECT_EQ(out, bytes("two!"));
  EXPECT_FALSE(vfs.install_file("/etc/motd/x", bytes("")));
  EXPECT_FALSE(vfs.install_file("/etc", bytes("")));
  EXPECT_FALSE(vfs.install_file("relative", bytes("")));
  EXPECT_FALSE(vfs.install_directory("/etc/motd"));
  EXPECT_FALSE(vfs.install_directory("/etc/../x"));
  EXPECT_TRUE(vfs.install_directory("/etc"));
}

// The root MemFs with /mnt/old, and a second MemFs holding /data/f mounted on /mnt.
struct Mounted {
  Mounted() {
    EXPECT_TRUE(vfs.install_file("/mnt/old", bytes("covered")));
    auto second = std::make_unique<MemFs>();
    disk = second.get();
    const auto data = static_cast<Ino>(disk->mkdir(disk->root(), "data"));
    disk->write(static_cast<Ino>(disk->create(data, "f")), 0, bytes("on the second fs"));
    mount_point = at(vfs, "/mnt");
    EXPECT_EQ(vfs.mount("/mnt", std::move(second)), 0);
  }
  Vfs vfs;
  MemFs* disk = nullptr;
  Vnode mount_point;
};

TEST(Vfs, APathWalksIntoAMountedFileSystem) {
  Mounted m;
  const Vnode mnt = at(m.vfs, "/mnt");
  EXPECT_EQ(mnt, (Vnode{m.disk, m.disk->root()})) << "/mnt is now the second file system's root";
  const Vnode f = at(m.vfs, "/mnt/data/f");
  EXPECT_EQ(f.fs, m.disk);
  std::vector<std::uint8_t> out;
  EXPECT_EQ(m.vfs.read_whole(f, out), 0);
  EXPECT_EQ(out, bytes("on the second fs"));
  EXPECT_EQ(error_of(m.vfs, "/mnt/old"), -err::kNoEntry) << "the covered directory's names are hidden";
  EXPECT_EQ(m.vfs.mounted().size(), 2u);
  EXPECT_EQ(m.vfs.mounted()[1]->type_name(), "memfs");
}

TEST(Vfs, DotDotAtAMountedRootGoesToTheParentFileSystem) {
  Mounted m;
  const Vnode data = at(m.vfs, "/mnt/data");
  EXPECT_EQ(m.vfs.lookup(data, "../..").vnode, m.vfs.root());
  EXPECT_EQ(at(m.vfs, "/mnt/data/../../mnt/data"), data);
  EXPECT_EQ(m.vfs.parent(at(m.vfs, "/mnt")), m.vfs.root());
  EXPECT_EQ(m.vfs.path_of(data), "/mnt/data");
  EXPECT_EQ(m.vfs.path_of(at(m.vfs, "/mnt")), "/mnt");
  std::string name;
  const VnodeResult dir = m.vfs.lookup_parent(data, "../new", name);
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(dir.vnode, at(m.vfs, "/mnt"));
  const VnodeResult made = m.vfs.create(dir.vnode, name);
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made.vnode.fs, m.disk) << "a new file goes on the file system of its directory";
}

TEST(Vfs, AMountPointIsBusyAndHeld) {
  Mounted m;
  EXPECT_EQ(m.vfs.rmdir(m.vfs.root(), "mnt"), -err::kBusy);
  EXPECT_EQ(m.vfs.unlink(m.vfs.root(), "mnt"), -err::kBusy);
  auto& root = static_cast<MemFs&>(*m.mount_point.fs);
  EXPECT_EQ(root.open_count(m.mount_point.ino), 1u) << "the covered directory is held while mounted";
  EXPECT_EQ(m.vfs.mount("/", std::make_unique<MemFs>()), -err::kBusy);
  EXPECT_EQ(m.vfs.mount("/nowhere", std::make_unique<MemFs>()), -err::kNoEntry);
  EXPECT_EQ(m.vfs.mount("/mnt/data/f", std::make_unique<MemFs>()), -err::kNotDirectory);
  EXPECT_EQ(m.vfs.mount("mnt", std::make_unique<MemFs>()), -err::kInvalid);
  // A third file system on a directory of the second: paths cross both mount points.
  auto third = std::make_unique<MemFs>();
  third->create(third->root(), "deep");
  EXPECT_EQ(m.vfs.mount("/mnt/data", std::move(third)), 0);
  EXPECT_TRUE(m.vfs.lookup(m.vfs.root(), "/mnt/data/deep").ok());
  EXPECT_EQ(error_of(m.vfs, "/mnt/data/f"), -err::kNoEntry);
  EXPECT_EQ(m.vfs.path_of(at(m.vfs, "/mnt/data")), "/mnt/data");
  EXPECT_EQ(at(m.vfs, "/mnt/data/../.."), m.vfs.root());
  EXPECT_EQ(m.vfs.rmdir(at(m.vfs, "/mnt"), "data"), -err::kBusy);
}

}  // namespace
}  // namespace ks
