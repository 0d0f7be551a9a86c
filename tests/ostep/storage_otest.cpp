// The storage chapters' simulators (disk, raid, vsfs, fsck, checksum, ssd) against the outputs
// of the textbook's scripts, recorded with CPython 3.11 under tests/ostep/data/SIM/: cases.txt
// lists "NAME STATUS ARGS..." and NAME.out is the script's standard output for ARGS. A case the
// script ends with its own complaint (status 1) must print the same text and exit 2.
#include <gtest/gtest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ostep/simulator.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

struct RecordedCase {
  std::string simulator;
  std::string name;
  int status = 0;
  std::vector<std::string> args;
};

std::vector<RecordedCase> recorded_cases(const std::string& simulator) {
  std::vector<RecordedCase> cases;
  for (const std::string& line : test::lines_of(test::read_data(simulator + "/cases.txt"))) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    RecordedCase entry;
    entry.simulator = simulator;
    words >> entry.name >> entry.status;
    for (std::string word; words >> word;) entry.args.push_back(word);
    cases.push_back(entry);
  }
  return cases;
}

struct Result {
  int status;
  std::string out, err;
};

Result run(const std::string& simulator, const std::vector<std::string>& args) {
  const Simulator* found = find_simulator(simulator);
  if (found == nullptr) return {-1, "", "no simulator " + simulator};
  std::ostringstream out, err;
  const int status = found->run(args, out, err);
  return {status, out.str(), err.str()};
}

class StorageRecorded : public ::testing::TestWithParam<RecordedCase> {};

TEST_P(StorageRecorded, PrintsWhatTheScriptPrints) {
  const RecordedCase& c = GetParam();
  const Result result = run(c.simulator, c.args);
  EXPECT_EQ(result.out, test::read_data(c.simulator + "/" + c.name + ".out"));
  EXPECT_EQ(result.status, c.status == 0 ? 0 : 2) << result.err;
  if (c.status == 0) {
    EXPECT_EQ(result.err, "");
  }
}

std::string case_name(const ::testing::TestParamInfo<RecordedCase>& info) {
  std::string name;
  for (const char ch : info.param.name) name += std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Disk, StorageRecorded, ::testing::ValuesIn(recorded_cases("disk")), case_name);
INSTANTIATE_TEST_SUITE_P(Raid, StorageRecorded, ::testing::ValuesIn(recorded_cases("raid")), case_name);
INSTANTIATE_TEST_SUITE_P(Vsfs, StorageRecorded, ::testing::ValuesIn(recorded_cases("vsfs")), case_name);
INSTANTIATE_TEST_SUITE_P(Fsck, StorageRecorded, ::testing::ValuesIn(recorded_cases("fsck")), case_name);
INSTANTIATE_TEST_SUITE_P(Checksum, StorageRecorded, ::testing::ValuesIn(recorded_cases("checksum")), case_name);
INSTANTIATE_TEST_SUITE_P(Ssd, StorageRecorded, ::testing::ValuesIn(recorded_cases("ssd")), case_name);
INSTANTIATE_TEST_SUITE_P(Lfs, StorageRecorded, ::testing::ValuesIn(recorded_cases("lfs")), case_name);

TEST(StorageSimulators, AreListedInChapterOrder) {
  std::vector<std::string> names;
  for (const Simulator& simulator : storage_simulators()) names.emplace_back(simulator.name);
  const std::vector<std::string> expected{"disk", "raid", "vsfs", "fsck", "lfs", "ssd", "checksum"};
  EXPECT_EQ(names, expected);
}

}  // namespace
}  // namespace ks::ostep
