// Python formatting against CPython: tests/ostep/data/pyformat/cases.txt (recorded by record.py
// beside it) holds repr() of floats, %-formatting, round() and str() of lists.
#include "ostep/pyformat.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

double from_hex(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

PyValue argument(const std::string& field) {
  const std::string value = field.substr(2);
  switch (field[0]) {
    case 'i': return PyValue(std::stoll(value));
    case 'f': return PyValue(from_hex(value));
    case 'b': return PyValue(value == "True");
    default: return PyValue(value);
  }
}

std::vector<std::vector<std::string>> cases(const std::string& kind) {
  std::vector<std::vector<std::string>> selected;
  for (const std::string& line : test::lines_of(test::read_data("pyformat/cases.txt"))) {
    std::vector<std::string> fields = test::split(line, '\t');
    if (!fields.empty() && fields[0] == kind) selected.push_back(fields);
  }
  return selected;
}

TEST(PyFormat, ReprOfFloatsIsCPythons) {
  const auto all = cases("repr");
  ASSERT_GT(all.size(), 200U);
  for (const auto& c : all) EXPECT_EQ(py_str(from_hex(c[1])), c[2]) << c[1];
}

TEST(PyFormat, PercentFormattingIsCPythons) {
  const auto all = cases("percent");
  ASSERT_GT(all.size(), 1000U);
  for (const auto& c : all) {
    std::vector<PyValue> args;
    for (std::size_t i = 2; i + 1 < c.size(); ++i) args.push_back(argument(c[i]));
    EXPECT_EQ(py_percent_values(c[1], args), c.back()) << c[1] << " with " << (c.size() > 3 ? c[2] : "");
  }
}

TEST(PyFormat, RoundIsCPythons) {
  const auto all = cases("round");
  ASSERT_GT(all.size(), 200U);
  for (const auto& c : all) {
    const double value = from_hex(c[1]);
    if (c[2] == "-") {
      EXPECT_EQ(std::to_string(py_round(value)), c[3]) << c[1];
    } else {
      EXPECT_EQ(py_str(py_round(value, std::stoi(c[2]))), c[3]) << c[1] << " to " << c[2];
    }
  }
}

TEST(PyFormat, StrOfListsIsCPythons) {
  const auto all = cases("list");
  ASSERT_EQ(all.size(), 5U);
  for (const auto& c : all) {
    std::vector<PyValue> items;
    for (std::size_t i = 1; i + 1 < c.size(); ++i) {
      if (!c[i].empty()) items.push_back(argument(c[i]));
    }
    EXPECT_EQ(py_list(items), c.back());
  }
  EXPECT_EQ(py_list(std::vector<int>{1, 2, 3}), "[1, 2, 3]");
  EXPECT_EQ(py_list(std::vector<std::string>{"a", "b"}), "['a', 'b']");
}

TEST(PyFormat, TemplateFormMatchesTheListForm) {
  EXPECT_EQ(py_percent("%s:%3d %.2f %s", "x", 7, 2.5, true), "x:  7 2.50 True");
  EXPECT_EQ(py_percent("%d%%", 50), "50%");
}

TEST(PyFormat, MismatchedArgumentsAreTheCallersBug) {
  EXPECT_THROW(py_percent("%d %d", 1), std::logic_error);
  EXPECT_THROW(py_percent("%d", 1, 2), std::logic_error);
  EXPECT_THROW(py_percent("%d", "text"), std::logic_error);
  EXPECT_THROW(py_percent("%x", 1.5), std::logic_error);
}

TEST(PyFormat, FloorDivisionAndModuloRoundTowardMinusInfinity) {
  EXPECT_EQ(py_floordiv(7, 2), 3);
  EXPECT_EQ(py_floordiv(-7, 2), -4);
  EXPECT_EQ(py_floordiv(7, -2), -4);
  EXPECT_EQ(py_mod(-7, 2), 1);
  EXPECT_EQ(py_mod(7, -2), -1);
  EXPECT_THROW(py_floordiv(1, 0), std::domain_error);
}

}  // namespace
}  // namespace ks::ostep
