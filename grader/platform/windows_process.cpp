// grader/platform/windows_process.cpp — the sandbox on Windows: a stub. It runs the child with
// std::system, without limits, isolation or a watchdog, and says so in every report. Grade
// untrusted submissions on Linux (or in Gradescope's or PrairieLearn's containers).
#include <chrono>
#include <cstdlib>

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

}  // namespace ks::grade
