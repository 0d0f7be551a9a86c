// grader/platform/windows_process.cpp — the sandbox on Windows: a stub. It runs the child with
// std::system, without limits, isolation or a watchdog, and says so in every report. Grade
// untrusted submissions on Linux (or in Gradescope's or PrairieLearn's containers).
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "grader/sandbox.h"

namespace ks::grade {

bool bubblewrap_available() { return false; }

ChildOutcome run_sandboxed(const SandboxRequest& request) {
  std::string command = "cd /d \"" + request.work_dir + "\" &&";
  for (const std::string& arg : request.argv) command += " \"" + arg + "\"";
  if (!request.stdout_file.empty()) command += " > \"" + request.stdout_file + "\"";
  if (!request.stderr_file.empty()) command += " 2> \"" + request.stderr_file + "\"";
  const auto start = std::chrono::steady_clock::now();
  ChildOutcome outcome;
  outcome.end = ChildEnd::Exited;
  outcome.exit_code = std::system(command.c_str());
  outcome.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

std::string sandbox_description(bool /*isolate*/) {
  return "NO SANDBOX: on Windows children run without limits, isolation or a time limit";
}

std::string signal_name(int signal) { return "signal " + std::to_string(signal); }

bool is_cpu_limit_signal(int /*signal*/) { return false; }
bool is_file_limit_signal(int /*signal*/) { return false; }
bool stderr_is_terminal() { return false; }
bool sanitized_build() { return false; }

bool running_as_root() { return false; }
void ignore_file_size_signal() {}
std::uint32_t allocate_sandbox_uid() { return 0; }
std::string folder_blocking_others(const std::string& /*path*/) { return {}; }
void open_folder_to_children(const std::string& /*folder*/) {}
void seal_folder(const std::string& /*folder*/) {}

std::string read_submitted_file(const std::string& file, std::size_t max_bytes, std::string& content) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::symlink_status(file, error);
  if (error) return "cannot open it: " + error.message();
  if (fs::is_symlink(status)) return "it is a symbolic link; hand in the file itself";
  if (!fs::is_regular_file(status)) return "it is not a regular file";
  if (fs::hard_link_count(file, error) != 1)
    return "it is a hard link to another file; hand in a copy of the file itself";
  if (fs::file_size(file, error) > max_bytes)
    return "it is larger than the limit of " + std::to_string(max_bytes) + " bytes";
  std::ifstream in(file, std::ios::binary);
  content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return content.size() > max_bytes ? "it is larger than the limit" : "";
}

std::string check_limits_settable(const SandboxLimits& /*limits*/) { return {}; }

}  // namespace ks::grade
