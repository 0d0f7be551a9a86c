// Building a submission's runner: stage the student files, configure grader/runner against the
// runner kit (grader/runner_kit.h), compile. Runs in the sandbox, as the submission's user id:
// the compiler sees the system's folders, the kit and the staged files, never the kernsim
// sources, the lab's tests or another submission.
//
// Staging trusts nothing of the submission folder: a file is taken only if it is a regular file
// physically inside the folder (no symbolic link on the way or at the end, no hard link to a
// file elsewhere, no device or FIFO), of at most kMaxSubmittedFileBytes. A file that is refused
// is named with the reason, and the submission does not build.
//
// Whose fault a failure is: configuring the runner's CMake project does not depend on what the
// student wrote (it only checks that the files exist), so a failure there, or a build step that
// cannot start, is the grader's (BuildResult::grader_fault); a failed compilation is the
// submission's.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grader/grade.h"

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSubmittedFileBytes = std::size_t{1} << 20;

std::string tail(const std::string& file, std::size_t max_chars) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= max_chars ? all : "...\n" + all.substr(all.size() - max_chars);
}

// Empty when every folder from ROOT down to FILE's folder is a real folder (no symbolic link).
std::string folders_on_the_way(const fs::path& root, const fs::path& relative) {
  fs::path at = root;
  for (const fs::path& part : relative.parent_path()) {
    if (part == "." || part.empty()) continue;
    if (part == "..") return "its path leaves the submission folder";
    at /= part;
    std::error_code error;
    const fs::file_status status = fs::symlink_status(at, error);
    if (error || !fs::exists(status)) return "not found";
    if (fs::is_symlink(status)) return "the folder " + part.string() + " on its way is a symbolic link";
    if (!fs::is_directory(status)) return "not found";
  }
  return {};
}

// Finds FILE in SUBMISSION (at its path, or by its base name: Gradescope uploads are flat) and
// reads it with read_submitted_file. Returns the problem, empty when CONTENT holds the file.
std::string take_file(const fs::path& submission, const std::string& file, std::string& content) {
  std::string problem_at_path;
  for (const fs::path& relative : {fs::path(file), fs::path(file).filename()}) {
    std::string problem = folders_on_the_way(submission, relative);
    std::error_code error;
    if (problem.empty() && !fs::exists(fs::symlink_status(submission / relative, error))) problem = "not found";
    if (problem.empty())
      problem = read_submitted_file((submission / relative).string(), kMaxSubmittedFileBytes, content);
    if (problem.empty()) return {};
    if (problem != "not found") return problem;  // there, but refused: say why rather than look further
    if (problem_at_path.empty()) problem_at_path = problem;
  }
  return problem_at_path;
}

// Copies every student file of LAB from the submission into STAGE. Returns the problems, one
// line per file that is refused or missing (other_files, handed in for reading, may be missing).
std::vector<std::string> stage_files(const LabSpec& lab, const std::string& submission, const fs::path& stage) {
  std::vector<std::string> problems;
  std::vector<std::string> files = lab.student_files;
  files.insert(files.end(), lab.other_files.begin(), lab.other_files.end());
  for (const std::string& file : files) {
    const bool compiled =
        std::find(lab.student_files.begin(), lab.student_files.end(), file) != lab.student_files.end();
    std::string content;
    const std::string problem = take_file(fs::path(submission), file, content);
    if (!problem.empty()) {
      if (compiled || problem != "not found") problems.push_back(file + ": " + problem);
      continue;
    }
    std::error_code error;
    fs::create_directories((stage / file).parent_path(), error);
    std::ofstream(stage / file, std::ios::binary) << content;
  }
  return problems;
}

ChildOutcome run_build_step(const std::vector<std::string>& argv, const LabSpec& lab, const GradeOptions& options,
                            const fs::path& work, const std::string& log) {
  SandboxRequest request;
  request.argv = argv;
  request.work_dir = work.string();
  request.isolate = options.isolate;
  request.uid = options.sandbox_uid;
  request.stdout_file = log;
  request.stderr_file = log + ".err";
  request.limits.cpu_seconds = lab.build_seconds;
  request.limits.wall_seconds = lab.build_seconds;
  request.limits.memory_bytes = std::int64_t{8} << 30;
  request.limits.processes = 256;
  request.limits.file_bytes = std::int64_t{1} << 30;
  request.environment = build_environment();
  request.paths = {{options.kit.dir, false}};
  std::stringstream third_party(options.kit.third_party);
  for (std::string folder; std::getline(third_party, folder, ';');) {
    if (!folder.empty()) request.paths.push_back({folder, false});
  }
  return run_sandboxed(request);
}

std::string describe_failure(const ChildOutcome& outcome, const std::string& step) {
  switch (outcome.end) {
    case ChildEnd::WallTimeout: return step + " took too long";
    case ChildEnd::Signaled: return step + " was killed by " + signal_name(outcome.signal);
    case ChildEnd::FailedToStart: return step + " could not start: " + outcome.problem;
    case ChildEnd::Exited: return step + " failed (exit status " + std::to_string(outcome.exit_code) + ")";
  }
  return step + " failed";
}

}  // namespace

std::vector<std::string> build_environment() {
  // The compiler a TA chose for the grader's own build (CXX) is the one the runner's build uses.
  if (const char* compiler = std::getenv("CXX"); compiler != nullptr && *compiler != '\0')
    return {std::string("CXX=") + compiler};
  return {};
}

BuildResult build_runner(const LabSpec& lab, const GradeOptions& options) {
  BuildResult result;
  const fs::path work = fs::absolute(options.work_dir) / "build";
  std::error_code error;
  fs::remove_all(work, error);
  fs::create_directories(work / "src", error);
  const std::vector<std::string> problems = stage_files(lab, options.submission_dir, work / "src");
  if (!problems.empty()) {
    std::string list;
    for (const std::string& problem : problems) list += (list.empty() ? "" : "; ") + problem;
    result.reason =
        "files of the submission are missing or refused: " + list + " (looked in " + options.submission_dir + ")";
    return result;
  }
  std::string sources;
  for (const std::string& file : lab.student_files) sources += (sources.empty() ? "" : ";") + file;
  const std::string log = (work / "build.log").string();
  const std::vector<std::string> configure = {"cmake",
                                              "-S",
                                              options.kit.project,
                                              "-B",
                                              (work / "out").string(),
                                              "-G",
                                              "Ninja",
                                              "-DCMAKE_BUILD_TYPE=Release",
                                              "-DKS_RUNNER_CONFIG=" + options.kit.config,
                                              "-DKS_SUBMISSION_DIR=" + (work / "src").string(),
                                              "-DKS_STUDENT_SOURCES=" + sources};
  ChildOutcome outcome = run_build_step(configure, lab, options, work, log);
  if (outcome.end != ChildEnd::Exited || outcome.exit_code != 0) {
    result.reason = describe_failure(outcome, "configuring the runner's build");
    result.log = tail(log, 4000) + tail(log + ".err", 4000);
    result.grader_fault = true;  // nothing the student wrote is read by this step
    return result;
  }
  outcome = run_build_step({"cmake", "--build", (work / "out").string(), "--", "-j1"}, lab, options, work, log);
  result.log = tail(log, 6000) + tail(log + ".err", 2000);
  if (outcome.end != ChildEnd::Exited || outcome.exit_code != 0) {
    result.reason = describe_failure(outcome, "compiling the submission");
    result.grader_fault = outcome.end == ChildEnd::FailedToStart;
    return result;
  }
  result.runner = (work / "out" / "kgrade-runner").string();
  result.ok = fs::is_regular_file(result.runner, error);
  if (!result.ok) result.reason = "the build made no kgrade-runner";
  return result;
}

}  // namespace ks::grade
