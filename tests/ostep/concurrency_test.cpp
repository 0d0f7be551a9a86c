// The x86 race simulator against x86.py's recorded outputs, and the cases the script cannot show.
//
// tests/ostep/data/x86/index.txt lists every recorded run (hand-picked cases.txt plus randomly
// drawn flags and seeds, see record.py): for each, kernsim's whole standard output must equal the
// script's, its exit status must be 0 where the script succeeded and 2 where it stopped, and an
// optparse error must read the same on standard error. The programs are this project's own .s
// files under data/x86/programs/ (the textbook's repository carries no licence for its own).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "ostep/concurrency/x86_machine.h"
#include "ostep/concurrency/x86_program.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

namespace fs = std::filesystem;
using test::read_data;
using test::run_simulator;

struct RecordedCase {
  std::string name;
  std::string status;  // ok, error (the script's own message), usage (optparse), crash (a Python exception)
  std::vector<std::string> args;
};

// shlex.split for what record.py writes: words separated by spaces, some in single quotes.
std::vector<std::string> shell_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  for (const char c : line) {
    if (c == '\'') {
      quoted = !quoted;
      in_word = true;
    } else if (c == ' ' && !quoted) {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::vector<RecordedCase> recorded_cases() {
  std::vector<RecordedCase> cases;
  for (const std::string& line : test::lines_of(read_data("x86/index.txt"))) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = test::split(line, '\t');
    if (fields.size() != 3) continue;
    cases.push_back({fields[0], fields[1], shell_words(fields[2])});
  }
  return cases;
}

// The recorded runs were made from data/x86 (their ARG echo names "programs/..."), so are these.
class InDataFolder {
 public:
  InDataFolder() : previous_(fs::current_path()) { fs::current_path(test::data_path("x86")); }
  ~InDataFolder() { fs::current_path(previous_); }
  InDataFolder(const InDataFolder&) = delete;
  InDataFolder& operator=(const InDataFolder&) = delete;

 private:
  fs::path previous_;
};

class X86Recorded : public testing::TestWithParam<RecordedCase> {};

TEST_P(X86Recorded, PrintsWhatTheScriptPrinted) {
  const RecordedCase& recorded = GetParam();
  const InDataFolder here;
  const test::RunResult run = run_simulator("x86", recorded.args);
  EXPECT_EQ(run.out, read_data("x86/expected/" + recorded.name + ".out"));
  if (recorded.status == "ok") {
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
  } else {
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err, "");
  }
  if (recorded.status == "usage") {
    EXPECT_EQ(run.err, read_data("x86/expected/" + recorded.name + ".err"));
  }
  if (recorded.status == "error" || recorded.status == "crash") {
    EXPECT_EQ(run.err.rfind("kernsim ostep x86: ", 0), 0u) << run.err;
  }
}

std::string case_name(const testing::TestParamInfo<RecordedCase>& recorded) {
  std::string name = recorded.param.name;
  for (char& c : name) c = (c == '-') ? '_' : c;
  return name;
}

INSTANTIATE_TEST_SUITE_P(Runs, X86Recorded, testing::ValuesIn(recorded_cases()), case_name);

TEST(X86, RecordsCoverEveryProgramAndEnoughRuns) {
  const std::vector<RecordedCase> cases = recorded_cases();
  EXPECT_GE(cases.size(), 140u);
  for (const auto& entry : fs::directory_iterator(test::data_path("x86/programs"))) {
    const std::string program = "programs/" + entry.path().filename().string();
    if (program == "programs/bad-forever.s" || program == "programs/bad-mdump.s")
      continue;  // the script cannot finish these
    bool used = false;
    for (const RecordedCase& recorded : cases) {
      for (const std::string& arg : recorded.args) used = used || arg == program;
    }
    EXPECT_TRUE(used) << program << " is in no recorded run";
  }
}

x86::Program assemble_text(const std::string& text) {
  std::ostringstream ignored;
  return x86::assemble(text, "test.s", 1000, false, ignored);
}

TEST(X86, ARunThatNeverHaltsStopsWithAClearError) {
  const x86::Program program = assemble_text(".main\n.forever\nj .forever\n");
  x86::MachineOptions options;
  options.argv = {""};
  options.max_instructions = 5000;
  std::ostringstream out;
  try {
    x86::run_machine(program, options, out, false);
    FAIL() << "the run did not stop";
  } catch (const x86::X86Error& error) {
    EXPECT_NE(std::string(error.what()).find("stopped after 5000 instructions"), std::string::npos) << error.what();
  }
  EXPECT_NE(out.str().find("1000 j .forever"), std::string::npos);
}

TEST(X86, ValuesThatLeaveSixtyFourBitsStopTheRun) {
  const x86::Program program = assemble_text(".main\nmov $4611686018427387904, %ax\nmul $2, %ax\nhalt\n");
  x86::MachineOptions options;
  options.threads = 1;
  options.argv = {""};
  std::ostringstream out;
  EXPECT_THROW(x86::run_machine(program, options, out, false), x86::X86Error);
  const x86::Program fits = assemble_text(".main\nmov $4611686018427387903, %ax\nmul $2, %ax\nneg %ax\nhalt\n");
  EXPECT_NO_THROW(x86::run_machine(fits, options, out, false));
}

TEST(X86, LineEndingsDoNotChangeTheProgram) {
  const x86::Program unix_text = assemble_text(".var n\n.main\nmov n, %ax  # load\nhalt\n");
  const x86::Program windows_text = assemble_text(".var n\r\n.main\r\nmov n, %ax  # load\r\nhalt\r\n");
  const x86::Program old_mac_text = assemble_text(".var n\r.main\rmov n, %ax  # load\rhalt");
  for (const x86::Program* program : {&windows_text, &old_mac_text}) {
    ASSERT_EQ(program->code.size(), unix_text.code.size());
    for (std::size_t i = 0; i < unix_text.code.size(); ++i) {
      EXPECT_EQ(program->code[i].text, unix_text.code[i].text);
      EXPECT_EQ(x86::python_call(program->code[i]), x86::python_call(unix_text.code[i]));
    }
  }
  EXPECT_EQ(x86::python_call(unix_text.code[0]), "self.move_m_to_r(100, 0, 0, 1, 1)");
}

TEST(X86, ErrorsNameTheFileAndLine) {
  try {
    assemble_text(".main\nnop\n\njne .nowhere\n");
    FAIL() << "an undefined label was accepted";
  } catch (const x86::X86Error& error) {
    EXPECT_EQ(std::string(error.what()), "test.s:4: no label .nowhere in the program");
    EXPECT_EQ(error.script_output(), "");  // the script dies with a KeyError there
  }
  try {
    assemble_text(".main\nmov %ax, %zz\n");
    FAIL() << "an unknown register was accepted";
  } catch (const x86::X86Error& error) {
    EXPECT_EQ(std::string(error.what()), "test.s:2: Register zz is not a valid register");
    EXPECT_EQ(error.script_output(), "ABORT:: Register zz is not a valid register");
  }
}

TEST(X86, MdumpNeedsAnAddress) {
  const InDataFolder here;
  const test::RunResult run = run_simulator("x86", {"-p", "programs/bad-mdump.s"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("bad-mdump.s:2: mdump takes a memory address"), std::string::npos) << run.err;
}

TEST(X86, BinaryFilesAreRefused) {
  const fs::path file = fs::temp_directory_path() / "ks-x86-binary-test.s";
  {
    std::ofstream out(file, std::ios::binary);
    out << ".main\nhalt\n" << '\0' << "\n";
  }
  const test::RunResult run = run_simulator("x86", {"-p", file.string(), "-t", "1"});
  fs::remove(file);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("not a text file"), std::string::npos) << run.err;
}

TEST(X86, JsonIsTheSameRunAsData) {
  const InDataFolder here;
  const std::vector<std::string> args = {
      "-p", "programs/unlocked-counter.s", "-a", "bx=2", "-M", "total", "-R", "ax", "-i", "3", "-c"};
  const test::RunResult text = run_simulator("x86", args);
  std::vector<std::string> json_args = args;
  json_args.emplace_back("--json");
  const test::RunResult data = run_simulator("x86", json_args);
  ASSERT_EQ(data.status, 0) << data.err;
  const nlohmann::json run = nlohmann::json::parse(data.out);
  EXPECT_EQ(run["simulator"], "x86");
  // One instruction step per instruction line of the text, and the same final values.
  std::size_t instruction_lines = 0, interrupt_lines = 0;
  std::string last_instruction_line;
  for (const std::string& line : test::lines_of(text.out)) {
    if (line.find("------ Interrupt ------") != std::string::npos) ++interrupt_lines;
    if (std::regex_search(line, std::regex("100[0-6] [a-z]"))) {  // the program is at 1000..1006
      ++instruction_lines;
      last_instruction_line = line;
    }
  }
  std::size_t instruction_steps = 0, interrupt_steps = 0;
  for (const auto& step : run["steps"]) {
    if (step["kind"] == "instruction") ++instruction_steps;
    if (step["kind"] == "interrupt") ++interrupt_steps;
  }
  EXPECT_EQ(instruction_steps, instruction_lines);
  EXPECT_EQ(interrupt_steps, interrupt_lines);
  EXPECT_EQ(run["instructions"], instruction_lines);
  const auto& last = run["steps"].back();
  ASSERT_EQ(last["kind"], "instruction");
  std::istringstream fields(last_instruction_line);
  std::int64_t total = 0, ax = 0;
  fields >> total >> ax;
  EXPECT_EQ(last["memory"][0], total);
  EXPECT_EQ(last["registers"][0], ax);
  EXPECT_EQ(run["program"]["variables"]["total"], 100);
}

TEST(X86, VizSaysThereIsNoViewYet) {
  const test::RunResult run = run_simulator("x86", {"-p", "programs/countdown.s", "--viz"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--viz"), std::string::npos);
  EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace ks::ostep
