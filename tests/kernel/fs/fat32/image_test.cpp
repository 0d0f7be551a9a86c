// Disk images as host files: read whole, refused with the file's name when they cannot be
// images, written back atomically (a new file renamed over the old: no temporary file is left),
// and never written when read-only or in memory only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "kernel/fs/fat32/image.h"
#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

std::filesystem::path scratch() {
  const std::filesystem::path dir = std::filesystem::path(KS_BINARY_DIR) / "fat32-image-test";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return {};
}

TEST(Fat32DiskImage, WritesBackAtomicallyAndReadsBack) {
  const std::string path = (scratch() / "atomic.img").string();
  const std::vector<std::uint8_t> head = {1, 2, 3};
  write_file_atomically(path, head, 1024);  // 3 bytes, then zeros to 2 sectors
  EXPECT_EQ(std::filesystem::file_size(path), 1024u);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp-kernsim"));
  DiskImage image = DiskImage::open(path, false);
  ASSERT_EQ(image.size(), 1024u);
  EXPECT_EQ(image.bytes()[2], 3);
  EXPECT_EQ(image.bytes()[3], 0);
  image.bytes()[1000] = 0x77;
  image.save();
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp-kernsim"));
  EXPECT_EQ(DiskImage::open(path, true).bytes()[1000], 0x77);
}

TEST(Fat32DiskImage, ReadOnlyAndInMemoryImagesAreNeverWritten) {
  const std::string path = (scratch() / "read-only.img").string();
  write_file_atomically(path, std::vector<std::uint8_t>{9}, 512);
  DiskImage image = DiskImage::open(path, true);
  image.bytes()[0] = 1;
  EXPECT_NE(error_of([&] { image.save(); }).find("read-only.img: the image is read-only; nothing was written"),
            std::string::npos);
  EXPECT_EQ(DiskImage::open(path, true).bytes()[0], 9);
  const DiskImage memory = DiskImage::in_memory(std::vector<std::uint8_t>(512), "memory.img");
  EXPECT_NE(error_of([&] { memory.save(); }).find("memory.img: the image has no file"), std::string::npos);
}

TEST(Fat32DiskImage, WhatCannotBeAnImageIsRefusedByName) {
  const std::filesystem::path dir = scratch();
  EXPECT_NE(
      error_of([&] { (void)DiskImage::open((dir / "missing.img").string(), true); }).find("missing.img: cannot open"),
      std::string::npos);
  EXPECT_NE(error_of([&] { (void)DiskImage::open(dir.string(), true); }).find("this is a folder"), std::string::npos);
  std::ofstream((dir / "empty.img").string()).close();
  EXPECT_NE(error_of([&] { (void)DiskImage::open((dir / "empty.img").string(), true); }).find("the image is empty"),
            std::string::npos);
  std::ofstream((dir / "odd.img").string()) << "not sectors";
  EXPECT_NE(error_of([&] {
              (void)DiskImage::open((dir / "odd.img").string(), true);
            }).find("odd.img: the image is 11 bytes, not a whole number of 512-byte sectors"),
            std::string::npos);
}

}  // namespace
}  // namespace ks::fat32
