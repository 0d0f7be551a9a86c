// A student's own program: userland/cc compiles a C file against the userland's libc, and the
// ELF it makes runs on kernsim's kernel, as userland/README.md's "hello world" walk-through
// says. Needs a clang that can target riscv32 and ld.lld (as userland/build.sh does); skipped,
// saying so, without them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "scenario/simulation.h"

namespace ks {
namespace {

const std::string kUserland = std::string(KS_SOURCE_DIR) + "/userland/";

// Whether `clang` can compile and link for riscv32 here (the host's shell runs it).
bool can_build_riscv32(const std::filesystem::path& scratch) {
  const std::string probe =
      "echo 'int _start(void) { return 0; }' | clang --target=riscv32-unknown-elf -march=rv32ima -mabi=ilp32 "
      "-nostdlib -fuse-ld=lld -x c - -o \"" +
      (scratch / "probe.elf").string() + "\" > /dev/null 2>&1";
  return std::system(probe.c_str()) == 0;
}

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(StudentProgram, HelloWorldBuildsWithUserlandCcAndRuns) {
  const std::filesystem::path scratch = std::filesystem::path(KS_BINARY_DIR) / "student_program_test";
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  if (!can_build_riscv32(scratch)) {
    GTEST_SKIP() << "clang cannot build for riscv32 here (install clang 14 or later and lld to run this test)";
  }
  std::ofstream(scratch / "hello.c")
      << "#include <stdio.h>\n"
         "#include <unistd.h>\n"
         "int main(int argc, char **argv) {\n"
         "  printf(\"hello, world: %s, %d argument(s), pid %d\\n\", argv[0], argc - 1, getpid());\n"
         "  return 42;\n"
         "}\n";
  const std::filesystem::path elf = scratch / "hello.elf";
  const std::string command =
      "sh \"" + kUserland + "cc\" \"" + (scratch / "hello.c").string() + "\" -o \"" + elf.string() + "\" 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  ASSERT_TRUE(std::filesystem::is_regular_file(elf));

  // As `kernsim exec hello.elf world` runs it.
  Scenario scenario =
      parse_scenario(R"({"workload": {"programs": [{"path": "echo.elf"}]}})", kUserland + "prebuilt/s.json");
  UserProcessSpec& program = scenario.programs.front();
  program.name = "hello";
  program.file = elf.string();
  const std::string bytes = read_bytes(elf);
  program.image.assign(bytes.begin(), bytes.end());
  program.argv = {"hello", "world"};
  Simulation simulation(scenario);
  const RunResult result = simulation.run();
  ASSERT_TRUE(result.all_exited) << simulation.kernel().console_output();
  EXPECT_EQ(simulation.kernel().console_output(), "hello, world: hello, 1 argument(s), pid 1\n");
  EXPECT_EQ(simulation.kernel().process(1).exit_status, 42);
}

TEST(StudentProgram, UserlandCcRefusesWhatIsNotACFile) {
  const std::string command = "sh \"" + kUserland + "cc\" not-a-c-file.txt > /dev/null 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace ks
