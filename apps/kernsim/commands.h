// apps/kernsim/commands.h — the subcommands of the kernsim command line.
//
// Exit status everywhere: 0 success, 2 bad input or usage (the message names the file, the
// position and the problem), 1 a simulation error (a broken kernel invariant: a bug).
#pragma once

#include <CLI/CLI.hpp>

namespace ks::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSimulationError = 1;
inline constexpr int kExitBadInput = 2;

// Each adds its subcommand to APP; the callback stores its exit status in STATUS.
void add_run_command(CLI::App& app, int& status);
void add_validate_command(CLI::App& app, int& status);
void add_sched_command(CLI::App& app, int& status);
void add_paging_command(CLI::App& app, int& status);
void add_disk_command(CLI::App& app, int& status);
void add_compare_command(CLI::App& app, int& status);
void add_exec_command(CLI::App& app, int& status);
void add_boot_command(CLI::App& app, int& status);
void add_explore_command(CLI::App& app, int& status);  // kernsim explore: seeded chaos, many runs
void add_mkfs_command(CLI::App& app, int& status);     // kernsim mkfs, fsck, image: disk images
void add_fsck_command(CLI::App& app, int& status);
void add_image_command(CLI::App& app, int& status);
void add_ostep_command(CLI::App& app, int& status, const std::string& self);  // SELF: argv[0]

}  // namespace ks::cli
