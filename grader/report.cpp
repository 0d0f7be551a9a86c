// The text report, the shared explanation of a test, and writing report files.
#include "grader/report.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim-core/error.h"

namespace ks::grade {

std::string render_json(const GradeReport& report);
std::string render_gradescope(const GradeReport& report);
std::string render_prairielearn(const GradeReport& report);
std::string render_junit(const GradeReport& report);

namespace {

std::string points_text(double points) {
  std::ostringstream out;
  out.precision(points == std::round(points) ? 0 : 2);
  out << std::fixed << points;
  return out.str();
}

std::string render_text(const GradeReport& report) {
  std::ostringstream out;
  out << "kgrade: lab " << report.lab << (report.lab_title.empty() ? "" : " (" + report.lab_title + ")")
      << ", submission " << report.submission << "\nsandbox: " << report.sandbox << "\n";
  for (const std::string& note : report.notes) out << "note: " << note << "\n";
  out << "\n";
  if (!report.graded()) {
    out << "NOT GRADED: a fault of the grader or of this machine, not of the submission; no score is given.\n  "
        << report.grading_error << "\nFix the machine (kgrade doctor LAB checks it) and grade again.\n";
    return out.str();
  }
  if (!report.build_ok && !report.tests.empty()) out << "BUILD FAILED\n" << report.build_log << "\n\n";
  std::size_t width = 4;
  for (const TestResult& result : report.tests) width = std::max(width, result.test->name.size());
  for (const TestResult& result : report.tests) {
    out << "  " << result.test->name << std::string(width + 2 - result.test->name.size(), ' ')
        << points_text(result.earned) << "/" << points_text(result.test->points) << "  " << to_string(result.status)
        << " (" << result.reason << ")\n";
  }
  out << "\nscore: " << points_text(report.earned()) << " / " << points_text(report.possible())
      << (report.complete ? "" : "  (INCOMPLETE: grading did not finish)") << "\n";
  for (const RubricItem& item : report.rubric) {
    if (item.manual_points > 0)
      out << "  + " << item.name << ": " << points_text(item.manual_points) << " points graded by hand\n";
  }
  bool header = false;
  for (const TestResult& result : report.tests) {
    if (result.status == TestStatus::Passed || result.status == TestStatus::BuildError) continue;
    if (!header) out << "\nWhat went wrong\n";
    header = true;
    out << "\n" << result.test->name << " (" << result.test->file << ")\n" << explain_test(result);
  }
  return out.str();
}

}  // namespace

std::string explain_test(const TestResult& result, bool with_replay) {
  std::ostringstream out;
  if (!result.test->description.empty()) out << "  " << result.test->description << "\n";
  out << "  " << to_string(result.status) << ": " << result.reason << "\n";
  for (const CheckResult& check : result.checks) {
    out << "  [" << (check.passed ? "ok" : "FAIL") << "] " << check.label << " (" << points_text(check.earned) << "/"
        << points_text(check.points) << ")\n";
    if (check.passed) continue;
    out << "      expected: " << check.expected << "\n      actual:   " << check.actual << "\n";
    if (!check.detail.empty()) out << "      " << check.detail << "\n";
  }
  if (with_replay && !result.replay.empty()) {
    out << "  replay it:\n      " << result.replay[0] << "\n  watch it:\n";
    for (std::size_t i = 1; i < result.replay.size(); ++i) out << "      " << result.replay[i] << "\n";
  }
  return out.str();
}

bool parse_report_format(const std::string& name, ReportFormat& format) {
  if (name == "text") format = ReportFormat::Text;
  else if (name == "json") format = ReportFormat::Json;
  else if (name == "gradescope") format = ReportFormat::Gradescope;
  else if (name == "prairielearn") format = ReportFormat::PrairieLearn;
  else if (name == "junit") format = ReportFormat::Junit;
  else return false;
  return true;
}

std::string render_report(const GradeReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::Text: return render_text(report);
    case ReportFormat::Json: return render_json(report);
    case ReportFormat::Gradescope: return render_gradescope(report);
    case ReportFormat::PrairieLearn: return render_prairielearn(report);
    case ReportFormat::Junit: return render_junit(report);
  }
  return {};
}

void write_report_file(const GradeReport& report, ReportFormat format, const std::string& file) {
  namespace fs = std::filesystem;
  const fs::path target(file);
  std::error_code error;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), error);
  const fs::path temporary = target.string() + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << render_report(report, format);
    if (!out) throw InputError({file, 0, 0, {}}, "cannot write this file");
  }
  fs::rename(temporary, target, error);
  if (error) throw InputError({file, 0, 0, {}}, "cannot write this file: " + error.message());
}

}  // namespace ks::grade
