// OptionParser against Python's optparse: tests/ostep/data/options/cases.json (recorded by
// record.py beside it, which declares the same parser as make_parser() below) holds, per command
// line, optparse's exit status, its standard output and error, and the parsed values.
#include "ostep/options.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ostep/pyformat.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

OptionParser make_parser() {
  OptionParser p("kernsim ostep demo");
  p.add_int("-s", "--seed", "seed", 0, "the random seed");
  p.add_int("-j", "--jobs", "jobs", 3, "number of jobs in the system");
  p.add_string("-l", "--jlist", "jlist", "", "instead of random jobs, provide a comma-separated list of run times");
  p.add_float("-r", "--ratio", "ratio", 0.5,
              "a float ratio; a deliberately long help text that must wrap over several lines in the help output, as "
              "textwrap wraps it, with hyphenated-words and self-explanatory-terms");
  p.add_string("-Q", "--quantumList", "quantumList", "",
               "length of time slice per queue level, specified as x,y,z,... where x is the quantum length for the "
               "highest priority queue");
  p.add_int("-n", "--numQueues", "numQueues", 3, "number of queues in MLFQ (if not using -Q)");
  p.add_flag("-S", "--stay", "stay", "reset and stay at same priority level when issuing I/O");
  p.add_flag("", "--iobump", "iobump",
             "if specified, jobs that finished I/O move immediately to front of current queue");
  p.add_string("-P", "--program", "program", std::nullopt, "more specific controls over programs, default %default");
  p.add_flag("-c", "", "solve", "compute answers for me");
  p.add_int("-C", "--cpus", "cpus", std::nullopt, "no default");
  return p;
}

std::string describe(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& arg : args) text += " [" + arg + "]";
  return text;
}

void expect_values(const OptionParser& p, const nlohmann::json& values, const std::string& where) {
  for (const auto& [dest, expected] : values.items()) {
    if (dest == "args") {
      EXPECT_EQ(p.positional(), expected.get<std::vector<std::string>>()) << where;
    } else if (expected.is_null()) {
      EXPECT_FALSE(p.has(dest)) << where << " " << dest;
    } else if (expected.is_boolean()) {
      EXPECT_EQ(p.get_flag(dest), expected.get<bool>()) << where << " " << dest;
    } else if (expected.is_number_integer()) {
      EXPECT_EQ(p.get_int(dest), expected.get<std::int64_t>()) << where << " " << dest;
    } else if (expected.is_number_float()) {
      EXPECT_EQ(p.get_float(dest), expected.get<double>()) << where << " " << dest;
    } else if (dest == "ratio") {  // inf and nan, recorded as their repr()
      EXPECT_EQ(py_str(p.get_float(dest)), expected.get<std::string>()) << where;
    } else {
      EXPECT_EQ(p.get_string(dest), expected.get<std::string>()) << where << " " << dest;
    }
  }
}

TEST(OptionParser, AcceptsRejectsAndPrintsAsOptparseDoes) {
  const nlohmann::json recorded = nlohmann::json::parse(test::read_data("options/cases.json"));
  const auto& all = recorded.at("cases");
  ASSERT_GT(all.size(), 70U);
  for (const auto& c : all) {
    const auto args = c.at("args").get<std::vector<std::string>>();
    const std::string where = describe(args);
    if (args == std::vector<std::string>{"-s", "99999999999999999999"}) continue;  // below: Python's ints are unbounded
    OptionParser p = make_parser();
    std::ostringstream out;
    std::ostringstream err;
    const std::optional<int> stop = p.parse(args, out, err);
    EXPECT_EQ(stop.value_or(0), c.at("status").get<int>()) << where;
    EXPECT_EQ(out.str(), c.at("out").get<std::string>()) << where;
    EXPECT_EQ(err.str(), c.at("err").get<std::string>()) << where;
    if (!stop && c.contains("values")) expect_values(p, c.at("values"), where);
  }
}

TEST(OptionParser, AnIntBeyondSixtyFourBitsIsAClearError) {
  OptionParser p = make_parser();
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(p.parse({"-s", "99999999999999999999"}, out, err), 2);
  EXPECT_NE(err.str().find("error: option -s: integer value out of range: '99999999999999999999'"), std::string::npos);
}

TEST(OptionParser, DeclaringAnOptionTwiceIsABug) {
  OptionParser p("x");
  p.add_int("-s", "--seed", "seed", 0, "");
  EXPECT_THROW(p.add_int("-s", "--other", "other", 0, ""), std::logic_error);
  EXPECT_THROW(p.get_int("nothing"), std::logic_error);
}

TEST(OptionParser, JsonAndVizAreStrippedBeforeParsing) {
  std::vector<std::string> args{"-s", "1", "--json", "--viz", "--", "--json"};
  const OutputMode mode = strip_output_flags(args);
  EXPECT_TRUE(mode.json);
  EXPECT_TRUE(mode.viz);
  EXPECT_EQ(args, (std::vector<std::string>{"-s", "1", "--", "--json"}));
}

TEST(OptionParser, TextwrapBreaksAfterHyphensAndSplitsLongWords) {
  EXPECT_EQ(python_textwrap("a well-known self-explanatory term", 14),
            (std::vector<std::string>{"a well-known", "self-", "explanatory", "term"}));
  EXPECT_EQ(python_textwrap("abcdefghijklmnop", 5), (std::vector<std::string>{"abcde", "fghij", "klmno", "p"}));
}

}  // namespace
}  // namespace ks::ostep
