// grader/sandbox.h — running untrusted code (a submission's build, its runner) in a child process.
//
// The child is started with limits on CPU time, address space, process count and file size,
// watched by the parent against a wall-clock deadline, and killed with all its descendants when
// it overruns. On Linux, when bubblewrap (bwrap) works, the child runs in fresh namespaces: no
// network, a read-only view of only the system directories and the paths it is given, a
// private /tmp, its own process-id space (so nothing it forks outlives it). When the grader runs
// as root, the child first drops to an unprivileged user id of its own (root is exempt from the
// process-count limit, and a fork bomb as root would exhaust the machine's process table).
//
// What is defended and what is not is stated in docs/grading.md. The POSIX implementation is
// grader/platform/posix_process.cpp; on Windows a stub runs the child without limits and says so.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ks::grade {

struct SandboxLimits {
  double cpu_seconds = 5;
  double wall_seconds = 10;
  std::int64_t memory_bytes = std::int64_t{1} << 30;  // address space (not applied under ASan)
  std::int64_t processes = 32;                         // processes of the child's user id
  std::int64_t file_bytes = std::int64_t{64} << 20;    // largest file it may write
};

// A path the child may see, at the same place as outside.
struct SandboxPath {
  std::string path;
  bool writable = false;
};

struct SandboxRequest {
  std::vector<std::string> argv;     // argv[0] is an absolute path or found on PATH
  std::string work_dir;              // the child's working directory (made visible, writable)
  std::vector<SandboxPath> paths;    // further paths it may see
  std::vector<std::string> hidden;   // paths inside visible ones to hide (empty directories)
  std::vector<std::string> environment;  // "KEY=VALUE"; the child gets only these and PATH/HOME
  std::string stdout_file, stderr_file;  // where its output goes (inside work_dir); empty = /dev/null
  SandboxLimits limits;
  bool isolate = true;           // use bubblewrap when it works
  bool drop_privileges = true;   // when root: run as an unprivileged user id
};

enum class ChildEnd : std::uint8_t { Exited, Signaled, WallTimeout, FailedToStart };

struct ChildOutcome {
  ChildEnd end = ChildEnd::FailedToStart;
  int exit_code = 0;           // when Exited
  int signal = 0;              // when Signaled
  double wall_seconds = 0;
  double cpu_seconds = 0;
  std::int64_t max_rss_bytes = 0;
  bool isolated = false;       // bubblewrap was used
  std::string problem;         // why it failed to start
};

// Runs REQUEST's command; always returns (the child is dead by then).
ChildOutcome run_sandboxed(const SandboxRequest& request);
// Whether bubblewrap is installed and works here (checked once, then remembered).
bool bubblewrap_available();
// One line for reports: how children are isolated on this machine.
std::string sandbox_description(bool isolate);
// A signal's name ("SIGSEGV") or its number.
std::string signal_name(int signal);
// Whether SIGNAL is the one sent for exceeding the CPU-time (SIGXCPU) or file-size (SIGXFSZ) limit.
bool is_cpu_limit_signal(int signal);
bool is_file_limit_signal(int signal);
// Whether this grader was built with AddressSanitizer (then children get no address-space limit:
// ASan reserves terabytes of it; ASan's hard_rss_limit_mb bounds them instead).
bool sanitized_build();
// Whether standard error is a terminal (for progress bars).
bool stderr_is_terminal();

}  // namespace ks::grade
