// kgrade batch LAB SUBMISSIONS_DIR [-j N] [--csv grades.csv] [--logs DIR]
//
// Every folder in SUBMISSIONS_DIR is one submission. Each is graded by a child `kgrade test
// ... --format json` (its log and its JSON report go to the logs folder), up to N at a time,
// with a progress bar on the terminal; then one CSV row per submission and a summary.
#include "grader/kgrade/batch.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "grader/sandbox.h"
#include "grader/test_spec.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace {

namespace fs = std::filesystem;

struct BatchArgs {
  std::string lab, submissions, csv = "grades.csv", logs = "kgrade-logs", work;
  int jobs = 2;
  double timeout = 1800;
};

struct Row {
  std::string name;
  bool ok = false;
  double score = 0, max_score = 0;
  std::string status;
  bool not_graded = false;  // a fault of the grader: no score (not a zero)
  std::vector<std::pair<std::string, double>> tests;
};

// Scores as the reports print them: whole numbers bare, others with two decimals.
std::string score_text(double points) {
  std::ostringstream out;
  out.precision(points == std::round(points) ? 0 : 2);
  out << std::fixed << points;
  return out.str();
}

Row read_row(const std::string& name, const fs::path& json_file, const ChildOutcome& outcome) {
  Row row;
  row.name = name;
  try {
    std::ifstream in(json_file);
    const nlohmann::json report = nlohmann::json::parse(in);
    row.score = report.at("score").get<double>();
    row.max_score = report.at("max_score").get<double>();
    row.ok = report.at("complete").get<bool>();
    const bool graded = report.value("graded", true);
    row.status = !graded ? "not graded: " + report.value("grading_error", std::string("a fault of the grader"))
                 : !report.at("build_ok").get<bool>() ? "build error"
                 : row.ok                             ? "graded"
                                                      : "incomplete";
    row.not_graded = !graded;
    for (const auto& test : report.at("tests"))
      row.tests.emplace_back(test.at("name").get<std::string>(), test.at("earned").get<double>());
  } catch (const std::exception&) {
    row.status =
        outcome.end == ChildEnd::WallTimeout ? "not graded: grading timed out" : "not graded: grading failed (see log)";
    row.not_graded = true;
  }
  return row;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_csv(const std::string& file, const std::vector<Row>& rows) {
  std::vector<std::string> tests;
  for (const Row& row : rows) {
    for (const auto& [name, score] : row.tests) {
      if (std::find(tests.begin(), tests.end(), name) == tests.end()) tests.push_back(name);
    }
  }
  std::ofstream out(file);
  out << "submission,score,max_score,status";
  for (const std::string& test : tests) out << ',' << csv_field(test);
  out << '\n';
  for (const Row& row : rows) {
    // A submission that was not graded has no score: empty fields, never a zero.
    out << csv_field(row.name) << ',' << (row.not_graded ? "" : score_text(row.score)) << ','
        << score_text(row.max_score) << ',' << csv_field(row.status);
    for (const std::string& test : tests) {
      const auto it = std::find_if(row.tests.begin(), row.tests.end(), [&](const auto& t) { return t.first == test; });
      out << ',';
      if (it != row.tests.end() && !row.not_graded) out << score_text(it->second);
    }
    out << '\n';
  }
  if (!out) throw InputError({file, 0, 0, "--csv"}, "cannot write this file");
}

void draw_progress(std::size_t done, std::size_t total, std::size_t running) {
  const bool terminal = stderr_is_terminal();
  const std::size_t width = 30, filled = total ? done * width / total : width;
  if (terminal) {
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total
              << " graded, " << running << " running " << std::flush;
    if (done == total) std::cerr << '\n';
  } else {
    std::cerr << "kgrade batch: " << done << "/" << total << " graded\n";
  }
}

int run_batch(const BatchArgs& args, const std::string& self) {
  const std::string lab_dir = find_lab_dir(args.lab, KS_SOURCE_DIR);
  const LabSpec lab = load_lab(lab_dir, true);  // checks the lab before starting anything
  if (!fs::is_directory(args.submissions))
    throw InputError({args.submissions, 0, 0, {}}, "no such folder of submissions");
  std::vector<fs::path> submissions;
  for (const auto& entry : fs::directory_iterator(args.submissions)) {
    if (entry.is_directory()) submissions.push_back(entry.path());
  }
  std::sort(submissions.begin(), submissions.end());
  const fs::path logs = fs::absolute(args.logs);
  std::error_code temp_error;
  const fs::path work = fs::absolute(
      args.work.empty() ? (fs::temp_directory_path(temp_error) / "kgrade-batch" / lab.name).string() : args.work);
  fs::create_directories(logs);
  std::vector<Row> rows(submissions.size());
  std::atomic<std::size_t> next{0}, done{0}, running{0};
  std::mutex output;
  const auto worker = [&] {
    for (std::size_t i = next++; i < submissions.size(); i = next++) {
      ++running;
      const std::string name = submissions[i].filename().string();
      SandboxRequest request;
      request.argv = {self,
                      "test",
                      lab_dir,
                      "--submission",
                      fs::absolute(submissions[i]).string(),
                      "--format",
                      "json",
                      "--out",
                      (logs / (name + ".json")).string(),
                      "--work",
                      (work / name).string()};
      request.work_dir = fs::current_path().string();
      request.stdout_file = (logs / (name + ".log")).string();
      request.stderr_file = (logs / (name + ".err.log")).string();
      request.isolate = false;  // kgrade isolates its own children
      request.drop_privileges = false;
      request.limits = {args.timeout, args.timeout, std::int64_t{1} << 40, 1 << 20, std::int64_t{1} << 34};
      if (const char* asan = std::getenv("ASAN_OPTIONS"))
        request.environment.push_back(std::string("ASAN_OPTIONS=") + asan);
      const ChildOutcome outcome = run_sandboxed(request);
      rows[i] = read_row(name, logs / (name + ".json"), outcome);
      --running;
      std::lock_guard<std::mutex> lock(output);
      draw_progress(++done, submissions.size(), running);
    }
  };
  draw_progress(0, submissions.size(), 0);
  std::vector<std::thread> threads;
  for (int j = 0; j < std::max(1, args.jobs); ++j) threads.emplace_back(worker);
  for (std::thread& thread : threads) thread.join();
  write_csv(args.csv, rows);
  double total = 0;
  std::size_t graded = 0, problems = 0;
  std::vector<const Row*> not_graded;
  for (const Row& row : rows) {
    if (row.not_graded) {
      not_graded.push_back(&row);
      continue;
    }
    total += row.score;
    ++graded;
    if (row.status != "graded") ++problems;
    std::cout << "  " << row.name << "  " << score_text(row.score) << "/" << score_text(row.max_score) << "  "
              << row.status << "\n";
  }
  std::cout << "lab " << lab.name << ": " << graded << " submissions graded, mean score "
            << score_text(graded == 0 ? 0.0 : total / static_cast<double>(graded)) << ", " << problems
            << " with build errors or incomplete grading\n";
  if (!not_graded.empty()) {
    std::cout << not_graded.size()
              << " submissions NOT GRADED (a fault of the grader or of this machine; no score written):\n";
    for (const Row* row : not_graded) std::cout << "  " << row->name << "  " << row->status << "\n";
  }
  std::cout << "grades: " << args.csv << "\nlogs: " << logs.string() << "\n";
  return not_graded.empty() ? 0 : 3;
}

}  // namespace

void add_batch_command(CLI::App& app, int& status, const char* self) {
  auto args = std::make_shared<BatchArgs>();
  const std::string program = fs::absolute(self).string();
  CLI::App* batch = app.add_subcommand("batch", "Grade every submission folder in SUBMISSIONS_DIR, N at a time");
  batch->add_option("lab", args->lab, "Lab folder or name")->required();
  batch->add_option("submissions", args->submissions, "Folder with one folder per submission")->required();
  batch->add_option("-j,--jobs", args->jobs, "Submissions graded at once")->check(CLI::Range(1, 256));
  batch->add_option("--csv", args->csv, "Grades as CSV (default grades.csv)");
  batch->add_option("--logs", args->logs, "Folder for each submission's log and JSON report (default kgrade-logs)");
  batch->add_option("--work", args->work, "Folder for builds and traces (default TMP/kgrade-batch/LAB)");
  batch->add_option("--timeout", args->timeout, "Seconds one submission may take in all (default 1800)");
  batch->callback([args, program, &status] { status = run_batch(*args, program); });
}

}  // namespace ks::grade
