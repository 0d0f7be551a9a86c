// The process API of docs/syscalls.md, exercised by RISC-V test programs (userland/tests/*.c):
// files and directories, fork/wait4/kill, execve, pipes, threads and console input. Each program
// prints "name: ok" or "name: FAIL" per check and exits with its number of failures; the tests
// also check exit statuses, the trace (forked processes appear like any other) and the scenario
// keys that fill the file system.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <sstream>

#include "analysis/metrics.h"
#include "kernel/fs/vfs.h"
#include "scenario/simulation.h"
#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"
#include "sim-core/trace/trace.h"

namespace ks {
namespace {

const std::string kPrebuilt = std::string(KS_SOURCE_DIR) + "/userland/prebuilt/";

struct ApiRun {
  std::string console;
  struct Ended {
    std::int64_t exit_status = 0;
    std::int32_t signal = 0;
    bool reaped = false;
  };
  std::vector<Ended> processes;  // by pid, slot 0 unused: how each ended
  std::vector<TraceEvent> events;
  RunResult result;
};

// Runs PROGRAMS (the scenario's "programs" list) with the rest of the workload EXTRA (JSON
// members, each followed by a comma).
ApiRun run_workload(const std::string& programs, const std::string& extra = "", int cpus = 1) {
  const std::string text = R"({"machine": {"cpus": )" + std::to_string(cpus) +
                           R"(}, "kernel": {"scheduler": {"policy": "rr", "quantum": 20}}, "workload": {)" + extra +
                           R"( "programs": [)" + programs + "]}}";
  const Scenario scenario = parse_scenario(text, kPrebuilt + "scenario.json");
  Simulation simulation(scenario);
  MemoryTrace trace;
  simulation.trace().add_sink(trace);
  ApiRun run;
  run.result = simulation.run();
  run.console = simulation.kernel().console_output();
  for (Pid pid = 0; pid <= simulation.kernel().process_count(); ++pid) {
    const Process& process = simulation.kernel().process(pid);
    run.processes.push_back({process.exit_status, process.signal, process.reaped});
  }
  run.events = trace.events();
  return run;
}

const std::string kMotd = R"("files": {"/etc/motd": {"text": "hello from the scenario\n"}},)";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void expect_all_ok(const ApiRun& run, std::size_t checks) {
  ASSERT_TRUE(run.result.all_exited) << run.console;
  EXPECT_EQ(count(run.console, ": FAIL"), 0u) << run.console;
  EXPECT_EQ(count(run.console, ": ok"), checks) << run.console;
  EXPECT_EQ(run.processes[1].exit_status, 0) << run.console;
}

TEST(ProcessApi, FilesDirectoriesAndDescriptorsBehaveAsDocumented) {
  const ApiRun run = run_workload(R"({"path": "tests/files.elf"})", kMotd);
  expect_all_ok(run, 62);
}

TEST(ProcessApi, ForkWaitAndKillReportLinuxStatuses) {
  const ApiRun run = run_workload(R"({"path": "tests/fork_wait.elf"})");
  expect_all_ok(run, 20);
  // Every forked process is created, runs and exits in the trace like any other.
  std::vector<Pid> created, exited;
  for (const TraceEvent& event : run.events) {
    if (event.kind == EventKind::ProcessCreated) created.push_back(event.pid);
    if (event.kind == EventKind::Exited) exited.push_back(event.pid);
  }
  EXPECT_EQ(created.size(), 10u);
  std::sort(exited.begin(), exited.end());
  EXPECT_EQ(exited, std::vector<Pid>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  for (const TraceEvent& event : run.events) {
    if (event.kind == EventKind::ProcessCreated && event.pid == 2) {
      EXPECT_EQ(event.a, 1) << "the parent of pid 2";
    }
  }
  EXPECT_EQ(run.processes[2].exit_status, 42);
  EXPECT_EQ(run.processes[4].exit_status, 128 + 9);  // killed
  EXPECT_EQ(run.processes[4].signal, 9);
  for (Pid pid = 2; pid <= 10; ++pid) EXPECT_TRUE(run.processes[pid].reaped) << pid;
}

// Run with MACHINE as the scenario's "machine" object.
ApiRun run_on_machine(const std::string& program, const std::string& machine) {
  const Scenario scenario =
      parse_scenario(R"({"machine": )" + machine + R"(, "workload": {"programs": [{"path": ")" + program + R"("}]}})",
                     kPrebuilt + "s.json");
  Simulation simulation(scenario);
  ApiRun run;
  run.result = simulation.run();
  run.console = simulation.kernel().console_output();
  for (Pid pid = 0; pid <= simulation.kernel().process_count(); ++pid) {
    const Process& process = simulation.kernel().process(pid);
    run.processes.push_back({process.exit_status, process.signal, process.reaped});
  }
  return run;
}

TEST(ProcessApi, ForkSaysEagainWhenTheProcessTableIsFull) {
  const ApiRun run = run_on_machine("tests/fork_limits.elf", R"({"cpus": 1})");
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_NE(run.console.find("forked 255\nfork_limits: ok"), std::string::npos) << run.console;
  EXPECT_EQ(run.processes[1].exit_status, 0);
}

TEST(ProcessApi, ForkSaysEagainWhenMemoryIsFull) {
  const ApiRun run = run_on_machine("tests/fork_limits.elf", R"({"cpus": 1, "memory_mb": 1})");
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_NE(run.console.find("fork_limits: ok"), std::string::npos) << run.console;
  EXPECT_EQ(run.console.find("forked 255"), std::string::npos) << run.console;
  EXPECT_EQ(run.processes[1].exit_status, 0);
}

TEST(ProcessApi, ForkedProcessesRunOnSeveralCpus) {
  const ApiRun run = run_workload(R"({"path": "tests/fork_wait.elf"})", "", 2);
  expect_all_ok(run, 20);
}

TEST(ProcessApi, ExecveReplacesTheImageAndFailuresKeepTheOldOne) {
  const ApiRun run = run_workload(R"({"path": "tests/exec_args.elf"})", kMotd);
  expect_all_ok(run, 8);
  EXPECT_NE(run.console.find("child args: exec_args child A B\n"), std::string::npos) << run.console;
  EXPECT_EQ(run.processes[2].exit_status, 8);
  const auto exec = std::find_if(run.events.begin(), run.events.end(),
                                 [](const TraceEvent& event) { return event.kind == EventKind::ProcessExec; });
  ASSERT_NE(exec, run.events.end());
  EXPECT_EQ(exec->pid, 2u);
  EXPECT_EQ(std::count_if(run.events.begin(), run.events.end(),
                          [](const TraceEvent& event) { return event.kind == EventKind::ProcessExec; }),
            1);  // the failed execve calls changed nothing
}

TEST(ProcessApi, MetricsNameAProcessAfterItsLatestProgram) {
  const Scenario scenario = parse_scenario(R"({"workload": {"userland": true, "programs": [{"path": "sh.elf",
      "args": ["-c", "echo hi | wc"]}]}})",
                                           kPrebuilt + "s.json");
  Simulation simulation(scenario);
  MemoryTrace trace;
  MetricsCollector metrics(simulation.trace());
  std::ostringstream lines;
  JsonLinesWriter writer(lines, simulation.trace());
  simulation.trace().add_sink(trace);
  simulation.trace().add_sink(metrics);
  simulation.trace().add_sink(writer);
  ASSERT_TRUE(simulation.run().all_exited) << simulation.kernel().console_output();
  std::vector<std::string> names;
  for (Pid pid = 1; pid <= simulation.kernel().process_count(); ++pid) {
    names.emplace_back(simulation.trace().name(simulation.kernel().process(pid).name_id));
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, std::vector<std::string>({"echo", "sh", "wc"})) << simulation.kernel().console_output();
  std::vector<std::string> in_metrics;
  for (const ProcessMetrics& process : metrics.result().processes) in_metrics.push_back(process.name);
  std::sort(in_metrics.begin(), in_metrics.end());
  EXPECT_EQ(in_metrics, names);
  // process_exec survives the JSON Lines trace.
  std::istringstream in(lines.str());
  const RecordedTrace recorded = read_json_lines_trace(in, "trace.jsonl");
  EXPECT_EQ(recorded.events.size(), trace.events().size());
  EXPECT_EQ(std::count_if(recorded.events.begin(), recorded.events.end(),
                          [](const TraceEvent& event) { return event.kind == EventKind::ProcessExec; }),
            2);
}

TEST(ProcessApi, PipesBlockWakeAndEndAsDocumented) {
  const ApiRun run = run_workload(R"({"path": "tests/pipes.elf"})");
  expect_all_ok(run, 15);
  bool blocked_on_pipe = false, woken_from_pipe = false;
  for (const TraceEvent& event : run.events) {
    if (event.kind == EventKind::Blocked && event.a == static_cast<std::int64_t>(BlockReason::Pipe))
      blocked_on_pipe = true;
    if (event.kind == EventKind::Woken && event.a == static_cast<std::int64_t>(BlockReason::Pipe))
      woken_from_pipe = true;
  }
  EXPECT_TRUE(blocked_on_pipe);
  EXPECT_TRUE(woken_from_pipe);
}

TEST(ProcessApi, ThreadsShareMemoryAndJoin) {
  const ApiRun run = run_workload(R"({"path": "tests/threads.elf"})");
  ASSERT_TRUE(run.result.all_exited) << run.console;
  EXPECT_EQ(count(run.console, ": FAIL"), 0u) << run.console;
  EXPECT_EQ(count(run.console, ": ok"), 11u) << run.console;
  EXPECT_NE(run.console.find("threads: all ok"), std::string::npos) << run.console;
  // The main thread exited first with 77; the last thread's status (0 failures) is the process's.
  EXPECT_EQ(run.processes[1].exit_status, 0);
  const auto main_exit = std::find_if(run.events.begin(), run.events.end(), [](const TraceEvent& event) {
    return event.kind == EventKind::Exited && event.tid == 1;
  });
  ASSERT_NE(main_exit, run.events.end());
  EXPECT_EQ(main_exit->a, 77);
}

TEST(ProcessApi, ExitGroupEndsEveryThread) {
  const ApiRun run = run_workload(R"({"path": "tests/threads.elf", "args": ["group"]})", "", 2);
  ASSERT_TRUE(run.result.all_exited) << run.console;
  EXPECT_EQ(run.processes[1].exit_status, 33);
  std::size_t thread_exits = 0;
  for (const TraceEvent& event : run.events) thread_exits += event.kind == EventKind::Exited ? 1 : 0;
  EXPECT_EQ(thread_exits, 4u);  // main, two spinners, one reader blocked on a pipe
}

TEST(ProcessApi, ExecveEndsTheOtherThreads) {
  const ApiRun run = run_workload(R"({"path": "tests/threads.elf", "args": ["exec"]})",
                                  R"("files": {"/bin/exec_args": {"host": "tests/exec_args.elf"}},)", 2);
  ASSERT_TRUE(run.result.all_exited) << run.console;
  EXPECT_NE(run.console.find("child args: exec_args child A B\n"), std::string::npos) << run.console;
  EXPECT_EQ(run.processes[1].exit_status, 8);
}

TEST(ProcessApi, TheConsoleReadsTheScenarioInputThenEndOfFile) {
  const ApiRun run = run_workload(R"({"path": "tests/console_echo.elf"})", R"("console_input": "one line\n",)");
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_EQ(run.console, "got 9: one line\n");
  EXPECT_EQ(run.processes[1].exit_status, 9);
}

TEST(ProcessApi, AReaderBlockedOnTheConsoleWakesForInput) {
  const Scenario scenario =
      parse_scenario(R"({"workload": {"programs": [{"path": "tests/console_echo.elf"}]}})", kPrebuilt + "s.json");
  Simulation simulation(scenario);
  Kernel& kernel = simulation.kernel();
  kernel.console_open_input();
  EXPECT_FALSE(kernel.advance(kNever));
  EXPECT_TRUE(kernel.console_waiting_for_input());
  kernel.console_input("abc");
  EXPECT_FALSE(kernel.advance(kNever));
  EXPECT_TRUE(kernel.console_waiting_for_input());
  kernel.console_input("defg");
  kernel.advance(kNever);
  kernel.console_close_input();
  EXPECT_TRUE(kernel.advance(kNever));
  EXPECT_EQ(kernel.console_output(), "got 3: abcgot 4: defg");
  EXPECT_EQ(kernel.process(1).exit_status, 7);
}

TEST(ProcessApi, UserlandPutsThePrebuiltProgramsInBinButNotTheTests) {
  const ApiRun run =
      run_workload(R"({"path": "sh.elf", "name": "tester", "args": ["-c", "ls /bin"]})", R"("userland": true, )");
  ASSERT_TRUE(run.result.all_exited) << run.console;
  for (const char* program : {"cat", "echo", "head", "ls", "ps", "pwd", "sh", "sleep", "crc32"}) {
    EXPECT_NE(run.console.find(std::string(program) + "\n"), std::string::npos) << program << " in:\n" << run.console;
  }
  for (const char* test : {"usertests", "threads", "syscall_fuzz", "files", "exec_args", "deadlock"}) {
    EXPECT_EQ(run.console.find(std::string(test) + "\n"), std::string::npos) << test << " in:\n" << run.console;
  }
}

// Run bare, without what they check against, the test programs say what they need (status 2).
TEST(ProcessApi, TestProgramsRunWronglySayWhatTheyNeed) {
  const ApiRun files = run_workload(R"({"path": "tests/files.elf"})");
  EXPECT_EQ(files.processes[1].exit_status, 2);
  EXPECT_NE(files.console.find("files: needs /etc/motd"), std::string::npos) << files.console;
  const ApiRun checks = run_workload(R"({"path": "tests/syscall_checks.elf"})");
  EXPECT_EQ(checks.processes[1].exit_status, 2);
  EXPECT_NE(checks.console.find("usage: syscall_checks alpha beta"), std::string::npos) << checks.console;
  const ApiRun exec = run_workload(R"({"path": "tests/exec_args.elf"})");
  EXPECT_EQ(exec.processes[1].exit_status, 2);
  EXPECT_NE(exec.console.find("exec_args: needs a text file /etc/motd"), std::string::npos) << exec.console;
  const ApiRun threads = run_workload(R"({"path": "tests/threads.elf", "args": ["exec"]})");
  ASSERT_TRUE(threads.result.all_exited) << threads.console;
  EXPECT_EQ(threads.processes[1].exit_status, 2);
  EXPECT_NE(threads.console.find("threads exec: needs /bin/exec_args"), std::string::npos) << threads.console;
}

TEST(ProcessApi, HostFilesAndFoldersAreCopiedIn) {
  const std::filesystem::path dir = std::filesystem::path(KS_BINARY_DIR) / "process_api_host";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "root" / "etc");
  std::ofstream(dir / "root" / "etc" / "motd") << "hello from the scenario\n";
  std::ofstream(dir / "note.txt") << "a host file";
  std::filesystem::copy_file(kPrebuilt + "tests/files.elf", dir / "files.elf");
  const std::string text = R"({"workload": {"host_folder": "root", "files": {"/notes/n.txt": {"host": "note.txt"}},
                                "programs": [{"path": "files.elf"}]}})";
  const Scenario scenario = parse_scenario(text, (dir / "scenario.json").string());
  ASSERT_EQ(scenario.files.size(), 3u);  // /etc, /etc/motd, /notes/n.txt
  EXPECT_EQ(scenario.files[2].bytes, "a host file");
  Simulation simulation(scenario);
  simulation.run();
  EXPECT_EQ(count(simulation.kernel().console_output(), ": FAIL"), 0u) << simulation.kernel().console_output();
  Vfs& fs = simulation.kernel().file_system();
  EXPECT_TRUE(fs.lookup(fs.root(), "/notes/n.txt").ok());
}

TEST(ProcessApi, BadFileKeysAreInputErrorsNamingTheKey) {
  const auto error_of = [](const std::string& files) {
    try {
      parse_scenario(R"({"workload": {"files": )" + files + R"(, "programs": [{"path": "tests/files.elf"}]}})",
                     kPrebuilt + "s.json");
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(error_of(R"({"/a": {"host": "no-such-file"}})").find("workload.files./a.host"), std::string::npos)
      << error_of(R"({"/a": {"host": "no-such-file"}})");
  EXPECT_NE(error_of(R"({"/a": {"host": "no-such-file"}})").find("no-such-file"), std::string::npos);
  EXPECT_NE(error_of(R"({"relative": {"text": "x"}})").find("absolute"), std::string::npos);
  EXPECT_NE(error_of(R"({"/a/../b": {"text": "x"}})").find(".."), std::string::npos);
  EXPECT_NE(error_of(R"({"/a": {"text": "x", "host": "y"}})").find("either"), std::string::npos);
  EXPECT_NE(error_of(R"(["/a"])").find("expected an object"), std::string::npos);
  try {
    parse_scenario(R"({"workload": {"host_folder": "no-such-folder", "programs": [{"path": "tests/files.elf"}]}})",
                   kPrebuilt + "s.json");
    ADD_FAILURE() << "a missing host folder was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("workload.host_folder"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("no-such-folder"), std::string::npos) << error.what();
  }
  // A file under a file cannot be installed.
  const Scenario scenario = parse_scenario(
      R"({"workload": {"files": {"/a": {"text": "x"}, "/a/b": {"text": "y"}}, "programs": [{"path": "tests/files.elf"}]}})",
      kPrebuilt + "s.json");
  EXPECT_THROW(Simulation simulation(scenario), InputError);
}

TEST(ProcessApi, HostileArgumentsGetErrorCodesAndNeverHurtTheKernel) {
  const ApiRun run = run_workload(R"({"path": "tests/syscall_fuzz.elf"})", kMotd);
  ASSERT_TRUE(run.result.all_exited);
  EXPECT_EQ(run.processes[1].exit_status, 0);
  EXPECT_EQ(run.console, "alive\n") << "what the calls wrote went to the scratch file, not to the console";
}

TEST(ProcessApi, RunsAreDeterministic) {
  const ApiRun first = run_workload(R"({"path": "tests/pipes.elf"}, {"path": "tests/fork_wait.elf"})", "", 2);
  const ApiRun second = run_workload(R"({"path": "tests/pipes.elf"}, {"path": "tests/fork_wait.elf"})", "", 2);
  EXPECT_EQ(first.events, second.events);
  EXPECT_EQ(first.console, second.console);
}

}  // namespace
}  // namespace ks
