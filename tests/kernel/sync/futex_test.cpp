// futex (kernel/sync/futex.h) and the pthread subset on it (userland/lib/libc/pthread.c), run
// as RISC-V programs: userland/tests/futex.c checks the call itself (its comparison, timeout,
// counts, bad input, and that a woken waiter returns 0 without a second look at the word);
// userland/tests/pthreads.c checks mutexes, condition variables, semaphores, barriers and
// read-write locks across 4 harts, where the threads really interleave.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kernel/trap/syscall_table.h"
#include "scenario/simulation.h"
#include "sim-core/trace/trace.h"

namespace ks {
namespace {

const std::string kPrebuilt = std::string(KS_SOURCE_DIR) + "/userland/prebuilt/";

struct FutexRun {
  RunResult result;
  std::string console;
  std::string report;
  std::int64_t status = -1;
  std::vector<TraceEvent> events;
};

FutexRun run_program(const std::string& program, const std::string& args, int cpus) {
  const std::string text = R"({"machine": {"cpus": )" + std::to_string(cpus) +
                           R"(}, "kernel": {"scheduler": {"policy": "rr", "quantum": 20}}, "workload": {)" +
                           R"("programs": [{"path": ")" + program + R"(", "args": [)" + args + "]}]}}";
  Simulation simulation(parse_scenario(text, kPrebuilt + "scenario.json"));
  MemoryTrace trace;
  simulation.trace().add_sink(trace);
  FutexRun run;
  run.result = simulation.run();
  run.console = simulation.kernel().console_output();
  run.report = simulation.kernel().deadlock_report();
  run.status = simulation.kernel().process(1).exit_status;
  run.events = trace.events();
  return run;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The results of the futex calls that returned, in order.
std::vector<std::int64_t> futex_results(const FutexRun& run) {
  std::vector<std::int64_t> results;
  for (const TraceEvent& event : run.events) {
    if (event.kind == EventKind::Syscall && event.a == syscall_number("futex")) results.push_back(event.b);
  }
  return results;
}

TEST(Futex, TheTableHasLinuxsNumber) {
  EXPECT_EQ(syscall_number("futex"), 98u);
  EXPECT_EQ(find_syscall(98)->argument_count(), 6u);
}

TEST(Futex, WaitComparesTimesOutAndWakeCountsAsDocumented) {
  const FutexRun run = run_program("tests/futex.elf", "", 1);
  ASSERT_TRUE(run.result.all_exited) << run.console;
  EXPECT_EQ(count(run.console, ": FAIL"), 0u) << run.console;
  EXPECT_EQ(count(run.console, ": ok"), 18u) << run.console;
  EXPECT_NE(run.console.find("futex: all ok"), std::string::npos) << run.console;
  EXPECT_EQ(run.status, 0);
  // The waiters blocked (for a lock) and were woken; the wakes returned 2, then 1 (futex.c's order:
  // the first wake with no waiters returns 0; the three waiters each return 0).
  const auto blocked = std::count_if(run.events.begin(), run.events.end(), [](const TraceEvent& event) {
    return event.kind == EventKind::Blocked && event.a == static_cast<std::int64_t>(BlockReason::Lock);
  });
  EXPECT_EQ(blocked, 4) << "the timed wait and the three waiters";
  const std::vector<std::int64_t> results = futex_results(run);
  const std::vector<std::int64_t> expected = {-11, -22, -14, -14, -14, -38, -110, -110, 0, 2, 0, 0, 1, 0, 0};
  EXPECT_EQ(results, expected);
}

TEST(Futex, AWaiterNobodyWakesIsADeadlockNamingTheWord) {
  const FutexRun run = run_program("tests/futex.elf", R"("deadlock")", 1);
  ASSERT_TRUE(run.result.deadlocked) << run.console;
  EXPECT_NE(run.report.find("thread 1: futex(0x"), std::string::npos) << run.report;
  EXPECT_NE(run.report.find(", FUTEX_WAIT): a FUTEX_WAKE on that word"), std::string::npos) << run.report;
}

TEST(Futex, ExitGroupEndsAThreadAsleepOnAFutex) {
  const FutexRun run = run_program("tests/futex.elf", R"("group")", 2);
  ASSERT_TRUE(run.result.all_exited) << run.console;
  EXPECT_EQ(run.status, 33);
}

// Each test of pthreads.c on 4 harts prints "NAME: ok" and exits 0.
class PthreadsOnFourHarts : public ::testing::TestWithParam<const char*> {};

TEST_P(PthreadsOnFourHarts, Passes) {
  const std::string name = GetParam();
  const FutexRun run = run_program("tests/pthreads.elf", "\"" + name + "\"", 4);
  ASSERT_TRUE(run.result.all_exited) << run.console << run.report;
  EXPECT_EQ(run.console, name + ": ok\n");
  EXPECT_EQ(run.status, 0);
}

INSTANTIATE_TEST_SUITE_P(Futex, PthreadsOnFourHarts,
                         ::testing::Values("mutex", "buffer", "semaphore", "barrier", "rwlock", "api"));

TEST(Futex, TheMutexSleepsRatherThanSpins) {
  // Four threads contending on 4 harts: some lock calls find the mutex taken and sleep in futex.
  const FutexRun run = run_program("tests/pthreads.elf", R"("mutex")", 4);
  ASSERT_TRUE(run.result.all_exited) << run.console;
  const auto waits = std::count_if(run.events.begin(), run.events.end(), [](const TraceEvent& event) {
    return event.kind == EventKind::Blocked && event.a == static_cast<std::int64_t>(BlockReason::Lock);
  });
  EXPECT_GT(waits, 0);
}

TEST(Futex, TheRacyCounterReportsItsTotalAndTheSameOneEachRun) {
  const FutexRun first = run_program("tests/pthreads.elf", R"("racy")", 4);
  const FutexRun second = run_program("tests/pthreads.elf", R"("racy")", 4);
  ASSERT_TRUE(first.result.all_exited) << first.console;
  EXPECT_EQ(first.console.rfind("racy: ", 0), 0u) << first.console;
  EXPECT_NE(first.console.find(" of 8000 ("), std::string::npos) << first.console;
  EXPECT_EQ(first.console, second.console) << "the same seed, the same interleaving";
  EXPECT_EQ(first.events.size(), second.events.size());
}

TEST(Futex, PthreadsWithoutATestIsAUsageError) {
  const FutexRun run = run_program("tests/pthreads.elf", "", 1);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.console.find("usage: pthreads"), std::string::npos) << run.console;
}

}  // namespace
}  // namespace ks
