// kgrade — the kernsim auto-grader's command line.
//
//   kgrade test LAB [--submission DIR] [--test NAME] [--format text|json|gradescope|prairielearn|junit] [--out FILE]
//   kgrade batch LAB SUBMISSIONS_DIR [-j N] [--csv grades.csv] [--logs DIR]
//   kgrade gradescope-package LAB [--out autograder.zip]
//   kgrade list LAB
//   kgrade doctor LAB                 grade the reference here: is it full marks?
//   kgrade references LAB OUT_DIR     precompute the reference traces (for a student tree)
// LAB is a lab folder (labs/scheduling) or a lab name. Exit status: 0 graded (whatever the
// score), 2 bad input (a missing lab, a malformed test file: the message names file, line, key),
// 3 not graded: a fault of the grader or of this machine, not of the submission (the reason is
// printed; no score is written), 1 an internal error. docs/grading.md is the manual.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "grader/homework.h"
#include "grader/kgrade/batch.h"
#include "grader/package.h"
#include "grader/references.h"
#include "grader/report.h"
#include "grader/sandbox.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace {

namespace fs = std::filesystem;

constexpr int kExitOk = 0, kExitError = 1, kExitBadInput = 2, kExitNotGraded = 3;

struct TestArgs {
  std::string lab, submission, test, format = "text", out, work, student;
  bool no_sandbox = false;
  bool visible_only = false;
};

// Outside the source tree (never an untracked folder in it), per user: the system's temporary
// folder, which every user and the sandbox's users can enter.
std::string default_work_dir(const std::string& lab_name) {
  std::error_code error;
  const char* user = std::getenv("USER");
  const std::string who = user != nullptr && *user != '\0' ? user : running_as_root() ? "root" : "user";
  return (fs::temp_directory_path(error) / ("kgrade-" + who) / lab_name).string();
}

std::string viz_program() {
  return (fs::path(KS_RUNNER_KIT).parent_path().parent_path() / "bin" / "kernsim-viz").string();
}

// The reference solution is the tree kgrade was built from when the lab's files are there
// (labs/scheduling), else the lab's own folder (a lab kept elsewhere, like the grader's tests).
std::string default_submission(const LabSpec& lab) {
  if (lab.kind == LabKind::Homework) return lab.dir;  // its answers file: the key of the example student
  for (const std::string& file : lab.student_files) {
    if (!fs::is_regular_file(fs::path(KS_SOURCE_DIR) / file)) return lab.dir;
  }
  return KS_SOURCE_DIR;
}

GradeOptions grade_options(const TestArgs& args, const LabSpec& lab) {
  GradeOptions options;
  options.submission_dir = args.submission.empty() ? default_submission(lab) : args.submission;
  if (!fs::is_directory(options.submission_dir)) {
    throw InputError({options.submission_dir, 0, 0, "--submission"}, "no such folder");
  }
  options.work_dir = args.work.empty() ? default_work_dir(lab.name) : args.work;
  options.source_dir = KS_SOURCE_DIR;
  options.runner_kit_manifest = KS_RUNNER_KIT;
  options.viz = viz_program();
  options.test_filter = args.test;
  options.student = args.student;
  options.isolate = !args.no_sandbox;
  return options;
}

int run_test_command(const TestArgs& args) {
  ReportFormat format = ReportFormat::Text;
  if (!parse_report_format(args.format, format))
    throw InputError({"", 0, 0, "--format"}, "unknown format \"" + args.format + "\"");
  const std::string dir = find_lab_dir(args.lab, KS_SOURCE_DIR);
  const LabSpec lab = load_lab(dir, !args.visible_only);
  GradeOptions options = grade_options(args, lab);
  std::size_t announced = 0;
  options.on_progress = [&](const GradeReport& report) {
    if (!args.out.empty()) write_report_file(report, format, args.out);
    for (; announced < report.tests.size(); ++announced) {
      const TestResult& result = report.tests[announced];
      std::cerr << "kgrade: [" << announced + 1 << "] " << result.test->name << ": " << to_string(result.status) << " ("
                << result.earned << "/" << result.test->points << ")\n";
    }
  };
  const GradeReport report = grade_submission(lab, options);
  // With --out the file has the chosen format and the terminal the text report.
  std::cout << render_report(report, args.out.empty() ? format : ReportFormat::Text);
  if (!report.graded()) {
    // Gradescope has no way to say "not graded" in results.json: no results.json at all makes
    // it show that the autograder failed, and record no score (docs/grading.md).
    if (!args.out.empty() && format == ReportFormat::Gradescope) fs::remove(args.out);
    std::cerr << "kgrade: NOT GRADED, a fault of the grader or of this machine (not of the submission): "
              << report.grading_error << "\n";
    return kExitNotGraded;
  }
  return kExitOk;
}

// kgrade doctor LAB: the reference solution, graded here as a submission would be. Full marks
// means this machine grades correctly; otherwise the reason.
int run_doctor_command(const TestArgs& args) {
  const LabSpec lab = load_lab(find_lab_dir(args.lab, KS_SOURCE_DIR), true);
  GradeOptions options = grade_options(args, lab);
  std::cout << "kgrade doctor: grading the reference solution of lab " << lab.name << " (" << options.submission_dir
            << ") as a submission, in " << options.work_dir << "\n";
  const GradeReport report = grade_submission(lab, options);
  std::cout << "sandbox: " << report.sandbox << "\n";
  for (const std::string& note : report.notes) std::cout << "note: " << note << "\n";
  if (!report.graded()) {
    std::cout << "NOT OK: this machine cannot grade: " << report.grading_error << "\n";
    return kExitNotGraded;
  }
  bool full = report.earned() == report.possible();
  for (const TestResult& result : report.tests) {
    if (result.status != TestStatus::Passed) {
      std::cout << "  " << result.test->name << ": " << to_string(result.status) << " (" << result.reason << ")\n";
    }
  }
  std::cout << (full ? "OK: " : "NOT OK: ") << "the reference scores " << report.earned() << " / " << report.possible()
            << (full ? " here" : "; the tests above say why") << "\n";
  return full ? kExitOk : kExitError;
}

void add_test_command(CLI::App& app, int& status) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* test = app.add_subcommand("test", "Grade one submission: build it, run every test in a sandbox, report");
  test->add_option("lab", args->lab, "Lab folder or name (e.g. labs/scheduling)")->required();
  test->add_option("--submission", args->submission,
                   "Folder with the student's files (default: the lab's own, i.e. the reference solution)");
  test->add_option(
      "--student", args->student,
      "Homework labs: the student whose submission it is (default: Gradescope's metadata, else the folder's name)");
  test->add_option("--test", args->test, "Run only this test");
  test->add_option("--format", args->format, "text, json, gradescope, prairielearn or junit");
  test->add_option("--out", args->out, "Write the report here (rewritten after every test)");
  test->add_option("--work", args->work, "Folder for the build and the per-test traces (default: TMP/kgrade-USER/LAB)");
  test->add_flag("--no-sandbox", args->no_sandbox, "Do not use bubblewrap (resource limits still apply)");
  test->add_flag("--visible-only", args->visible_only, "Run only the visible tests (what students have)");
  test->callback([args, &status] { status = run_test_command(*args); });
}

void add_doctor_command(CLI::App& app, int& status) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* doctor =
      app.add_subcommand("doctor", "Grade the lab's reference solution here and say whether it gets full marks");
  doctor->add_option("lab", args->lab, "Lab folder or name")->required();
  doctor->add_option("--work", args->work, "Folder for the build and the traces (default: TMP/kgrade-USER/LAB)");
  doctor->add_flag("--no-sandbox", args->no_sandbox, "Do not use bubblewrap (resource limits still apply)");
  doctor->callback([args, &status] { status = run_doctor_command(*args); });
}

void add_references_command(CLI::App& app, int& status) {
  auto lab_name = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  CLI::App* references =
      app.add_subcommand("references", "Precompute the reference traces of a lab's tests (for a student tree)");
  references->add_option("lab", *lab_name, "Lab folder or name")->required();
  references->add_option("out", *out, "Folder to write them to (a handout's LAB/tests/references)")->required();
  references->callback([lab_name, out, &status] {
    const LabSpec lab = load_lab(find_lab_dir(*lab_name, KS_SOURCE_DIR), false);
    const std::size_t written = write_references(lab, *out);
    std::cout << "wrote " << written << " reference traces of lab " << lab.name << " to " << *out << "\n";
    status = kExitOk;
  });
}

// kgrade homework ...: the words after "homework" go to run_homework_command (grader/homework.h).
void add_homework_command(CLI::App& app, int& status) {
  CLI::App* homework = app.add_subcommand(
      "homework", "A homework lab's questions for a student, or for a roster (--roster FILE --out DIR)");
  homework->allow_extras();
  homework->prefix_command();
  homework->callback([homework, &status] {
    status = run_homework_command(homework->remaining(), KS_SOURCE_DIR, std::cout, std::cerr);
  });
}

void add_list_command(CLI::App& app, int& status) {
  auto lab_name = std::make_shared<std::string>();
  CLI::App* list = app.add_subcommand("list", "List a lab's tests with their points, visibility and tags");
  list->add_option("lab", *lab_name, "Lab folder or name")->required();
  list->callback([lab_name, &status] {
    const LabSpec lab = load_lab(find_lab_dir(*lab_name, KS_SOURCE_DIR), true);
    double total = 0;
    for (const TestSpec& test : lab.tests) {
      std::string tags;
      for (const std::string& tag : test.tags) tags += (tags.empty() ? "" : ",") + tag;
      std::cout << test.name << "  " << test.points << " points  " << to_string(test.visibility) << "  [" << tags
                << "]  " << test.checks.size() << " checks\n";
      total += test.points;
    }
    std::cout << lab.tests.size() << " tests, " << total << " points\n";
    status = kExitOk;
  });
}

void add_package_command(CLI::App& app, int& status) {
  auto lab_name = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>("autograder.zip");
  CLI::App* package =
      app.add_subcommand("gradescope-package", "Write the Gradescope autograder zip (setup.sh, run_autograder)");
  package->add_option("lab", *lab_name, "Lab folder or name")->required();
  package->add_option("--out", *out, "The zip to write (default autograder.zip)");
  package->callback([lab_name, out, &status] {
    const LabSpec lab = load_lab(find_lab_dir(*lab_name, KS_SOURCE_DIR), true);
    const std::size_t files = write_gradescope_package(lab, KS_SOURCE_DIR, *out);
    std::cout << "wrote " << *out << " (" << files << " files; upload it as the autograder of lab " << lab.name
              << ")\n";
    status = kExitOk;
  });
}

}  // namespace
}  // namespace ks::grade

int main(int argc, char** argv) {
  CLI::App app{"kgrade: the kernsim auto-grader"};
  app.footer(
      "Exit status: 0 graded (whatever the score), 2 bad input, 3 NOT GRADED (a fault of the grader or of this\n"
      "machine, not of the submission: no score is written), 1 an internal error. Manual: docs/grading.md");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("kgrade ") + KS_VERSION);
  int status = 0;
  ks::grade::ignore_file_size_signal();
  ks::grade::add_test_command(app, status);
  ks::grade::add_list_command(app, status);
  ks::grade::add_doctor_command(app, status);
  ks::grade::add_references_command(app, status);
  ks::grade::add_homework_command(app, status);
  ks::grade::add_package_command(app, status);
  ks::grade::add_batch_command(app, status, argv[0]);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  } catch (const ks::InputError& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "kgrade: internal error: " << error.what() << '\n';
    return 1;
  }
  return status;
}
