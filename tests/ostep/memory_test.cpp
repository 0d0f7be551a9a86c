// The memory chapters' simulators against the textbook's scripts: every case recorded under
// tests/ostep/data/SIM/ (cases.txt: NAME EXIT ARGS; NAME.out and NAME.err the script's standard
// output and error, recorded with CPython 3.11) must give the same output, line for line. The
// scripts' "SIM.py" in usage lines is "kernsim ostep SIM" here, and where a script exits 1 after
// its own "Error:" message kernsim exits 2, its status for bad input. Then the cases the scripts
// die on with a traceback, which kernsim must answer with a clear message, and --json.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ostep/simulator.h"
#include "tests/ostep/test_data.h"

namespace ks::ostep {
namespace {

bool exists(const std::string& relative) { return std::ifstream(test::data_path(relative)).good(); }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Words of a recorded command line as Python's shlex.join wrote them (plain or single-quoted).
std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (ch == '\'') {
      in_word = true;
      for (++i; i < line.size() && line[i] != '\''; ++i) word += line[i];
    } else if (ch == '"' && line.compare(i, 3, "\"'\"") == 0) {
      word += '\'';
      i += 2;
    } else if (ch == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

// The first line where EXPECTED and ACTUAL differ, for a readable failure.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream a(expected);
  std::istringstream b(actual);
  std::string la;
  std::string lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "(only the final newline differs)";
    if (!more_a || !more_b || la != lb) {
      return "line " + std::to_string(line) + ":\n  script:  " + (more_a ? la : "<end>") +
             "\n  kernsim: " + (more_b ? lb : "<end>");
    }
  }
}

// Runs every recorded case of simulator NAME; returns how many ran.
int check_recorded(const std::string& name) {
  const std::string folder = name + "/";
  const std::string script = name + ".py";
  const std::string prog = "kernsim ostep " + name;
  int cases = 0;
  for (const std::string& line : test::lines_of(test::read_data(folder + "cases.txt"))) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> words = split_words(line);
    const std::string case_name = words.at(0);
    const int recorded_status = std::stoi(words.at(1));
    std::vector<std::string> args(words.begin() + 2, words.end());
    std::string expected_out = replace_all(test::read_data(folder + case_name + ".out"), script, prog);
    for (auto& arg : args) {
      // An argument naming a file recorded beside the cases is that file.
      if (arg.find('/') == std::string::npos && !arg.empty() && arg[0] != '-' && exists(folder + arg)) {
        const std::string path = test::data_path(folder + arg);
        expected_out = replace_all(expected_out, "ARG addressfile " + arg + "\n", "ARG addressfile " + path + "\n");
        arg = path;
      }
    }
    const std::string expected_err = exists(folder + case_name + ".err")
                                         ? replace_all(test::read_data(folder + case_name + ".err"), script, prog)
                                         : "";
    const test::RunResult actual = test::run_simulator(name, args);
    const std::string what = name + " case " + case_name + " (" + line.substr(line.find(' ', 4) + 1) + ")";
    EXPECT_EQ(actual.status, recorded_status == 1 ? 2 : recorded_status) << what << "\n" << actual.err;
    EXPECT_TRUE(actual.out == expected_out)
        << what << ", standard output, " << first_difference(expected_out, actual.out);
    EXPECT_EQ(actual.err, expected_err) << what;
    ++cases;
  }
  return cases;
}

TEST(OstepMemoryRecorded, RelocationAnswersAsTheScript) { EXPECT_GT(check_recorded("relocation"), 100); }
TEST(OstepMemoryRecorded, SegmentationAnswersAsTheScript) { EXPECT_GT(check_recorded("segmentation"), 100); }
TEST(OstepMemoryRecorded, MallocAnswersAsTheScript) { EXPECT_GT(check_recorded("malloc"), 130); }
TEST(OstepMemoryRecorded, PagingLinearTranslateAnswersAsTheScript) {
  EXPECT_GT(check_recorded("paging-linear-translate"), 90);
}
TEST(OstepMemoryRecorded, PagingMultilevelTranslateAnswersAsTheScript) {
  EXPECT_GT(check_recorded("paging-multilevel-translate"), 50);
}
TEST(OstepMemoryRecorded, PagingPolicyAnswersAsTheScript) { EXPECT_GT(check_recorded("paging-policy"), 120); }

// --- Input the scripts die on (a traceback) or never finish with: a clear message, exit 2. ---

struct Refusal {
  const char* simulator;
  std::vector<std::string> args;
  const char* message;      // must appear on standard error
  const char* text_so_far;  // must appear on standard output ("" for none)
};

class OstepMemoryRefuses : public ::testing::TestWithParam<Refusal> {};

TEST_P(OstepMemoryRefuses, WithAClearMessageAndStatus2) {
  const Refusal& refusal = GetParam();
  const test::RunResult result = test::run_simulator(refusal.simulator, refusal.args);
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find(std::string("kernsim ostep ") + refusal.simulator + ": error: "), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(refusal.message), std::string::npos) << result.err;
  EXPECT_NE(result.out.find(refusal.text_so_far), std::string::npos) << result.out;
}

const std::string kBlankLineFile = test::data_path("paging-policy/blank-line.txt");

INSTANTIATE_TEST_SUITE_P(
    Cases, OstepMemoryRefuses,
    ::testing::Values(
        // Sizes that are not Python ints (the scripts' int() raises), or too large to keep exact.
        Refusal{"relocation", {"-b", "0x100"}, "-b (--b): '0x100' is not a size", "ARG seed 0"},
        Refusal{"relocation", {"-a", ""}, "-a (--asize): '' is not a size", ""},
        Refusal{"relocation", {"-p", "99999999999g"}, "-p (--physmem): '99999999999g' is too large", ""},
        Refusal{"segmentation", {"-L", "1.5k"}, "-L (--l1): '1.5k' is not a size", ""},
        Refusal{"paging-linear-translate", {"-P", "4kb"}, "-P (--pagesize): '4kb' is not a size", ""},
        // The scripts draw bases until one fits; where none can, they would draw forever.
        Refusal{"relocation", {"-l", "20k"}, "a limit of 20480 leaves no room", ""},
        Refusal{"segmentation", {"-a", "100", "-p", "1k", "-L", "4410"}, "random base of segment 1", ""},
        Refusal{"segmentation", {"-a", "17", "-p", "100", "-l", "1653"}, "random base of segment 0", ""},
        // Addresses and operations that are not numbers stop where the script's int() would.
        Refusal{"segmentation",
                {"-A", "5,x", "-c"},
                "-A (--addresses): 'x' is not an integer",
                "VA  0: 0x00000005 (decimal:    5) --> VALID in SEG0"},
        Refusal{"paging-linear-translate", {"-A", "7,oops"}, "'oops' is not an integer", "VA 0x00000007"},
        Refusal{"paging-linear-translate",
                {"-A", "70000", "-c"},
                "virtual address 70000 is outside the address space",
                "Virtual Address Trace"},
        Refusal{"paging-linear-translate", {"-P", "0"}, "the page size must not be 0", ""},
        Refusal{
            "paging-linear-translate", {"-P", "-4k"}, "page size must be a power of 2 (the size must be positive)", ""},
        // malloc's assertions and its undefined abort().
        Refusal{"malloc", {"-p", "NEXT"}, "'NEXT' is not a policy (BEST, WORST or FIRST)", ""},
        Refusal{"malloc", {"-l", "SORTED"}, "'SORTED' is not a list order", ""},
        Refusal{"malloc", {"-a", "0"}, "-a (--alignment): 0 is not a positive alignment", ""},
        Refusal{"malloc", {"-P", "0"}, "-P (--percentAlloc): 0 must be above 0", "percentAlloc 0"},
        Refusal{"malloc", {"-A", "+5,x3"}, "'x3' is not an operation", "ptr[0] = Alloc(5) returned ?"},
        Refusal{"malloc", {"-A", "+5,"}, "'' is not an operation", ""},
        Refusal{"malloc", {"-A", "+5,+x"}, "allocation size: 'x' is not an integer", ""},
        Refusal{"malloc",
                {"-A", "+200,+5,+5,-0", "-c"},
                "frees ptr[0], whose allocation failed",
                "ptr[0] = Alloc(200) returned -1"},
        Refusal{"malloc", {"-A", "+0,+0"}, "address 1000 was handed out twice", "ptr[0] = Alloc(0)"},
        // paging-multilevel-translate runs out of its 128 physical pages.
        Refusal{"paging-multilevel-translate", {"-s", "3", "-a", "100"}, "physical memory (128 pages) is full", ""},
        // paging-policy's string flags are read with int(); a cache that cannot hold a page; no hit rate.
        Refusal{"paging-policy", {"-s", "0x10"}, "-s (--seed): '0x10' is not an integer", "ARG seed 0x10"},
        Refusal{"paging-policy", {"-C", "zero"}, "-C (--cachesize): 'zero' is not an integer", ""},
        Refusal{"paging-policy", {"-C", "0", "-c"}, "a cache of 0 pages cannot hold page", "Solving..."},
        Refusal{"paging-policy", {"-n", "0", "-c"}, "there are no page references", "Solving..."},
        Refusal{"paging-policy",
                {"-a", "1,x,2", "-c", "-p", "LRU"},
                "-a (--addresses): 'x' is not an integer",
                "Access: 1  MISS LRU ->"},
        Refusal{"paging-policy",
                {"-a", "1,2,1,x", "-c", "-p", "OPT", "-C", "1"},
                "'x' is not an integer",
                "Access: 1  MISS Left "},
        Refusal{"paging-policy", {"-f", "no-such-file.txt"}, "-f (--addressfile): cannot open 'no-such-file.txt'", ""},
        Refusal{"paging-policy", {"-f", kBlankLineFile}, "blank-line.txt line 2: '' is not a page number", ""}));

// A script's own "Error:" lines stay on standard output as the script prints them; with --json,
// whose standard output is data, they go to standard error instead.
TEST(OstepMemoryJson, ScriptErrorsGoToStandardErrorAndStatus2) {
  const test::RunResult text = test::run_simulator("relocation", {"-p", "1"});
  EXPECT_EQ(text.status, 2);
  EXPECT_NE(text.out.find("Error: must specify a non-zero physical memory size.\n"), std::string::npos);
  const test::RunResult json = test::run_simulator("relocation", {"-p", "1", "--json"});
  EXPECT_EQ(json.status, 2);
  EXPECT_EQ(json.out, "");
  EXPECT_EQ(json.err, "Error: must specify a non-zero physical memory size.\n");
}

TEST(OstepMemoryJson, VizSaysThereIsNoViewYet) {
  for (const char* name : {"relocation", "segmentation", "malloc", "paging-linear-translate",
                           "paging-multilevel-translate", "paging-policy"}) {
    const test::RunResult result = test::run_simulator(name, {"-s", "1", "--viz"});
    EXPECT_EQ(result.status, 2) << name;
    EXPECT_EQ(result.out, "") << name;
    EXPECT_NE(result.err.find("no visualizer view"), std::string::npos) << name << ": " << result.err;
  }
}

nlohmann::json run_json(const std::string& name, std::vector<std::string> args) {
  args.push_back("--json");
  const test::RunResult result = test::run_simulator(name, args);
  EXPECT_EQ(result.status, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

// --json is the same run as the text: the same draws and the same answers, as data.
TEST(OstepMemoryJson, RelocationDataAgreesWithTheText) {
  const nlohmann::json data = run_json("relocation", {"-s", "1", "-n", "8", "-c"});
  const std::string text = test::run_simulator("relocation", {"-s", "1", "-n", "8", "-c"}).out;
  EXPECT_EQ(data["simulator"], "relocation");
  ASSERT_EQ(data["addresses"].size(), 8U);
  const std::int64_t base = data["base"];
  const std::int64_t limit = data["limit"];
  EXPECT_NE(text.find("(decimal " + std::to_string(base) + ")"), std::string::npos);
  for (const auto& entry : data["addresses"]) {
    const std::int64_t vaddr = entry["virtual"];
    EXPECT_EQ(entry["valid"], vaddr < limit);
    if (vaddr < limit) {
      EXPECT_EQ(entry["physical"], base + vaddr);
    }
  }
  // Without -c the data holds the questions only.
  const nlohmann::json questions = run_json("relocation", {"-s", "1", "-n", "8"});
  EXPECT_EQ(questions["addresses"][0]["virtual"], data["addresses"][0]["virtual"]);
  EXPECT_FALSE(questions["addresses"][0].contains("valid"));
}

TEST(OstepMemoryJson, SegmentationDataAgreesWithTheText) {
  const nlohmann::json data = run_json("segmentation", {"-s", "2", "-n", "10", "-c"});
  const std::int64_t asize = data["address_space_size"];
  const std::int64_t base0 = data["segments"][0]["base"];
  const std::int64_t limit0 = data["segments"][0]["limit"];
  const std::int64_t top1 = data["segments"][1]["base"];
  const std::int64_t limit1 = data["segments"][1]["limit"];
  ASSERT_EQ(data["addresses"].size(), 10U);
  for (const auto& entry : data["addresses"]) {
    const std::int64_t vaddr = entry["virtual"];
    if (2 * vaddr >= asize) {
      EXPECT_EQ(entry["segment"], 1);
      EXPECT_EQ(entry["valid"], asize - vaddr <= limit1);
      if (entry["valid"]) {
        EXPECT_EQ(entry["physical"], top1 - (asize - vaddr));
      }
    } else {
      EXPECT_EQ(entry["segment"], 0);
      EXPECT_EQ(entry["valid"], vaddr < limit0);
      if (entry["valid"]) {
        EXPECT_EQ(entry["physical"], base0 + vaddr);
      }
    }
  }
}

TEST(OstepMemoryJson, MallocDataKeepsTheHeapWhole) {
  const nlohmann::json data = run_json("malloc", {"-s", "3", "-n", "20", "-C", "-c"});
  ASSERT_EQ(data["operations"].size(), 20U);
  std::int64_t allocated = 0;
  for (const auto& op : data["operations"]) {
    if (op["op"] == "alloc" && op["returned"] != -1) allocated += op["size"].get<std::int64_t>();
    std::int64_t free_bytes = 0;
    for (const auto& chunk : op["free_list"]) free_bytes += chunk["size"].get<std::int64_t>();
    EXPECT_LE(free_bytes, 100);
    EXPECT_GE(free_bytes, 0);
  }
  EXPECT_GT(allocated, 0);
  EXPECT_EQ(data["options"]["policy"], "BEST");
}

TEST(OstepMemoryJson, PagingLinearTranslateDataUsesItsPageTable) {
  const nlohmann::json data = run_json("paging-linear-translate", {"-s", "4", "-n", "10", "-c"});
  const std::int64_t page_size = data["page_size"];
  const auto& table = data["page_table"];
  ASSERT_EQ(table.size(), 4U);  // 16k / 4k
  for (const auto& entry : data["addresses"]) {
    const std::int64_t vaddr = entry["virtual"];
    const std::int64_t frame = table[static_cast<std::size_t>(vaddr / page_size)];
    EXPECT_EQ(entry["valid"], frame >= 0);
    if (frame >= 0) {
      EXPECT_EQ(entry["physical"], frame * page_size + vaddr % page_size);
    }
  }
}

TEST(OstepMemoryJson, PagingMultilevelTranslateDataReadsItsMemory) {
  const nlohmann::json data = run_json("paging-multilevel-translate", {"-s", "5", "-n", "20", "-c"});
  ASSERT_EQ(data["memory"].size(), 128U);
  int translated = 0;
  for (const auto& entry : data["addresses"]) {
    if (!entry.contains("physical")) continue;
    const int paddr = entry["physical"];
    const std::string page = data["memory"][static_cast<std::size_t>(paddr / 32)];
    EXPECT_EQ(std::stoi(page.substr(static_cast<std::size_t>(paddr % 32) * 2, 2), nullptr, 16), entry["value"]);
    ++translated;
  }
  EXPECT_GT(translated, 0);
}

TEST(OstepMemoryJson, PagingPolicyDataCountsHitsAndMisses) {
  for (const char* policy : {"FIFO", "LRU", "OPT", "UNOPT", "RAND", "CLOCK", "MRU"}) {
    const nlohmann::json data = run_json("paging-policy", {"-s", "6", "-n", "30", "-p", policy, "-c"});
    ASSERT_EQ(data["trace"].size(), 30U) << policy;
    std::int64_t hits = 0;
    for (const auto& step : data["trace"]) {
      hits += step["hit"].get<bool>() ? 1 : 0;
      EXPECT_LE(step["memory"].size(), 3U) << policy;
    }
    EXPECT_EQ(data["hits"], hits) << policy;
    EXPECT_EQ(data["misses"], 30 - hits) << policy;
    EXPECT_EQ(data["references"].size(), 30U) << policy;
  }
}

}  // namespace
}  // namespace ks::ostep
