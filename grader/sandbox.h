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
  std::int64_t processes = 32;                        // processes of the child's user id
  std::int64_t file_bytes = std::int64_t{64} << 20;   // largest file it may write
};

// A path the child may see, at the same place as outside.
struct SandboxPath {
  std::string path;
  bool writable = false;
};

struct SandboxRequest {
  std::vector<std::string> argv;         // argv[0] is an absolute path or found on PATH
  std::string work_dir;                  // the child's working directory (made visible, writable)
  std::vector<SandboxPath> paths;        // further paths it may see
  std::vector<std::string> hidden;       // paths inside visible ones to hide (empty directories)
  std::vector<std::string> environment;  // "KEY=VALUE"; the child gets only these and PATH/HOME
  std::string stdout_file, stderr_file;  // where its output goes (inside work_dir); empty = /dev/null
  SandboxLimits limits;
  bool isolate = true;          // use bubblewrap when it works
  bool drop_privileges = true;  // when root: run as an unprivileged user id
  std::uint32_t uid = 0;        // that user id (0: a fresh one for this child); one per submission
};

enum class ChildEnd : std::uint8_t { Exited, Signaled, WallTimeout, FailedToStart };

struct ChildOutcome {
  ChildEnd end = ChildEnd::FailedToStart;
  int exit_code = 0;  // when Exited
  int signal = 0;     // when Signaled
  double wall_seconds = 0;
  double cpu_seconds = 0;
  std::int64_t max_rss_bytes = 0;
  bool isolated = false;  // bubblewrap was used
  std::string problem;    // why it failed to start
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

// --- The file system as the sandbox sees it (grader/platform/*: the only POSIX code) ---

// Whether this grader runs as root (then children run as unprivileged user ids).
bool running_as_root();
// A user id for every child of one submission (its build and its tests): unique among the
// submissions graded at once on this machine, so that they cannot read each other's files.
std::uint32_t allocate_sandbox_uid();
// Empty when a child running as an unprivileged user (not the folder's owner, not in its group)
// can enter PATH; otherwise the first folder on the way that it cannot enter.
std::string folder_blocking_others(const std::string& path);
// Makes FOLDER enterable but not listable by others (0711): the work folder and its kit.
void open_folder_to_children(const std::string& folder);
// Gives FOLDER (recursively) back to the grader's own user with mode 0700, so that no child
// (of this submission or another) can read it any more: a test's folder after its run, the
// folder of reference traces. No-op when not root.
void seal_folder(const std::string& folder);
// Reads FILE for staging a submission without following a symbolic link at its last component,
// without blocking on a FIFO or a device: only a regular file with a single link (no hard link
// to a file elsewhere) and at most MAX_BYTES bytes. Returns the problem in words, empty on success.
std::string read_submitted_file(const std::string& file, std::size_t max_bytes, std::string& content);
// Makes writing past the file-size limit an error (EFBIG) for the grader itself rather than a
// signal that kills it; its children get the default again (their SIGXFSZ is a verdict).
void ignore_file_size_signal();
// Empty when the machine lets a child have LIMITS (hard limits of this process allow them);
// otherwise which limit cannot be set and why.
std::string check_limits_settable(const SandboxLimits& limits);

}  // namespace ks::grade
