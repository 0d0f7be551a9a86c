// PyRandom against CPython: every call in tests/ostep/data/pyrandom/calls.txt (recorded by
// record.py beside it) is replayed in order, and each result must be CPython's, bit for bit.
#include "ostep/pyrandom.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "ostep/pyformat.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

std::int64_t to_int(const std::string& text) { return std::stoll(text); }

std::string joined(const std::vector<std::int64_t>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i == 0 ? "" : " ") + std::to_string(values[i]);
  return out;
}

std::vector<std::int64_t> range(std::int64_t n) {
  std::vector<std::int64_t> values;
  for (std::int64_t i = 0; i < n; ++i) values.push_back(i);
  return values;
}

// Runs one recorded call on R and returns its result as record.py printed it.
std::string replay(PyRandom& r, const std::vector<std::string>& call) {
  const std::string& name = call[0];
  if (name == "random") return py_str(r.random());
  if (name == "getrandbits") return std::to_string(r.getrandbits(static_cast<int>(to_int(call[1]))));
  if (name == "randint") return std::to_string(r.randint(to_int(call[1]), to_int(call[2])));
  if (name == "randrange") return std::to_string(r.randrange(to_int(call[1]), to_int(call[2]), to_int(call[3])));
  if (name == "uniform")
    return py_str(r.uniform(std::strtod(call[1].c_str(), nullptr), std::strtod(call[2].c_str(), nullptr)));
  if (name == "expovariate") return py_str(r.expovariate(std::strtod(call[1].c_str(), nullptr)));
  if (name == "choice") return std::to_string(r.choice(range(to_int(call[1]))));
  if (name == "shuffle") {
    std::vector<std::int64_t> values = range(to_int(call[1]));
    r.shuffle(values);
    return joined(values);
  }
  if (name == "sample") return joined(r.sample(range(to_int(call[1])), static_cast<std::size_t>(to_int(call[2]))));
  ADD_FAILURE() << "unknown call " << name;
  return "";
}

TEST(PyRandom, ReplaysCPythonsRecordedCallsExactly) {
  const std::string text = test::read_data("pyrandom/calls.txt");
  ASSERT_FALSE(text.empty());
  PyRandom r(12345);  // reseeded by each block: seed() must reset the whole state
  int checked = 0;
  for (const std::string& line : test::lines_of(text)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("seed ", 0) == 0) {
      r.seed(to_int(line.substr(5)));
      continue;
    }
    const std::size_t arrow = line.find(" ->");
    ASSERT_NE(arrow, std::string::npos) << line;
    std::string expected = line.substr(arrow + 3);
    if (!expected.empty() && expected[0] == ' ') expected.erase(0, 1);
    std::vector<std::string> call;
    std::istringstream words(line.substr(0, arrow));
    for (std::string word; words >> word;) call.push_back(word);
    ASSERT_EQ(replay(r, call), expected) << line;
    ++checked;
  }
  EXPECT_GT(checked, 1000);
}

TEST(PyRandom, SeedsOfOppositeSignAreTheSameSeed) {
  PyRandom a(-77);
  PyRandom b(77);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next_uint32(), b.next_uint32());
}

TEST(PyRandom, EmptyRangesAndSequencesAreErrorsAsInPython) {
  PyRandom r(0);
  EXPECT_THROW(r.randrange(5, 5), std::invalid_argument);
  EXPECT_THROW(r.randrange(0, 10, 0), std::invalid_argument);
  EXPECT_THROW(r.randrange(0, 10, -1), std::invalid_argument);
  EXPECT_THROW(r.randint(3, 2), std::invalid_argument);
  EXPECT_THROW(r.choice(std::vector<int>{}), std::invalid_argument);
  EXPECT_THROW(r.sample(std::vector<int>{1, 2}, 3), std::invalid_argument);
  EXPECT_THROW(r.getrandbits(65), std::invalid_argument);
}

}  // namespace
}  // namespace ks::ostep
