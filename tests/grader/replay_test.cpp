// Replay documents (grader/run_replay.h): a reference string through a replacement policy becomes
// a trace the checks read; bad documents are refused with their position.
#include <gtest/gtest.h>

#include <sstream>
#include <tuple>

#include "grader/checks.h"
#include "grader/run_scenario.h"
#include "grader/test_spec.h"
#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"

namespace ks::grade {
namespace {

RunRecord replay_run(const std::string& document, const std::string& policy,
                     std::optional<std::uint64_t> seed = std::nullopt) {
  std::ostringstream trace;
  run_scenario_to_trace({document, "r.json", policy, {}, seed, std::nullopt}, trace);
  std::istringstream in(trace.str());
  RecordedTrace recorded = read_json_lines_trace(in, "t");
  return make_record(std::move(recorded.events), std::move(recorded.names));
}

std::string error_of(const std::string& document, const std::string& policy = "fifo") {
  try {
    (void)replay_run(document, policy);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Replay, EveryMissIsAFaultAndEveryDirtyVictimAWriteBack) {
  // FIFO over 2 frames: 1 and 2 fault in (first touch: minor); 1w hits and dirties frame 0;
  // 3 evicts the oldest, 1, which is dirty: a fault and a write-back at t=3; 1 comes back (major)
  // and evicts 2 (clean).
  const RunRecord run = replay_run(R"({"replay": {"frames": 2, "refs": "1,2,1w,3,1"}})", "fifo");
  ASSERT_FALSE(run.events.empty());
  const auto name = static_cast<std::size_t>(run.events[0].b);
  ASSERT_LT(name, run.names.size());
  EXPECT_EQ(run.names[name], "refs");
  std::vector<std::tuple<Tick, EventKind, std::int64_t, std::int64_t>> seen;
  for (const TraceEvent& event : run.events) seen.emplace_back(event.time, event.kind, event.a, event.b);
  const std::vector<std::tuple<Tick, EventKind, std::int64_t, std::int64_t>> expected = {
      {0, EventKind::ProcessCreated, static_cast<std::int64_t>(kNoPid), run.events[0].b},
      {0, EventKind::PageFault, 0x1000, 0},
      {1, EventKind::PageFault, 0x2000, 0},
      {3, EventKind::PageFault, 0x3000, 0},
      {3, EventKind::IoRequest, 0, 1},
      {4, EventKind::PageFault, 0x1000, 1},
      {5, EventKind::Exited, 0, 0},
      {5, EventKind::RunEnd, 1, 0},
  };
  EXPECT_EQ(seen, expected);
}

TEST(Replay, AGeneratorDrawsFromTheTestsSeed) {
  const std::string document =
      R"({"replay": {"frames": 4, "generator": "uniform", "params": {"length": 300, "pages": 12}, "seed": 1}})";
  const auto faults = [](const RunRecord& run) {
    std::vector<std::int64_t> addresses;
    for (const TraceEvent& event : run.events)
      if (event.kind == EventKind::PageFault) addresses.push_back(event.a);
    return addresses;
  };
  const auto a = faults(replay_run(document, "fifo", 7));
  EXPECT_EQ(a, faults(replay_run(document, "fifo", 7)));
  EXPECT_NE(a, faults(replay_run(document, "fifo", 8)));
  EXPECT_NE(a, faults(replay_run(document, "fifo")));  // the document's seed, 1
}

TEST(Replay, ACountCheckComparesWithTheReferencesCount) {
  // Silberschatz's string over 3 frames: FIFO faults 15 times, LRU 12 (worked in the textbook).
  const std::string document = R"({"replay": {"frames": 3, "refs": "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1"}})";
  TestSpec test;
  RunRecord actual = replay_run(document, "fifo");
  RunRecord lru = replay_run(document, "lru");
  CheckContext context{&test, &actual, [&](const std::string&) -> const RunRecord& { return lru; }};
  Check check;
  check.kind = CheckKind::Count;
  check.event.kind = EventKind::PageFault;
  check.value_from_policy = "lru";
  CheckResult exact = evaluate_check(check, context);
  EXPECT_FALSE(exact.passed);
  EXPECT_NE(exact.expected.find("lru gives 12"), std::string::npos) << exact.expected;
  EXPECT_NE(exact.actual.find("= 15"), std::string::npos) << exact.actual;
  check.relative_tolerance = 0.25;  // 12 ± 3
  EXPECT_TRUE(evaluate_check(check, context).passed);
  check.relative_tolerance = 0.2;  // 12 ± 2.4
  EXPECT_FALSE(evaluate_check(check, context).passed);
}

TEST(Replay, BadDocumentsAreRefusedWithTheirPosition) {
  EXPECT_NE(error_of(R"({"replay": {"refs": "1,2"}})").find("\"frames\""), std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 0, "refs": "1"}})").find("replay.frames"), std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2}})").find("either \"refs\""), std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "refs": "1", "generator": "loop"}})").find("either"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "refs": "1,x"}})").find("replay.refs"), std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "generator": "nope"}})").find("unknown generator"), std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "generator": "loop", "params": {"colour": 1}}})").find("colour"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "generator": "loop", "params": {"length": 2000000}}})")
                .find("at most 1000000"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "refs": "1"}, "extra": 1})").find("extra"), std::string::npos);
  EXPECT_NE(error_of(R"({"replay": {"frames": 2, "refs": "1"}})", "no-such-policy").find("unknown replacement"),
            std::string::npos);
}

TEST(Replay, ACountCheckNeedsExactlyOneOfValueAndReference) {
  const auto problem = [](const std::string& check) {
    const std::string test =
        R"({"policy": "fifo", "scenario": {"replay": {"frames": 1, "refs": "1"}}, "checks": [)" + check + "]}";
    try {
      (void)parse_test(test, "t.json", Visibility::Visible);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(problem(R"({"kind": "count", "event": {"event": "page_fault"}, "reference": "lru"})"), "accepted");
  EXPECT_NE(problem(R"({"kind": "count", "event": {"event": "page_fault"}, "value": 3, "reference": "lru"})")
                .find("exactly one of"),
            std::string::npos);
  EXPECT_NE(problem(R"({"kind": "count", "event": {"event": "page_fault"}})").find("exactly one of"),
            std::string::npos);
  EXPECT_NE(problem(R"({"kind": "count", "event": {"event": "page_fault"}, "value": 3, "relative_tolerance": -1})")
                .find("relative_tolerance"),
            std::string::npos);
}

}  // namespace
}  // namespace ks::grade
