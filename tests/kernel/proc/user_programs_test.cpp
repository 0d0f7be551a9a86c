// Real RISC-V programs (userland/prebuilt) run as processes of the teaching kernel: system calls,
// faults, several address spaces sharing harts, and the scenario's "programs" list.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "scenario/simulation.h"
#include "sim-core/error.h"
#include "sim-core/mem/tlb.h"
#include "sim-core/trace/jsonl.h"
#include "sim-core/trace/trace.h"

namespace ks {
namespace {

const std::string kPrebuilt = std::string(KS_SOURCE_DIR) + "/userland/prebuilt/";

struct ProgramRun {
  std::string console;
  struct Ended {
    std::int64_t exit_status = 0;
    std::int32_t signal = 0;
  };
  std::vector<Ended> processes;  // by pid, slot 0 unused: how each ended
  RunResult result;
  std::uint64_t faults = 0;
};

ProgramRun run_programs(const std::string& programs, const std::string& machine = R"({"cpus": 1})",
                        const std::string& scheduler = R"({"policy": "rr", "quantum": 50})") {
  const std::string text = R"({"machine": )" + machine + R"(, "kernel": {"scheduler": )" + scheduler +
                           R"(}, "workload": {"programs": [)" + programs + "]}}";
  const Scenario scenario = parse_scenario(text, kPrebuilt + "scenario.json");
  Simulation simulation(scenario);
  ProgramRun run;
  run.result = simulation.run();
  run.console = simulation.kernel().console_output();
  for (Pid pid = 0; pid <= scenario.programs.size(); ++pid) {
    const Process& process = simulation.kernel().process(pid);
    run.processes.push_back({process.exit_status, process.signal});
  }
  run.faults = simulation.kernel().user_stats().faults;
  return run;
}

TEST(UserPrograms, SystemCallsCheckEveryPointerAndLength) {
  const ProgramRun run = run_programs(R"({"path": "tests/syscall_checks.elf", "args": ["alpha", "beta"]})");
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_EQ(run.console.find("FAIL"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("sleep(25) lets 25 ticks pass: ok"), std::string::npos) << run.console;
  EXPECT_EQ(run.processes[1].exit_status, 0) << run.console;
}

// Four programs on two harts under round robin: every one computes what it computes alone.
// (Each address space has its own TLB identifier; with one shared, a program ran another's code.)
TEST(UserPrograms, ProgramsSharingHartsKeepTheirOwnAddressSpaces) {
  const char* names[] = {"crc32", "matmul", "list_walk", "state_machine"};
  std::string alone_output, together;
  for (const char* name : names) {
    const std::string entry = std::string(R"({"path": ")") + name + R"(.elf"})";
    alone_output += run_programs(entry).console;
    together += (together.empty() ? "" : ", ") + entry;
  }
  const ProgramRun run = run_programs(together, R"({"cpus": 2})");
  ASSERT_TRUE(run.result.all_exited);
  for (const char* name : names) {
    const std::size_t at = alone_output.find(name);
    ASSERT_NE(at, std::string::npos);
    const std::string line = alone_output.substr(at, alone_output.find('\n', at) - at + 1);
    EXPECT_NE(run.console.find(line), std::string::npos) << "missing " << line << " in:\n" << run.console;
  }
  for (Pid pid = 1; pid <= 4; ++pid) EXPECT_EQ(run.processes[pid].exit_status, 0);
}

TEST(UserPrograms, AStoreToAnUnmappedAddressKillsOnlyThatProgram) {
  const ProgramRun run = run_programs(R"({"path": "tests/segfault.elf"}, {"path": "crc32.elf"})");
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_EQ(run.processes[1].exit_status, 128 + 11);
  EXPECT_EQ(run.processes[2].exit_status, 0);
  EXPECT_EQ(run.faults, 1u);
  EXPECT_NE(run.console.find("about to fault"), std::string::npos);
  EXPECT_EQ(run.console.find("still alive"), std::string::npos);
  EXPECT_NE(run.console.find("killed: page fault"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("crc32 checksum="), std::string::npos);
}

TEST(UserPrograms, AnIllegalInstructionKillsWithSigill) {
  const ProgramRun run = run_programs(R"({"path": "tests/illegal.elf"})");
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_EQ(run.processes[1].exit_status, 128 + 4);
}

TEST(UserPrograms, ABadElfFileInAScenarioNamesTheFile) {
  try {
    run_programs(R"({"path": "../../docs/architecture.md"})");
    FAIL() << "a Markdown file was accepted as an ELF program";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("architecture.md"), std::string::npos) << error.what();
  }
}

TEST(UserPrograms, AMissingProgramFileIsAnInputError) {
  EXPECT_THROW(run_programs(R"({"path": "no-such-program.elf"})"), InputError);
}

}  // namespace
}  // namespace ks

namespace ks {
namespace {

// The modelled TLB's misses and flushes are in the trace: one tlb_miss event for each miss the
// TLB counts, for the thread that missed, and a flush of the ASID on every hart when a process
// goes.
TEST(UserProgramsTrace, TlbMissesAndFlushesAreEvents) {
  const Scenario scenario = parse_scenario(
      R"({"machine": {"cpus": 2}, "kernel": {"scheduler": {"policy": "rr", "quantum": 50}},
          "workload": {"programs": [{"path": "list_walk.elf"}, {"path": "crc32.elf"}]}})",
      kPrebuilt + "scenario.json");
  Simulation simulation(scenario);
  MemoryTrace memory;
  simulation.trace().add_sink(memory);
  std::ostringstream jsonl;
  JsonLinesWriter writer(jsonl, simulation.trace());
  simulation.trace().add_sink(writer);
  ASSERT_TRUE(simulation.run().all_exited);
  // The JSON Lines form keeps them: read back, the events are the same.
  std::istringstream in(jsonl.str());
  EXPECT_EQ(read_json_lines_trace(in, "tlb.jsonl").events, memory.events());
  std::uint64_t misses = 0, asid_flushes = 0;
  std::set<Pid> missing_pids;
  for (const TraceEvent& event : memory.events()) {
    if (event.kind == EventKind::TlbMiss) {
      ++misses;
      missing_pids.insert(event.pid);
      EXPECT_GT(event.b, 0) << "a user address space has a non-zero ASID";
      EXPECT_LT(event.a, 1 << 20) << "a Sv32 virtual page number has 20 bits";
    }
    if (event.kind == EventKind::TlbFlush && event.a == static_cast<std::int64_t>(TlbFlushScope::Asid)) ++asid_flushes;
  }
  EXPECT_EQ(misses, simulation.kernel().user_stats().tlb_misses);
  EXPECT_GT(misses, 0u);
  EXPECT_EQ(missing_pids, (std::set<Pid>{1, 2}));
  EXPECT_EQ(asid_flushes, 2u * 2u) << "each of the two processes' ASIDs is flushed on both harts";
}

// Recording nothing, the run is the same run: the observer only reports.
TEST(UserProgramsTrace, RecordingTheTlbDoesNotChangeTheRun) {
  const std::string text = R"({"workload": {"programs": [{"path": "matmul.elf"}]}})";
  Simulation quiet(parse_scenario(text, kPrebuilt + "scenario.json"));
  const RunResult a = quiet.run();
  Simulation recorded(parse_scenario(text, kPrebuilt + "scenario.json"));
  MemoryTrace memory;
  recorded.trace().add_sink(memory);
  const RunResult b = recorded.run();
  EXPECT_EQ(a.end_time, b.end_time);
  EXPECT_EQ(quiet.kernel().user_stats().tlb_misses, recorded.kernel().user_stats().tlb_misses);
  EXPECT_EQ(quiet.kernel().console_output(), recorded.kernel().console_output());
}

}  // namespace
}  // namespace ks
