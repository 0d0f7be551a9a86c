// Disk sizes as a person writes them: bytes or K/M/G (powers of two), whole 512-byte sectors,
// at most 2 TiB, and each refusal with its reason.
#include <gtest/gtest.h>

#include "scenario/disk_size.h"

namespace ks {
namespace {

std::uint64_t bytes_of(const std::string& text) {
  std::string problem;
  const std::optional<std::uint64_t> bytes = parse_disk_size(text, problem);
  EXPECT_TRUE(bytes.has_value()) << text << ": " << problem;
  return bytes.value_or(0);
}

std::string refusal(const std::string& text) {
  std::string problem;
  EXPECT_FALSE(parse_disk_size(text, problem).has_value()) << text << " was accepted";
  return problem;
}

TEST(DiskSize, ReadsBytesAndPowerOfTwoUnits) {
  EXPECT_EQ(bytes_of("512"), 512u);
  EXPECT_EQ(bytes_of("40000K"), 40000u * 1024);  // 40,960,000 bytes = 80,000 sectors
  EXPECT_EQ(bytes_of("64M"), 64u << 20);
  EXPECT_EQ(bytes_of("64mib"), 64u << 20);
  EXPECT_EQ(bytes_of("1GB"), 1u << 30);
  EXPECT_EQ(bytes_of("2048G"), std::uint64_t{1} << 41);  // the largest: 2^32 sectors
}

TEST(DiskSize, RefusesWithTheReason) {
  EXPECT_NE(refusal("").find("is not a disk size"), std::string::npos);
  EXPECT_NE(refusal("M").find("is not a disk size"), std::string::npos);
  EXPECT_NE(refusal("12Q").find("has an unknown unit \"Q\""), std::string::npos);
  EXPECT_NE(refusal("1Mx").find("unknown unit"), std::string::npos);
  EXPECT_NE(refusal("0").find("not a whole number of 512-byte sectors"), std::string::npos);
  EXPECT_NE(refusal("1000").find("not a whole number of 512-byte sectors"), std::string::npos);
  EXPECT_NE(refusal("2049G").find("more than the largest disk, 2T"), std::string::npos);
  EXPECT_NE(refusal("99999999999999999999999").find("more than the largest disk"), std::string::npos);
}

}  // namespace
}  // namespace ks
