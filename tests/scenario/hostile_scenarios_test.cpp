// Hostile scenarios: each class of bad input is refused by reading alone (what `validate` does)
// with the file, a line:column, the key path and the problem, and never gets as far as the
// kernel. Sums and products of input values that could pass 64 bits, periodic jobs longer than
// their period, duplicate keys, out-of-range policy parameters, and text that would drive a
// terminal.
#include <gtest/gtest.h>

#include <string>

#include "scenario/scenario.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"

namespace ks {
namespace {

struct Hostile {
  const char* what;
  std::string text;
  std::string key_path;
  std::string fragment;
};

std::string process_list(int count, const std::string& body) {
  std::string list;
  for (int i = 0; i < count; ++i)
    list += std::string(i > 0 ? "," : "") + "{\"name\": \"P" + std::to_string(i) + "\", " + body + "}";
  return list;
}

std::string alternating_bursts(int count, const std::string& length) {
  std::string list;
  for (int i = 0; i < count; ++i)
    list += std::string(i > 0 ? "," : "") + (i % 2 == 0 ? "{\"cpu\": " : "{\"io\": ") + length + "}";
  return list;
}

const std::string k2To52 = "4503599627370496";

std::vector<Hostile> hostile_scenarios() {
  return {
      {"a periodic job longer than its period",
       R"({"kernel": {"scheduler": {"policy": "edf"}},
           "workload": {"processes": [{"name": "T", "length": 8, "period": 5}]}})",
       "workload.processes[0].length", "exceeds the task's period"},
      {"period x jobs past 2^62",
       R"({"workload": {"processes": [{"name": "T", "length": 1, "period": )" + k2To52 + R"(, "jobs": 1000000}]}})",
       "workload.processes[0].jobs", "exceeds 2^62"},
      {"a process's bursts adding up past 2^62",
       R"({"workload": {"processes": [{"name": "A", "bursts": [)" + alternating_bursts(2049, k2To52) + "]}]}}",
       "workload.processes[0].bursts", "more than 2^62"},
      {"processes adding up past 2^62",
       R"({"workload": {"processes": [)" + process_list(1100, "\"length\": " + k2To52) + "]}}",
       "workload.processes[1023]", "could run past 2^62"},
      {"context switches that could push the run past 2^62",
       R"({"kernel": {"context_switch_cost": )" + k2To52 +
           R"(}, "workload": {"processes": [{"name": "A", "length": 2048}]}})",
       "workload.processes[0]", "could run past 2^62"},
      {"generated arrivals adding up past 2^62",
       R"({"workload": {"generator": {"count": 10000000, "cpu_burst": {"distribution": "constant", "value": 1},
           "interarrival": {"distribution": "constant", "value": 1e15, "max": )" +
           k2To52 + "}}}}",
       "workload.generator.count", "more than 2^62"},
      {"a generator with too many bursts",
       R"({"workload": {"generator": {"count": 10000000, "cpu_burst": {"distribution": "constant", "value": 1},
           "cpu_bursts": {"min": 1, "max": 1000}}}})",
       "workload.generator.count", "bursts"},
      {"a periodic task set with too many jobs",
       R"({"workload": {"periodic": {"tasks": 10000, "utilisation": 0.5, "jobs": 1000000,
           "period": {"distribution": "constant", "value": 10}}}})",
       "workload.periodic.jobs", "bursts"},
      {"a uniform distribution without a whole number in it",
       R"({"workload": {"generator": {"count": 2, "cpu_burst": {"distribution": "uniform", "min": 1.5, "max": 1.7}}}})",
       "workload.generator.cpu_burst.max", "no whole number"},
      {"a time too large to be a tick count",
       R"({"workload": {"processes": [{"name": "A", "arrival": 1152921504606846976, "length": 1}]}})",
       "workload.processes[0].arrival", "between 0 and 4503599627370496"},
      {"a duplicate key", R"({"workload": {"processes": [{"name": "A", "length": 3, "length": 4}]}})",
       "workload.processes[0].length", "duplicate key \"length\""},
      {"a duplicate key at the top level",
       R"({"name": "a", "workload": {"processes": [{"name": "A", "length": 3}]}, "name": "b"})", "name",
       "duplicate key \"name\""},
      {"eevdf's base_slice at the largest integer",
       R"({"kernel": {"scheduler": {"policy": "eevdf", "base_slice": 9223372036854775807}},
           "workload": {"processes": [{"name": "A", "length": 3}]}})",
       "kernel.scheduler.base_slice", "must be between 1 and 100000, got 9223372036854775807"},
      {"a quantum of a billion ticks",
       R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 1000000000}},
           "workload": {"processes": [{"name": "A", "length": 3}]}})",
       "kernel.scheduler.quantum", "must be between 1 and 1000000, got 1000000000"},
      {"a quantum past 64 bits",
       R"({"kernel": {"scheduler": {"policy": "rr", "quantum": 18446744073709551615}},
           "workload": {"processes": [{"name": "A", "length": 3}]}})",
       "kernel.scheduler.quantum", "must be between 1 and 1000000, got 18446744073709551615"},
  };
}

TEST(HostileScenarios, EachIsRefusedWithItsPositionAndKey) {
  for (const Hostile& hostile : hostile_scenarios()) {
    try {
      (void)parse_scenario(hostile.text, "hostile.json");
      ADD_FAILURE() << "accepted: " << hostile.what;
    } catch (const InputError& error) {
      EXPECT_EQ(error.where().file, "hostile.json") << hostile.what;
      EXPECT_GT(error.where().line, 0) << hostile.what << ": " << error.what();
      EXPECT_GT(error.where().column, 0) << hostile.what << ": " << error.what();
      EXPECT_EQ(error.where().key_path, hostile.key_path) << hostile.what << ": " << error.what();
      EXPECT_NE(error.problem().find(hostile.fragment), std::string::npos) << hostile.what << ": " << error.what();
    }
  }
}

// A duplicate key is reported where it is repeated, and the message says where it was first.
TEST(HostileScenarios, ADuplicateKeyIsReportedAtItsSecondOccurrence) {
  const std::string text =
      "{\"workload\": {\"processes\": [\n  {\"name\": \"A\", \"length\": 3},\n  {\"name\": \"B\",\n   \"name\": \"C\", "
      "\"length\": 1}]}}";
  try {
    (void)parse_scenario(text, "dup.json");
    FAIL() << "a duplicate key was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().line, 4) << error.what();
    EXPECT_EQ(error.where().column, 4) << error.what();
    EXPECT_EQ(error.where().key_path, "workload.processes[1].name");
    EXPECT_NE(error.problem().find("first given at line 3, column 4"), std::string::npos) << error.what();
  }
}

// Keys that repeat in different objects are not duplicates.
TEST(HostileScenarios, TheSameKeyInDifferentObjectsIsFine) {
  const Scenario s = parse_scenario(
      R"({"workload": {"processes": [{"name": "A", "length": 3}, {"name": "B", "length": 4}]}})", "ok.json");
  EXPECT_EQ(s.processes.size(), 2u);
}

// Just inside the bounds is still accepted: the checks refuse overflow, not large inputs.
TEST(HostileScenarios, TheLargestAllowedValuesAreAccepted) {
  const Scenario s = parse_scenario(R"({"kernel": {"scheduler": {"policy": "eevdf", "base_slice": 100000}},
      "workload": {"processes": [{"name": "T", "length": 5, "period": 5, "jobs": 1000000}, {"name": "L", "length": )" +
                                        k2To52 + "}]}}",
                                    "edge.json");
  EXPECT_EQ(s.processes[0].bursts.size(), 2u * 1000000 - 1);
}

// What would make the kernel compute a time past 64 bits, given outside a scenario file (the
// command line's costs), is refused when the simulation is built, not run.
TEST(HostileScenarios, TheSimulationRefusesAWorkloadThatCouldOverflow) {
  Scenario s = parse_scenario(R"({"workload": {"processes": [{"name": "A", "length": 4096}]}})", "cost.json");
  s.kernel.context_switch_cost = Tick{1} << 52;
  try {
    const Simulation simulation(s);
    FAIL() << "a context switch cost of 2^52 with 4096 ticks of work was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "workload");
    EXPECT_NE(error.problem().find("2^62"), std::string::npos) << error.what();
  }
}

// An overloaded periodic set is valid input: jobs are released late and miss their deadlines,
// and the run goes on to the end (no job's deadline event lands in the past).
TEST(HostileScenarios, AnOverloadedPeriodicSetRunsAndMissesDeadlines) {
  for (const char* policy : {"edf", "fifo", "rms"}) {
    Scenario s = parse_scenario(R"({"workload": {"processes": [{"name": "A", "length": 8, "period": 10, "jobs": 5},
        {"name": "B", "length": 8, "period": 10, "jobs": 5}]}})",
                                "overload.json");
    override_policy(s, policy, {});
    Simulation simulation(s);
    MemoryTrace trace;
    simulation.trace().add_sink(trace);
    const RunResult result = simulation.run();
    EXPECT_TRUE(result.all_exited) << policy;
    std::size_t misses = 0;
    for (const TraceEvent& event : trace.events()) misses += event.kind == EventKind::DeadlineMiss ? 1 : 0;
    EXPECT_GT(misses, 0u) << policy;
  }
}

// Control bytes and invalid UTF-8 in what a message quotes come out escaped.
TEST(HostileScenarios, MessagesNeverEchoControlBytesOrInvalidUtf8) {
  const std::vector<std::string> texts = {
      "{\"kernel\": {\"scheduler\": {\"policy\": \"\\u001b[2Jrr\"}}, \"workload\": {}}",  // an escape sequence, decoded
      "{\"workload\": {\"\x1b]0;owned\x07\": 1}}",                                        // raw control bytes in a key
      "{\"workload\": {\"processes\": [{\"name\": \"\xff\xfe\", \"length\": 1}]}}",       // invalid UTF-8
      "{\"kernel\": {\"scheduler\": {\"policy\": \"\\u009b31m\"}}, \"workload\": {}}",    // a C1 control (CSI)
  };
  for (const std::string& text : texts) {
    try {
      (void)parse_scenario(text, "evil\x1b[31m.json");
      ADD_FAILURE() << "accepted: " << printable_text(text);
    } catch (const InputError& error) {
      const std::string message = error.what();
      EXPECT_EQ(message, printable_text(message)) << printable_text(message);
      EXPECT_NE(message.find("evil\\x1b[31m.json"), std::string::npos) << message;
    }
  }
}

TEST(PrintableText, KeepsPrintableUtf8AndEscapesTheRest) {
  EXPECT_EQ(printable_text("plain text"), "plain text");
  EXPECT_EQ(printable_text("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x99\x82"), "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x99\x82");
  EXPECT_EQ(printable_text("a\x1b[31mb"), "a\\x1b[31mb");
  EXPECT_EQ(printable_text("tab\there\nnew"), "tab\\x09here\\x0anew");
  EXPECT_EQ(printable_text("\x7f"), "\\x7f");
  EXPECT_EQ(printable_text("\xc2\x9b"), "\\xc2\\x9b");                                // C1 control CSI
  EXPECT_EQ(printable_text("\xff\xc3"), "\\xff\\xc3");                                // invalid, truncated
  EXPECT_EQ(printable_text("\xc0\xaf"), "\\xc0\\xaf");                                // overlong '/'
  EXPECT_EQ(printable_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");                       // a surrogate
  EXPECT_EQ(printable_text(printable_text("\x1b\xff")), printable_text("\x1b\xff"));  // idempotent
}

}  // namespace
}  // namespace ks
