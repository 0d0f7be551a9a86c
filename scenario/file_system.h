// scenario/file_system.h — the files a scenario puts into the simulated file system.
//
// Three optional keys of "workload" fill the in-memory file system at boot, in this order:
// "host_folder" (a host folder, relative to the scenario file, copied in at /), "userland": true
// (every ELF in userland/prebuilt at /bin/NAME, without ".elf"), and "files" (absolute path ->
// {"text": "..."} or {"host": "relative/host/path"}). Host files are read when the scenario is
// read, so a missing file is reported with the scenario (file, line:column, key path), and the
// simulation itself never touches the host.
//
// Host files stay inside the scenario's folder (scenario/host_file.h: no absolute paths, no
// "..", no link that leads out; HostAccess::anywhere lifts this), only folders and regular files
// are taken (a device, FIFO, socket or a link to a folder is an error, not skipped silently),
// and the caps of the simulated file system hold at once: at most 16 MiB per file, 64 MiB in
// all, 65,536 entries.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/host_file.h"
#include "scenario/json_reader.h"

namespace ks {

struct FileSpec {
  std::string path;   // absolute, in the simulated file system
  std::string bytes;  // the contents (files)
  bool directory = false;
};

// Reads the file-system keys of the workload object VALUE (at PATH) into FILES; BASE is the
// folder of the scenario file, ACCESS what host files it may name.
void read_workload_files(const JsonReader& in, const nlohmann::json& value, const JsonPath& path,
                         const std::string& base, const HostAccess& access, std::vector<FileSpec>& files);

// Every ELF program of userland/prebuilt, at /bin/NAME.
std::vector<FileSpec> userland_programs();

}  // namespace ks
