// grader/test_spec.h — what a grader test is, and what a lab is, as read from their JSON files.
//
// A TEST is one JSON file: a scenario (inline, or a file next to the test), the policy under test
// (a name the student's code registers, e.g. "student_mlfq") with its parameters, the checks
// that decide the verdict, the points, the visibility (visible, hidden, after_due_date), a time
// limit and tags. The scenario itself names a reference policy (so that the grader, which never
// links student code, can read it and run the reference); the runner swaps in the policy under
// test, keeping the parameters both declare. docs/grading.md lists every key.
//
// A LAB is a folder with lab.json (the student files, limits, rubric), handout.md, the student
// files with their solution regions, and tests/visible/*.json and tests/hidden/*.json.
//
// Reading checks everything and throws ks::InputError naming the file, line:column and key.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grader/sandbox.h"
#include "sim-core/trace/event.h"

namespace ks::grade {

enum class Visibility : std::uint8_t { Visible, Hidden, AfterDueDate };
enum class CheckKind : std::uint8_t { Metric, Order, MaxWait, Count, Reference, Invariant, Output };
enum class Comparison : std::uint8_t { Equal, Less, LessEqual, Greater, GreaterEqual };

std::string_view to_string(Visibility visibility);
std::string_view to_string(CheckKind kind);
std::string_view to_string(Comparison comparison);

// "the Nth event of KIND about PROCESS" (PROCESS empty: any process).
struct EventPattern {
  EventKind kind = EventKind::Dispatched;
  std::string process;
  std::int64_t nth = 1;
};

struct Check {
  CheckKind kind = CheckKind::Invariant;
  std::string label;  // shown in reports; a default is made from the check when absent
  double points = 0;  // filled in: given, or the test's points shared equally
  // metric and count
  std::string metric;  // "system.turnaround.mean", "process.A.response", "share.A"
  Comparison op = Comparison::Equal;
  std::optional<double> value;    // the expected value...
  std::string value_from_policy;  // ...or the same metric under this reference policy
  double tolerance = 0;           // absolute
  double relative_tolerance = 0;  // fraction of the expected value
  // order: FIRST happens strictly before SECOND
  EventPattern first, second;
  // max_wait (MAX_TICKS, PROCESS empty = all) and count (EVENT about PROCESS, compared by op/value)
  std::int64_t max_ticks = 0;
  EventPattern event;
  // reference: the trace equals the reference policy's trace (only KINDS, when given)
  std::string reference_policy;
  std::vector<EventKind> kinds;
  // invariant: "all_complete" or "work_conserving"
  std::string invariant;
  // output: PATTERN (ECMAScript regex) is found (or, with !expect_match, not found) in the console
  std::string pattern;
  bool expect_match = true;
};

struct TestSpec {
  std::string name;
  std::string description;
  std::string file;           // the test's JSON file
  std::string scenario_file;  // the scenario file, when not inline
  std::string scenario_text;  // the scenario as JSON text (read from the file when not inline)
  double points = 0;
  Visibility visibility = Visibility::Visible;
  double time_limit = 5;  // seconds of wall time for the child (CPU limit likewise)
  std::vector<std::string> tags;
  std::string policy;               // the policy under test
  std::vector<std::string> params;  // "key=value", applied to it and to reference runs
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> until;
  bool handout_passes = false;  // make-handout: the untouched handout passes this test
  std::vector<Check> checks;
};

struct RubricItem {
  std::string name;
  std::vector<std::string> tags;  // tests with any of these tags count towards this item
  double manual_points = 0;       // points graded by hand (written questions)
  std::string description;
};

// What a lab grades: code students write (built into a runner), or a homework of answers to
// per-student OSTEP questions (grader/homework.h; its questions are the lab's tests).
enum class LabKind : std::uint8_t { Code, Homework };
struct HomeworkSpec;

struct LabSpec {
  LabKind kind = LabKind::Code;
  std::shared_ptr<const HomeworkSpec> homework;  // the questions, when kind is Homework
  std::string name;
  std::string title;
  std::string dir;                         // the lab folder
  std::vector<std::string> student_files;  // compiled into the runner, relative to a submission
  std::vector<std::string> other_files;    // handed in but not compiled (written answers)
  SandboxLimits limits;                    // defaults for every test (time from the test)
  double build_seconds = 300;
  std::vector<RubricItem> rubric;
  std::vector<TestSpec> tests;  // visible first, then hidden, each sorted by name
};

// Finds LAB: a folder path, or a name under SOURCE_DIR/labs. Throws InputError when missing.
std::string find_lab_dir(const std::string& lab, const std::string& source_dir);
// Reads DIR/lab.json and its tests (the hidden ones only when INCLUDE_HIDDEN). Throws InputError.
LabSpec load_lab(const std::string& dir, bool include_hidden);
// Reads one test file; VISIBILITY is the default given by the folder it is in.
TestSpec load_test(const std::string& file, Visibility visibility);
// Parses a test from TEXT (FILE names it in messages; a relative scenario path is read next to it).
TestSpec parse_test(const std::string& text, const std::string& file, Visibility visibility);

}  // namespace ks::grade
