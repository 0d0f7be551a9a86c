// The CPU chapters' simulators (process-run, scheduler, mlfq, lottery, multi) against the
// textbook's scripts: tests/ostep/data/SIM/cases.txt lists the recorded runs ("NAME STATUS
// ARGS...", recorded with CPython 3.11 by data/process-run/record_cpu.py), SIM/NAME.out is the
// script's standard output and SIM/NAME.err its standard error when it wrote one. Where the
// script names itself ("Usage: mlfq.py [options]"), kernsim says "kernsim ostep mlfq".
//
// STATUS 0: kernsim prints the same, exits 0. STATUS 2 (optparse's errors, -h is 0): the same
// output and error, exit 2. STATUS 1 (the script's own complaint): the same output, exit 2.
// T (the script died with a traceback) and H (it never finished): kernsim prints the text the
// script printed before it failed (T only), names the problem on standard error, and exits 2.
#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ostep/pyformat.h"
#include "ostep/simulator.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

struct RecordedCase {
  std::string simulator;
  std::string name;
  std::string status;
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

// Gtest prints a case by its name, not its bytes.
void PrintTo(const RecordedCase& c, std::ostream* os) { *os << c.simulator << "/" << c.name; }

std::string as_kernsim(std::string text, const std::string& simulator) {
  const std::string script = simulator + ".py";
  const std::string command = "kernsim ostep " + simulator;
  for (std::size_t at = text.find(script); at != std::string::npos; at = text.find(script, at + command.size())) {
    text.replace(at, script.size(), command);
  }
  return text;
}

class CpuRecorded : public ::testing::TestWithParam<RecordedCase> {};

TEST_P(CpuRecorded, AnswersAsTheScriptDoes) {
  const RecordedCase& c = GetParam();
  const test::RunResult result = test::run_simulator(c.simulator, c.args);
  const std::string expected_out = as_kernsim(test::read_data(c.simulator + "/" + c.name + ".out"), c.simulator);
  const std::string expected_err = as_kernsim(test::read_data(c.simulator + "/" + c.name + ".err"), c.simulator);
  const std::string prefix = "kernsim ostep " + c.simulator + ": ";
  if (c.status == "0") {
    // The one run the script ends with its own complaint and status 0; kernsim says 2 to it.
    const bool refused = c.simulator == "scheduler" && c.name == "unknown_policy_c";
    EXPECT_EQ(result.status, refused ? 2 : 0) << result.err;
    EXPECT_EQ(result.out, expected_out);
    EXPECT_EQ(result.err, expected_err);
  } else if (c.status == "1" || c.status == "2") {
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.out, expected_out);
    EXPECT_EQ(result.err, expected_err);
  } else if (c.status == "T") {
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.out, expected_out);
    EXPECT_EQ(result.err.rfind(prefix, 0), 0U) << result.err;
  } else {
    ASSERT_EQ(c.status, "H");
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err.rfind(prefix, 0), 0U) << result.err;
  }
}

std::string case_name(const ::testing::TestParamInfo<RecordedCase>& info) {
  std::string name;
  for (const char ch : info.param.name) name += std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(ProcessRun, CpuRecorded, ::testing::ValuesIn(recorded_cases("process-run")), case_name);
INSTANTIATE_TEST_SUITE_P(Scheduler, CpuRecorded, ::testing::ValuesIn(recorded_cases("scheduler")), case_name);
INSTANTIATE_TEST_SUITE_P(Mlfq, CpuRecorded, ::testing::ValuesIn(recorded_cases("mlfq")), case_name);
INSTANTIATE_TEST_SUITE_P(Lottery, CpuRecorded, ::testing::ValuesIn(recorded_cases("lottery")), case_name);
INSTANTIATE_TEST_SUITE_P(Multi, CpuRecorded, ::testing::ValuesIn(recorded_cases("multi")), case_name);

TEST(CpuSimulators, AreListedInChapterOrder) {
  std::vector<std::string> names;
  for (const Simulator& simulator : cpu_simulators()) names.emplace_back(simulator.name);
  EXPECT_EQ(names, (std::vector<std::string>{"process-run", "scheduler", "mlfq", "lottery", "multi"}));
  for (const std::string& name : names) EXPECT_NE(find_simulator(name), nullptr) << name;
}

TEST(CpuSimulators, JsonHoldsTheSameRunAsTheText) {
  const test::RunResult text = test::run_simulator("scheduler", {"-s", "3", "-j", "4", "-p", "RR", "-q", "2", "-c"});
  const test::RunResult json =
      test::run_simulator("scheduler", {"-s", "3", "-j", "4", "-p", "RR", "-q", "2", "-c", "--json"});
  ASSERT_EQ(json.status, 0) << json.err;
  const nlohmann::json data = nlohmann::json::parse(json.out);
  EXPECT_EQ(data.at("simulator"), "scheduler");
  EXPECT_EQ(data.at("options").at("policy"), "RR");
  ASSERT_EQ(data.at("jobs").size(), 4U);
  for (const auto& job : data.at("jobs")) {
    const std::string line = "  Job " + std::to_string(job.at("job").get<int>()) +
                             " ( length = " + std::to_string(static_cast<int>(job.at("length").get<double>())) + " )\n";
    EXPECT_NE(text.out.find(line), std::string::npos) << line;
  }
  ASSERT_EQ(data.at("jobs_stats").size(), 4U);
  const double wait = data.at("jobs_stats").at(3).at("wait").get<double>();
  EXPECT_NE(text.out.find(
                py_percent("  Job   3 -- Response: %3.2f", data.at("jobs_stats").at(3).at("response").get<double>())),
            std::string::npos);
  EXPECT_NE(text.out.find(py_percent("Wait %3.2f\n", wait)), std::string::npos);
  for (const std::string sim : {"process-run", "mlfq", "lottery", "multi"}) {
    std::vector<std::string> args{"-c", "--json"};
    if (sim == "process-run") args = {"-l", "3:50,2:100", "-c", "--json"};
    const test::RunResult run = test::run_simulator(sim, args);
    ASSERT_EQ(run.status, 0) << sim << ": " << run.err;
    const nlohmann::json doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("simulator"), sim);
    EXPECT_TRUE(doc.contains("trace")) << sim;
  }
}

TEST(CpuSimulators, JsonWithoutDashCHoldsOnlyTheQuestion) {
  const test::RunResult run = test::run_simulator("mlfq", {"-s", "2", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc.at("jobs").size(), 3U);
  EXPECT_FALSE(doc.contains("trace"));
}

// --viz is the kernsim command line's (apps/kernsim/ostep_command.cpp; tests/ostep/viz_test.cpp):
// the simulator itself, run as a library, only says where it is.
TEST(CpuSimulators, VizIsOpenedByTheCommandLine) {
  const test::RunResult run = test::run_simulator("lottery", {"--viz"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("the schedule view is opened by the command line: kernsim ostep lottery --viz"),
            std::string::npos)
      << run.err;
}

// Input on which the scripts never finish: kernsim refuses it with a message naming the flag.
TEST(CpuSimulators, InputThatWouldNeverFinishIsRefused) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"scheduler", {"-p", "RR", "-q", "0", "-c"}},
      {"lottery", {"-T", "1"}},
      {"mlfq", {"-l", "-3,10,0", "-c"}},
      {"mlfq", {"-l", "0,10,2", "-i", "-4", "-c"}},
      {"multi", {"-n", "0"}},
      {"multi", {"-n", "0", "-p"}},
      {"multi", {"-r", "0", "-c"}},
      {"multi", {"-q", "0", "-c"}},
      {"multi", {"-M", "-1", "-w", "0", "-c"}},
      {"multi", {"-n", "1", "-p", "-L", "a:30:10,b:50:10", "-P", "5", "-c"}},
  };
  for (const auto& [sim, args] : cases) {
    const test::RunResult run = test::run_simulator(sim, args);
    EXPECT_EQ(run.status, 2) << sim << " " << args.size();
    EXPECT_EQ(run.err.rfind("kernsim ostep " + sim + ": ", 0), 0U) << run.err;
  }
}

// Python's ints are unbounded; kernsim's simulators bound what would overflow 64 bits or exhaust
// memory, and say so instead of wrapping around or crashing.
TEST(CpuSimulators, ValuesBeyondKernsimsBoundsAreRefused) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"scheduler", {"-m", "9223372036854775807", "-j", "3", "-c"}},
      {"scheduler", {"-j", "100000000000"}},
      {"process-run", {"-l", "99999999999:50"}},
      {"process-run", {"-P", "c99999999999"}},
      {"process-run", {"-l", "3:50", "-L", "9223372036854775807", "-c"}},
      {"lottery", {"-q", "-9223372036854775808", "-c"}},
      {"lottery", {"-l", "9223372036854775807:5,1:1", "-c"}},
      {"mlfq", {"-l", "0,-9223372036854775808,0", "-c"}},
      {"mlfq", {"-m", "-9223372036854775808"}},
      {"mlfq", {"-i", "9223372036854775807", "-c"}},
      {"multi", {"-n", "100000000"}},
      {"multi", {"-L", "a:9223372036854775807:1", "-c"}},
      {"multi", {"-R", "9223372036854775807"}},
  };
  for (const auto& [sim, args] : cases) {
    const test::RunResult run = test::run_simulator(sim, args);
    EXPECT_EQ(run.status, 2) << sim << " " << args.front();
    EXPECT_NE(run.err.find("beyond what kernsim supports"), std::string::npos) << run.err;
  }
}

}  // namespace
}  // namespace ks::ostep
