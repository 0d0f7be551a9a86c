// The text timeline must not misrepresent a run when one column stands for many ticks: a CPU
// column where several processes ran says so, a process that ran in a column never shows as
// only ready, the time axis shows whole labels, and every lane starts in the same column.
#include "analysis/timeline.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace ks {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The line whose label (the text before the lane) is LABEL.
std::string lane_of(const std::string& text, const std::string& label) {
  for (const std::string& line : lines_of(text)) {
    if (line.rfind(label + " ", 0) == 0) return line;
  }
  return "";
}

TEST(TextTimeline, WideColumnsOfRoundRobinShowSeveralAndNeverOnlyReady) {
  // rr quantum 1: A and B alternate every tick. At width 4 a column is 5 ticks: A runs 3 of the
  // first 5 (running holds most of its time: '#'), B runs 2 and waits 3 ('+', not '-'); then they swap.
  const auto run = test::run_text_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 1}},
      "workload": {"processes": [{"name": "A", "arrival": 0, "length": 10}, {"name": "B", "arrival": 0, "length": 10}]}})");
  const std::string text = render_timeline(build_timeline(run.events, run.names), 4);
  EXPECT_NE(text.find("one column = 5 ticks"), std::string::npos) << text;
  EXPECT_NE(text.find("'*' several"), std::string::npos) << "the legend explains '*'\n" << text;
  EXPECT_NE(text.find("'+' ran for part"), std::string::npos) << "the legend explains '+'\n" << text;
  EXPECT_EQ(lane_of(text, "CPU 0"), "CPU 0  ****") << text;
  EXPECT_EQ(lane_of(text, "A"), "A      #+##") << text;  // 16-20: A runs 2, waits 2 (a tie goes to running)
  EXPECT_EQ(lane_of(text, "B"), "B      +#+#") << text;
}

TEST(TextTimeline, EveryColumnWhereAProcessRanShowsIt) {
  // Property over a generated round-robin workload at a coarse width: for every process and
  // column, the lane shows '#' or '+' exactly when one of its running segments overlaps it.
  const auto run = test::run_text_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 3}},
      "workload": {"generator": {"count": 12, "interarrival": {"distribution": "uniform", "min": 0, "max": 9},
      "cpu_burst": {"distribution": "exponential", "mean": 20}}}})",
                                           5);
  const Timeline timeline = build_timeline(run.events, run.names);
  const int width = 17;
  const std::string text = render_timeline(timeline, width);
  const Tick per_column = (timeline.end + width - 1) / width;
  ASSERT_GT(per_column, 3);
  const std::vector<std::string> lines = lines_of(text);
  const std::size_t lane_start = lines.at(3).find('0');  // the time axis starts where the lanes do
  for (Pid pid = 1; pid < timeline.processes.size(); ++pid) {
    const std::string& line = lines.at(4 + timeline.cpus.size() + pid - 1);
    for (std::size_t column = 0; lane_start + column < line.size(); ++column) {
      bool ran = false;
      for (const Segment& s : timeline.processes[pid]) {
        const Tick from = static_cast<Tick>(column) * per_column, to = from + per_column;
        ran = ran || (s.state == ProcessState::Running && s.start < to && s.end > from);
      }
      const char mark = line[lane_start + column];
      EXPECT_EQ(ran, mark == '#' || mark == '+') << "process " << pid << " column " << column << "\n" << text;
    }
  }
}

TEST(TextTimeline, TheLastTimeLabelIsWhole) {
  const auto run =
      test::run_text_scenario(R"({"workload": {"processes": [{"name": "A", "arrival": 0, "length": 21}]}})");
  const std::string text = render_timeline(build_timeline(run.events, run.names));
  EXPECT_EQ(lane_of(text, "time"), "time   0         10        20") << text;
}

TEST(TextTimeline, TimeLabelsNeverRunIntoEachOther) {
  // Ten thousand million ticks a column: "100000000000" is longer than ten columns.
  Timeline timeline;
  timeline.end = Tick{720'000'000'000};
  timeline.cpus.resize(1);
  timeline.cpus[0].push_back({0, timeline.end, 1, 0, ProcessState::Running});
  timeline.names = {"", "A"};
  timeline.processes = {{}, {{0, timeline.end, 1, 0, ProcessState::Running}}};
  const std::string ruler = lane_of(render_timeline(timeline, 72), "time");
  const Tick per_column = 10'000'000'000;
  std::size_t labels = 0;
  for (std::size_t at = 7; at < ruler.size();) {
    const std::size_t end = std::min(ruler.find(' ', at), ruler.size());
    const Tick value = std::stoll(ruler.substr(at, end - at));
    EXPECT_EQ(value, static_cast<Tick>(at - 7) * per_column) << "a label stands where its time is\n" << ruler;
    ++labels;
    at = ruler.find_first_not_of(' ', end);
    if (at == std::string::npos) break;
    EXPECT_GE(at, end + 1) << ruler;
  }
  EXPECT_GE(labels, 3u) << ruler;
}

TEST(TextTimeline, LongNamesAreCutAndEveryLaneStartsInTheSameColumn) {
  const auto run = test::run_text_scenario(R"({"workload": {"processes": [
      {"name": "a_process_with_a_very_long_name", "arrival": 0, "length": 3},
      {"name": "b", "arrival": 0, "length": 2}]}})");
  const std::string text = render_timeline(build_timeline(run.events, run.names));
  const std::vector<std::string> lines = lines_of(text);
  ASSERT_EQ(lines.size(), 7u) << text;  // title, two legend lines, time, CPU 0, two processes
  const std::size_t lane_start = lines[3].find('0');
  EXPECT_EQ(lane_start, 22u) << "the longest label (cut to 20) and one space, then the lanes\n" << text;
  EXPECT_EQ(lines[5].substr(0, 20), "A=a_process_with_a..") << text;
  EXPECT_EQ(lines[5].substr(lane_start), "###") << text;
  EXPECT_EQ(lines[6].substr(lane_start), "---##") << text;
  EXPECT_EQ(lines[4].substr(lane_start), "AAABB") << text;
}

}  // namespace
}  // namespace ks
