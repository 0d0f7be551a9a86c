// The grader's test format: what is accepted, and what is refused with file, line and key.
#include <gtest/gtest.h>

#include "grader/test_spec.h"
#include "sim-core/error.h"

namespace ks::grade {
namespace {

const char* kScenario = R"({"machine":{"cpus":1},"kernel":{"scheduler":{"policy":"fifo"}},
  "workload":{"processes":[{"name":"A","length":3},{"name":"B","arrival":1,"length":2}]}})";

std::string test_with_checks(const std::string& checks, const std::string& extra = "") {
  return std::string(R"({"name":"t","points":4,"policy":"student_fifo","scenario":)") + kScenario + extra +
         R"(,"checks":)" + checks + "}";
}

TEST(TestSpec, ChecksShareTheTestsPointsWhenNoneAreGiven) {
  const TestSpec test = parse_test(test_with_checks(R"([{"kind":"invariant","name":"all_complete"},
      {"kind":"metric","metric":"system.turnaround.mean","op":"<=","value":4,"tolerance":0.5}])"),
                                   "t.json", Visibility::Hidden);
  EXPECT_EQ(test.name, "t");
  EXPECT_EQ(test.visibility, Visibility::Hidden);
  ASSERT_EQ(test.checks.size(), 2u);
  EXPECT_DOUBLE_EQ(test.checks[0].points, 2);
  EXPECT_EQ(test.checks[1].op, Comparison::LessEqual);
  EXPECT_DOUBLE_EQ(test.checks[1].tolerance, 0.5);
}

TEST(TestSpec, GivenPointsMustAddUpToTheTests) {
  try {
    parse_test(test_with_checks(R"([{"kind":"invariant","name":"all_complete","points":1}])"), "t.json",
               Visibility::Visible);
    FAIL() << "accepted points that do not add up";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("add up"), std::string::npos) << error.what();
  }
}

TEST(TestSpec, AnUnknownCheckKindIsNamedWithItsPosition) {
  try {
    parse_test(test_with_checks("[\n{\"kind\":\"vibes\"}]"), "bad.json", Visibility::Visible);
    FAIL() << "accepted an unknown check kind";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("bad.json:"), std::string::npos) << message;
    EXPECT_NE(message.find("checks[0].kind"), std::string::npos) << message;
  }
}

TEST(TestSpec, AnUnknownEventKindInAnOrderCheckIsRefused) {
  EXPECT_THROW(parse_test(test_with_checks(R"([{"kind":"order","first":{"event":"teleported","process":"B"},
      "before":{"event":"exited","process":"A"}}])"),
                          "t.json", Visibility::Visible),
               InputError);
}

TEST(TestSpec, AMetricCheckNeedsAValueOrAReference) {
  EXPECT_THROW(
      parse_test(test_with_checks(R"([{"kind":"metric","metric":"system.makespan"}])"), "t.json", Visibility::Visible),
      InputError);
}

TEST(TestSpec, UnknownTopLevelKeysAreRefused) {
  EXPECT_THROW(parse_test(test_with_checks(R"([{"kind":"invariant","name":"all_complete"}])", R"(,"pointz":3)"),
                          "t.json", Visibility::Visible),
               InputError);
}

TEST(TestSpec, MalformedJsonIsAnInputError) {
  EXPECT_THROW(parse_test("{\"name\": ", "t.json", Visibility::Visible), InputError);
}

}  // namespace
}  // namespace ks::grade
