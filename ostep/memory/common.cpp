// Python's int(), the scripts' size parser and the run harness of the memory simulators
// (common.h says how a run stops on bad input).
#include "ostep/memory/common.h"

#include <limits>

#include "ostep/pyformat.h"
#include "ostep/simulator.h"

namespace ks::ostep::memory {
namespace {

bool is_python_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

constexpr std::int64_t kLargestSize = std::int64_t{1} << 53;

}  // namespace

std::optional<std::int64_t> python_int(std::string_view text) {
  while (!text.empty() && is_python_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_python_space(text.back())) text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.front() == '_' || text.back() == '_') return std::nullopt;
  std::uint64_t magnitude = 0;
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '_') {
      if (text[i - 1] == '_') return std::nullopt;
      continue;
    }
    if (ch < '0' || ch > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(ch - '0');
    if (magnitude > (kLimit - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative && magnitude == kLimit) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

std::int64_t python_int_or_error(std::string_view text, std::string_view what) {
  if (const auto value = python_int(text)) return *value;
  throw InputError(std::string(what) + ": '" + std::string(text) + "' is not an integer");
}

std::int64_t convert_size(std::string_view size, std::string_view what) {
  std::int64_t unit = 1;
  std::string_view number = size;
  if (!size.empty()) {
    switch (size.back()) {
      case 'k': case 'K': unit = std::int64_t{1} << 10; break;
      case 'm': case 'M': unit = std::int64_t{1} << 20; break;
      case 'g': case 'G': unit = std::int64_t{1} << 30; break;
      default: break;
    }
    if (unit != 1) number.remove_suffix(1);
  }
  const auto value = python_int(number);
  if (!value) {
    throw InputError(std::string(what) + ": '" + std::string(size) +
                     "' is not a size (an integer, optionally followed by k, m or g)");
  }
  if (*value > kLargestSize / unit || *value < -kLargestSize / unit) {
    throw InputError(std::string(what) + ": '" + std::string(size) + "' is too large (at most 2^53)");
  }
  return *value * unit;
}

int run_memory_simulator(std::string_view name, const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err, void (*declare)(OptionParser& parser),
                         void (*simulate)(const OptionParser& options, Report& report)) {
  std::vector<std::string> words = args;
  const OutputMode mode = strip_output_flags(words);
  if (mode.viz) return no_view_yet(name, err);
  OptionParser parser(ostep_prog_name(name));
  declare(parser);
  if (const auto status = parser.parse(words, out, err)) return *status;
  Report report;
  report.json = mode.json;
  report.data["simulator"] = std::string(name);
  const auto flush_text = [&] {
    if (!report.json) out << report.text.str();
  };
  try {
    simulate(parser, report);
  } catch (const ScriptStop& stop) {
    flush_text();
    (report.json ? err : out) << stop.lines;
    return 2;
  } catch (const InputError& error) {
    flush_text();
    err << ostep_prog_name(name) << ": error: " << error.what() << "\n";
    return 2;
  }
  if (report.json) {
    out << report.data.dump(2) << "\n";
  } else {
    out << report.text.str();
  }
  return 0;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1) {
    words.push_back(text.substr(start, comma - start));
  }
  words.push_back(text.substr(start));
  return words;
}

std::string option_text(const OptionValue& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return py_str(*number);
  if (const auto* real = std::get_if<double>(&value)) return py_str(*real);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* flag = std::get_if<bool>(&value)) return py_str(*flag);
  return "None";
}

nlohmann::json option_json(const OptionValue& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  return nullptr;
}

void print_words(std::ostream& out, const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) out << (i == 0 ? "" : " ") << words[i];
  out << "\n";
}

}  // namespace ks::ostep::memory
