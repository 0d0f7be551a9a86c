// kernel/fs/fat32/image.h — a disk image: the bytes of a host file, held in memory as sectors.
//
// An image is read whole from a host file when it is opened and written back only when asked
// (save), and then ATOMICALLY: the bytes go to a temporary file beside the image, which is then
// renamed over it, so that a host process that dies halfway leaves either the old image or the
// new one, never half of each. A read-only image refuses to be saved, so nothing ever writes it.
// An image may also live only in memory (tests, the fuzz target): it has a name for messages
// and no file.
//
// Errors (a missing file, a folder, a file that is no whole number of sectors, a file too large
// to hold) are InputErrors naming the image file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ks::fat32 {

inline constexpr std::uint32_t kSectorBytes = 512;
// The largest image held in memory (2 GiB): larger ones are refused when opened.
inline constexpr std::uint64_t kMaxImageBytes = std::uint64_t{2} << 30;

class DiskImage {
 public:
  // The image in host file PATH; READ_ONLY images can never be saved. Throws InputError naming
  // PATH when it cannot be read, is not a regular file, is empty, too large or not a whole
  // number of 512-byte sectors.
  static DiskImage open(const std::string& path, bool read_only);
  // An image in memory only, named NAME in messages; save() refuses it.
  static DiskImage in_memory(std::vector<std::uint8_t> bytes, std::string name);

  const std::string& name() const { return name_; }
  bool read_only() const { return read_only_; }
  bool has_file() const { return has_file_; }
  std::span<std::uint8_t> bytes() { return bytes_; }
  std::span<const std::uint8_t> bytes() const { return bytes_; }
  std::uint64_t size() const { return bytes_.size(); }

  // Writes the bytes back to the image's file atomically. Throws InputError naming the image
  // when it is read-only, has no file, or the host refuses the write or the rename.
  void save() const;

 private:
  DiskImage(std::vector<std::uint8_t> bytes, std::string name, bool read_only, bool has_file);

  std::vector<std::uint8_t> bytes_;
  std::string name_;
  bool read_only_ = true;
  bool has_file_ = false;
};

// Writes HEAD followed by zeros up to TOTAL_BYTES to host file PATH atomically (a temporary
// file beside it, then a rename), without holding TOTAL_BYTES in memory: mkfs of a large image.
// Throws InputError naming PATH when the host refuses.
void write_file_atomically(const std::string& path, std::span<const std::uint8_t> head, std::uint64_t total_bytes);

}  // namespace ks::fat32
