// The homework lab kind: questions and seeds per student, the answers file, grading with partial
// credit, the reports, and kgrade homework (grader/homework.h). The example lab is
// labs/ostep-homework; its answers.txt is the key of the student "example".
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "grader/homework.h"
#include "grader/report.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace {

namespace fs = std::filesystem;

const std::string kLab = std::string(KS_SOURCE_DIR) + "/labs/ostep-homework";

// A fresh folder under the system's temporary folder, removed afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& name) : path_(fs::temp_directory_path() / ("ks-homework-" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  void write(const std::string& file, const std::string& text) const {
    fs::create_directories((path_ / file).parent_path());
    std::ofstream(path_ / file, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

GradeReport grade(const LabSpec& lab, const fs::path& submission, const std::string& student = "") {
  GradeOptions options;
  options.submission_dir = submission.string();
  options.student = student;
  return grade_homework(lab, options);
}

bool has_note(const GradeReport& report, const std::string& text) {
  for (const std::string& note : report.notes) {
    if (note.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Homework, TheExampleLabLoadsAsHomework) {
  const LabSpec lab = load_lab(kLab, true);
  EXPECT_EQ(lab.kind, LabKind::Homework);
  ASSERT_NE(lab.homework, nullptr);
  ASSERT_EQ(lab.tests.size(), lab.homework->questions.size());
  for (std::size_t i = 0; i < lab.tests.size(); ++i) {
    EXPECT_EQ(lab.tests[i].name, lab.homework->questions[i].name);
    double points = 0;
    for (const HomeworkAnswer& answer : lab.homework->questions[i].answers) points += answer.points;
    EXPECT_EQ(lab.tests[i].points, points);
  }
}

// FNV-1a-64 written out from its definition, to pin the derivation the seeds are documented by.
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

TEST(Homework, SeedsAreTheDocumentedHashAndDifferPerStudent) {
  const LabSpec lab = load_lab(kLab, false);
  const HomeworkSpec& homework = *lab.homework;
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cULL);  // the published FNV-1a test vector
  std::set<std::int64_t> seeds;
  for (int s = 0; s < 50; ++s) {
    const std::string student = "student" + std::to_string(s);
    const std::int64_t seed = homework_seed(homework, "race", student);
    EXPECT_EQ(static_cast<std::uint64_t>(seed),
              fnv1a(homework.assignment + "/race/" + student) % static_cast<std::uint64_t>(homework.seed_limit));
    EXPECT_EQ(seed, homework_seed(homework, "race", student));
    seeds.insert(seed);
  }
  EXPECT_GE(seeds.size(), 45u);
  EXPECT_NE(homework_seed(homework, "race", "alice"), homework_seed(homework, "disk", "alice"));
}

TEST(Homework, TheQuestionsShowEachStudentTheirCommands) {
  const LabSpec lab = load_lab(kLab, false);
  const std::string questions = homework_questions(lab, "alice");
  const std::string seed = std::to_string(homework_seed(*lab.homework, "race", "alice"));
  EXPECT_NE(questions.find("kernsim ostep x86 -p programs/race.s"), std::string::npos) << questions;
  EXPECT_NE(questions.find("-s " + seed + " -S\n"), std::string::npos) << questions;
  EXPECT_EQ(questions.find("{lab}"), std::string::npos);
  EXPECT_EQ(questions.find(" -c"), std::string::npos);  // the questions, not the answers
  EXPECT_NE(questions.find("race.total: VALUE"), std::string::npos);
  EXPECT_NE(questions.find("student: alice"), std::string::npos);
}

TEST(Homework, TheExampleAnswersScoreFullMarks) {
  const LabSpec lab = load_lab(kLab, true);
  const GradeReport report = grade(lab, kLab);
  ASSERT_EQ(report.tests.size(), lab.tests.size());
  for (const TestResult& result : report.tests)
    EXPECT_EQ(result.status, TestStatus::Passed) << result.test->name << ": " << explain_test(result);
  EXPECT_EQ(report.earned(), report.possible());
  EXPECT_GT(report.possible(), 0);
  EXPECT_TRUE(report.complete);
  EXPECT_NE(report.build_log.find("graded as student example"), std::string::npos);
}

TEST(Homework, EachStudentsKeyIsRightForThemAndNotForOthers) {
  const LabSpec lab = load_lab(kLab, true);
  const TempDir dir("keys");
  std::set<std::string> keys;
  for (const std::string student : {"alice", "bob", "carol"}) {
    const std::string key = homework_answer_key(lab, student);
    keys.insert(key.substr(key.find('\n', key.find("student:")) + 1));  // the answers alone
    dir.write(student + "/answers.txt", key);
    const GradeReport report = grade(lab, dir.path() / student);
    EXPECT_EQ(report.earned(), report.possible()) << student;
  }
  EXPECT_EQ(keys.size(), 3u);  // different seeds, different numbers
  // Bob's answers handed in under Alice's name: the seeds are Alice's, so they mostly fail.
  std::string bob = homework_answer_key(lab, "bob");
  bob.replace(bob.find("student: bob"), 12, "student: alice");
  dir.write("copied/answers.txt", bob);
  EXPECT_LT(grade(lab, dir.path() / "copied").earned(), grade(lab, dir.path() / "alice").earned());
}

// The student is the submission's: --student, Gradescope's metadata or the folder's name. The
// answers file's own line is checked, never believed.
TEST(Homework, AStudentCannotClaimAnotherStudentsId) {
  const LabSpec lab = load_lab(kLab, true);
  const TempDir dir("identity");
  // Bob hands in his own key in Alice's folder under Alice's name... and it is graded as Alice's.
  std::string bob = homework_answer_key(lab, "bob");
  dir.write("alice/answers.txt", bob);
  const GradeReport in_alices_folder = grade(lab, dir.path() / "alice");
  EXPECT_TRUE(has_note(in_alices_folder, "graded as student alice (from the submission folder's name)"));
  EXPECT_TRUE(has_note(in_alices_folder, "its student line says \"bob\", but this submission is alice's"));
  EXPECT_LT(in_alices_folder.earned(), in_alices_folder.possible());
  // Carol's folder with Alice's key and "student: alice": still Carol's seeds.
  dir.write("carol/answers.txt", homework_answer_key(lab, "alice"));
  const GradeReport claimed = grade(lab, dir.path() / "carol");
  EXPECT_TRUE(has_note(claimed, "graded as student carol"));
  EXPECT_TRUE(has_note(claimed, "says \"alice\", but this submission is carol's"));
  EXPECT_LT(claimed.earned(), claimed.possible());
  // The command line names the student wherever the folder is; then Alice's key is right.
  const GradeReport named = grade(lab, dir.path() / "carol", "alice");
  EXPECT_EQ(named.earned(), named.possible());
  EXPECT_TRUE(has_note(named, "graded as student alice (from --student)"));
  EXPECT_FALSE(has_note(named, "but this submission is"));
}

TEST(Homework, GradescopeSubmissionsAreTheStudentOfTheirMetadata) {
  const LabSpec lab = load_lab(kLab, true);
  const TempDir dir("gradescope");
  dir.write("autograder/submission/answers.txt", homework_answer_key(lab, "bob"));  // says "student: bob"
  dir.write("autograder/submission_metadata.json",
            R"({"users": [{"email": "dee@example.edu", "sid": "dee", "name": "Dee"}]})");
  const GradeReport copied = grade(lab, dir.path() / "autograder" / "submission");
  EXPECT_TRUE(has_note(copied, "graded as student dee (from Gradescope's submission_metadata.json (sid))"));
  EXPECT_TRUE(has_note(copied, "says \"bob\", but this submission is dee's"));
  EXPECT_LT(copied.earned(), copied.possible());
  dir.write("autograder/submission/answers.txt", homework_answer_key(lab, "dee"));
  EXPECT_EQ(grade(lab, dir.path() / "autograder" / "submission").earned(), copied.possible());
  // No student id in the course: the email.
  dir.write("autograder/submission_metadata.json", R"({"users": [{"email": "dee@example.edu", "sid": ""}]})");
  EXPECT_TRUE(has_note(grade(lab, dir.path() / "autograder" / "submission"), "graded as student dee@example.edu"));
  // Metadata without a user: said, and the folder's name is used.
  dir.write("autograder/submission_metadata.json", "{\"users\": []}");
  const GradeReport unknown = grade(lab, dir.path() / "autograder" / "submission");
  EXPECT_TRUE(has_note(unknown, "submission_metadata.json: no student id"));
  EXPECT_TRUE(has_note(unknown, "graded as student submission (from the submission folder's name)"));
}

// The answers file's problems are notes, and the text report prints them (not only the JSON).
TEST(Homework, ProblemsOfTheAnswersFileShowInTheTextReport) {
  const LabSpec lab = load_lab(kLab, true);
  const TempDir dir("problems");
  dir.write("gil/answers.txt",
            "student: hank\nrace.totl: 3\nrace.total: 4\nrace.total: 5\ndisk.seek:\nnonsense line\n");
  const std::string text = render_report(grade(lab, dir.path() / "gil"), ReportFormat::Text);
  for (const std::string expected : {"note: answers.txt: \"race.totl\" is not an answer of this homework (ignored)",
                                     "note: answers.txt:4: a second answer for race.total (the first counts)",
                                     "note: answers.txt:5: no value after \"disk.seek:\" (line ignored)",
                                     "note: answers.txt:6: expected \"NAME: VALUE\"",
                                     "note: answers.txt: its student line says \"hank\", but this submission is gil's",
                                     "note: graded as student gil"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(Homework, AWrongAnswerLosesItsPointsAndShowsTheSolution) {
  const LabSpec lab = load_lab(kLab, true);
  const TempDir dir("wrong");
  std::string key = homework_answer_key(lab, "dana");
  const std::size_t at = key.find("race.total: ");
  const std::size_t end = key.find('\n', at);
  const std::string right = key.substr(at + 12, end - at - 12);
  key.replace(at + 12, end - at - 12, right + "1");  // another number
  dir.write("dana/answers.txt", key);
  const GradeReport report = grade(lab, dir.path() / "dana");
  const TestResult& race = report.tests[0];
  ASSERT_EQ(race.test->name, "race");
  EXPECT_EQ(race.status, TestStatus::Partial);
  EXPECT_EQ(race.earned, race.test->points - 2);  // race.total is worth 2
  ASSERT_FALSE(race.checks.empty());
  EXPECT_FALSE(race.checks[0].passed);
  EXPECT_EQ(race.checks[0].expected, right);
  EXPECT_EQ(race.checks[0].actual, right + "1");
  const std::string solution = homework_command(lab, lab.homework->questions[0], "dana", true);
  EXPECT_NE(race.checks[0].detail.find(solution), std::string::npos);
  EXPECT_NE(solution.find(" -c"), std::string::npos);
  EXPECT_EQ(race.replay.at(0), solution);
  EXPECT_EQ(report.earned(), report.possible() - 2);
}

TEST(Homework, MissingAnswersAndAMissingFileScoreZeroWithAReason) {
  const LabSpec lab = load_lab(kLab, true);
  const TempDir dir("missing");
  fs::create_directories(dir.path() / "erin");
  const GradeReport none = grade(lab, dir.path() / "erin");
  EXPECT_EQ(none.earned(), 0);
  EXPECT_NE(none.build_log.find("has no answers.txt"), std::string::npos);
  EXPECT_NE(none.build_log.find("graded as student erin"), std::string::npos);  // the folder's name
  for (const TestResult& result : none.tests) EXPECT_EQ(result.status, TestStatus::Failed);
  dir.write("frank/answers.txt", "student: frank\nrace.totl: 3\nnonsense line\n");
  const GradeReport typo = grade(lab, dir.path() / "frank");
  EXPECT_NE(typo.build_log.find("\"race.totl\" is not an answer"), std::string::npos) << typo.build_log;
  EXPECT_NE(typo.build_log.find("answers.txt:3: expected \"NAME: VALUE\""), std::string::npos) << typo.build_log;
  EXPECT_NE(typo.tests[0].checks[0].detail.find("race.totl"), std::string::npos);
}

TEST(Homework, AnswersFilesAreReadLineByLine) {
  const AnswersFile answers = parse_answers(
      "# mine\r\nstudent: gus \n\n race.total : 5 # a guess\nrace.total: 6\nstudent: hal\nbad\n", "a.txt");
  EXPECT_EQ(answers.student, "gus");
  ASSERT_EQ(answers.answers.count("race.total"), 1u);
  EXPECT_EQ(answers.answers.at("race.total"), "5");
  ASSERT_EQ(answers.problems.size(), 3u);
  EXPECT_EQ(answers.problems[0], "a.txt:5: a second answer for race.total (the first counts)");
  EXPECT_EQ(answers.problems[1], "a.txt:6: a second student line (the first counts)");
  EXPECT_EQ(answers.problems[2].rfind("a.txt:7: ", 0), 0u);
}

TEST(Homework, ValuesCompareAsNumbersOrAsText) {
  HomeworkAnswer exact;
  EXPECT_TRUE(homework_answer_matches(exact, "645", "645.0"));
  EXPECT_FALSE(homework_answer_matches(exact, "645", "646"));
  HomeworkAnswer close;
  close.tolerance = 0.01;
  EXPECT_TRUE(homework_answer_matches(close, "3.33", "3.333"));
  EXPECT_FALSE(homework_answer_matches(close, "3.33", "3.35"));
  EXPECT_TRUE(homework_answer_matches(exact, "192,234", "192, 234"));
  EXPECT_TRUE(homework_answer_matches(exact, "SSTF", " sstf "));
  EXPECT_FALSE(homework_answer_matches(exact, "192,234", "234,192"));
  EXPECT_FALSE(homework_answer_matches(exact, "5", ""));
}

TEST(Homework, EveryReportFormatTakesAHomeworkReport) {
  const LabSpec lab = load_lab(kLab, true);
  const GradeReport report = grade(lab, kLab);
  const nlohmann::json json = nlohmann::json::parse(render_report(report, ReportFormat::Json));
  EXPECT_EQ(json.at("score").get<double>(), report.possible());
  const nlohmann::json gradescope = nlohmann::json::parse(render_report(report, ReportFormat::Gradescope));
  EXPECT_EQ(gradescope.at("tests").size(), lab.tests.size());
  EXPECT_NE(render_report(report, ReportFormat::Junit).find("race"), std::string::npos);
  EXPECT_NE(render_report(report, ReportFormat::Text).find("disk"), std::string::npos);
}

// A lab folder holding LAB_JSON, for the load errors.
std::string load_error(const std::string& name, const std::string& lab_json) {
  const TempDir dir("bad-" + name);
  dir.write("lab.json", lab_json);
  try {
    load_lab(dir.path().string(), true);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(loaded)";
}

TEST(Homework, BadQuestionsAreRefusedWithTheirPosition) {
  const std::string head = R"({"name": "bad", "kind": "homework", "homework": {"questions": [)";
  const std::string simulator =
      load_error("sim", head + R"({"name": "q", "simulator": "nope", "answers": [{"name": "a", "pattern": "x"}]}]}})");
  EXPECT_NE(simulator.find("no simulator \"nope\""), std::string::npos) << simulator;
  EXPECT_NE(simulator.find("homework.questions[0].simulator"), std::string::npos) << simulator;
  const std::string regex = load_error(
      "regex", head + R"({"name": "q", "simulator": "x86", "answers": [{"name": "a", "pattern": "(("}]}]}})");
  EXPECT_NE(regex.find("not a regular expression"), std::string::npos) << regex;
  const std::string twice =
      load_error("twice", head + R"({"name": "q", "simulator": "x86", "answers": [{"name": "a", "pattern": "x"}]},
                                                          {"name": "q", "simulator": "x86", "answers": [{"name": "a", "pattern": "x"}]}]}})");
  EXPECT_NE(twice.find("two questions named \"q\""), std::string::npos) << twice;
  EXPECT_NE(load_error("kind", R"({"name": "bad", "kind": "essay"})").find("\"code\" or \"homework\""),
            std::string::npos);
  EXPECT_NE(load_error("empty", head + "]}}").find("at least one question"), std::string::npos);
}

TEST(Homework, AQuestionWhoseRunFailsIsTheInstructorsProblem) {
  const TempDir dir("broken");
  dir.write("lab.json", R"({"name": "broken", "kind": "homework", "homework": {"questions": [
      {"name": "nothing", "simulator": "x86", "args": ["-p", "{lab}/missing.s"], "answers": [{"name": "a", "pattern": "x"}]},
      {"name": "nomatch", "simulator": "checksum", "args": ["-s", "{seed}"], "answers": [{"name": "a", "pattern": "^No such line"}]}]}})");
  dir.write("answers.txt", "nothing: 1\nnomatch: 2\n");
  const LabSpec lab = load_lab(dir.path().string(), true);
  const GradeReport report = grade(lab, dir.path());
  ASSERT_EQ(report.tests.size(), 2u);
  for (const TestResult& result : report.tests) {
    EXPECT_EQ(result.status, TestStatus::TestError);
    EXPECT_NE(result.reason.find("tell your instructor"), std::string::npos);
  }
  EXPECT_NE(report.tests[0].reason.find("cannot open the program file"), std::string::npos) << report.tests[0].reason;
  EXPECT_NE(report.tests[1].reason.find("matches no line"), std::string::npos) << report.tests[1].reason;
}

TEST(Homework, TheCommandPrintsQuestionsKeysAndPerStudentFolders) {
  std::ostringstream out, err;
  EXPECT_EQ(run_homework_command({kLab, "--student", "ivy"}, KS_SOURCE_DIR, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), homework_questions(load_lab(kLab, false), "ivy"));
  std::ostringstream key;
  EXPECT_EQ(run_homework_command({"ostep-homework", "--student", "ivy", "--key"}, KS_SOURCE_DIR, key, err), 0)
      << err.str();
  EXPECT_EQ(key.str(), homework_answer_key(load_lab(kLab, false), "ivy"));
  const TempDir dir("roster");
  dir.write("roster.txt", "# class\njo\nkim.lee@example.edu\n\n");
  std::ostringstream wrote;
  EXPECT_EQ(run_homework_command(
                {kLab, "--roster", (dir.path() / "roster.txt").string(), "--out", (dir.path() / "out").string()},
                KS_SOURCE_DIR, wrote, err),
            0)
      << err.str();
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "out/jo/questions.md"));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "out/kim.lee@example.edu/answers.txt"));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "out/jo/programs/race.s"));
  std::ostringstream bad_out, bad_err;
  EXPECT_EQ(run_homework_command({kLab}, KS_SOURCE_DIR, bad_out, bad_err), 2);
  EXPECT_NE(bad_err.str().find("usage: kgrade homework"), std::string::npos);
  EXPECT_EQ(run_homework_command({std::string(KS_SOURCE_DIR) + "/labs/scheduling", "--student", "x"}, KS_SOURCE_DIR,
                                 bad_out, bad_err),
            2);
}

}  // namespace
}  // namespace ks::grade
