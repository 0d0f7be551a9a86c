// The gradebook's model: kgrade JSON reports side by side, with summaries and the CSV export.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "grader/gradebook/gradebook.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace {

namespace fs = std::filesystem;

class GradebookFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ks-gradebook-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  // A report of a submission with SCORE of MAX over the tests given as {"name", earned, points, status}.
  static std::string report(double score, double max, const std::string& tests, bool build_ok = true) {
    return R"({"lab": "scheduling", "score": )" + std::to_string(score) + R"(, "max_score": )" + std::to_string(max) +
           R"(, "build_ok": )" + (build_ok ? "true" : "false") + R"(, "complete": true, "tests": [)" + tests + "]}";
  }
  static std::string test(const std::string& name, double earned, double points, const std::string& status,
                          const std::string& checks = "[]") {
    return R"({"name": ")" + name + R"(", "earned": )" + std::to_string(earned) + R"(, "points": )" +
           std::to_string(points) + R"(, "status": ")" + status + R"(", "reason": "why", "checks": )" + checks +
           R"(, "replay": ["kgrade-runner x.json"]})";
  }
  fs::path dir_;
};

TEST_F(GradebookFolder, ColumnsAreTheUnionOfTheTestsInOrderOfFirstAppearance) {
  write("bob.json", report(10, 20, test("mlfq", 10, 10, "passed") + "," + test("stride", 0, 10, "failed")));
  write("alice.json", report(25, 30, test("stride", 10, 10, "passed") + "," + test("boost", 15, 20, "failed")));
  const Gradebook book = load_gradebook(dir_.string());
  EXPECT_EQ(book.lab, "scheduling");
  ASSERT_EQ(book.rows.size(), 2u);
  EXPECT_EQ(book.rows[0].name, "alice");  // rows in name order, whatever the directory order
  EXPECT_EQ(book.rows[1].name, "bob");
  ASSERT_EQ(book.columns.size(), 3u);
  EXPECT_EQ(book.columns[0].name, "stride");
  EXPECT_EQ(book.columns[1].name, "boost");
  EXPECT_EQ(book.columns[2].name, "mlfq");
  EXPECT_DOUBLE_EQ(book.columns[1].points, 20);
  // alice has no mlfq result, bob no boost result.
  EXPECT_FALSE(book.rows[0].cells[2].has_value());
  EXPECT_FALSE(book.rows[1].cells[1].has_value());
  EXPECT_EQ(book.passed_count(0), 1u);
  EXPECT_DOUBLE_EQ(book.mean_earned(0), 5);
  EXPECT_DOUBLE_EQ(book.mean_earned(1), 15);
}

TEST_F(GradebookFolder, SummaryAndHistogramFollowTheScores) {
  write("a.json", report(0, 10, test("t", 0, 10, "failed")));
  write("b.json", report(5, 10, test("t", 5, 10, "failed")));
  write("c.json", report(10, 10, test("t", 10, 10, "passed")));
  write("d.json", report(9, 10, test("t", 9, 10, "failed")));
  const ScoreSummary s = load_gradebook(dir_.string()).summary();
  EXPECT_EQ(s.submissions, 4u);
  EXPECT_DOUBLE_EQ(s.mean, 6);
  EXPECT_DOUBLE_EQ(s.median, 7);
  EXPECT_DOUBLE_EQ(s.min, 0);
  EXPECT_DOUBLE_EQ(s.max, 10);
  ASSERT_EQ(s.histogram.size(), 10u);
  EXPECT_EQ(s.histogram[0], 1u);
  EXPECT_EQ(s.histogram[5], 1u);
  EXPECT_EQ(s.histogram[9], 2u);  // 90 % and 100 % share the last bin
}

TEST_F(GradebookFolder, ExplainShowsFailedChecksAndReplayCommands) {
  const std::string checks =
      R"([{"label": "same trace as mlfq", "passed": false, "earned": 0, "points": 10, "expected": "t=2 dispatched B", "actual": "t=2 dispatched A", "detail": "first divergence at t=2"},
          {"label": "all complete", "passed": true, "earned": 5, "points": 5}])";
  write("carol.json", report(5, 15, test("mlfq_mixed", 5, 15, "failed", checks)));
  const Gradebook book = load_gradebook(dir_.string());
  const std::string text = book.explain(0, 0);
  EXPECT_NE(text.find("5 / 15 points: failed (why)"), std::string::npos) << text;
  EXPECT_NE(text.find("[FAIL] same trace as mlfq (0/10)"), std::string::npos) << text;
  EXPECT_NE(text.find("expected: t=2 dispatched B"), std::string::npos) << text;
  EXPECT_NE(text.find("actual:   t=2 dispatched A"), std::string::npos) << text;
  EXPECT_NE(text.find("[ok]   all complete (5/5)"), std::string::npos) << text;
  EXPECT_NE(text.find("kgrade-runner x.json"), std::string::npos) << text;
}

TEST_F(GradebookFolder, CsvHasARowPerSubmissionAndQuotesNames) {
  write("dave, jr.json", report(3, 4, test("t1", 3, 3, "passed") + "," + test("t2", 0, 1, "timeout")));
  write("eve.json", report(0, 4, test("t1", 0, 3, "build error") + "," + test("t2", 0, 1, "build error"), false));
  const std::string csv = load_gradebook(dir_.string()).to_csv();
  EXPECT_EQ(csv, "submission,score,max_score,status,t1,t2\n\"dave, jr\",3,4,graded,3,0\neve,0,4,build error,0,0\n");
}

TEST_F(GradebookFolder, ABatchFolderIsReadFromItsLogs) {
  fs::create_directories(dir_ / "logs");
  std::ofstream(dir_ / "logs" / "frank.json") << report(1, 1, test("t", 1, 1, "passed"));
  EXPECT_EQ(load_gradebook(dir_.string()).rows.size(), 1u);
}

TEST_F(GradebookFolder, BadReportsNameTheFileAndThePosition) {
  write("broken.json", "{\"score\": 1,\n \"tests\": [ {\"name\": 3} ]}");
  try {
    load_gradebook(dir_.string());
    FAIL() << "a test name that is a number was accepted";
  } catch (const InputError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("broken.json:2:"), std::string::npos) << what;
    EXPECT_NE(what.find("tests[0].name"), std::string::npos) << what;
  }
  fs::remove(dir_ / "broken.json");
  write("other.json", "{\"not\": \"a report\"}");
  EXPECT_THROW(load_gradebook(dir_.string()), InputError);
  fs::remove(dir_ / "other.json");
  write("truncated.json", "{\"score\": 1, \"tests\": [");
  EXPECT_THROW(load_gradebook(dir_.string()), InputError);
}

TEST_F(GradebookFolder, AnEmptyOrMissingFolderIsAnInputError) {
  EXPECT_THROW(load_gradebook(dir_.string()), InputError);
  EXPECT_THROW(load_gradebook((dir_ / "no-such-folder").string()), InputError);
}

TEST_F(GradebookFolder, EveryCellHasTheKindOfItsStatus) {
  write("a.json",
        report(3, 8,
               test("p", 1, 1, "passed") + "," + test("q", 0.5, 1, "partial") + "," + test("w", 0, 1, "failed") + "," +
                   test("c", 0, 1, "crashed (killed by SIGSEGV (segmentation fault))") + "," +
                   test("m", 0, 1, "memory limit") + "," + test("t", 0, 1, "timeout") + "," +
                   test("u", 0, 1, "cpu limit") + "," + test("b", 0, 1, "build error")));
  const Gradebook book = load_gradebook(dir_.string());
  const std::vector<CellKind> kinds = {CellKind::Passed,  CellKind::Partial,   CellKind::WrongResult,
                                       CellKind::Crash,   CellKind::Crash,     CellKind::Timeout,
                                       CellKind::Timeout, CellKind::BuildError};
  ASSERT_EQ(book.rows[0].cells.size(), kinds.size());
  for (std::size_t c = 0; c < kinds.size(); ++c)
    EXPECT_EQ(book.rows[0].cells[c]->kind(), kinds[c]) << book.columns[c].name;
  EXPECT_EQ(to_string(CellKind::Timeout), "time-out");
}

TEST_F(GradebookFolder, ASubmissionThatWasNotGradedHasNoScoreAndStaysOutOfTheSummary) {
  write("a.json", report(10, 10, test("t", 10, 10, "passed")));
  write("b.json", R"({"lab": "scheduling", "score": 0, "max_score": 10, "graded": false, "grading_error": "no compiler",
                    "build_ok": false, "complete": true, "tests": []})");
  const Gradebook book = load_gradebook(dir_.string());
  EXPECT_EQ(book.rows[1].status(), "not graded");
  EXPECT_EQ(book.rows[1].kind(), CellKind::NotGraded);
  const ScoreSummary s = book.summary();
  EXPECT_EQ(s.not_graded, 1u);
  EXPECT_DOUBLE_EQ(s.mean, 10);  // b's 0 is no score
  EXPECT_EQ(s.histogram[9], 1u);
  EXPECT_EQ(s.histogram[0], 0u);
  EXPECT_NE(book.to_csv().find("\nb,,10,not graded"), std::string::npos) << book.to_csv();
}

TEST(GradebookHistogram, BinsAreLabelledWithTheirRangesAndTheLastHoldsFullMarks) {
  EXPECT_EQ(histogram_label(0), "0-9 %");
  EXPECT_EQ(histogram_label(4), "40-49 %");
  EXPECT_EQ(histogram_label(9), "90-100 %");
}

}  // namespace
}  // namespace ks::grade
