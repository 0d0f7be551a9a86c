// Deadlock (kernel/proc/deadlock.cpp): a run whose live threads all wait for one another stops
// there, says so, and names each thread and what it waits for; a run where something can still
// happen (a sleep, a console that may get input) is not a deadlock.
#include <gtest/gtest.h>

#include <string>

#include "scenario/simulation.h"

namespace ks {
namespace {

const std::string kPrebuilt = std::string(KS_SOURCE_DIR) + "/userland/prebuilt/";

struct DeadlockRun {
  RunResult result;
  std::string report;
  std::string console;
};

DeadlockRun run_program(const std::string& program, const std::string& args, int cpus = 1,
                        const std::string& policy = R"({"policy": "rr", "quantum": 20})",
                        const std::string& extra = "") {
  const std::string text = R"({"machine": {"cpus": )" + std::to_string(cpus) + R"(}, "kernel": {"scheduler": )" +
                           policy + R"(}, "workload": {)" + extra + R"("userland": true, "programs": [{"path": ")" +
                           program + R"(", "args": [)" + args + "]}]}}";
  Simulation simulation(parse_scenario(text, kPrebuilt + "scenario.json"));
  DeadlockRun run;
  run.result = simulation.run();
  run.report = simulation.kernel().deadlock_report();
  run.console = simulation.kernel().console_output();
  return run;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(Deadlock, TwoProcessesReadingEachOthersPipeAreReportedAtOnce) {
  const DeadlockRun run = run_program("tests/deadlock.elf", "");
  EXPECT_TRUE(run.result.deadlocked);
  EXPECT_FALSE(run.result.all_exited);
  EXPECT_LT(run.result.end_time, 1000) << "the run stops at the deadlock, not at a time limit";
  EXPECT_TRUE(contains(run.report, "deadlock at time " + std::to_string(run.result.end_time))) << run.report;
  EXPECT_TRUE(contains(run.report, "pid 1 (deadlock) thread 1: read(fd 5): data in an empty pipe")) << run.report;
  EXPECT_TRUE(contains(run.report, "pid 2 (deadlock) thread 2: read(fd 3): data in an empty pipe")) << run.report;
}

TEST(Deadlock, TwoThreadsJoiningEachOtherAreNamed) {
  const DeadlockRun run = run_program("tests/deadlock.elf", R"("join")");
  ASSERT_TRUE(run.result.deadlocked) << run.console;
  EXPECT_TRUE(contains(run.report, "pid 1 (deadlock) thread 1: thread_join(2): thread 2 to exit")) << run.report;
  EXPECT_TRUE(contains(run.report, "pid 1 (deadlock) thread 2: thread_join(1): thread 1 to exit")) << run.report;
}

TEST(Deadlock, AWriterOfAFullPipeAndAParentInWait4) {
  const DeadlockRun run = run_program("tests/deadlock.elf", R"("write")", 2);
  ASSERT_TRUE(run.result.deadlocked) << run.console;
  EXPECT_TRUE(contains(run.report, "pid 1 (deadlock) thread 1: wait4(-1): a child to exit")) << run.report;
  EXPECT_TRUE(contains(run.report, "pid 2 (deadlock) thread 2: write(fd 4, 8192 bytes): room in a full pipe"))
      << run.report;
}

// MLFQ's periodic boost keeps the event queue busy for ever: the deadlock must still end the run.
TEST(Deadlock, IsFoundUnderAPolicyWithPeriodicWork) {
  const DeadlockRun run = run_program("tests/deadlock.elf", "", 4, R"({"policy": "mlfq"})");
  EXPECT_TRUE(run.result.deadlocked);
  EXPECT_LT(run.result.end_time, 1000);
}

// A process sleeping, and one waiting for it: something will happen, so it is no deadlock.
TEST(Deadlock, ASleepingChildIsNotADeadlock) {
  const DeadlockRun run = run_program("sh.elf", R"("-c", "sleep 300; echo woke")");
  EXPECT_FALSE(run.result.deadlocked) << run.report;
  EXPECT_TRUE(run.result.all_exited);
  EXPECT_GE(run.result.end_time, 300);
  EXPECT_EQ(run.console, "woke\n");
  EXPECT_EQ(run.report, "");
}

// A reader of a console that may still get input waits for the terminal, not for a thread.
TEST(Deadlock, AReaderOfAnOpenConsoleIsNotADeadlock) {
  const Scenario scenario =
      parse_scenario(R"({"workload": {"programs": [{"path": "tests/console_echo.elf"}]}})", kPrebuilt + "s.json");
  Simulation simulation(scenario);
  Kernel& kernel = simulation.kernel();
  kernel.console_open_input();
  EXPECT_FALSE(kernel.advance(kNever));
  EXPECT_FALSE(kernel.deadlocked());
  EXPECT_TRUE(kernel.console_waiting_for_input());
  kernel.console_close_input();
  EXPECT_TRUE(kernel.advance(kNever));
  EXPECT_TRUE(kernel.finished());
  EXPECT_FALSE(kernel.deadlocked());
}

}  // namespace
}  // namespace ks
