// Building a submission's runner: stage the student files, configure grader/runner against the
// prebuilt kernsim libraries, compile. Runs in the sandbox too: the compiler sees the kernsim
// sources and the submission, never the lab's tests (hidden tests must not leak through
// compiler messages such as an #include of a test file).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grader/grade.h"

namespace ks::grade {
namespace fs = std::filesystem;

namespace {

std::string tail(const std::string& file, std::size_t max_chars) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= max_chars ? all : "...\n" + all.substr(all.size() - max_chars);
}

// Copies every student file of LAB from the submission (at its path, or by its base name) into
// STAGE. Returns the files not found.
std::vector<std::string> stage_files(const LabSpec& lab, const std::string& submission, const fs::path& stage) {
  std::vector<std::string> missing;
  std::vector<std::string> files = lab.student_files;
  files.insert(files.end(), lab.other_files.begin(), lab.other_files.end());
  for (const std::string& file : files) {
    const fs::path at_path = fs::path(submission) / file;
    const fs::path by_name = fs::path(submission) / fs::path(file).filename();
    std::error_code error;
    const fs::path source = fs::is_regular_file(at_path, error) ? at_path : by_name;
    fs::create_directories((stage / file).parent_path(), error);
    if (!fs::is_regular_file(source, error) ||
        !fs::copy_file(source, stage / file, fs::copy_options::overwrite_existing, error)) {
      const bool compiled = std::find(lab.student_files.begin(), lab.student_files.end(), file) != lab.student_files.end();
      if (compiled) missing.push_back(file);
    }
  }
  return missing;
}

ChildOutcome run_build_step(const std::vector<std::string>& argv, const LabSpec& lab, const GradeOptions& options,
                            const fs::path& work, const std::string& log) {
  SandboxRequest request;
  request.argv = argv;
  request.work_dir = work.string();
  request.isolate = options.isolate;
  request.stdout_file = log;
  request.stderr_file = log + ".err";
  request.limits.cpu_seconds = lab.build_seconds;
  request.limits.wall_seconds = lab.build_seconds;
  request.limits.memory_bytes = std::int64_t{8} << 30;
  request.limits.processes = 256;
  request.limits.file_bytes = std::int64_t{1} << 30;
  const fs::path config_dir = fs::path(options.runner_config).parent_path().parent_path();
  request.paths = {{fs::absolute(options.source_dir).string(), false}, {fs::absolute(config_dir).string(), false}};
  request.hidden = {(fs::absolute(options.source_dir) / "labs").string()};
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

BuildResult build_runner(const LabSpec& lab, const GradeOptions& options) {
  BuildResult result;
  const fs::path work = fs::absolute(options.work_dir) / "build";
  std::error_code error;
  fs::remove_all(work, error);
  fs::create_directories(work / "src", error);
  const std::vector<std::string> missing = stage_files(lab, options.submission_dir, work / "src");
  if (!missing.empty()) {
    std::string list;
    for (const std::string& file : missing) list += (list.empty() ? "" : ", ") + file;
    result.reason = "the submission lacks " + list + " (looked in " + options.submission_dir + ")";
    return result;
  }
  std::string sources;
  for (const std::string& file : lab.student_files) sources += (sources.empty() ? "" : ";") + file;
  const std::string log = (work / "build.log").string();
  const std::vector<std::string> configure = {
      "cmake", "-S", (fs::absolute(options.source_dir) / "grader" / "runner").string(), "-B", (work / "out").string(),
      "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DKS_RUNNER_CONFIG=" + fs::absolute(options.runner_config).string(),
      "-DKS_SUBMISSION_DIR=" + (work / "src").string(), "-DKS_STUDENT_SOURCES=" + sources};
  ChildOutcome outcome = run_build_step(configure, lab, options, work, log);
  if (outcome.end != ChildEnd::Exited || outcome.exit_code != 0) {
    result.reason = describe_failure(outcome, "configuring the build");
    result.log = tail(log, 4000) + tail(log + ".err", 4000);
    return result;
  }
  outcome = run_build_step({"cmake", "--build", (work / "out").string(), "--", "-j1"}, lab, options, work, log);
  result.log = tail(log, 6000) + tail(log + ".err", 2000);
  if (outcome.end != ChildEnd::Exited || outcome.exit_code != 0) {
    result.reason = describe_failure(outcome, "compiling the submission");
    return result;
  }
  result.runner = (work / "out" / "kgrade-runner").string();
  result.ok = fs::is_regular_file(result.runner, error);
  if (!result.ok) result.reason = "the build made no kgrade-runner";
  return result;
}

}  // namespace ks::grade
