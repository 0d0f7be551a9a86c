// Hostile and corrupted images, one class each: a truncated image, random bytes, fields of the
// boot sector that would divide by zero or misplace everything, a FAT loop, a cross-link, a
// cluster out of range, a directory that contains itself, a huge file size. Each gives a clear
// error naming the image and the structure, or an fsck finding; none crashes or hangs.
#include <gtest/gtest.h>

#include <cstring>

#include "kernel/fs/fat32/fsck.h"
#include "sim-core/error.h"
#include "tests/kernel/fs/fat32/fat32_test_support.h"

namespace ks::fat32 {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of_volume(const Volume& volume) { return {volume.image().bytes().begin(), volume.image().bytes().end()}; }

// Sets FAT entry CLUSTER to VALUE in both copies (FAT 0 at sector 32, FAT 1 after 540 sectors).
void poke_fat(Bytes& image, std::uint32_t cluster, std::uint32_t value) {
  put32(image, 32 * 512 + std::size_t{cluster} * 4, value);
  put32(image, (32 + test::kFatSectors) * 512 + std::size_t{cluster} * 4, value);
}

// The byte offset of E's short entry (its directory's first cluster holds it in these tests).
std::size_t entry_offset(const Entry& e) {
  EXPECT_LT(e.slot, 16u);
  return (std::size_t{test::kDataSector} + e.directory - 2) * 512 + std::size_t{e.slot} * 32;
}

// The InputError mounting BYTES gives (empty when it mounts).
std::string mount_error(Bytes bytes, std::string* key = nullptr) {
  try {
    const Volume volume(DiskImage::in_memory(std::move(bytes), "bad.img"));
  } catch (const InputError& error) {
    if (key != nullptr) *key = error.where().key_path;
    return error.what();
  }
  return {};
}

bool has_problem(const FsckReport& report, const std::string& structure, const std::string& part) {
  for (const FsckProblem& p : report.problems) {
    if (p.structure == structure && p.message.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string all_problems(const FsckReport& report) {
  std::string out;
  for (const FsckProblem& p : report.problems) out += p.structure + ": " + p.message + "\n";
  return out;
}

// A volume with /a.txt of 3 clusters and /b.txt of 2, and directory /d.
struct Sample {
  Bytes image;
  Entry a, b, d;
};

Sample sample() {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Sample s;
  EXPECT_EQ(volume.create(root, "a.txt", false, {}, &s.a), 0);
  EXPECT_EQ(volume.write(s.a, 0, Bytes(1300, 'a'), {}), 1300);  // ceil(1300 / 512) = 3 clusters
  EXPECT_EQ(volume.create(root, "b.txt", false, {}, &s.b), 0);
  EXPECT_EQ(volume.write(s.b, 0, Bytes(600, 'b'), {}), 600);  // 2 clusters
  EXPECT_EQ(volume.create(root, "d", true, {}, &s.d), 0);
  s.image = bytes_of_volume(volume);
  EXPECT_TRUE(fsck(DiskImage::in_memory(s.image, "sample.img")).clean());
  return s;
}

TEST(Fat32CorruptImage, TruncatedImageNamesTheSectorCount) {
  Bytes image = test::fresh_image();
  image.resize(10u << 20);
  std::string key;
  const std::string error = mount_error(image, &key);
  EXPECT_EQ(key, "boot sector.BPB_TotSec32");
  EXPECT_NE(error.find("bad.img"), std::string::npos) << error;
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  const FsckReport report = fsck(DiskImage::in_memory(image, "bad.img"));
  EXPECT_TRUE(has_problem(report, "boot sector", "BPB_TotSec32")) << all_problems(report);
  image.resize(100);  // less than a sector
  EXPECT_NE(mount_error(image).find("smaller than one sector"), std::string::npos);
}

TEST(Fat32CorruptImage, RandomBytesAreNotAFatImage) {
  Bytes image(1u << 20);
  std::uint32_t state = 12345;
  for (std::uint8_t& byte : image) {
    state = state * 1103515245 + 12345;  // a fixed linear congruential sequence
    byte = static_cast<std::uint8_t>(state >> 24);
  }
  image[510] = 0x12;  // make sure the signature is wrong
  std::string key;
  EXPECT_NE(mount_error(image, &key).find("not a FAT boot sector"), std::string::npos);
  EXPECT_EQ(key, "boot sector.signature");
  EXPECT_FALSE(fsck(DiskImage::in_memory(image, "bad.img")).is_fat32);
  // With the signature right, a field is still wrong, and named.
  image[510] = 0x55, image[511] = 0xAA;
  EXPECT_FALSE(mount_error(image, &key).empty());
  EXPECT_EQ(key.rfind("boot sector.", 0), 0u) << key;
}

TEST(Fat32CorruptImage, BootSectorFieldsThatWouldDivideByZeroOrMisplace) {
  const Bytes good = test::fresh_image();
  const auto field_error = [&](std::size_t at, std::vector<std::uint8_t> value) {
    Bytes image = good;
    std::copy(value.begin(), value.end(), image.begin() + static_cast<std::ptrdiff_t>(at));
    std::string key;
    const std::string error = mount_error(image, &key);
    const FsckReport report = fsck(DiskImage::in_memory(image, "bad.img"));
    EXPECT_FALSE(report.clean());
    return key + " | " + error;
  };
  EXPECT_NE(field_error(11, {0, 0}).find("boot sector.BPB_BytsPerSec | bad.img"), std::string::npos);
  EXPECT_NE(field_error(13, {3}).find("BPB_SecPerClus | bad.img: boot sector.BPB_SecPerClus: is 3; must be a power"),
            std::string::npos);
  EXPECT_NE(field_error(13, {0}).find("BPB_SecPerClus"), std::string::npos);
  EXPECT_NE(field_error(14, {0, 0}).find("BPB_RsvdSecCnt"), std::string::npos);
  EXPECT_NE(field_error(16, {0}).find("BPB_NumFATs"), std::string::npos);
  EXPECT_NE(field_error(36, {0, 0, 0, 0}).find("BPB_FATSz32"), std::string::npos);
  EXPECT_NE(field_error(36, {1, 0, 0, 0}).find("too few for"), std::string::npos);  // 128 entries
  EXPECT_NE(field_error(36, {0, 0, 1, 0}).find("leave no data region"), std::string::npos);
  EXPECT_NE(field_error(44, {0, 0, 0, 0}).find("BPB_RootClus"), std::string::npos);
  EXPECT_NE(field_error(44, {0xFF, 0xFF, 0xFF, 0x0F}).find("BPB_RootClus"), std::string::npos);
  EXPECT_NE(field_error(48, {40, 0}).find("BPB_FSInfo"), std::string::npos);
  EXPECT_NE(field_error(32, {0, 0, 0, 0}).find("BPB_TotSec32"), std::string::npos);
  EXPECT_NE(field_error(17, {0, 2}).find("BPB_RootEntCnt"), std::string::npos);
}

TEST(Fat32CorruptImage, AFatLoopIsFoundNotFollowed) {
  Sample s = sample();
  const Volume clean(DiskImage::in_memory(s.image, "x"));
  const std::vector<std::uint32_t> chain = clean.chain(s.a.first_cluster, "a");
  ASSERT_EQ(chain.size(), 3u);
  poke_fat(s.image, chain[2], chain[0]);  // the last cluster links back to the first
  const Volume volume(DiskImage::in_memory(s.image, "loop.img"));
  std::vector<std::uint8_t> out(10);
  try {
    (void)volume.read(*volume.find(volume.geometry().root_cluster, "a.txt"), 0, out);
    ADD_FAILURE() << "a looping chain was read";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("loop.img: FAT: the cluster chain of \"a.txt\" loops"), std::string::npos)
        << error.what();
  }
  const FsckReport report = fsck(volume.image());
  EXPECT_TRUE(has_problem(report, "file /a.txt", "loops back to cluster " + std::to_string(chain[0])))
      << all_problems(report);
}

TEST(Fat32CorruptImage, CrossLinkedFilesAreReportedWithBothNames) {
  Sample s = sample();
  const Volume clean(DiskImage::in_memory(s.image, "x"));
  const std::vector<std::uint32_t> a = clean.chain(s.a.first_cluster, "a");
  const std::vector<std::uint32_t> b = clean.chain(s.b.first_cluster, "b");
  poke_fat(s.image, b[1], a[1]);  // b's chain runs into a's second cluster
  const FsckReport report = fsck(DiskImage::in_memory(s.image, "cross.img"));
  EXPECT_TRUE(has_problem(report, "file /b.txt", "cross-linked with file /a.txt at cluster " + std::to_string(a[1])))
      << all_problems(report);
}

TEST(Fat32CorruptImage, AClusterOutOfRange) {
  Sample s = sample();
  put16(s.image, entry_offset(s.a) + kDirFstClusHi, 0x0FFF);  // first cluster 0x0FFFxxxx
  const Volume volume(DiskImage::in_memory(s.image, "range.img"));
  std::vector<std::uint8_t> out(10);
  EXPECT_THROW((void)volume.read(*volume.find(volume.geometry().root_cluster, "a.txt"), 0, out), InputError);
  const FsckReport report = fsck(volume.image());
  EXPECT_TRUE(has_problem(report, "file /a.txt", "outside the data region")) << all_problems(report);
  // The clusters a.txt had are now lost: in use, reached by no one.
  EXPECT_TRUE(has_problem(report, "FAT", "3 clusters are in use but no file reaches them")) << all_problems(report);
  // A FAT entry pointing past the last cluster.
  Sample t = sample();
  const Volume clean(DiskImage::in_memory(t.image, "x"));
  poke_fat(t.image, clean.chain(t.b.first_cluster, "b")[0], test::kClusters + 2);
  const FsckReport second = fsck(DiskImage::in_memory(t.image, "range.img"));
  EXPECT_TRUE(has_problem(second, "FAT", "1 entry points outside the data region")) << all_problems(second);
  EXPECT_TRUE(has_problem(second, "file /b.txt", "outside the data region")) << all_problems(second);
}

TEST(Fat32CorruptImage, ADirectoryThatContainsItself) {
  Volume volume = test::fresh_volume();
  const std::uint32_t root = volume.geometry().root_cluster;
  Entry d, e;
  ASSERT_EQ(volume.create(root, "d", true, {}, &d), 0);
  ASSERT_EQ(volume.create(d.first_cluster, "e", true, {}, &e), 0);
  Bytes image = bytes_of_volume(volume);
  put16(image, entry_offset(e) + kDirFstClusLo, d.first_cluster);  // /d/e is /d again
  poke_fat(image, e.first_cluster, 0);                             // and e's own cluster is freed
  const Volume bad(DiskImage::in_memory(image, "cycle.img"));
  std::vector<std::string> seen, problems;
  bad.walk([&](const WalkItem& item) { seen.push_back(item.path); },
           [&](const std::string& problem) { problems.push_back(problem); });
  EXPECT_EQ(seen, (std::vector<std::string>{"/d", "/d/e"}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("a directory already entered"), std::string::npos);
  const FsckReport report = fsck(bad.image());
  EXPECT_TRUE(has_problem(report, "directory /d/e", "a directory cycle")) << all_problems(report);
  // Resolving a path through the cycle goes round it only as often as the path says.
  std::int64_t error = 0;
  EXPECT_TRUE(bad.resolve("/d/e/e/e/e", error));
}

TEST(Fat32CorruptImage, AHugeFileSizeIsRefusedWhenRead) {
  Sample s = sample();
  put32(s.image, entry_offset(s.b) + kDirFileSize, 0xFFFFFFFF);
  const Volume volume(DiskImage::in_memory(s.image, "huge.img"));
  std::vector<std::uint8_t> out(4096);
  try {
    (void)volume.read(*volume.find(volume.geometry().root_cluster, "b.txt"), 0, out);
    ADD_FAILURE() << "a size beyond its chain was read";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("\"b.txt\" is 4294967295 bytes but its chain has only 2 clusters"),
              std::string::npos)
        << error.what();
  }
  const FsckReport report = fsck(volume.image());
  EXPECT_TRUE(has_problem(report, "file /b.txt", "is 4294967295 bytes (8388608 clusters of 512 bytes)"))
      << all_problems(report);
}

TEST(Fat32CorruptImage, FatCopiesThatDifferAndAStaleFsInfo) {
  Sample s = sample();
  put32(s.image, (32 + test::kFatSectors) * 512 + 100 * 4, 0x0FFFFFFF);  // FAT 2 only: cluster 100
  put32(s.image, 512 + 488, 5);                                          // FSInfo's free count
  const FsckReport report = fsck(DiskImage::in_memory(s.image, "fats.img"));
  EXPECT_TRUE(has_problem(report, "FAT", "FAT copy 2 differs from FAT 1 in 1 entry (the first: cluster 100)"))
      << all_problems(report);
  EXPECT_TRUE(has_problem(report, "FSInfo", "FSI_Free_Count says 5 free clusters")) << all_problems(report);
}

}  // namespace
}  // namespace ks::fat32
