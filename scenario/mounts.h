// scenario/mounts.h — disk images mounted in the simulated file system: kernel.mounts and
// --mount IMAGE:PATH[:ro].
//
// A mount names a host image file, an absolute directory of the simulated file system and
// whether it is read-only. Both spellings are checked when they are read (a scenario's key with
// its file position, a flag with its name): PATH absolute, without "." or "..", not "/" (memfs
// stays the root), names of at most 255 bytes; a scenario's image inside the scenario's folder,
// as its other host files (scenario/host_file.h). The image's type and its boot sector are
// checked when the simulation mounts it (kernel/fs/image_mount.h), which names the image.
//
// THE MOUNT POINT is made when it is missing, with its missing parents, as the boot-time files
// are (Vfs::install_directory); inside a read-only image it must exist. Mounts are made in the
// order given, after the scenario's files, so a later image may be mounted on a directory of an
// earlier one.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/host_file.h"
#include "scenario/json_reader.h"

namespace ks {

struct MountSpec {
  std::string image;  // the host file
  std::string path;   // the directory it is mounted on, in the simulated file system
  bool read_only = false;
};

// Why PATH may not be a mount point; empty when it may.
std::string mount_path_problem(const std::string& path);

// Reads kernel.mounts (VALUE at PATH: a list of {"image", "path", "read_only"}) into MOUNTS;
// BASE is the scenario's folder, ACCESS what host files it may name.
void read_mounts(const JsonReader& in, const nlohmann::json& value, const JsonPath& path, const std::string& base,
                 const HostAccess& access, std::vector<MountSpec>& mounts);

// The value of --mount ("disk.img:/mnt", "disk.img:/mnt:ro"). Throws InputError naming FLAG.
MountSpec parse_mount_option(const std::string& text, const std::string& flag = "--mount");

}  // namespace ks
