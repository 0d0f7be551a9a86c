// TimelineRecorder: what `kernsim run` keeps for its text timeline. Its memory must not grow
// with the number of events of one long process, and the timeline built from it must be the one
// built from the whole trace.
#include "analysis/timeline_recorder.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/timeline.h"
#include "scenario/scenario.h"
#include "scenario/simulation.h"

namespace ks {
namespace {

struct Recorded {
  std::size_t all_events = 0;
  std::size_t kept_events = 0;
  bool complete = true;
  std::string from_everything, from_recorder;  // the two text timelines
};

Recorded record(const Scenario& scenario, std::size_t limit = TimelineRecorder::kDefaultLimit) {
  Simulation simulation(scenario);
  MemoryTrace everything;
  TimelineRecorder recorder(limit);
  simulation.trace().add_sink(everything);
  simulation.trace().add_sink(recorder);
  (void)simulation.run();
  Recorded r;
  r.all_events = everything.events().size();
  r.kept_events = recorder.events().size();
  r.complete = recorder.complete();
  r.from_everything = render_timeline(build_timeline(everything.events(), simulation.trace()));
  if (recorder.complete()) r.from_recorder = render_timeline(build_timeline(recorder.events(), simulation.trace()));
  return r;
}

Scenario one_long_process(Tick length) {
  return parse_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 2}},
      "workload": {"processes": [{"name": "long", "length": )" +
                            std::to_string(length) + "}]}}",
                        "long.json");
}

TEST(TimelineRecorder, OneLongRoundRobinProcessKeepsAFixedNumberOfEvents) {
  const Recorded shorter = record(one_long_process(20'000));
  const Recorded longer = record(one_long_process(200'000));
  EXPECT_GT(longer.all_events, 9 * shorter.all_events);  // the trace grows with the quanta...
  EXPECT_EQ(longer.kept_events, shorter.kept_events);    // ...what the timeline keeps does not
  EXPECT_LT(longer.kept_events, 20u);
  EXPECT_EQ(longer.from_recorder, longer.from_everything);
}

TEST(TimelineRecorder, GivesTheSameTimelineAsTheWholeTraceForEveryDemoAndPolicy) {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KS_SOURCE_DIR) + "/labs/demos")) {
    if (entry.path().extension() != ".json") continue;
    for (const char* policy : {"", "fifo", "rr", "mlfq", "cfs", "eevdf", "edf"}) {
      Scenario scenario = load_scenario(entry.path().generic_string());
      if (*policy != '\0') override_policy(scenario, policy, {});
      const Recorded r = record(scenario);
      ASSERT_TRUE(r.complete);
      EXPECT_EQ(r.from_recorder, r.from_everything) << entry.path().filename() << " under " << policy;
      EXPECT_LE(r.kept_events, r.all_events);
    }
  }
}

TEST(TimelineRecorder, PastItsLimitItKeepsNothingAndSaysSo) {
  const Scenario two = parse_scenario(R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 1}},
      "workload": {"processes": [{"name": "A", "length": 500}, {"name": "B", "length": 500}]}})",
                                      "two.json");
  const Recorded r = record(two, 100);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.kept_events, 0u);
  EXPECT_TRUE(record(two).complete);
}

}  // namespace
}  // namespace ks
