// grader/grade.h — grading one submission of one lab: build its runner, run every test in a
// sandboxed child, decide each verdict in this process from the trace the child wrote.
//
// One test's crash, hang, runaway memory or garbage trace scores 0 for that test, with the
// reason, and grading goes on. After every test the report so far is handed to on_progress
// (kgrade writes it to the output file then), so a report exists whatever happens later.
//
// A fault of the grader (grader/preflight.h: the sandbox cannot start or reach its folders, the
// build tools are missing, the disk is full, a limit cannot be set, the runner kit is missing)
// is never a score: the report is then "not graded" (GradeReport::grading_error) and kgrade
// exits with its own status, so that no zero is recorded.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "grader/checks.h"
#include "grader/runner_kit.h"
#include "grader/test_spec.h"

namespace ks::grade {

enum class TestStatus : std::uint8_t {
  Passed,       // every check passed
  Partial,      // some checks passed
  Failed,       // the run was fine; no check passed
  BuildError,   // the submission did not build (every test scores 0)
  Timeout,      // wall-clock limit
  CpuLimit,     // CPU-time limit
  MemoryLimit,  // address-space limit (allocation failed)
  FileLimit,    // file-size limit (wrote too much)
  Crashed,      // killed by a signal (segmentation fault, abort, ...)
  RunnerError,  // the runner exited with an error (bad policy name, broken invariant, ...)
  BadTrace,     // the trace is missing, truncated or malformed
  TestError,    // the test itself is wrong (reference run failed): an instructor's problem
  NotGraded,    // a fault of the grader, not of the submission: no score
};
std::string_view to_string(TestStatus status);

struct TestResult {
  const TestSpec* test = nullptr;
  TestStatus status = TestStatus::Failed;
  double earned = 0;
  std::string reason;  // one line: why it scored what it did
  std::vector<CheckResult> checks;
  std::string output_excerpt;       // the child's stderr (never used for the verdict)
  std::vector<std::string> replay;  // commands that replay the run on this machine (CLI, visualizer)
  double seconds = 0;
};

struct GradeReport {
  std::string lab;
  std::string lab_title;
  std::string submission;
  std::string sandbox;  // how children were isolated
  bool build_ok = false;
  std::string build_log;          // the tail of the build's output
  std::vector<TestResult> tests;  // in the lab's order; those not yet run are absent
  std::vector<RubricItem> rubric;
  bool complete = false;           // every selected test has run
  std::string grading_error;       // not empty: a fault of the grader; the report is no grade
  std::vector<std::string> notes;  // about the grading environment (moved work folder, warnings)
  bool graded() const { return grading_error.empty(); }
  double earned() const;
  double possible() const;  // points of the selected tests
  double selected_points = 0;
};

struct GradeOptions {
  std::string submission_dir;       // where the student files are (path or basename lookup)
  std::string work_dir;             // builds and per-test artifacts go here
  std::string source_dir;           // the kernsim source tree (the reference solution's files)
  std::string runner_kit_manifest;  // build/grader/runner-kit.json of the kernsim build
  std::string viz;                  // kernsim-viz of that build (for "watch it" commands)
  std::string test_filter;          // run only the test with this name (empty: all)
  std::string student;              // homework: whose submission it is (kgrade test --student)
  bool isolate = true;              // bubblewrap where available
  std::function<void(const GradeReport&)> on_progress;
  // Filled in by grade_submission:
  RunnerKit kit;                  // the copy of the runner kit in the work folder
  std::uint32_t sandbox_uid = 0;  // the user id of this submission's children (when root)
};

GradeReport grade_submission(const LabSpec& lab, const GradeOptions& options);

// The result of building a submission's runner.
struct BuildResult {
  bool ok = false;
  std::string runner;         // the executable
  std::string log;            // the build output (tail)
  std::string reason;         // one line when it failed
  bool grader_fault = false;  // the failure is not the submission's (see builder.cpp)
};
BuildResult build_runner(const LabSpec& lab, const GradeOptions& options);
// The environment of a build step in the sandbox (CXX, when the grader was given one).
std::vector<std::string> build_environment();

}  // namespace ks::grade
