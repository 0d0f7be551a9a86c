// The policy list of `kernsim compare --policies` and `kernsim-viz --compare`: one syntax, one
// parser, errors with the character position.
#include "scenario/policy_list.h"

#include <gtest/gtest.h>

#include <string>

#include "sim-core/error.h"

namespace ks {
namespace {

TEST(PolicyList, PoliciesWithTheirOwnParameters) {
  const auto choices = parse_policy_list("fifo,rr:quantum=2,mlfq:levels=2:boost_interval=50", "--policies");
  ASSERT_EQ(choices.size(), 3u);
  EXPECT_EQ(choices[0].policy, "fifo");
  EXPECT_TRUE(choices[0].params.empty());
  EXPECT_EQ(choices[1].policy, "rr");
  EXPECT_EQ(choices[1].params, std::vector<std::string>{"quantum=2"});
  EXPECT_EQ(choices[1].column, 6);
  EXPECT_EQ(choices[2].params, (std::vector<std::string>{"levels=2", "boost_interval=50"}));
  EXPECT_EQ(choices[2].column, 19);
}

TEST(PolicyList, ACommaBeforeADigitContinuesAValue) {
  const auto choices = parse_policy_list("mlfq:quantum=2,4,8:allotment=8,rr", "--policies");
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[0].params, (std::vector<std::string>{"quantum=2,4,8", "allotment=8"}));
  EXPECT_EQ(choices[1].policy, "rr");
}

// The message of the InputError that parsing TEXT throws, with its column and key.
std::string error_of(const std::string& text, std::int64_t& column) {
  try {
    parse_policy_list(text, "--policies");
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "--policies");
    column = error.where().column;
    return error.problem();
  }
  ADD_FAILURE() << "no error for \"" << text << "\"";
  return "";
}

TEST(PolicyList, BadListsNameThePositionAndTheProblem) {
  struct Case {
    const char* text;
    std::int64_t column;
    const char* problem;
  };
  const Case cases[] = {
      {"", 1, "empty policy"},
      {"fifo,,rr", 6, "empty policy"},
      {"fifo,", 6, "empty policy"},
      {"fifo,fastest", 6, "unknown policy \"fastest\""},
      {"fifo,rr:quantum", 9, "expected KEY=VALUE"},
      {"rr:=2", 4, "expected KEY=VALUE"},
      {"rr:quantum=2:", 14, "expected KEY=VALUE"},
      {"fifo,rr:quant=2", 9, "policy \"rr\" has no parameter \"quant\""},
      {"fifo:quantum=2", 6, "policy \"fifo\" has no parameter \"quantum\""},
  };
  for (const Case& c : cases) {
    std::int64_t column = 0;
    const std::string problem = error_of(c.text, column);
    EXPECT_EQ(column, c.column) << c.text;
    EXPECT_NE(problem.find(c.problem), std::string::npos) << c.text << ": " << problem;
  }
}

}  // namespace
}  // namespace ks
