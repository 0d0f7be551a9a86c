// grader/preflight.cpp — the checks of preflight.h, made before the submission is touched.
//
// The last check is a probe run exactly as a test's child will be: in the sandbox, as the
// submission's user, in a folder like a test's. It looks for cmake, ninja and a C++ compiler,
// writes a file, and reports which of the lab's secrets (hidden tests, the reference solution's
// files) it can read. Failing to start, to finish, to find a tool or to write is a fault of the
// grader; a secret it can read is a warning in the report.
#include "grader/preflight.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grader/sandbox.h"

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMinimumFreeBytes = std::uintmax_t{256} << 20;

// A work folder that children can reach: under the system's temporary folder (world-enterable).
std::string reachable_work_dir(const std::string& lab) {
  std::error_code error;
  const fs::path base = fs::temp_directory_path(error) / ("kgrade-" + std::to_string(allocate_sandbox_uid()));
  return (base / lab).string();
}

void make_folders(const fs::path& folder) {
  std::error_code error;
  fs::path missing;
  for (fs::path at = fs::absolute(folder, error); !at.empty() && !fs::exists(at, error); at = at.parent_path()) {
    missing = at;
    if (at == at.parent_path()) break;
  }
  fs::create_directories(folder, error);
  // The folders made here are only passed through by children (0711); existing ones are left as they are.
  for (fs::path at = fs::absolute(folder, error); !missing.empty(); at = at.parent_path()) {
    open_folder_to_children(at.string());
    if (at == missing || at == at.parent_path()) break;
  }
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Files a child must not read: the lab's hidden tests, and the lab's student files as the grader's
// tree has them (the reference solution).
std::vector<std::string> secrets(const LabSpec& lab, const GradeOptions& options) {
  std::vector<std::string> files;
  for (const TestSpec& test : lab.tests) {
    if (test.visibility != Visibility::Visible) files.push_back(fs::absolute(test.file).string());
  }
  for (const std::string& file : lab.student_files) {
    const fs::path solution = fs::path(options.source_dir) / file;
    std::error_code error;
    if (fs::is_regular_file(solution, error) &&
        fs::absolute(solution) != fs::absolute(fs::path(options.submission_dir) / file)) {
      files.push_back(fs::absolute(solution).string());
    }
  }
  return files;
}

}  // namespace

Preflight check_environment(const LabSpec& lab, GradeOptions& options) {
  Preflight result;
  options.work_dir = fs::absolute(options.work_dir).string();
  if (running_as_root()) {
    const std::string blocked = folder_blocking_others(options.work_dir);
    if (!blocked.empty()) {
      const std::string moved = reachable_work_dir(lab.name);
      result.notes.push_back("the work folder " + options.work_dir +
                             " cannot be entered by the sandbox's unprivileged user (" + blocked +
                             " is in the way); grading in " + moved + " instead");
      options.work_dir = moved;
      const std::string still = folder_blocking_others(options.work_dir);
      if (!still.empty()) {
        result.fault = "no work folder that the sandbox's user can enter: " + still + " (give one with --work)";
        return result;
      }
    }
  }
  make_folders(options.work_dir);
  std::error_code error;
  if (!fs::is_directory(options.work_dir, error)) {
    result.fault = "cannot make the work folder " + options.work_dir;
    return result;
  }
  const fs::space_info space = fs::space(options.work_dir, error);
  if (!error && space.available < kMinimumFreeBytes) {
    result.fault = "the disk of the work folder " + options.work_dir + " has only " +
                   std::to_string(space.available >> 20) + " MiB free (at least " +
                   std::to_string(kMinimumFreeBytes >> 20) + " MiB are needed)";
    return result;
  }
  SandboxLimits widest = lab.limits;
  for (const TestSpec& test : lab.tests) widest.cpu_seconds = std::max(widest.cpu_seconds, test.time_limit);
  if (std::string problem = check_limits_settable(widest); !problem.empty()) {
    result.fault = problem;
    return result;
  }

  // The probe: in the sandbox, as the submission's user, in a folder like a test's.
  const fs::path probe_dir = fs::path(options.work_dir) / "preflight";
  fs::remove_all(probe_dir, error);
  fs::create_directories(probe_dir, error);
  SandboxRequest probe;
  probe.argv = {
      "/bin/sh", "-c",
      "for tool in cmake ninja; do command -v $tool >/dev/null || { echo \"missing: $tool\"; exit 1; }; done; "
      "if [ -n \"$CXX\" ]; then command -v \"$CXX\" >/dev/null || { echo \"missing: the C++ compiler $CXX (CXX)\"; "
      "exit 1; }; "
      "else command -v c++ >/dev/null || command -v g++ >/dev/null || command -v clang++ >/dev/null || "
      "{ echo 'missing: a C++ compiler (c++, g++ or clang++)'; exit 1; }; fi; "
      "echo written > probe.txt || exit 2; "
      "shift; for secret; do if [ -r \"$secret\" ]; then echo \"readable: $secret\"; fi; done; exit 0",
      "probe", "-"};
  for (const std::string& secret : secrets(lab, options)) probe.argv.push_back(secret);
  probe.work_dir = probe_dir.string();
  probe.isolate = options.isolate;
  probe.uid = options.sandbox_uid;
  probe.stdout_file = (probe_dir / "out.txt").string();
  probe.environment = build_environment();
  probe.limits.wall_seconds = 30;
  probe.limits.cpu_seconds = 10;
  const ChildOutcome outcome = run_sandboxed(probe);
  const std::string output = read_file(probe_dir / "out.txt");
  seal_folder(probe_dir.string());
  if (outcome.end == ChildEnd::FailedToStart) {
    result.fault = "the sandbox cannot start: " + outcome.problem;
  } else if (outcome.end != ChildEnd::Exited) {
    result.fault = "the sandbox's probe did not finish (" +
                   std::string(outcome.end == ChildEnd::WallTimeout ? "timed out" : "killed") + ")";
  } else if (outcome.exit_code == 1) {
    result.fault = "inside the sandbox the build tools are " + output.substr(0, output.find('\n')) + " (install them)";
  } else if (outcome.exit_code != 0 || !fs::is_regular_file(probe_dir / "probe.txt", error)) {
    result.fault = "the sandbox's user cannot write in the work folder " + options.work_dir;
  }
  if (!result.fault.empty()) return result;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("readable: ", 0) == 0) {
      result.notes.push_back(
          "WARNING: the sandbox can read " + line.substr(10) +
          " (no bubblewrap here: make the lab's hidden tests and solutions unreadable to others, chmod -R go-rwx)");
    }
  }
  return result;
}

}  // namespace ks::grade
