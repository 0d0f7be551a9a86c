// The system-call table (kernel/trap/syscall_table.h) is the one list of the calls; docs/syscalls.md
// and userland's numbers (userland/lib/libc/internal.h) must say exactly what it says.
//
// WHY A TEST AND NOT A GENERATED TABLE. The documentation's table is mostly prose: what each call
// returns, its errors, how it blocks, the layouts of its records. That prose belongs in the
// documentation, where it is written and reviewed, not in C++ strings in the kernel; and a
// generator that wrote only the first three columns would have to merge its output with the
// hand-written ones. So the documentation stays hand-written and this test holds its numbers,
// names and argument lists to the table, both ways: a call with no row, a row for no call, and a
// row whose name or arguments differ each fail with the call's name. The same holds for the C
// enum the user programs are built with, which cannot include a C++ header.
//
// THE DOCUMENTATION'S ROWS. `| 63 | `read` | `fd`, `buf`, `count` | result | notes |`: the
// arguments are a comma-separated list, each a name in backticks optionally followed by a
// remark in parentheses (`dirfd` (-100 = cwd)); "—" is no argument.
#include "kernel/trap/syscall_table.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace ks {
namespace {

struct DocumentedCall {
  std::string name;
  std::vector<std::string> arguments;
};

std::string read_source_file(const std::string& relative) {
  const std::string path = std::string(KS_SOURCE_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// The text between backticks when TEXT is exactly "`name`", else nothing.
std::optional<std::string> backticked(const std::string& text) {
  if (text.size() < 3 || text.front() != '`' || text.back() != '`') return std::nullopt;
  const std::string inner = text.substr(1, text.size() - 2);
  if (inner.find('`') != std::string::npos) return std::nullopt;
  return inner;
}

// The argument names of an arguments cell, or a description of what is wrong with it.
std::optional<std::vector<std::string>> parse_arguments(const std::string& cell, std::string& problem) {
  if (cell == "—") return std::vector<std::string>{};
  std::vector<std::string> items{""};
  int depth = 0;
  for (const char c : cell) {  // split at the commas outside parentheses
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      items.emplace_back();
    } else {
      items.back().push_back(c);
    }
  }
  std::vector<std::string> names;
  for (std::string item : items) {
    item = trim(item);
    if (const std::size_t remark = item.find(" ("); remark != std::string::npos && item.back() == ')') {
      item = item.substr(0, remark);
    }
    const std::optional<std::string> name = backticked(item);
    if (!name) {
      problem = "argument \"" + item + "\" is not a name in backticks";
      return std::nullopt;
    }
    names.push_back(*name);
  }
  return names;
}

// The rows of the table in DOC, by number; PROBLEMS gets every row it cannot read.
std::map<std::uint32_t, DocumentedCall> documented_calls(const std::string& doc, std::vector<std::string>& problems) {
  std::map<std::uint32_t, DocumentedCall> calls;
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() < 3 || line.compare(0, 2, "| ") != 0 || !std::isdigit(static_cast<unsigned char>(line[2]))) {
      continue;  // not a row of the calls' table
    }
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(trim(cell));
    const std::string where = "docs/syscalls.md row \"" + line.substr(0, 40) + "...\": ";
    if (cells.size() < 3) {
      problems.push_back(where + "fewer than three cells");
      continue;
    }
    std::uint32_t number = 0;
    try {
      std::size_t used = 0;
      number = static_cast<std::uint32_t>(std::stoul(cells[0], &used));
      if (used != cells[0].size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      problems.push_back(where + "the number \"" + cells[0] + "\" is not a number");
      continue;
    }
    const std::optional<std::string> name = backticked(cells[1]);
    if (!name) {
      problems.push_back(where + "the name \"" + cells[1] + "\" is not in backticks");
      continue;
    }
    std::string problem;
    const std::optional<std::vector<std::string>> arguments = parse_arguments(cells[2], problem);
    if (!arguments) {
      problems.push_back(where + problem);
      continue;
    }
    if (!calls.emplace(number, DocumentedCall{*name, *arguments}).second) {
      problems.push_back(where + "a second row for number " + std::to_string(number));
    }
  }
  return calls;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return "(" + text + ")";
}

std::vector<std::string> table_arguments(const SyscallEntry& entry) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < entry.argument_count(); ++i) names.emplace_back(entry.arguments[i]);
  return names;
}

// Every way DOC's table differs from kSyscalls, one line each, naming the call.
std::vector<std::string> doc_differences(const std::string& doc) {
  std::vector<std::string> problems;
  std::map<std::uint32_t, DocumentedCall> documented = documented_calls(doc, problems);
  for (const SyscallEntry& entry : kSyscalls) {
    const std::string call = std::string(entry.name) + " (" + std::to_string(entry.number) + ")";
    const auto row = documented.find(entry.number);
    if (row == documented.end()) {
      problems.push_back(call + ": no row in docs/syscalls.md");
      continue;
    }
    if (row->second.name != entry.name) problems.push_back(call + ": docs/syscalls.md calls it " + row->second.name);
    const std::vector<std::string> arguments = table_arguments(entry);
    if (row->second.arguments != arguments) {
      problems.push_back(call + ": docs/syscalls.md has arguments " + joined(row->second.arguments) + ", the table " +
                         joined(arguments));
    }
    documented.erase(row);
  }
  for (const auto& [number, row] : documented) {
    problems.push_back(row.name + " (" + std::to_string(number) + "): a row in docs/syscalls.md for no system call");
  }
  return problems;
}

// Every way userland's `SYS_name = number,` enum differs from kSyscalls.
std::vector<std::string> userland_differences(const std::string& header) {
  std::vector<std::string> problems;
  std::map<std::string, std::uint32_t> declared;
  std::istringstream lines(header);
  std::string line;
  while (std::getline(lines, line)) {
    const std::string text = trim(line);
    const std::size_t equals = text.find(" = ");
    if (text.compare(0, 4, "SYS_") != 0 || equals == std::string::npos) continue;
    declared[text.substr(4, equals - 4)] = static_cast<std::uint32_t>(std::stoul(text.substr(equals + 3)));
  }
  for (const SyscallEntry& entry : kSyscalls) {
    const std::string name(entry.name);
    const auto found = declared.find(name);
    if (found == declared.end()) {
      problems.push_back(name + ": no SYS_" + name + " in userland");
    } else if (found->second != entry.number) {
      problems.push_back(name + ": userland says " + std::to_string(found->second) + ", the table " +
                         std::to_string(entry.number));
    }
    if (found != declared.end()) declared.erase(found);
  }
  for (const auto& [name, number] : declared) problems.push_back(name + ": in userland but not a system call");
  return problems;
}

std::string lines_of(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) text += problem + "\n";
  return text;
}

// DOC with the row that starts with START replaced by REPLACEMENT (removed when empty).
std::string with_row(const std::string& doc, const std::string& start, const std::string& replacement) {
  const std::size_t at = doc.find("\n" + start);
  EXPECT_NE(at, std::string::npos) << "docs/syscalls.md has no row starting " << start;
  if (at == std::string::npos) return doc;
  const std::size_t end = doc.find('\n', at + 1);
  return doc.substr(0, at + 1) + replacement + (replacement.empty() ? "" : "\n") + doc.substr(end + 1);
}

TEST(SyscallTable, DocsSyscallsListsExactlyTheTablesCalls) {
  const std::vector<std::string> problems = doc_differences(read_source_file("docs/syscalls.md"));
  EXPECT_TRUE(problems.empty()) << lines_of(problems);
}

TEST(SyscallTable, UserlandNumbersAreTheTablesNumbers) {
  const std::vector<std::string> problems = userland_differences(read_source_file("userland/lib/libc/internal.h"));
  EXPECT_TRUE(problems.empty()) << lines_of(problems);
}

TEST(SyscallTable, ADocWithoutACallsRowNamesTheCall) {
  const std::string doc = with_row(read_source_file("docs/syscalls.md"), "| 1005 |", "");
  EXPECT_EQ(lines_of(doc_differences(doc)), "thread_join (1005): no row in docs/syscalls.md\n");
}

TEST(SyscallTable, ADocRowForNoCallIsNamed) {
  const std::string doc = with_row(read_source_file("docs/syscalls.md"), "| 1006 |",
                                   "| 1006 | `gettid` | — | the thread id | |\n| 1001 | `spawn` | `path` | a pid | |");
  EXPECT_EQ(lines_of(doc_differences(doc)), "spawn (1001): a row in docs/syscalls.md for no system call\n");
}

TEST(SyscallTable, ADocRowWithOtherArgumentsOrAnotherNameIsNamed) {
  std::string doc = read_source_file("docs/syscalls.md");
  doc = with_row(doc, "| 63 |", "| 63 | `read` | `fd`, `buffer`, `count` | bytes read | |");
  doc = with_row(doc, "| 57 |", "| 57 | `close_fd` | `fd` | 0 | |");
  doc = with_row(doc, "| 172 |", "| 172 | `getpid` | `pid` | the pid | |");
  EXPECT_EQ(lines_of(doc_differences(doc)),
            "close (57): docs/syscalls.md calls it close_fd\n"
            "read (63): docs/syscalls.md has arguments (fd, buffer, count), the table (fd, buf, count)\n"
            "getpid (172): docs/syscalls.md has arguments (pid), the table ()\n");
}

TEST(SyscallTable, ADocRowThatCannotBeReadSaysWhy) {
  const std::string doc =
      with_row(read_source_file("docs/syscalls.md"), "| 23 |", "| 23 | `dup` | fd | the lowest free fd | |");
  const std::string problems = lines_of(doc_differences(doc));
  EXPECT_NE(problems.find("argument \"fd\" is not a name in backticks"), std::string::npos) << problems;
  EXPECT_NE(problems.find("dup (23): no row in docs/syscalls.md"), std::string::npos) << problems;
}

TEST(SyscallTable, UserlandWithAMissingOrWrongNumberIsNamed) {
  const std::string header = "enum {\n  SYS_read = 63,\n  SYS_write = 65,\n  SYS_spawn = 1001,\n};\n";
  const std::string problems = lines_of(userland_differences(header));
  EXPECT_NE(problems.find("write: userland says 65, the table 64\n"), std::string::npos) << problems;
  EXPECT_NE(problems.find("getcwd: no SYS_getcwd in userland\n"), std::string::npos) << problems;
  EXPECT_NE(problems.find("spawn: in userland but not a system call\n"), std::string::npos) << problems;
  EXPECT_EQ(problems.find("read:"), std::string::npos) << problems;
}

TEST(SyscallTable, NamesAndNumbersFollowFromTheTable) {
  EXPECT_EQ(syscall_name(63), "read");
  EXPECT_EQ(syscall_name(1007), "process_list");
  EXPECT_EQ(syscall_name(1001), "unknown") << "1001 is no call";
  EXPECT_EQ(find_syscall(1001), nullptr);
  EXPECT_EQ(find_syscall(0), nullptr);
  EXPECT_EQ(find_syscall(UINT32_MAX), nullptr);
  static_assert(syscall_number("wait4") == 260);
  for (const SyscallEntry& entry : kSyscalls) {
    ASSERT_EQ(find_syscall(entry.number), &entry) << entry.name;
    EXPECT_EQ(syscall_name(entry.number), entry.name);
  }
}

TEST(SyscallTable, EveryCallHasExactlyOneHandler) {
  for (const SyscallEntry& entry : kSyscalls) {
    EXPECT_NE(entry.handler == nullptr, entry.process_handler == nullptr) << entry.name;
  }
}

TEST(SyscallTable, ArgumentsAreNamedWithoutGaps) {
  for (const SyscallEntry& entry : kSyscalls) {
    for (std::size_t i = entry.argument_count(); i < kMaxSyscallArguments; ++i) {
      EXPECT_TRUE(entry.arguments[i].empty()) << entry.name << ": argument " << i << " after an unnamed one";
    }
  }
}

}  // namespace
}  // namespace ks
