// A FAT32 volume made by mkfs, used through Volume: the geometry (worked out by hand in
// fat32_test_support.h), files over many clusters, holes, long names, nested directories,
// removing, renaming within and across directories, a full volume; fsck clean after each.
#include <gtest/gtest.h>

#include "kernel/errno.h"
#include "kernel/fs/fat32/fsck.h"
#include "tests/kernel/fs/fat32/fat32_test_support.h"

namespace ks::fat32 {
namespace {

using test::bytes_of;
using test::read_all;

void expect_clean(const Volume& volume) {
  const FsckReport report = fsck(volume.image());
  for (const FsckProblem& p : report.problems) ADD_FAILURE() << p.structure << ": " << p.message;
  EXPECT_TRUE(report.clean());
}

std::vector<std::string> names(const Volume& volume, std::uint32_t dir) {
  std::vector<std::string> out;
  for (const Entry& e : volume.list(dir)) out.push_back(e.name);
  return out;
}

TEST(Fat32Volume, MkfsGivesTheSpecificationsGeometry) {
  const Volume volume = test::fresh_volume();
  const Geometry& g = volume.geometry();
  EXPECT_EQ(g.bytes_per_sector, 512u);
  EXPECT_EQ(g.sectors_per_cluster, 1u);
  EXPECT_EQ(g.reserved_sectors, 32u);
  EXPECT_EQ(g.fat_count, 2u);
  EXPECT_EQ(g.fat_sectors, test::kFatSectors);
  EXPECT_EQ(g.data_offset, std::uint64_t{test::kDataSector} * 512);
  EXPECT_EQ(g.cluster_count, test::kClusters);
  EXPECT_EQ(g.root_cluster, 2u);
  EXPECT_EQ(g.backup_boot_sector, 6u);
  // Every cluster but the root's is free; FSInfo says so and hints at cluster 3.
  EXPECT_EQ(volume.count_free_clusters(), test::kClusters - 1);
  const FsInfo info = read_fsinfo(volume.image().bytes(), g);
  EXPECT_TRUE(info.valid);
  EXPECT_EQ(info.free_count, test::kClusters - 1);
  EXPECT_EQ(info.next_free, 3u);
  expect_clean(volume);
}

TEST(Fat32Volume, SectorsPerClusterFollowTheTable) {
  EXPECT_EQ(sectors_per_cluster_for(532480), 1u);  // 260 MiB
  EXPECT_EQ(sectors_per_cluster_for(532481), 8u);
  EXPECT_EQ(sectors_per_cluster_for(16777216), 8u);   // 8 GiB
  EXPECT_EQ(sectors_per_cluster_for(33554432), 16u);  // 16 GiB
  EXPECT_EQ(sectors_per_cluster_for(67108864), 32u);  // 32 GiB
  EXPECT_EQ(sectors_per_cluster_for(67108865), 64u);
  EXPECT_FALSE(mkfs_problem({std::uint64_t{66600} * 512, "", 0}).empty());  // too few clusters
  EXPECT_TRUE(mkfs_problem({std::uint64_t{66601} * 512, "", 0}).empty());
  EXPECT_FALSE(mkfs_problem({test::kVolumeBytes + 100, "", 0}).empty());
  EXPECT_FALSE(mkfs_problem({test::kVolumeBytes, "lower", 0}).empty());
}

TEST(Fat32Volume, FilesOverManyClustersReadBackAndFsckIsClean) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Entry file;
  ASSERT_EQ(volume.create(root, "big.bin", false, {}, &file), 0);
  std::string content;
  for (int i = 0; i < 5000; ++i) content += std::to_string(i * 7919 % 10007) + ",";
  ASSERT_EQ(volume.write(file, 0, bytes_of(content), {}), static_cast<std::int64_t>(content.size()));
  const Entry back = *volume.find(root, "BIG.BIN");  // names are found without case
  EXPECT_EQ(back.size, content.size());
  EXPECT_EQ(read_all(volume, back), content);
  // ceil(size / 512) clusters in its chain.
  EXPECT_EQ(volume.chain(back.first_cluster, "big.bin").size(), (content.size() + 511) / 512);
  // A read at an offset across a cluster boundary.
  std::vector<std::uint8_t> part(20);
  ASSERT_EQ(volume.read(back, 500, part), 20);
  EXPECT_EQ(std::string(part.begin(), part.end()), content.substr(500, 20));
  expect_clean(volume);
}

TEST(Fat32Volume, AHoleReadsAsZerosEvenOverAFreedClustersOldBytes) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Entry old;
  ASSERT_EQ(volume.create(root, "old", false, {}, &old), 0);
  ASSERT_EQ(volume.write(old, 0, std::vector<std::uint8_t>(3000, 0xAB), {}), 3000);
  ASSERT_EQ(volume.remove(root, "old", false), 0);
  Entry file;
  ASSERT_EQ(volume.create(root, "holey", false, {}, &file), 0);
  ASSERT_EQ(volume.write(file, 0, bytes_of("ab"), {}), 2);
  ASSERT_EQ(volume.write(file, 2000, bytes_of("z"), {}), 1);  // bytes 2..1999 are a hole
  const std::string all = read_all(volume, volume.reload(file));
  ASSERT_EQ(all.size(), 2001u);
  EXPECT_EQ(all.substr(0, 2), "ab");
  EXPECT_EQ(all.substr(2, 1998), std::string(1998, '\0'));
  EXPECT_EQ(all[2000], 'z');
  ASSERT_EQ(volume.truncate(file, 1, {}), 0);
  ASSERT_EQ(volume.truncate(file, 600, {}), 0);  // grows again: byte 1.. are zeros, not "b"
  EXPECT_EQ(read_all(volume, volume.reload(file)), "a" + std::string(599, '\0'));
  expect_clean(volume);
}

TEST(Fat32Volume, LongNamesNestedDirectoriesAndShortNameTails) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Entry docs;
  ASSERT_EQ(volume.create(root, "Documents and Notes", true, {}, &docs), 0);
  Entry inner;
  ASSERT_EQ(volume.create(docs.first_cluster, "inner", true, {}, &inner), 0);
  ASSERT_EQ(volume.create(inner.first_cluster, "A long file name.text", false, {}), 0);
  ASSERT_EQ(volume.create(inner.first_cluster, "A long file name.texture", false, {}), 0);
  const std::vector<Entry> entries = volume.list(inner.first_cluster);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "A long file name.text");
  EXPECT_EQ(std::string(entries[0].short_name.begin(), entries[0].short_name.end()), "ALONGF~1TEX");
  EXPECT_EQ(std::string(entries[1].short_name.begin(), entries[1].short_name.end()), "ALONGF~2TEX");
  std::int64_t error = 0;
  const auto found = volume.resolve("/documents and notes/INNER/a long file name.texture", error);
  ASSERT_TRUE(found) << error;
  EXPECT_EQ(found->name, "A long file name.texture");
  EXPECT_TRUE(volume.resolve("/Documents and Notes/inner/ALONGF~1.TEX", error));  // the short name works too
  EXPECT_TRUE(volume.resolve("/Documents and Notes/inner/../inner/.", error));
  EXPECT_FALSE(volume.resolve("/Documents and Notes/nope", error));
  EXPECT_EQ(error, -err::kNoEntry);
  EXPECT_EQ(volume.create(root, "documents AND notes", false, {}), -err::kExists);
  EXPECT_EQ(volume.create(root, "bad:name", false, {}), -err::kInvalid);
  EXPECT_EQ(volume.remove(docs.first_cluster, "inner", true), -err::kNotEmpty);
  EXPECT_EQ(volume.remove(root, "Documents and Notes", false), -err::kIsDirectory);
  expect_clean(volume);
}

TEST(Fat32Volume, ADirectoryGrowsPastOneCluster) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  // A 512-byte cluster holds 16 entries; each name below ("file 0" .. "file 39": a space, so no
  // exact 8.3 name) needs one long entry and a short one: 40 x 2 = 80 entries, 5 clusters.
  for (int i = 0; i < 40; ++i) ASSERT_EQ(volume.create(root, "file " + std::to_string(i), false, {}), 0);
  EXPECT_EQ(volume.list(root).size(), 40u);
  EXPECT_EQ(volume.chain(root, "root").size(), 5u);  // 80 entries / 16 per cluster
  for (int i = 0; i < 40; i += 2) ASSERT_EQ(volume.remove(root, "file " + std::to_string(i), false), 0);
  EXPECT_EQ(volume.list(root).size(), 20u);
  ASSERT_EQ(volume.create(root, "again", false, {}), 0);  // reuses a freed slot
  EXPECT_EQ(volume.chain(root, "root").size(), 5u);
  expect_clean(volume);
}

TEST(Fat32Volume, RenameWithinAndAcrossDirectories) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Entry a, b, f;
  ASSERT_EQ(volume.create(root, "a", true, {}, &a), 0);
  ASSERT_EQ(volume.create(root, "b", true, {}, &b), 0);
  ASSERT_EQ(volume.create(a.first_cluster, "f.txt", false, {}, &f), 0);
  ASSERT_EQ(volume.write(f, 0, bytes_of("hello"), {}), 5);
  ASSERT_EQ(volume.rename(a.first_cluster, "f.txt", a.first_cluster, "Renamed File.txt", {}), 0);
  EXPECT_EQ(names(volume, a.first_cluster), std::vector<std::string>{"Renamed File.txt"});
  ASSERT_EQ(volume.rename(a.first_cluster, "renamed file.txt", b.first_cluster, "g.txt", {}), 0);
  EXPECT_TRUE(volume.list(a.first_cluster).empty());
  EXPECT_EQ(read_all(volume, *volume.find(b.first_cluster, "g.txt")), "hello");
  // A directory moved into another: its ".." now names the new parent.
  ASSERT_EQ(volume.rename(root, "a", b.first_cluster, "a", {}), 0);
  EXPECT_EQ(volume.parent_of(a.first_cluster), b.first_cluster);
  // Into itself, or below itself: refused.
  EXPECT_EQ(volume.rename(root, "b", b.first_cluster, "b2", {}), -err::kInvalid);
  EXPECT_EQ(volume.rename(root, "b", a.first_cluster, "b2", {}), -err::kInvalid);
  // Over an existing file: it is replaced, and its clusters freed.
  Entry other;
  ASSERT_EQ(volume.create(root, "other", false, {}, &other), 0);
  ASSERT_EQ(volume.write(other, 0, std::vector<std::uint8_t>(1500, 1), {}), 1500);
  const std::uint32_t free_before = volume.count_free_clusters();
  ASSERT_EQ(volume.rename(b.first_cluster, "g.txt", root, "other", {}), 0);
  EXPECT_EQ(volume.count_free_clusters(), free_before + 3);  // ceil(1500 / 512) = 3 clusters
  EXPECT_EQ(read_all(volume, *volume.find(root, "other")), "hello");
  expect_clean(volume);
}

TEST(Fat32Volume, AFullVolumeSaysNoSpaceAndTakesNothing) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Entry file;
  ASSERT_EQ(volume.create(root, "fill", false, {}, &file), 0);
  const std::uint32_t free = volume.count_free_clusters();  // kClusters - 1 = 68,519
  ASSERT_EQ(free, test::kClusters - 1);
  EXPECT_EQ(volume.truncate(file, std::uint64_t{free} * 512 + 1, {}), -err::kNoSpace);
  EXPECT_EQ(volume.count_free_clusters(), free);
  ASSERT_EQ(volume.truncate(file, std::uint64_t{free} * 512, {}), 0);
  EXPECT_EQ(volume.count_free_clusters(), 0u);
  EXPECT_EQ(volume.create(root, "dir", true, {}), -err::kNoSpace);
  EXPECT_EQ(volume.write(file, std::uint64_t{free} * 512, bytes_of("x"), {}), -err::kNoSpace);
  EXPECT_EQ(volume.write(file, 0xFFFFFFFF, bytes_of("x"), {}), -err::kFileTooBig);
  ASSERT_EQ(volume.remove(root, "fill", false), 0);
  EXPECT_EQ(volume.count_free_clusters(), free);
  expect_clean(volume);
}

TEST(Fat32Volume, TimestampsComeFromTheCaller) {
  Volume volume = test::fresh_volume();
  Entry file;
  const FatTime when = FatTime::from(2026, 12, 2, 4, 30, 10);
  ASSERT_EQ(volume.create(volume.geometry().root_cluster, "t", false, when, &file), 0);
  // 2026 - 1980 = 46: (46 << 9) | (12 << 5) | 2 = 23552 + 384 + 2 = 23938;
  // (4 << 11) | (30 << 5) | 5 = 8192 + 960 + 5 = 9157.
  EXPECT_EQ(volume.reload(file).write_date, 23938);
  EXPECT_EQ(volume.reload(file).write_time, 9157);
}

}  // namespace
}  // namespace ks::fat32
