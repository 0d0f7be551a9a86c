// `kernsim ostep SIM --viz` for the CPU chapters: the trace the visualizer replays
// (apps/kernsim/ostep_trace.h, from the run's "schedule") shows the schedule that the script's
// answer prints. For every recorded run with -c of process-run, scheduler, mlfq, lottery and
// multi, the answer's lines are read back into "CPU C runs job J from T to T + D", and the
// visualizer's CPU lanes (analysis' timeline of the trace, read back from its JSON Lines as
// kernsim-viz reads it) must show exactly that: the same job on the same CPU in every unit of
// time, and nothing where the answer runs nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/timeline.h"
#include "apps/kernsim/ostep_trace.h"
#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

struct Slice {  // the answer says: CPU runs JOB (its number) from START for LENGTH time units
  std::int64_t cpu = 0;
  std::int64_t job = 0;
  double start = 0;
  double length = 1;
};

// The slices of the answer TEXT of SIMULATOR (its -c output) or, for multi, of its JSON DATA.
std::vector<Slice> answer_slices(const std::string& simulator, const std::string& text, const nlohmann::json& data) {
  std::vector<Slice> slices;
  std::smatch m;
  if (simulator == "scheduler") {
    // The slices run back to back; the line prints its start as %3d (cut to a whole number).
    const std::regex line(R"(\[ time +([0-9]+) \] Run job +([0-9]+) for ([0-9.]+) secs)");
    double clock = 0;
    for (const std::string& l : test::lines_of(text)) {
      if (!std::regex_search(l, m, line)) continue;
      EXPECT_EQ(std::stoll(m[1]), static_cast<std::int64_t>(clock)) << l;
      slices.push_back({0, std::stoll(m[2]), clock, std::stod(m[3])});
      clock += std::stod(m[3]);
    }
  } else if (simulator == "mlfq") {
    const std::regex line(R"(\[ time ([0-9]+) \] Run JOB ([0-9]+) at PRIORITY)");
    for (const std::string& l : test::lines_of(text)) {
      if (std::regex_search(l, m, line)) slices.push_back({0, std::stoll(m[2]), std::stod(m[1]), 1});
    }
  } else if (simulator == "lottery") {
    const double quantum = data.at("options").at("quantum").get<double>();
    const std::regex line(R"(-> Run ([0-9]+)$)");
    double clock = 0;
    for (const std::string& l : test::lines_of(text)) {
      if (!std::regex_search(l, m, line)) continue;
      slices.push_back({0, std::stoll(m[1]), clock, quantum});
      clock += quantum;
    }
  } else if (simulator == "process-run") {
    const std::regex row(R"(^ *([0-9]+)\*? +(.*)$)");
    for (const std::string& l : test::lines_of(text)) {
      if (!std::regex_match(l, m, row)) continue;
      std::istringstream columns(m[2].str());
      std::string column;
      for (std::int64_t pid = 0; columns >> column && pid < static_cast<std::int64_t>(data.at("processes").size());
           ++pid) {
        if (column.rfind("RUN", 0) == 0)
          slices.push_back({0, pid, std::stod(m[1]) - 1, 1});  // RUN:cpu, or RUNNING idle
      }
    }
  } else if (simulator == "multi") {
    std::vector<std::string> names;
    for (const auto& job : data.at("jobs")) names.push_back(job.at("name").get<std::string>());
    for (const auto& tick : data.at("trace")) {
      for (std::size_t cpu = 0; cpu < tick.at("cpus").size(); ++cpu) {
        const auto& ran = tick.at("cpus")[cpu].at("job");
        if (ran.is_null()) continue;
        const auto job = std::find(names.begin(), names.end(), ran.get<std::string>()) - names.begin();
        slices.push_back({static_cast<std::int64_t>(cpu), job, tick.at("time").get<double>(), 1});
      }
    }
  }
  return slices;
}

// Who the CPU lane of TIMELINE shows at TICK: a pid, or kNoPid.
Pid shown_at(const Timeline& timeline, std::size_t cpu, Tick tick) {
  for (const Segment& segment : timeline.cpus.at(cpu)) {
    if (segment.start <= tick && tick < segment.end) return segment.pid;
  }
  return kNoPid;
}

struct Drawn {
  Timeline timeline;
  std::int64_t ticks_per_unit = 1;
  std::size_t events = 0;
};

// The trace of DATA's schedule, written as JSON Lines and read back as kernsim-viz reads it.
Drawn draw(const nlohmann::json& data) {
  const cli::OstepTrace trace = cli::schedule_trace(data.at("schedule"));
  std::stringstream file;
  cli::write_ostep_trace(trace, file);
  const RecordedTrace read = read_json_lines_trace(file, "ostep.jsonl");
  Trace names;
  for (const std::string& name : read.names) names.add_name(name);
  return {build_timeline(read.events, names), trace.ticks_per_unit, read.events.size()};
}

// Returns whether the run was drawn (false: kernsim refuses to run it at all).
bool expect_same_schedule(const std::string& simulator, const std::vector<std::string>& args) {
  SCOPED_TRACE(simulator + " " + ::testing::PrintToString(args));
  std::vector<std::string> solved = args;
  solved.emplace_back("-c");
  const test::RunResult text = test::run_simulator(simulator, solved);
  solved.emplace_back("--json");
  const test::RunResult json = test::run_simulator(simulator, solved);
  EXPECT_EQ(text.status, json.status) << text.err << json.err;
  if (text.status != 0 || json.status != 0)
    return false;  // kernsim refuses what the script answers with a complaint (-p LIFO)
  const nlohmann::json data = nlohmann::json::parse(json.out);
  const std::vector<Slice> slices = answer_slices(simulator, text.out, data);
  const Drawn drawn = draw(data);
  const double scale = static_cast<double>(drawn.ticks_per_unit);
  const std::size_t cpus = drawn.timeline.cpus.size();
  std::map<std::pair<std::size_t, Tick>, Pid> expected;  // (cpu, tick) -> pid
  Tick end = 0;
  for (const Slice& slice : slices) {
    const auto first = static_cast<Tick>(std::llround(slice.start * scale));
    const auto last = static_cast<Tick>(std::llround((slice.start + slice.length) * scale));
    for (Tick tick = first; tick < last; ++tick)
      expected[{static_cast<std::size_t>(slice.cpu), tick}] = static_cast<Pid>(slice.job + 1);
    end = std::max(end, last);
  }
  for (std::size_t cpu = 0; cpu < cpus; ++cpu) {
    for (Tick tick = 0; tick < std::max(end, drawn.timeline.end); ++tick) {
      const auto want = expected.find({cpu, tick});
      EXPECT_EQ(shown_at(drawn.timeline, cpu, tick), want == expected.end() ? kNoPid : want->second)
          << "CPU " << cpu << " at tick " << tick;
      if (::testing::Test::HasFailure()) return true;
    }
  }
  for (std::size_t pid = 1; pid < drawn.timeline.processes.size(); ++pid) {
    EXPECT_EQ(drawn.timeline.names[pid], data.at("schedule").at("jobs")[pid - 1].get<std::string>());
  }
  return true;
}

// Every recorded run of SIMULATOR with -c that the script answered (status 0), without its -c.
std::vector<std::vector<std::string>> recorded_runs(const std::string& simulator) {
  std::vector<std::vector<std::string>> runs;
  for (const std::string& line : test::lines_of(test::read_data(simulator + "/cases.txt"))) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string name, status;
    words >> name >> status;
    std::vector<std::string> args;
    bool help = false, solved = false;
    for (std::string word; words >> word;) {
      help = help || word == "-h" || word == "--help";
      if (word == "-c" || word == "--compute" || word == "--solve") solved = true;
      else args.push_back(word);
    }
    if (status == "0" && solved && !help) runs.push_back(args);
  }
  return runs;
}

class ScheduleView : public ::testing::TestWithParam<std::string> {};

TEST_P(ScheduleView, TheTraceShowsTheScheduleOfEveryRecordedAnswer) {
  const std::vector<std::vector<std::string>> runs = recorded_runs(GetParam());
  std::size_t drawn = 0;
  for (const std::vector<std::string>& args : runs) drawn += expect_same_schedule(GetParam(), args) ? 1 : 0;
  EXPECT_GE(drawn, 5U);
}

INSTANTIATE_TEST_SUITE_P(CpuChapters, ScheduleView,
                         ::testing::Values("process-run", "scheduler", "mlfq", "lottery", "multi"),
                         [](const ::testing::TestParamInfo<std::string>& run) {
                           std::string name = run.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The run the issue names: round robin with a quantum of 2, seed 3, as `scheduler.py -c` prints it.
TEST(ScheduleView, RoundRobinDispatchesAreTheAnswerLines) {
  EXPECT_TRUE(expect_same_schedule("scheduler", {"-p", "RR", "-q", "2", "-s", "3", "-j", "4"}));
  const test::RunResult json = test::run_simulator("scheduler", {"-p", "RR", "-q", "2", "-l", "3,1,4", "-c", "--json"});
  ASSERT_EQ(json.status, 0);
  const cli::OstepTrace trace = cli::schedule_trace(nlohmann::json::parse(json.out).at("schedule"));
  std::vector<std::pair<Tick, Pid>> dispatches;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == EventKind::Dispatched) dispatches.emplace_back(event.time, event.pid);
  }
  // Job 0 runs 0-2, job 1 2-3 (done), job 2 3-5, job 0 5-6 (done), job 2 6-8 (done): as the answer.
  const std::vector<std::pair<Tick, Pid>> answer = {{0, 1}, {2, 2}, {3, 3}, {5, 1}, {6, 3}};
  EXPECT_EQ(dispatches, answer);
}

TEST(ScheduleView, FractionalTimesAreScaledToWholeTicks) {
  EXPECT_TRUE(expect_same_schedule("scheduler", {"-p", "RR", "-q", "1", "-l", "2.5,1.25"}));
  const test::RunResult json = test::run_simulator("scheduler", {"-l", "2.5,1.25", "-c", "--json"});
  EXPECT_EQ(cli::schedule_trace(nlohmann::json::parse(json.out).at("schedule")).ticks_per_unit, 100);
}

TEST(ScheduleView, ARunThatCannotBeDrawnIsRefusedWithTheReason) {
  const test::RunResult json = test::run_simulator("scheduler", {"-l", "5,-3", "-c", "--json"});
  ASSERT_EQ(json.status, 0) << json.err;
  try {
    cli::schedule_trace(nlohmann::json::parse(json.out).at("schedule"));
    FAIL() << "a job that ends before it starts was drawn";
  } catch (const InputError& error) {
    EXPECT_NE(error.problem().find("Job 1 would go back in time"), std::string::npos) << error.problem();
  }
  const test::RunResult decimals = test::run_simulator("scheduler", {"-l", "0.0001", "-c", "--json"});
  EXPECT_THROW(cli::schedule_trace(nlohmann::json::parse(decimals.out).at("schedule")), InputError);
}

TEST(ScheduleView, SimulatorsWithoutAViewSayWhichHaveOne) {
  const test::RunResult run = test::run_simulator("disk", {"--viz"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("no visualizer view"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("process-run, scheduler, mlfq, lottery, multi in the visualizer's schedule view"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace ks::ostep
