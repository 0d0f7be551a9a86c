// The storage chapters' simulators (OSTEP chapters 37-45: disks, RAID, file system
// implementation, crash consistency, data integrity, SSDs, LFS), one file each, registered by
// ostep/storage/index.cpp. Each run function is a Simulator::run: ARGS are the script's flags
// (plus kernsim's --json and --viz), exit status 0 when it ran, 2 on bad flags or input.
// This folder depends on the shared OSTEP helpers (pyrandom, pyformat, options) only.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ks::ostep::storage {

int run_disk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_raid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_vsfs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_fsck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_checksum(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_lfs(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_ssd(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ks::ostep::storage
