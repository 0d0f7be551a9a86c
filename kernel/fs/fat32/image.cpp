// kernel/fs/fat32/image.cpp — reading an image file whole, and writing it back atomically.
//
// The atomic write is the classic one: write everything to "IMAGE.tmp-kernsim" in the same
// folder (so the rename never crosses file systems), flush and close it, check that the stream
// reported no error, then std::filesystem::rename it over the image, which replaces the old
// name in one step. If anything fails before the rename, the temporary file is removed and the
// image is as it was.
#include "kernel/fs/fat32/image.h"

#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "sim-core/error.h"

namespace ks::fat32 {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw InputError({path, 0, 0, ""}, problem);
}

std::string temporary_name(const std::string& path) { return path + ".tmp-kernsim"; }

}  // namespace

DiskImage::DiskImage(std::vector<std::uint8_t> bytes, std::string name, bool read_only, bool has_file)
    : bytes_(std::move(bytes)), name_(std::move(name)), read_only_(read_only), has_file_(has_file) {}

DiskImage DiskImage::open(const std::string& path, bool read_only) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) fail(path, "cannot open the image: no such file");
  if (std::filesystem::is_directory(status)) fail(path, "this is a folder, not an image file");
  if (!std::filesystem::is_regular_file(status)) fail(path, "not a regular file");
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) fail(path, "cannot read the image's size");
  if (size == 0) fail(path, "the image is empty");
  if (size > kMaxImageBytes) {
    fail(path, "the image is " + std::to_string(size) + " bytes; at most " + std::to_string(kMaxImageBytes) +
                   " (2 GiB) are held in memory");
  }
  if (size % kSectorBytes != 0) {
    fail(path, "the image is " + std::to_string(size) + " bytes, not a whole number of 512-byte sectors");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the image for reading");
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) fail(path, "the image could not be read whole");
  return DiskImage(std::move(bytes), path, read_only, true);
}

DiskImage DiskImage::in_memory(std::vector<std::uint8_t> bytes, std::string name) {
  return DiskImage(std::move(bytes), std::move(name), false, false);
}

void DiskImage::save() const {
  if (read_only_) fail(name_, "the image is read-only; nothing was written");
  if (!has_file_) fail(name_, "the image has no file to write to");
  write_file_atomically(name_, bytes_, bytes_.size());
}

void write_file_atomically(const std::string& path, std::span<const std::uint8_t> head, std::uint64_t total_bytes) {
  const std::string temporary = temporary_name(path);
  std::error_code ignored;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) fail(path, "cannot write the temporary file " + temporary);
    out.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(head.size()));
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(temporary, ignored);
      fail(path, "writing the temporary file " + temporary + " failed (is the disk full?)");
    }
  }
  if (total_bytes > head.size()) {
    std::error_code error;
    std::filesystem::resize_file(temporary, total_bytes, error);
    if (error) {
      std::filesystem::remove(temporary, ignored);
      fail(path, "cannot grow the temporary file " + temporary + " to " + std::to_string(total_bytes) + " bytes");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, ignored);
    fail(path, "cannot replace the image with the temporary file: " + error.message());
  }
}

}  // namespace ks::fat32
