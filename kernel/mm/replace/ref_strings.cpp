// kernel/mm/replace/ref_strings.cpp — reading and generating reference strings (ref_strings.h).
#include "kernel/mm/replace/ref_strings.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "sim-core/error.h"
#include "sim-core/random.h"

namespace ks {
namespace {

// Where a reference was written: the column of its first character, and the line for files.
struct Position {
  std::int64_t line = 0;
  std::int64_t column = 1;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// One reference, "7", "7w" or "7r", with spaces around it allowed; the problem when it is not one.
std::optional<std::string> add_reference(std::string_view token, ReferenceString& refs) {
  while (!token.empty() && is_space(token.front())) token.remove_prefix(1);
  while (!token.empty() && is_space(token.back())) token.remove_suffix(1);
  if (token.empty()) return "a reference is missing (two commas in a row, or one at an end?)";
  bool write = false;
  std::string_view number = token;
  if (const char last = number.back(); last == 'w' || last == 'W' || last == 'r' || last == 'R') {
    write = last == 'w' || last == 'W';
    number.remove_suffix(1);
  }
  std::uint64_t page = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), page);
  if (number.empty() || end != number.data() + number.size() || error == std::errc::invalid_argument) {
    return "expected a page number, optionally followed by w (a write) or r (a read), got \"" + std::string(token) +
           "\"";
  }
  if (error == std::errc::result_out_of_range || page > UINT32_MAX) {
    return "page " + std::string(number) + " is too large (at most " + std::to_string(UINT32_MAX) + ")";
  }
  refs.add({0, static_cast<std::uint32_t>(page)}, write);
  return std::nullopt;
}

// Splits LINE at commas and adds each reference; FAIL(position, problem) reports a bad one.
template <class Fail>
void add_references(std::string_view line, Position at, ReferenceString& refs, const Fail& fail) {
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = std::min(line.find(',', start), line.size());
    const std::string_view token = line.substr(start, comma - start);
    std::size_t first = 0;
    while (first < token.size() && is_space(token[first])) ++first;
    if (const auto problem = add_reference(token, refs)) {
      fail(Position{at.line, at.column + static_cast<std::int64_t>(start + first)}, *problem);
    }
    if (comma == line.size()) return;
    start = comma + 1;
  }
}

}  // namespace

ReferenceString parse_reference_list(std::string_view text, const std::string& option) {
  ReferenceString refs;
  const auto fail = [&option](Position at, const std::string& problem) {
    throw InputError({"", 0, at.column, option}, problem);
  };
  if (text.find_first_not_of(" \t") == std::string_view::npos) fail({0, 0}, "there are no references");
  add_references(text, {0, 1}, refs, fail);
  return refs;
}

ReferenceString parse_reference_file(std::string_view text, const std::string& file) {
  ReferenceString refs;
  const auto fail = [&file](Position at, const std::string& problem) {
    throw InputError({file, at.line, at.column, ""}, problem);
  };
  std::int64_t number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    ++number;
    if (line.find('\0') != std::string_view::npos) {
      fail({number, static_cast<std::int64_t>(line.find('\0')) + 1}, "a NUL byte: this is not a text file");
    }
    line = line.substr(0, std::min(line.find('#'), line.size()));
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) add_references(line, {number, 1}, refs, fail);
    start = end + 1;
  }
  if (refs.size() == 0) fail({0, 0}, "there are no references (one page number a line, or comma-separated)");
  return refs;
}

}  // namespace ks
