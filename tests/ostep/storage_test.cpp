// The storage chapters' simulators (disk, raid, vsfs, fsck, lfs, ssd, checksum) against the
// outputs of the textbook's scripts, recorded with CPython 3.11 under tests/ostep/data/SIM/:
// cases.txt lists "NAME STATUS ARGS..." and NAME.out is the script's standard output for ARGS; a
// case the script ends with its own complaint (status 1) must print the same text and exit 2.
// help.out is the script's -h. Then what the scripts do not have: --json, --viz, and clear errors
// for each class of input on which a script crashes or never stops.
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

const std::vector<std::string> kStorageSimulators{"disk", "raid", "vsfs", "fsck", "lfs", "ssd", "checksum"};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

TEST(StorageSimulators, PrintTheScriptsHelpUnderTheirKernsimNames) {
  for (const std::string& name : kStorageSimulators) {
    const Result result = run(name, {"-h"});
    EXPECT_EQ(result.status, 0) << name;
    EXPECT_EQ(result.out, replace_all(test::read_data(name + "/help.out"), name + ".py", "kernsim ostep " + name))
        << name;
  }
}

TEST(StorageSimulators, RejectBadFlagsWithOptparsesWords) {
  for (const std::string& name : kStorageSimulators) {
    const std::string usage = "Usage: kernsim ostep " + name + " [options]\n\nkernsim ostep " + name + ": error: ";
    Result result = run(name, {"--nonsense"});
    EXPECT_EQ(result.status, 2) << name;
    EXPECT_EQ(result.out, "") << name;
    EXPECT_EQ(result.err, usage + "no such option: --nonsense\n") << name;
    result = run(name, {"-s", "x"});
    EXPECT_EQ(result.status, 2) << name;
    EXPECT_EQ(result.err, usage + "option -s: invalid integer value: 'x'\n") << name;
    result = run(name, {"--seed"});
    EXPECT_EQ(result.status, 2) << name;
    EXPECT_EQ(result.err, usage + "--seed option requires 1 argument\n") << name;
  }
}

TEST(StorageSimulators, SayThatNoViewExistsYetForViz) {
  for (const std::string& name : kStorageSimulators) {
    const Result result = run(name, {"-c", "--viz"});
    EXPECT_EQ(result.status, 2) << name;
    EXPECT_EQ(result.out, "") << name;
    EXPECT_NE(result.err.find("--viz"), std::string::npos) << name;
  }
  const Result graphics = run("disk", {"-G", "-a", "10"});
  EXPECT_EQ(graphics.status, 2);
  EXPECT_NE(graphics.err.find("-G"), std::string::npos);
}

nlohmann::json json_run(const std::string& name, std::vector<std::string> args) {
  args.emplace_back("--json");
  const Result result = run(name, args);
  EXPECT_EQ(result.status, 0) << name << ": " << result.err;
  const nlohmann::json data = nlohmann::json::parse(result.out, nullptr, false);
  EXPECT_FALSE(data.is_discarded()) << result.out;
  EXPECT_EQ(data.value("simulator", ""), name);
  return data;
}

TEST(StorageSimulators, GiveTheSameRunAsJson) {
  const nlohmann::json disk =
      json_run("disk", {"-a", "7,30,8", "-c"});  // the text: Seek:160 Rotate:545 Transfer:90 Total:795
  EXPECT_EQ(disk["accesses"].size(), 3u);
  EXPECT_EQ(disk["accesses"][1]["block"], 30);
  EXPECT_EQ(disk["totals"]["seek"], 160);
  EXPECT_EQ(disk["totals"]["rotate"], 545);
  EXPECT_EQ(disk["totals"]["total"], 795);
  const nlohmann::json raid =
      json_run("raid", {"-t", "-n", "100", "-L", "0", "-c"});  // STAT totalTime 275.69999999999993
  EXPECT_EQ(raid["requests"].size(), 100u);
  EXPECT_DOUBLE_EQ(raid["total_time"].get<double>(), 275.69999999999993);
  const nlohmann::json vsfs =
      json_run("vsfs", {"-n", "6", "-s", "17", "-c"});  // mkdir("/u"); creat("/a"); ... creat("/z/x");
  ASSERT_EQ(vsfs["steps"].size(), 6u);
  EXPECT_EQ(vsfs["steps"][0]["operation"], "mkdir(\"/u\");");
  EXPECT_EQ(vsfs["steps"][5]["state"]["inode_bitmap"], "11111000");
  const nlohmann::json fsck = json_run("fsck", {"-w", "6", "-c"});
  EXPECT_EQ(fsck["corruption"]["number"], 6);
  EXPECT_EQ(fsck["corruption"]["description"].get<std::string>().rfind(
                "INODE 8 with directory [('.', 8), ('..', 0), ('s', 15)]:", 0),
            0u);
  const nlohmann::json checksum = json_run("checksum", {"-D", "1,2,3,4", "-c"});
  EXPECT_EQ(checksum["add"], 10);
  EXPECT_EQ(checksum["xor"], 4);
  EXPECT_EQ(checksum["fletcher"], nlohmann::json({10, 20}));
  const nlohmann::json ssd = json_run("ssd", {"-T", "ideal", "-L", "w10:a,r10,t10", "-l", "30", "-B", "3", "-p", "10"});
  ASSERT_EQ(ssd["commands"].size(), 3u);
  EXPECT_EQ(ssd["commands"][1]["result"], "a");
  EXPECT_EQ(ssd["final_state"]["states"].get<std::string>().substr(10, 1), "v");
  const nlohmann::json lfs = json_run("lfs", {"-L", "c,/a:c,/a", "-c"});
  ASSERT_EQ(lfs["commands"].size(), 2u);
  EXPECT_EQ(lfs["commands"][1]["rc"], -1);
  EXPECT_EQ(lfs["disk"].size(), 8u);
}

TEST(StorageSimulators, KeepTheAnswersOutOfJsonWithoutCompute) {
  EXPECT_FALSE(json_run("disk", {"-a", "7,30,8"}).contains("accesses"));
  EXPECT_FALSE(json_run("raid", {"-t", "-n", "100"}).contains("total_time"));
  const nlohmann::json vsfs = json_run("vsfs", {"-n", "6", "-s", "17"});  // states shown: which operation?
  EXPECT_FALSE(vsfs["steps"][0].contains("operation"));
  EXPECT_TRUE(vsfs["steps"][0].contains("state"));
  const nlohmann::json reverse = json_run("vsfs", {"-n", "6", "-s", "17", "-r"});  // operations shown: which state?
  EXPECT_TRUE(reverse["steps"][0].contains("operation"));
  EXPECT_FALSE(reverse["steps"][0].contains("state"));
  EXPECT_FALSE(json_run("fsck", {"-w", "6"}).contains("corruption"));
  EXPECT_FALSE(json_run("checksum", {"-D", "1,2,3,4"}).contains("add"));
  EXPECT_EQ(json_run("ssd", {"-T", "ideal", "-L", "w10:a,r10", "-q"})["commands"],
            nlohmann::json::parse(R"([null, {"command": "r10"}])"));
  const nlohmann::json lfs = json_run("lfs", {"-L", "c,/a:c,/a"});
  EXPECT_FALSE(lfs["commands"][0].contains("command"));
  EXPECT_FALSE(lfs["disk"][0].contains("live"));
}

// Input on which the scripts crash (a traceback) or never stop: a clear message, exit status 2.
struct BadInput {
  std::string simulator;
  std::vector<std::string> args;
  std::string says;  // a piece of the message
};

TEST(StorageSimulators, ReportInputTheScriptsCrashOnOrLoopForever) {
  const std::vector<BadInput> cases{
      {"disk", {"-a", "50", "-c"}, "block 50, which is not on the disk"},
      {"disk", {"-a", "10,x"}, "'x' is not an integer"},
      {"disk", {"-z", "30,30"}, "three comma-separated angles"},
      {"disk", {"-z", "0,30,30"}, "zone angle 0"},
      {"disk", {"-R", "0", "-c"}, "positive"},
      {"disk", {"-R", "-1", "-c"}, "positive"},
      {"disk", {"-S", "nan"}, "positive"},
      {"disk", {"-S", "fast"}, "could not convert string to float: 'fast'"},
      {"disk", {"-R", "0.00001", "-A", "1000,-1,0"}, "time steps"},
      {"raid", {"-L", "2"}, "RAID level 2"},
      {"raid", {"-w", "150"}, "between 0 and 100"},
      {"raid", {"-L", "0", "-D", "1", "-R", "100000"}, "beyond the end of a disk"},
      {"raid", {"-C", "0"}, "must be positive"},
      {"raid", {"-D", "0"}, "0 disks"},
      {"vsfs", {"-i", "0"}, "the root is inode 0"},
      {"vsfs", {"-d", "0"}, "the root is block 0"},
      {"fsck", {"-w", "2", "-n", "0"}, "needs a regular file"},
      {"fsck", {"-i", "0"}, "the root is inode 0"},
      {"ssd", {"-L", "w1"}, "has no data"},
      {"ssd", {"-L", "rx"}, "'x' is not a page number"},
      {"ssd", {"-T", "direct", "-l", "100", "-L", "w80:a"}, "no physical page"},
      {"ssd", {"-T", "log", "-B", "1", "-p", "4", "-L", "w1:a"}, "at least 7 pages"},
      {"ssd", {"-P", "100/50/0", "-n", "5"}, "cannot be generated"},
      {"lfs", {"-p", "w100", "-n", "2"}, "no command can be drawn"},
      {"lfs", {"-L", "c"}, "takes 1 arguments"},
      {"lfs", {"-n", "x"}, "'x' is not an integer"},
      {"lfs", {"-s", "6916", "-n", "20", "-p", "c16,w21,d16,r19,l9,s19", "-D", "-a", "r", "-c"}, "inode map"},
  };
  for (const BadInput& c : cases) {
    const Result result = run(c.simulator, c.args);
    EXPECT_EQ(result.status, 2) << c.simulator << " " << c.says;
    EXPECT_EQ(result.err.rfind("kernsim ostep " + c.simulator + ": error: ", 0), 0u) << result.err;
    EXPECT_NE(result.err.find(c.says), std::string::npos) << result.err;
    const Result as_json = run(c.simulator, [&] {
      auto args = c.args;
      args.emplace_back("--json");
      return args;
    }());
    EXPECT_EQ(as_json.status, 2);
    EXPECT_EQ(as_json.out, "") << c.simulator << " " << c.says;
  }
}

TEST(StorageSimulators, ServeDiskLateRequestListsTheScriptCannot) {
  const Result result = run("disk", {"-a", "10", "-l", "3,4", "-c"});
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("LATE REQUESTS ['3', '4']\n"), std::string::npos);
  EXPECT_NE(result.out.find("Block:   3  Seek:"), std::string::npos);
  EXPECT_NE(result.out.find("Block:   4  Seek:"), std::string::npos);
}

TEST(StorageSimulators, FailLfsPathsThroughRegularFiles) {
  const Result result = run("lfs", {"-L", "c,/f:c,/f/x", "-e"});
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("-> -1\n  invalid element of path [f] (not a dir)\n"), std::string::npos) << result.out;
}

TEST(StorageSimulators, AreListedInChapterOrder) {
  std::vector<std::string> names;
  for (const Simulator& simulator : storage_simulators()) names.emplace_back(simulator.name);
  EXPECT_EQ(names, kStorageSimulators);
}

}  // namespace
}  // namespace ks::ostep
