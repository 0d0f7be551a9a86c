// grader/report.h — a grade report in the formats people read it in.
//
//   text          the terminal: one line per test, then every failed check explained (expected,
//                 actual, why) with the commands that replay the run in the CLI and the visualizer
//   json          kgrade's own form (everything; for batch summaries and scripts)
//   gradescope    Gradescope's results.json (autograder specification: score, tests[] with
//                 score/max_score/status/output/visibility/tags)
//   prairielearn  PrairieLearn's external-grading results.json (gradable, score in 0..1,
//                 tests[] with points/max_points/message/output)
//   junit         JUnit XML (one testcase per test; failures and errors with their reasons)
// A report written before grading finished is marked incomplete (tests not yet run are listed
// as not run, scoring 0), so an output file always exists and always parses.
#pragma once

#include <string>

#include "grader/grade.h"

namespace ks::grade {

enum class ReportFormat : std::uint8_t { Text, Json, Gradescope, PrairieLearn, Junit };

// Parses "text", "json", "gradescope", "prairielearn", "junit"; false when unknown.
bool parse_report_format(const std::string& name, ReportFormat& format);
std::string render_report(const GradeReport& report, ReportFormat format);
// Writes REPORT to FILE atomically (a temporary file renamed over it). Throws InputError.
void write_report_file(const GradeReport& report, ReportFormat format, const std::string& file);
// The explanation of one test's result (reason, failed checks, and, WITH_REPLAY, the commands
// that replay it on this machine) as text.
std::string explain_test(const TestResult& result, bool with_replay = true);
// How a student replays RESULT in their own tree (for reports that leave this machine).
std::string student_replay(const GradeReport& report, const TestResult& result);

}  // namespace ks::grade
