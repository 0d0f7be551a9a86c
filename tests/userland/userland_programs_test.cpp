// The userland programs (userland/bin, userland/tests) behave as their Unix namesakes: under
// qemu-riscv32 (for those that need only Linux's read/write/openat/getdents64/exit/brk; skipped
// with the reason when qemu-riscv32 is absent) and under kernsim's kernel, where usertests must
// pass and the shell runs pipelines, redirections and background jobs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "scenario/simulation.h"

namespace ks {
namespace {

const std::string kPrebuilt = std::string(KS_SOURCE_DIR) + "/userland/prebuilt/";

// ---- under qemu-riscv32 -------------------------------------------------------------------

bool have_qemu() { return std::system("command -v qemu-riscv32 > /dev/null 2>&1") == 0; }

struct HostRun {
  std::string output;  // stdout and stderr together
  int status = -1;
};

// Runs userland/prebuilt/PROGRAM.elf under qemu-riscv32 through the host's shell, with
// ARGUMENTS (shell syntax: quotes and redirections work).
HostRun run_qemu(const std::string& program, const std::string& arguments) {
  const std::string command = "qemu-riscv32 " + kPrebuilt + program + ".elf " + arguments + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  HostRun run;
  if (pipe == nullptr) return run;
  std::array<char, 256> chunk{};
  while (std::fgets(chunk.data(), static_cast<int>(chunk.size()), pipe.get()) != nullptr) run.output += chunk.data();
  const int status = pclose(pipe.release());
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string write_temp_file(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/ks_userland_" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

#define SKIP_WITHOUT_QEMU() \
  if (!have_qemu()) GTEST_SKIP() << "qemu-riscv32 is not installed (apt-get install qemu-user)"

TEST(UserlandQemu, LibcChecksPass) {
  SKIP_WITHOUT_QEMU();
  const HostRun run = run_qemu("tests/libc_checks", "");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find(" passed, 0 failed"), std::string::npos) << run.output;
}

TEST(UserlandQemu, EchoJoinsItsArguments) {
  SKIP_WITHOUT_QEMU();
  EXPECT_EQ(run_qemu("echo", "hello '' world").output, "hello  world\n");
  EXPECT_EQ(run_qemu("echo", "-n no newline").output, "no newline");
  EXPECT_EQ(run_qemu("echo", "").output, "\n");
}

TEST(UserlandQemu, CatCopiesFilesAndNamesAMissingOne) {
  SKIP_WITHOUT_QEMU();
  const std::string file = write_temp_file("cat.txt", "first\nsecond\n");
  HostRun run = run_qemu("cat", file + " " + file);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output, "first\nsecond\nfirst\nsecond\n");
  run = run_qemu("cat", "/no/such/file");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output, "cat: /no/such/file: No such file or directory\n");
  run = run_qemu("cat", "< " + file);
  EXPECT_EQ(run.output, "first\nsecond\n");
}

TEST(UserlandQemu, WcCountsLinesWordsAndBytes) {
  SKIP_WITHOUT_QEMU();
  const std::string file = write_temp_file("wc.txt", "hello world\nfoo  bar baz\n\nlast");
  EXPECT_EQ(run_qemu("wc", "< " + file).output, "      3       6      30\n");
  const HostRun run = run_qemu("wc", file + " " + file);
  EXPECT_EQ(run.output, "      3       6      30 " + file + "\n      3       6      30 " + file +
                            "\n      6      12      60 total\n");
}

TEST(UserlandQemu, GrepSelectsCountsAndNumbersLines) {
  SKIP_WITHOUT_QEMU();
  const std::string file = write_temp_file("grep.txt", "apple pie\nbanana\ncrab apple\ncherry");
  HostRun run = run_qemu("grep", "apple " + file);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.output, "apple pie\ncrab apple\n");
  EXPECT_EQ(run_qemu("grep", "-n apple " + file).output, "1:apple pie\n3:crab apple\n");
  EXPECT_EQ(run_qemu("grep", "-v apple " + file).output, "banana\ncherry\n");
  EXPECT_EQ(run_qemu("grep", "-vc apple < " + file).output, "2\n");
  run = run_qemu("grep", "durian " + file);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output, "");
  run = run_qemu("grep", "x /no/such/file");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.output, "grep: /no/such/file: No such file or directory\n");
  EXPECT_EQ(run_qemu("grep", "").status, 2);
}

TEST(UserlandQemu, MkdirLsAndRmWorkOnTheHostFileSystem) {
  SKIP_WITHOUT_QEMU();
  const std::string dir = ::testing::TempDir() + "/ks_userland_tree";
  std::system(("rm -rf " + dir).c_str());
  EXPECT_EQ(run_qemu("mkdir", dir + " " + dir + "/sub").status, 0);
  HostRun run = run_qemu("mkdir", dir);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output, "mkdir: " + dir + ": File exists\n");
  write_temp_file("tree/b_file", "b");
  write_temp_file("tree/a_file", "a");
  write_temp_file("tree/sub/deep", "deep");
  write_temp_file("tree/.hidden", "h");
  EXPECT_EQ(run_qemu("ls", dir).output, "a_file\nb_file\nsub\n");
  EXPECT_EQ(run_qemu("ls", "-a " + dir).output, ".\n..\n.hidden\na_file\nb_file\nsub\n");
  run = run_qemu("rm", dir + "/sub");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output, "rm: " + dir + "/sub: Is a directory\n");
  EXPECT_EQ(run_qemu("rm", dir + "/a_file").status, 0);
  EXPECT_EQ(run_qemu("ls", dir).output, "b_file\nsub\n");
  EXPECT_EQ(run_qemu("rm", "-r " + dir).status, 0);
  run = run_qemu("ls", dir);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.output, "ls: " + dir + ": No such file or directory\n");
  EXPECT_EQ(run_qemu("rm", "-f " + dir + "/nothing").status, 0);
}

// ---- under kernsim ------------------------------------------------------------------------

struct KernsimRun {
  std::string console;
  bool exited = false;
  std::int64_t status = -1;
};

// Runs PROGRAM (userland/prebuilt/PROGRAM.elf) with ARGS (a JSON array's items) as the first
// process, with /bin holding every prebuilt program and CONSOLE_INPUT on fd 0.
KernsimRun run_kernsim(const std::string& program, const std::string& args, const std::string& console_input = "",
                       const std::string& machine = R"({"cpus": 1})") {
  nlohmann::json input = console_input;
  const std::string text = R"({"machine": )" + machine +
                           R"(, "kernel": {"scheduler": {"policy": "rr", "quantum": 50}}, "workload": {"programs": [)" +
                           R"({"path": ")" + program + R"(.elf", "args": [)" + args + R"(]}], "userland": true, )" +
                           R"("console_input": )" + input.dump() + "}}";
  const Scenario scenario = parse_scenario(text, kPrebuilt + "scenario.json");
  Simulation simulation(scenario);
  const RunResult result = simulation.run();
  KernsimRun run;
  run.console = simulation.kernel().console_output();
  const Process& process = simulation.kernel().process(1);
  run.exited = result.all_exited && process.exited;
  run.status = process.exit_status;
  return run;
}

TEST(UserlandKernsim, LibcChecksPass) {
  const KernsimRun run = run_kernsim("tests/libc_checks", "");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_EQ(run.status, 0) << run.console;
  EXPECT_NE(run.console.find(" passed, 0 failed"), std::string::npos) << run.console;
}

TEST(UserlandKernsim, UsertestsPass) {
  const KernsimRun run = run_kernsim("tests/usertests", "");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_NE(run.console.find("usertests: "), std::string::npos) << run.console;
  EXPECT_EQ(run.console.find("FAIL"), std::string::npos) << run.console;
  EXPECT_EQ(run.status, 0) << run.console;
}

TEST(UserlandKernsim, UsertestsPassOnFourHarts) {
  const KernsimRun run = run_kernsim("tests/usertests", "", "", R"({"cpus": 4})");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_EQ(run.console.find("FAIL"), std::string::npos) << run.console;
  EXPECT_EQ(run.status, 0) << run.console;
}

TEST(UserlandKernsim, ShellRunsPipelinesRedirectionsAndBuiltins) {
  const std::string script =
      "# a comment line\n"
      "echo one two three | wc\n"
      "echo alpha > /f1 ; echo beta >> /f1\n"
      "cat /f1 | grep -n beta\n"
      "mkdir /d1\n"
      "cd /d1\n"
      "echo inside > here\n"
      "ls -l /d1\n"
      "cd /\n"
      "grep -c a < /f1\n"
      "cat /nope\n"
      "nosuchcommand\n"
      "rm -r /d1\n"
      "ls /d1\n"
      "echo 'echo from a script; exit 4' > /s.sh\n"
      "sh /s.sh\n"
      "exit 3\n"
      "echo not reached\n";
  const KernsimRun run = run_kernsim("sh", "", script);
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_EQ(run.status, 3) << run.console;
  const char* expected[] = {"$ ",
                            "      1       3      14\n",
                            "2:beta\n",
                            "-        7 here\n",
                            "2\n",
                            "cat: /nope: No such file or directory\n",
                            "sh: nosuchcommand: not found\n",
                            "ls: /d1: No such file or directory\n",
                            "from a script\n"};
  for (const char* line : expected)
    EXPECT_NE(run.console.find(line), std::string::npos) << line << " in:\n" << run.console;
  EXPECT_EQ(run.console.find("not reached"), std::string::npos) << run.console;
}

TEST(UserlandKernsim, ShellRunsBackgroundJobsAndLongPipelines) {
  const KernsimRun run =
      run_kernsim("sh", R"("-c", "echo bg & echo a b | cat | cat | cat | cat | wc -l ; echo x | wc")");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_EQ(run.status, 0) << run.console;
  EXPECT_NE(run.console.find("bg\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("] done\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("      1\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("      1       1       2\n"), std::string::npos) << run.console;
}

TEST(UserlandKernsim, KillEndsAProcess) {
  const KernsimRun run = run_kernsim("sh", R"("-c", "kill 99999; kill; kill 1 x")");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_NE(run.console.find("kill: 99999: No such process\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("usage: kill PID [SIGNAL]\n"), std::string::npos) << run.console;
  EXPECT_EQ(run.status, 1) << run.console;
}

// pid 1 is init: a program cannot kill it (EPERM), so `kill 1` leaves the shell running.
TEST(UserlandKernsim, KillCannotEndInit) {
  const KernsimRun run = run_kernsim("sh", R"("-c", "kill 1; echo still here $?; kill 1 9; echo again $?")");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_NE(run.console.find("kill: 1: Operation not permitted\nstill here 1\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("again 1\n"), std::string::npos) << run.console;
  EXPECT_EQ(run.status, 0) << run.console;
}

TEST(UserlandKernsim, ShellExpandsTheLastStatus) {
  const KernsimRun run = run_kernsim(
      "sh",
      R"("-c", "echo $?; grep x /nope; echo after grep $? \"in quotes $?\" 'not $?'; nosuch; echo $?$?; exit $?")");
  ASSERT_TRUE(run.exited) << run.console;
  EXPECT_NE(run.console.find("0\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("after grep 2 in quotes 2 not $?\n"), std::string::npos) << run.console;
  EXPECT_NE(run.console.find("127127\n"), std::string::npos) << run.console;
  EXPECT_EQ(run.status, 0) << "exit $? after a successful echo" << run.console;
}

TEST(UserlandKernsim, PwdSleepHeadAndPs) {
  const std::string script =
      "mkdir /work\n"
      "cd /work\n"
      "pwd\n"
      "echo one > f; echo two >> f; echo three >> f\n"
      "head -n 2 f\n"
      "head -n 1 f f\n"
      "cat f | head -n 1\n"
      "head -n x f; echo head status $?\n"
      "sleep 500 &\n"
      "ps\n"
      "sleep 20; echo slept $?\n"
      "sleep; echo sleep status $?\n";
  const KernsimRun run = run_kernsim("sh", "", script);
  ASSERT_TRUE(run.exited) << run.console;
  const char* expected[] = {"/work\n",
                            "one\ntwo\n",
                            "==> f <==\none\n\n==> f <==\none\n",
                            "usage: head [-n LINES] [FILE...]\nhead status 2\n",
                            "  PID  PPID S THREADS NAME\n",
                            "    1     0 S       1 sh\n",
                            "     1 S       1 sleep\n",
                            "     1 R       1 ps\n",
                            "slept 0\n",
                            "usage: sleep TICKS",
                            "sleep status 2\n"};
  for (const char* line : expected)
    EXPECT_NE(run.console.find(line), std::string::npos) << line << " in:\n" << run.console;
}

}  // namespace
}  // namespace ks
