// grader/gradebook/gradebook.cpp — kgrade's JSON reports read back into a Gradebook (what it is:
// gradebook.h), its summaries and its CSV.
//
// Reports are read in file-name order and each column is the first appearance of a test's name,
// so the same folder gives the same table on every machine; a column's points are the most any
// report gives that test. A file that is not a kgrade report is refused with its name. A cell's
// kind comes from the status text the report wrote, so nothing here decides a verdict.
#include "grader/gradebook/gradebook.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "scenario/json_reader.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string text_or_empty(const JsonReader& in, const json& object, const JsonPath& path, const char* key) {
  const json* value = JsonReader::member(object, key);
  return value == nullptr || value->is_null() ? std::string() : in.text(*value, path / key);
}

double number_or_zero(const JsonReader& in, const json& object, const JsonPath& path, const char* key) {
  const json* value = JsonReader::member(object, key);
  return value == nullptr ? 0.0 : in.number(*value, path / key, -1e12, 1e12);
}

GradebookCheck read_check(const JsonReader& in, const json& value, const JsonPath& path) {
  if (!value.is_object()) in.fail(path, "a check is an object");
  GradebookCheck check;
  check.label = text_or_empty(in, value, path, "label");
  check.expected = text_or_empty(in, value, path, "expected");
  check.actual = text_or_empty(in, value, path, "actual");
  check.detail = text_or_empty(in, value, path, "detail");
  if (const json* passed = JsonReader::member(value, "passed")) check.passed = in.boolean(*passed, path / "passed");
  check.earned = number_or_zero(in, value, path, "earned");
  check.points = number_or_zero(in, value, path, "points");
  return check;
}

struct ReadTest {
  std::string name;
  GradebookCell cell;
};

ReadTest read_test(const JsonReader& in, const json& value, const JsonPath& path) {
  if (!value.is_object()) in.fail(path, "a test result is an object");
  const json* name = JsonReader::member(value, "name");
  if (name == nullptr) in.fail(path, "missing key \"name\"");
  ReadTest test;
  test.name = in.text(*name, path / "name");
  GradebookCell& cell = test.cell;
  cell.earned = number_or_zero(in, value, path, "earned");
  cell.points = number_or_zero(in, value, path, "points");
  cell.status = text_or_empty(in, value, path, "status");
  cell.reason = text_or_empty(in, value, path, "reason");
  cell.visibility = text_or_empty(in, value, path, "visibility");
  if (const json* checks = JsonReader::member(value, "checks")) {
    in.expect_array(*checks, path / "checks");
    for (std::size_t i = 0; i < checks->size(); ++i)
      cell.checks.push_back(read_check(in, (*checks)[i], path / "checks" / i));
  }
  if (const json* replay = JsonReader::member(value, "replay")) {
    in.expect_array(*replay, path / "replay");
    for (std::size_t i = 0; i < replay->size(); ++i) cell.replay.push_back(in.text((*replay)[i], path / "replay" / i));
  }
  return test;
}

// One report: its row, and its tests by name (the caller places them in columns).
GradebookRow read_report(const fs::path& file, std::string& lab, std::vector<ReadTest>& tests) {
  const JsonReader in(file.string(), read_input_file(file.string()));
  const json& root = in.root();
  const JsonPath top;
  if (!root.is_object() || JsonReader::member(root, "tests") == nullptr ||
      JsonReader::member(root, "score") == nullptr) {
    throw InputError({file.string(), 1, 1, {}},
                     "not a kgrade JSON report (no \"score\" and \"tests\"): write one with kgrade --format json");
  }
  GradebookRow row;
  row.name = file.stem().string();
  row.report = file.string();
  row.score = in.number(*JsonReader::member(root, "score"), top / "score", -1e12, 1e12);
  row.max_score = number_or_zero(in, root, top, "max_score");
  if (const json* v = JsonReader::member(root, "build_ok")) row.build_ok = in.boolean(*v, top / "build_ok");
  if (const json* v = JsonReader::member(root, "complete")) row.complete = in.boolean(*v, top / "complete");
  if (const json* v = JsonReader::member(root, "graded")) row.graded = in.boolean(*v, top / "graded");
  row.grading_error = text_or_empty(in, root, top, "grading_error");
  row.build_log = text_or_empty(in, root, top, "build_log");
  if (lab.empty()) lab = text_or_empty(in, root, top, "lab");
  const json& list = *JsonReader::member(root, "tests");
  in.expect_array(list, top / "tests");
  for (std::size_t i = 0; i < list.size(); ++i) tests.push_back(read_test(in, list[i], top / "tests" / i));
  return row;
}

std::string points(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string_view to_string(CellKind kind) {
  switch (kind) {
    case CellKind::Passed: return "passed";
    case CellKind::Partial: return "partial credit";
    case CellKind::WrongResult: return "wrong result";
    case CellKind::Crash: return "crash";
    case CellKind::Timeout: return "time-out";
    case CellKind::BuildError: return "build error";
    case CellKind::NotGraded: return "not graded";
    case CellKind::NotRun: return "not run";
  }
  return "?";
}

CellKind GradebookCell::kind() const {
  const auto starts = [&](const char* prefix) { return status.rfind(prefix, 0) == 0; };
  if (starts("passed")) return CellKind::Passed;
  if (starts("partial")) return CellKind::Partial;
  if (starts("failed")) return CellKind::WrongResult;
  if (starts("build error")) return CellKind::BuildError;
  if (starts("timeout") || starts("cpu limit")) return CellKind::Timeout;
  if (starts("not graded") || starts("test error")) return CellKind::NotGraded;
  return CellKind::Crash;  // crashed, memory limit, file size limit, runner error, bad trace
}

std::string GradebookRow::status() const {
  if (!graded) return "not graded";
  if (!build_ok) return "build error";
  return complete ? "graded" : "incomplete";
}

CellKind GradebookRow::kind() const {
  if (!graded) return CellKind::NotGraded;
  return build_ok ? CellKind::Passed : CellKind::BuildError;
}

std::string histogram_label(std::size_t bin) {
  return std::to_string(bin * 10) + "-" + std::to_string(bin == 9 ? 100 : bin * 10 + 9) + " %";
}

ScoreSummary Gradebook::summary() const {
  ScoreSummary s;
  s.submissions = rows.size();
  s.histogram.assign(10, 0);
  std::vector<double> scores;
  for (const GradebookRow& row : rows) {
    s.max_score = std::max(s.max_score, row.max_score);
    if (row.graded) scores.push_back(row.score);
    else ++s.not_graded;
  }
  if (scores.empty()) return s;
  std::sort(scores.begin(), scores.end());
  s.min = scores.front();
  s.max = scores.back();
  double total = 0;
  for (const double v : scores) total += v;
  s.mean = total / static_cast<double>(scores.size());
  const std::size_t middle = scores.size() / 2;
  s.median = scores.size() % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
  for (const GradebookRow& row : rows) {
    if (!row.graded) continue;
    const double fraction = row.max_score > 0 ? row.score / row.max_score : 0.0;
    const auto bin = static_cast<std::size_t>(std::clamp(std::floor(fraction * 10), 0.0, 9.0));
    ++s.histogram[bin];
  }
  return s;
}

std::size_t Gradebook::passed_count(std::size_t column) const {
  std::size_t count = 0;
  for (const GradebookRow& row : rows) {
    if (row.cells[column] && row.cells[column]->passed()) ++count;
  }
  return count;
}

double Gradebook::mean_earned(std::size_t column) const {
  double total = 0;
  std::size_t ran = 0;
  for (const GradebookRow& row : rows) {
    if (!row.cells[column]) continue;
    total += row.cells[column]->earned;
    ++ran;
  }
  return ran == 0 ? 0.0 : total / static_cast<double>(ran);
}

std::string Gradebook::explain(std::size_t row_index, std::size_t column) const {
  const GradebookRow& row = rows.at(row_index);
  const TestColumn& test = columns.at(column);
  std::string out = row.name + " / " + test.name + "\n";
  const std::optional<GradebookCell>& cell = row.cells.at(column);
  if (!cell) {
    out += "not run: " +
           (row.build_ok ? std::string("the report has no result for this test") : "the submission did not build") +
           "\n";
    if (!row.build_log.empty()) out += "\nbuild output:\n" + row.build_log + "\n";
    return out;
  }
  out += points(cell->earned) + " / " + points(cell->points) + " points: " + cell->status;
  if (!cell->reason.empty()) out += " (" + cell->reason + ")";
  out += "\n";
  for (const GradebookCheck& check : cell->checks) {
    out += std::string(check.passed ? "  [ok]   " : "  [FAIL] ") + check.label + " (" + points(check.earned) + "/" +
           points(check.points) + ")\n";
    if (check.passed) continue;
    if (!check.expected.empty()) out += "      expected: " + check.expected + "\n";
    if (!check.actual.empty()) out += "      actual:   " + check.actual + "\n";
    if (!check.detail.empty()) out += "      " + check.detail + "\n";
  }
  if (!cell->replay.empty()) {
    out += "replay it:\n";
    for (const std::string& command : cell->replay) out += "    " + command + "\n";
  }
  return out;
}

std::string Gradebook::to_csv() const {
  std::string out = "submission,score,max_score,status";
  for (const TestColumn& column : columns) out += "," + csv_field(column.name);
  out += "\n";
  for (const GradebookRow& row : rows) {
    out += csv_field(row.name) + "," + (row.graded ? points(row.score) : std::string()) + "," + points(row.max_score) +
           "," + csv_field(row.status());
    for (const std::optional<GradebookCell>& cell : row.cells)
      out += "," + (cell ? points(cell->earned) : std::string());
    out += "\n";
  }
  return out;
}

Gradebook load_gradebook(const std::string& folder) {
  fs::path dir(folder);
  std::error_code error;
  if (!fs::is_directory(dir, error)) throw InputError({folder, 0, 0, {}}, "no such folder");
  if (fs::is_directory(dir / "logs", error)) dir /= "logs";
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // name order: the same table on every machine
  if (files.empty()) throw InputError({dir.string(), 0, 0, {}}, "no kgrade JSON reports (*.json) in this folder");

  Gradebook book;
  std::map<std::string, std::size_t> column_of;
  std::vector<std::vector<ReadTest>> tests_of_row;
  for (const fs::path& file : files) {
    std::vector<ReadTest> tests;
    book.rows.push_back(read_report(file, book.lab, tests));
    for (const ReadTest& test : tests) {
      const auto [it, added] = column_of.try_emplace(test.name, book.columns.size());
      if (added) book.columns.push_back({test.name, 0});
      book.columns[it->second].points = std::max(book.columns[it->second].points, test.cell.points);
    }
    tests_of_row.push_back(std::move(tests));
  }
  for (std::size_t r = 0; r < book.rows.size(); ++r) {
    book.rows[r].cells.assign(book.columns.size(), std::nullopt);
    for (ReadTest& test : tests_of_row[r]) book.rows[r].cells[column_of.at(test.name)] = std::move(test.cell);
  }
  return book;
}

}  // namespace ks::grade
