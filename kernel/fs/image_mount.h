// kernel/fs/image_mount.h — a file system from a disk image, ready for Vfs::mount.
//
// The type of an image is read from its first sector, never from its name or a flag: a FAT32
// boot sector gives a Fat32FileSystem (kernel/fs/fat32/). Anything else is refused with an
// InputError naming the image: kernsim's own ksfs is not written yet, so no other type exists.
// Mounting reads the image whole into memory and checks its boot sector (fat32/volume.h), so a
// damaged image is refused here, naming the image and the field; a problem met later by an
// operation is -EIO from that operation.
//
// WRITING BACK. Nothing reaches the image file while the file systems work: the sync and fsync
// calls (FileSystem::sync) and the end of the run (write_back, which the caller calls and which
// throws the host's refusal as an InputError) write it, atomically (a temporary file renamed over
// the image) and only if something changed. A read-only mount refuses every change (-EROFS) and
// never writes.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kernel/fs/file_system.h"

namespace ks {

struct ImageFileSystem {
  std::unique_ptr<FileSystem> fs;
  std::function<void()> write_back;  // writes what changed to the image file; throws InputError
};

// The file system in the image file PATH (READ_ONLY: every change refused). Throws InputError
// naming PATH when it cannot be read, is not an image of a type kernsim knows, or is damaged.
ImageFileSystem open_image_file_system(const std::string& path, bool read_only);

}  // namespace ks
