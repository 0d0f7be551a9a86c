// scenario/host_file.h — reading files of the host: the one place where kernsim opens a file a
// user named (scenarios, ELF programs, grader tests and labs, host files of a scenario).
//
// Only regular files are read. The type is checked before the file is opened, so a folder, a
// device (/dev/zero, /dev/urandom), a FIFO or a socket is refused with a clear InputError and
// nothing can block or stream without end; and at most MAX_BYTES are read, however the file
// grows meanwhile.
//
// A scenario is something students download and run, so the files it names ("programs" paths,
// "files" host files, "host_folder") are confined to the scenario's own folder: relative paths
// without "..", and no symbolic link that leads out of that folder. HostAccess::anywhere (the
// command line's --allow-host-paths) lifts the confinement, never the type check or the caps.
#pragma once

#include <cstddef>
#include <string>

namespace ks {

// The largest file read_input_file reads unless told otherwise (64 MiB).
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{64} << 20;

// What host files a scenario may name.
struct HostAccess {
  bool anywhere = false;  // absolute paths, "..", links out of the scenario's folder allowed
};

// The contents of the regular file FILE, at most MAX_BYTES long. Throws InputError naming FILE
// when it is missing, unreadable, not a regular file or too large.
std::string read_input_file(const std::string& file, std::size_t max_bytes = kMaxInputFileBytes);

// Why the host path RELATIVE, named by a scenario in FOLDER, may not be used under ACCESS; empty
// when it may. Checks the spelling (absolute, "..") and, when the path exists, that following
// its links keeps it inside FOLDER.
std::string host_path_problem(const std::string& folder, const std::string& relative, const HostAccess& access);

// FOLDER / RELATIVE as a host path ("." when FOLDER is empty), or RELATIVE when it is absolute.
std::string host_path(const std::string& folder, const std::string& relative);

// "64 MiB", "512 KiB", "100 bytes": a size for messages.
std::string describe_size(std::size_t bytes);

}  // namespace ks
