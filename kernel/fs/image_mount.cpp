// Telling an image's type from its first sector, and making its file system (image_mount.h).
#include "kernel/fs/image_mount.h"

#include "kernel/fs/fat32/boot_sector.h"
#include "kernel/fs/fat32/fat32_file_system.h"
#include "kernel/fs/fat32/image.h"
#include "kernel/fs/fat32/volume.h"
#include "sim-core/error.h"

namespace ks {

ImageFileSystem open_image_file_system(const std::string& path, bool read_only) {
  fat32::DiskImage image = fat32::DiskImage::open(path, read_only);
  if (!fat32::looks_like_fat32(image.bytes())) {
    throw InputError({path, 0, 0, ""},
                     "not an image kernsim can mount: its first sector is no FAT32 boot sector "
                     "(fat32 is the only type so far; ksfs images are not supported yet)");
  }
  auto fs = std::make_unique<fat32::Fat32FileSystem>(fat32::Volume(std::move(image)));
  fat32::Fat32FileSystem* volume = fs.get();
  return {std::move(fs), [volume] { volume->flush(); }};
}

}  // namespace ks
