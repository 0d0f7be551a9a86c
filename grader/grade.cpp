// grader/grade.cpp — grading one submission, in order: preflight, the runner kit, the build, then
// each selected test in its own sandboxed child (the contract: grade.h).
//
// A test's child gets only its scenario and the runner; it writes the trace, and every verdict
// is decided here from that trace and the references, never from what the child says. How the
// child ended is classified first (time, CPU or memory limit, a signal, a runner that failed),
// then the trace must end with run_end, then the checks run. Each test's folder is sealed once
// its child is gone, so no later child can read it, and the report is passed to on_progress
// after every step. A grader fault at any step ends grading with "not graded", not a score.
#include "grader/grade.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grader/homework.h"
#include "grader/preflight.h"
#include "grader/references.h"
#include "grader/run_scenario.h"
#include "grader/sandbox.h"
#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"

namespace ks::grade {
namespace fs = std::filesystem;

std::string_view to_string(TestStatus status) {
  switch (status) {
    case TestStatus::Passed: return "passed";
    case TestStatus::Partial: return "partial";
    case TestStatus::Failed: return "failed";
    case TestStatus::BuildError: return "build error";
    case TestStatus::Timeout: return "timeout";
    case TestStatus::CpuLimit: return "cpu limit";
    case TestStatus::MemoryLimit: return "memory limit";
    case TestStatus::FileLimit: return "file size limit";
    case TestStatus::Crashed: return "crashed";
    case TestStatus::RunnerError: return "runner error";
    case TestStatus::BadTrace: return "bad trace";
    case TestStatus::TestError: return "test error";
    case TestStatus::NotGraded: return "not graded";
  }
  return "?";
}

double GradeReport::earned() const {
  double sum = 0;
  for (const TestResult& result : tests) sum += result.earned;
  return sum;
}

double GradeReport::possible() const { return selected_points; }

namespace {

std::string read_text(const fs::path& file, std::size_t max_chars) {
  std::ifstream in(file, std::ios::binary);
  std::string text(max_chars, '\0');
  in.read(text.data(), static_cast<std::streamsize>(max_chars));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

std::string first_line(const std::string& text) {
  const std::size_t start = text.rfind("error: ") != std::string::npos ? text.rfind("error: ") : 0;
  const std::string line = text.substr(start, text.find('\n', start) - start);
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

std::string quote(const std::string& word) {
  if (word.find_first_of(" \"'$\\") == std::string::npos) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::vector<std::string> runner_arguments(const TestSpec& test, const std::string& runner,
                                          const std::string& scenario) {
  std::vector<std::string> argv = {runner, scenario, "--policy", test.policy};
  for (const std::string& param : test.params) argv.insert(argv.end(), {"--param", param});
  if (test.seed) argv.insert(argv.end(), {"--seed", std::to_string(*test.seed)});
  if (test.until) argv.insert(argv.end(), {"--until", std::to_string(*test.until)});
  return argv;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& word : argv) line += (line.empty() ? "" : " ") + quote(word);
  return line;
}

// Classifies a child that did not exit cleanly; false when it did (exit status 0).
bool classify_failure(const ChildOutcome& outcome, const TestSpec& test, const SandboxLimits& limits,
                      const std::string& stderr_text, TestResult& result) {
  const auto set = [&](TestStatus status, std::string reason) {
    result.status = status;
    result.reason = std::move(reason);
    return true;
  };
  const bool out_of_memory = stderr_text.find("bad_alloc") != std::string::npos ||
                             stderr_text.find("out of memory") != std::string::npos ||
                             stderr_text.find("rss limit exhausted") != std::string::npos ||
                             outcome.max_rss_bytes > limits.memory_bytes * 9 / 10;
  switch (outcome.end) {
    case ChildEnd::FailedToStart:
      return set(TestStatus::NotGraded, "the grader could not start the test: " + outcome.problem);
    case ChildEnd::WallTimeout:
      return set(TestStatus::Timeout, "did not finish within the time limit of " +
                                          std::to_string(test.time_limit).substr(0, 4) +
                                          " s (an infinite loop, or a policy that never lets the simulation end?)");
    case ChildEnd::Signaled:
      if (is_cpu_limit_signal(outcome.signal) || outcome.cpu_seconds >= limits.cpu_seconds) {
        return set(TestStatus::CpuLimit, "used more than " + std::to_string(limits.cpu_seconds).substr(0, 4) +
                                             " s of CPU time (an infinite loop?)");
      }
      if (is_file_limit_signal(outcome.signal)) return set(TestStatus::FileLimit, "wrote a file larger than the limit");
      if (out_of_memory)
        return set(TestStatus::MemoryLimit,
                   "ran out of memory (limit " + std::to_string(limits.memory_bytes >> 20) + " MiB)");
      if (const std::string name = signal_name(outcome.signal); name.rfind("SIGSEGV", 0) == 0) {
        // The usual causes, as the CPU limit's message names an infinite loop.
        return set(TestStatus::Crashed, "killed by " + name + ": a bad pointer, or a recursion without end?");
      }
      return set(TestStatus::Crashed, "killed by " + signal_name(outcome.signal));
    case ChildEnd::Exited:
      if (outcome.exit_code == 0) return false;
      if (outcome.exit_code == 3 || out_of_memory) {
        return set(TestStatus::MemoryLimit,
                   "ran out of memory (limit " + std::to_string(limits.memory_bytes >> 20) + " MiB)");
      }
      return set(TestStatus::RunnerError, "the runner failed (exit status " + std::to_string(outcome.exit_code) +
                                              "): " + first_line(stderr_text));
  }
  return false;
}

// What the programs of the run wrote to the console (fd 1 and 2, in order), from its trace: the
// output check reads the trace, as every other check does.
std::string console_text(const RunRecord& run) {
  std::string text;
  for (const TraceEvent& event : run.events) {
    if (event.kind != EventKind::ConsoleOutput) continue;
    const auto id = static_cast<std::size_t>(event.b);
    if (id < run.names.size()) text += run.names[id];
    if (text.size() > (1U << 20)) break;
  }
  return text;
}

// The scenario as TEST's child gets it. The child sees only its own folder DIR (and the runner):
// a program the scenario names by "path" (relative to the scenario's folder) is copied into DIR,
// and the path becomes the copy's name. The user-program labs' tests (labs/vm) need this.
std::string child_scenario(const TestSpec& test, const fs::path& dir) {
  nlohmann::json root = nlohmann::json::parse(test.scenario_text, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object() || !root.contains("workload") || !root["workload"].is_object() ||
      !root["workload"].contains("programs") || !root["workload"]["programs"].is_array()) {
    return test.scenario_text;
  }
  const fs::path base = fs::path(test.scenario_file.empty() ? test.file : test.scenario_file).parent_path();
  bool changed = false;
  for (nlohmann::json& program : root["workload"]["programs"]) {
    if (!program.is_object() || !program.contains("path") || !program["path"].is_string()) continue;
    const fs::path relative = program["path"].get<std::string>();
    // The copy keeps the file's name, which is the process's name (scenario-format.md).
    const fs::path copy = relative.filename();
    std::error_code error;
    if (copy.empty() || copy == "scenario.json" || fs::exists(dir / copy, error)) continue;
    fs::copy_file(base / relative, dir / copy, error);
    if (error) continue;  // the runner then reports the missing file, as the parent did
    program["path"] = copy.generic_string();
    changed = true;
  }
  return changed ? root.dump(2) : test.scenario_text;
}

// The reference runs of one test, on first use and kept: precomputed ones where the lab ships
// them (a student's tree), otherwise computed in this process (grader/references.h). They are
// written to PRIVATE, a folder no child can read, for the "watch it" commands.
class ReferenceRuns {
 public:
  ReferenceRuns(const LabSpec& lab, const TestSpec& test, fs::path private_dir)
      : lab_(lab), test_(test), dir_(std::move(private_dir)) {}
  const RunRecord& get(const std::string& policy) {
    auto it = runs_.find(policy);
    if (it != runs_.end()) return it->second;
    std::string text;
    if (references_precomputed(lab_)) {
      std::string problem;
      std::optional<std::string> stored = precomputed_reference(lab_, test_, policy, problem);
      if (!stored) throw InputError({test_.file, 0, 0, {}}, problem);
      text = std::move(*stored);
    } else {
      ScenarioRunRequest request{test_.scenario_text,
                                 test_.scenario_file.empty() ? test_.file : test_.scenario_file,
                                 policy,
                                 test_.params,
                                 test_.seed,
                                 test_.until};
      std::ostringstream trace;
      run_scenario_to_trace(request, trace);  // InputError: the test is wrong (caught by the caller)
      text = trace.str();
    }
    std::error_code error;
    fs::create_directories(dir_, error);
    std::ofstream(dir_ / ("reference-" + policy + ".jsonl"), std::ios::binary) << text;
    std::istringstream in(text);
    RecordedTrace recorded = read_json_lines_trace(in, "reference " + policy);
    return runs_.emplace(policy, make_record(std::move(recorded.events), std::move(recorded.names))).first->second;
  }

 private:
  const LabSpec& lab_;
  const TestSpec& test_;
  fs::path dir_;
  std::map<std::string, RunRecord> runs_;
};

void evaluate_checks(const LabSpec& lab, const TestSpec& test, const RunRecord& actual, const fs::path& private_dir,
                     TestResult& result) {
  ReferenceRuns references(lab, test, private_dir);
  CheckContext context{&test, &actual,
                       [&](const std::string& policy) -> const RunRecord& { return references.get(policy); }};
  try {
    for (const Check& check : test.checks) result.checks.push_back(evaluate_check(check, context));
  } catch (const InputError& error) {
    result.checks.clear();
    result.status = TestStatus::TestError;
    result.reason = std::string("the test is wrong (tell your instructor): ") + error.what();
    return;
  }
  std::size_t passed = 0;
  for (const CheckResult& check : result.checks) {
    result.earned += check.earned;
    if (check.passed) ++passed;
  }
  result.status = passed == result.checks.size() ? TestStatus::Passed
                  : passed > 0                   ? TestStatus::Partial
                                                 : TestStatus::Failed;
  result.reason = std::to_string(passed) + " of " + std::to_string(result.checks.size()) + " checks passed";
}

TestResult run_test(const LabSpec& lab, const TestSpec& test, const BuildResult& build, const GradeOptions& options) {
  TestResult result;
  result.test = &test;
  const fs::path dir = fs::absolute(options.work_dir) / "tests" / test.name;
  const fs::path private_dir = fs::absolute(options.work_dir) / "private" / test.name;
  std::error_code error;
  fs::remove_all(dir, error);
  fs::remove_all(private_dir, error);
  fs::create_directories(dir, error);
  std::ofstream(dir / "scenario.json", std::ios::binary) << child_scenario(test, dir);
  std::vector<std::string> argv = runner_arguments(test, build.runner, (dir / "scenario.json").string());
  result.replay = {command_line(argv), quote(options.viz) + " " + quote((dir / "trace.jsonl").string())};
  argv.insert(argv.end(),
              {"--trace", (dir / "trace.jsonl").string(), "--console", (dir / "console.txt").string(), "-q"});
  SandboxRequest request;
  request.argv = argv;
  request.work_dir = dir.string();
  request.paths = {{fs::path(build.runner).parent_path().string(), false}};
  request.isolate = options.isolate;
  request.uid = options.sandbox_uid;
  request.stdout_file = (dir / "stdout.txt").string();
  request.stderr_file = (dir / "stderr.txt").string();
  request.limits = lab.limits;
  request.limits.cpu_seconds = test.time_limit;
  request.limits.wall_seconds = test.time_limit + 2;
  if (sanitized_build()) {
    // A crash must end the child by its signal (not by ASan's report and exit status 1), and
    // memory is bounded by ASan's RSS limit in place of RLIMIT_AS. Later options win.
    const char* given = std::getenv("ASAN_OPTIONS");
    request.environment.push_back(std::string("ASAN_OPTIONS=") + (given ? std::string(given) + ":" : "") +
                                  "handle_segv=0:handle_sigbus=0:handle_abort=0:detect_leaks=0:hard_rss_limit_mb=" +
                                  std::to_string(lab.limits.memory_bytes >> 20));
  }
  const ChildOutcome outcome = run_sandboxed(request);
  // From now on no child reads this folder: not a later test of this submission (its hidden
  // scenario stays unread), not another submission.
  seal_folder(dir.string());
  result.seconds = outcome.wall_seconds;
  const std::string stderr_text = read_text(dir / "stderr.txt", 4000);
  result.output_excerpt = stderr_text;
  if (classify_failure(outcome, test, request.limits, stderr_text, result)) return result;
  RunRecord actual;
  try {
    std::ifstream in(dir / "trace.jsonl", std::ios::binary);
    if (!in) throw InputError({"trace.jsonl", 0, 0, {}}, "the runner wrote no trace");
    RecordedTrace recorded = read_json_lines_trace(in, "trace.jsonl");
    if (recorded.events.empty() || recorded.events.back().kind != EventKind::RunEnd) {
      throw InputError({"trace.jsonl", 0, 0, {}}, "the trace is truncated (it does not end with run_end)");
    }
    actual = make_record(std::move(recorded.events), std::move(recorded.names));
    actual.console = console_text(actual);
  } catch (const InputError& bad) {
    result.status = TestStatus::BadTrace;
    result.reason = std::string("unusable trace: ") + bad.what();
    return result;
  }
  evaluate_checks(lab, test, actual, private_dir, result);
  for (const auto& entry : fs::directory_iterator(private_dir, error)) {
    if (entry.path().filename().string().rfind("reference-", 0) == 0) {
      result.replay.push_back(quote(options.viz) + " " + quote(entry.path().string()));
    }
  }
  seal_folder(private_dir.string());
  return result;
}

}  // namespace

GradeReport grade_submission(const LabSpec& lab, const GradeOptions& given) {
  // A homework lab's submission is an answers file, checked in this process (grader/homework.h).
  if (lab.kind == LabKind::Homework) return grade_homework(lab, given);
  GradeOptions options = given;
  GradeReport report;
  report.lab = lab.name;
  report.lab_title = lab.title;
  report.submission = options.submission_dir;
  report.sandbox = sandbox_description(options.isolate);
  report.rubric = lab.rubric;
  std::vector<const TestSpec*> selected;
  for (const TestSpec& test : lab.tests) {
    if (options.test_filter.empty() || test.name == options.test_filter) selected.push_back(&test);
  }
  if (selected.empty())
    throw InputError({lab.dir, 0, 0, "--test"}, "no test named \"" + options.test_filter + "\" in this lab");
  for (const TestSpec* test : selected) report.selected_points += test->points;
  const auto progress = [&] {
    if (options.on_progress) options.on_progress(report);
  };
  const auto not_graded = [&](const std::string& reason) {
    report.grading_error = reason;
    report.complete = true;
    progress();
    return report;
  };
  options.sandbox_uid = running_as_root() ? allocate_sandbox_uid() : 0;
  const Preflight preflight = check_environment(lab, options);
  report.notes = preflight.notes;
  if (!preflight.fault.empty()) return not_graded(preflight.fault);
  // Reference traces go to WORK/private, which no child can enter (grader/references.h).
  std::error_code ignored;
  fs::create_directories(fs::path(options.work_dir) / "private", ignored);
  seal_folder((fs::path(options.work_dir) / "private").string());
  try {
    options.kit = prepare_runner_kit(options.runner_kit_manifest, (fs::path(options.work_dir) / "kit").string(),
                                     lab.student_files);
  } catch (const std::exception& error) {
    return not_graded(std::string("the runner kit cannot be prepared: ") + error.what());
  }
  progress();
  const BuildResult build = build_runner(lab, options);
  if (build.grader_fault) return not_graded(build.reason + "\n" + build.log);
  report.build_ok = build.ok;
  report.build_log = build.log;
  for (const TestSpec* test : selected) {
    if (!build.ok) {
      TestResult result;
      result.test = test;
      result.status = TestStatus::BuildError;
      result.reason = "the submission does not build: " + build.reason;
      report.tests.push_back(std::move(result));
    } else {
      report.tests.push_back(run_test(lab, *test, build, options));
      if (report.tests.back().status == TestStatus::NotGraded) return not_graded(report.tests.back().reason);
    }
    progress();
  }
  report.complete = true;
  progress();
  return report;
}

}  // namespace ks::grade
