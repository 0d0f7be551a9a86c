// scenario/policy_list.cpp — the parser of `--policies` lists (policy_list.h): the text is split
// at commas and colons keeping each piece's column, so that a problem is reported where it is;
// names and parameter names are checked against the scheduler registry, values later, by
// override_policy, against the declarations (kernel/policy/params.h).
#include "scenario/policy_list.h"

#include <cctype>

#include "kernel/sched/registry.h"
#include "sim-core/error.h"

namespace ks {
namespace {

struct Piece {
  std::string text;
  std::int64_t column;  // 1-based
};

// Splits TEXT at SEPARATOR, keeping each piece's position; a comma followed by a digit stays
// inside the piece (a per-level value such as quantum=2,4,8).
std::vector<Piece> split(const std::string& text, char separator, std::int64_t first_column) {
  std::vector<Piece> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool continues_value = separator == ',' && i + 1 < text.size() &&
                                 std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0 && i > start;
    if (i == text.size() || (text[i] == separator && !continues_value)) {
      pieces.push_back({text.substr(start, i - start), first_column + static_cast<std::int64_t>(start)});
      start = i + 1;
    }
  }
  return pieces;
}

}  // namespace

std::vector<PolicyChoice> parse_policy_list(const std::string& text, const std::string& option) {
  const auto fail = [&](std::int64_t column, const std::string& problem) {
    throw InputError({"", 0, column, option}, problem);
  };
  std::vector<PolicyChoice> choices;
  for (const Piece& item : split(text, ',', 1)) {
    if (item.text.empty())
      fail(item.column, "empty policy (two commas in a row, or a comma at an end?); e.g. fifo,rr:quantum=2");
    const std::vector<Piece> parts = split(item.text, ':', item.column);
    PolicyChoice choice;
    choice.policy = parts[0].text;
    choice.column = item.column;
    const PolicyInfo* policy = find_policy(choice.policy);
    if (policy == nullptr)
      fail(item.column, "unknown policy \"" + choice.policy + "\" (known: " + policy_names() + ")");
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const std::string& assignment = parts[i].text;
      const auto equals = assignment.find('=');
      if (equals == std::string::npos || equals == 0) {
        fail(parts[i].column, "expected KEY=VALUE after \"" + choice.policy + ":\", got \"" + assignment + "\"");
      }
      const std::string key = assignment.substr(0, equals);
      if (find_param(policy->params, key) == nullptr)
        fail(parts[i].column, "policy \"" + choice.policy + "\" has no parameter \"" + key + "\"");
      choice.params.push_back(assignment);
    }
    choices.push_back(std::move(choice));
  }
  return choices;
}

}  // namespace ks
