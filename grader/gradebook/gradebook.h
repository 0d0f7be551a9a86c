// grader/gradebook/gradebook.h — a course's grades, read back from kgrade's JSON reports.
//
// `kgrade batch LAB SUBMISSIONS -–logs DIR` (or one `kgrade test --format json --out` per
// submission, e.g. as Slurm array tasks) leaves one JSON report per submission. A Gradebook is
// those reports side by side: one row per submission, one column per test (the union of the
// tests of all reports, in the order they first appear), each cell the test's points with its
// status and explanation. It is what the Qt 6 window (gradebook_window.cpp) shows, and it has
// no Qt in it, so the tests check it without a display. The verdicts are the reports' own:
// nothing here regrades.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ks::grade {

struct GradebookCheck {
  std::string label, expected, actual, detail;
  bool passed = false;
  double earned = 0, points = 0;
};

// What happened in a cell, by kind, so that a TA sees the class at a glance (each has its colour).
enum class CellKind : std::uint8_t { Passed, Partial, WrongResult, Crash, Timeout, BuildError, NotGraded, NotRun };
std::string_view to_string(CellKind kind);  // "passed", "partial credit", "wrong result", "crash", ...

struct GradebookCell {
  double earned = 0, points = 0;
  std::string status;  // "passed", "failed", "crashed (killed by SIGSEGV ...)", "timeout", ...
  std::string reason;  // one line
  std::string visibility;
  std::vector<GradebookCheck> checks;
  std::vector<std::string> replay;  // commands that replay the run
  bool passed() const { return status == "passed"; }
  CellKind kind() const;  // from the status (crashes, limits and bad traces are crashes; time and CPU limits time-outs)
};

struct GradebookRow {
  std::string name;    // the report file's name without ".json": the submission
  std::string report;  // the report file
  double score = 0, max_score = 0;
  bool build_ok = false, complete = false;
  bool graded = true;  // false: a fault of the grader; no score (the report's "graded")
  std::string grading_error;
  std::string build_log;
  std::vector<std::optional<GradebookCell>> cells;  // by column; empty when the report lacks the test
  // "graded", "build error", "incomplete" or "not graded", as in kgrade batch's grades.csv.
  std::string status() const;
  CellKind kind() const;  // the row as a whole: NotGraded, BuildError, else Passed
};

struct TestColumn {
  std::string name;
  double points = 0;  // the most points any report gives the test
};

struct ScoreSummary {
  std::size_t submissions = 0;
  double mean = 0, median = 0, min = 0, max = 0;  // in points
  double max_score = 0;                           // the largest possible score seen
  std::vector<std::size_t> histogram;             // 10 bins of score / max_score: [0,10%), ..., [90%,100%]
  std::size_t not_graded = 0;                     // submissions without a score (left out of the rest)
};
// The range of histogram bin I in words: "0-9 %", ..., "90-100 %" (full marks are in the last bin).
std::string histogram_label(std::size_t bin);

struct Gradebook {
  std::string lab;
  std::vector<TestColumn> columns;
  std::vector<GradebookRow> rows;  // in name order

  ScoreSummary summary() const;
  // How many submissions passed COLUMN, and the mean points earned on it (over the rows that ran it).
  std::size_t passed_count(std::size_t column) const;
  double mean_earned(std::size_t column) const;
  // The explanation of ROW's result in COLUMN: status, reason, each check (expected, actual), replay.
  std::string explain(std::size_t row, std::size_t column) const;
  // grades.csv: submission,score,max_score,status and one column per test (earned points).
  std::string to_csv() const;
};

// Reads every *.json file in FOLDER (not recursively; a batch's logs/ folder, or a folder of
// reports) as a kgrade JSON report. A folder with a logs/ subfolder is read from there. Throws
// InputError naming the file (and the line:column of a JSON error) for a file that is not a
// kgrade report, and for a folder without any report.
Gradebook load_gradebook(const std::string& folder);

}  // namespace ks::grade
