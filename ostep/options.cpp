// optparse's grammar, conversions, messages and help layout (see options.h for the rules).
#include "ostep/options.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <locale>
#include <sstream>
#include <stdexcept>

#include "ostep/pyformat.h"

namespace ks::ostep {
namespace {

bool is_python_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

std::string_view strip(std::string_view text) {
  while (!text.empty() && is_python_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_python_space(text.back())) text.remove_suffix(1);
  return text;
}

int digit_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'Z') return ch - 'A' + 10;
  return 99;
}

char lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; }

// Python's int(TEXT, RADIX) for RADIX 2, 8, 10 or 16.
std::optional<std::int64_t> python_int_in_base(std::string_view text, int radix, bool* out_of_range) {
  text = strip(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  bool after_prefix = false;
  if (text.size() >= 2 && text[0] == '0') {
    const char marker = lower(text[1]);
    if ((radix == 16 && marker == 'x') || (radix == 8 && marker == 'o') || (radix == 2 && marker == 'b')) {
      text.remove_prefix(2);
      after_prefix = true;
    }
  }
  if (after_prefix && !text.empty() && text.front() == '_') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::uint64_t magnitude = 0;
  bool overflow = false;
  char previous = '_';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '_') {
      if (previous == '_' || i == 0 || i + 1 == text.size()) return std::nullopt;
      previous = ch;
      continue;
    }
    const int digit = digit_value(ch);
    if (digit >= radix) return std::nullopt;
    const auto base = static_cast<std::uint64_t>(radix);
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(digit)) / base)
      overflow = true;
    magnitude = magnitude * base + static_cast<std::uint64_t>(digit);
    previous = ch;
  }
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  if (overflow || magnitude > limit) {
    if (out_of_range != nullptr) *out_of_range = true;
    return std::nullopt;
  }
  if (negative) return static_cast<std::int64_t>(0 - magnitude);
  return static_cast<std::int64_t>(magnitude);
}

// Digits with single underscores between them (Python's digitpart); returns the digits only.
bool take_digitpart(std::string_view& text, std::string& digits) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return false;
  while (!text.empty()) {
    if (text.front() >= '0' && text.front() <= '9') {
      digits += text.front();
      text.remove_prefix(1);
    } else if (text.front() == '_' && text.size() >= 2 && text[1] >= '0' && text[1] <= '9') {
      text.remove_prefix(1);
    } else {
      break;
    }
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool is_letter(char ch) {
  const auto byte = static_cast<unsigned char>(ch);
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || byte >= 0x80;
}

// textwrap's chunks: runs of spaces, and words split after the hyphens its wordsep_re allows.
std::vector<std::string> textwrap_chunks(const std::string& text) {
  std::vector<std::string> chunks;
  std::size_t i = 0;
  const auto at = [&](std::size_t k) { return k < text.size() ? text[k] : '\0'; };
  while (i < text.size()) {
    std::size_t j = i;
    if (text[i] == ' ') {
      while (j < text.size() && text[j] == ' ') ++j;
    } else {
      j = i + 1;
      while (j < text.size() && text[j] != ' ') {
        const std::size_t p = j;
        if (text[p] == '-') {
          const bool behind = (p >= 2 && is_letter(at(p - 1)) && is_letter(at(p - 2))) ||
                              (p >= 3 && is_letter(at(p - 1)) && at(p - 2) == '-' && is_letter(at(p - 3)));
          const bool ahead =
              is_letter(at(p + 1)) && (is_letter(at(p + 2)) || (at(p + 2) == '-' && is_letter(at(p + 3))));
          if (behind && ahead) {
            j = p + 1;
            break;
          }
        }
        ++j;
      }
    }
    chunks.push_back(text.substr(i, j - i));
    i = j;
  }
  return chunks;
}

bool all_spaces(const std::string& chunk) {
  return std::all_of(chunk.begin(), chunk.end(), [](char ch) { return ch == ' '; });
}

}  // namespace

std::optional<std::int64_t> parse_python_int(std::string_view text, bool* out_of_range) {
  if (out_of_range != nullptr) *out_of_range = false;
  const std::string_view head = text.substr(0, 2);
  if (head.size() == 2 && head[0] == '0' && lower(head[1]) == 'x') return python_int_in_base(text, 16, out_of_range);
  if (head.size() == 2 && head[0] == '0' && lower(head[1]) == 'b') {
    const std::string_view rest = text.substr(2);
    return python_int_in_base(rest.empty() ? std::string_view("0") : rest, 2, out_of_range);
  }
  if (!text.empty() && text[0] == '0') return python_int_in_base(text, 8, out_of_range);
  return python_int_in_base(text, 10, out_of_range);
}

std::optional<std::int64_t> parse_python_decimal(std::string_view text, bool* out_of_range) {
  if (out_of_range != nullptr) *out_of_range = false;
  return python_int_in_base(text, 10, out_of_range);
}

std::optional<double> parse_python_float(std::string_view text) {
  text = strip(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const double sign = negative ? -1.0 : 1.0;
  if (iequals(text, "inf") || iequals(text, "infinity")) return sign * std::numeric_limits<double>::infinity();
  if (iequals(text, "nan")) return std::numeric_limits<double>::quiet_NaN();
  std::string number;
  std::string digits;
  const bool integer_part = take_digitpart(text, digits);
  number += digits.empty() ? "0" : digits;
  bool fraction_part = false;
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    digits.clear();
    fraction_part = take_digitpart(text, digits);
    number += "." + digits;
  }
  if (!integer_part && !fraction_part) return std::nullopt;
  if (!text.empty() && lower(text.front()) == 'e') {
    text.remove_prefix(1);
    number += 'e';
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
      number += text.front();
      text.remove_prefix(1);
    }
    digits.clear();
    if (!take_digitpart(text, digits)) return std::nullopt;
    number += digits;
  }
  if (!text.empty()) return std::nullopt;
  std::istringstream in(number);
  in.imbue(std::locale::classic());
  double value = 0.0;
  in >> value;
  if (in.fail()) {
    // Out of range: Python gives inf for a huge exponent and 0.0 for a tiny one.
    const std::size_t e = number.find('e');
    const bool tiny = e != std::string::npos && number[e + 1] == '-';
    value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
  }
  return sign * value;
}

std::vector<std::string> python_textwrap(std::string_view text, std::size_t width) {
  std::string munged;
  for (const char ch : text) {
    if (ch == '\t') {
      munged += std::string(8 - munged.size() % 8, ' ');
    } else {
      munged += is_python_space(ch) ? ' ' : ch;
    }
  }
  std::vector<std::string> chunks = textwrap_chunks(munged);
  std::reverse(chunks.begin(), chunks.end());
  std::vector<std::string> lines;
  while (!chunks.empty()) {
    std::vector<std::string> line;
    std::size_t length = 0;
    if (all_spaces(chunks.back()) && !lines.empty()) chunks.pop_back();
    while (!chunks.empty()) {
      const std::size_t chunk_length = chunks.back().size();
      if (length + chunk_length > width) break;
      line.push_back(chunks.back());
      chunks.pop_back();
      length += chunk_length;
    }
    if (!chunks.empty() && chunks.back().size() > width) {
      // A word longer than the line: break it, after a hyphen if there is one in reach.
      std::string& chunk = chunks.back();
      const std::size_t space_left = width > length ? width - length : 1;
      std::size_t end = space_left;
      const std::size_t hyphen = chunk.rfind('-', space_left - 1);
      if (hyphen != std::string::npos && hyphen > 0 && hyphen < space_left && chunk.find_first_not_of('-') < hyphen) {
        end = hyphen + 1;
      }
      line.push_back(chunk.substr(0, end));
      chunk.erase(0, end);
      length = 0;
      for (const auto& piece : line) length += piece.size();
    }
    if (!line.empty() && all_spaces(line.back())) line.pop_back();
    if (!line.empty()) {
      std::string joined;
      for (const auto& piece : line) joined += piece;
      lines.push_back(joined);
    }
  }
  return lines;
}

OutputMode strip_output_flags(std::vector<std::string>& args) {
  OutputMode mode;
  std::vector<std::string> kept;
  bool options_ended = false;
  for (auto& arg : args) {
    if (!options_ended && arg == "--json") {
      mode.json = true;
    } else if (!options_ended && arg == "--viz") {
      mode.viz = true;
    } else {
      if (arg == "--") options_ended = true;
      kept.push_back(std::move(arg));
    }
  }
  args = std::move(kept);
  return mode;
}

std::string ostep_prog_name(std::string_view name) { return "kernsim ostep " + std::string(name); }

OptionParser::OptionParser(std::string prog, std::string usage) : prog_(std::move(prog)), usage_(std::move(usage)) {
  add_flag("-h", "--help", "help", "show this help message and exit");
}

OptionParser& OptionParser::add(OptionSpec spec) {
  for (const auto& existing : specs_) {
    if ((!spec.short_name.empty() && existing.short_name == spec.short_name) ||
        (!spec.long_name.empty() && existing.long_name == spec.long_name)) {
      throw std::logic_error("OptionParser: conflicting option string: " + spec.short_name + spec.long_name);
    }
  }
  const auto found = std::find(dests_.begin(), dests_.end(), spec.dest);
  if (found == dests_.end()) {
    dests_.push_back(spec.dest);
    values_.push_back(spec.default_value);
  } else if (!std::holds_alternative<std::monostate>(spec.default_value)) {
    values_[static_cast<std::size_t>(found - dests_.begin())] = spec.default_value;
  }
  specs_.push_back(std::move(spec));
  return *this;
}

OptionParser& OptionParser::add_int(std::string short_name, std::string long_name, std::string dest,
                                    std::optional<std::int64_t> default_value, std::string help) {
  OptionValue value;
  if (default_value) value = *default_value;
  return add(
      {std::move(short_name), std::move(long_name), std::move(dest), OptionType::Int, value, std::move(help), ""});
}

OptionParser& OptionParser::add_float(std::string short_name, std::string long_name, std::string dest,
                                      std::optional<double> default_value, std::string help) {
  OptionValue value;
  if (default_value) value = *default_value;
  return add(
      {std::move(short_name), std::move(long_name), std::move(dest), OptionType::Float, value, std::move(help), ""});
}

OptionParser& OptionParser::add_string(std::string short_name, std::string long_name, std::string dest,
                                       std::optional<std::string> default_value, std::string help) {
  OptionValue value;
  if (default_value) value = *default_value;
  return add(
      {std::move(short_name), std::move(long_name), std::move(dest), OptionType::String, value, std::move(help), ""});
}

OptionParser& OptionParser::add_flag(std::string short_name, std::string long_name, std::string dest,
                                     std::string help) {
  return add(
      {std::move(short_name), std::move(long_name), std::move(dest), OptionType::Flag, false, std::move(help), ""});
}

const OptionSpec* OptionParser::find_short(char letter) const {
  for (const auto& spec : specs_) {
    if (spec.short_name.size() == 2 && spec.short_name[1] == letter) return &spec;
  }
  return nullptr;
}

const OptionSpec* OptionParser::find_long(std::string_view name, std::string& problem) const {
  std::vector<const OptionSpec*> matches;
  for (const auto& spec : specs_) {
    if (spec.long_name.empty()) continue;
    if (spec.long_name == name) return &spec;
    if (spec.long_name.compare(0, name.size(), name) == 0) matches.push_back(&spec);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    problem = "no such option: " + std::string(name);
    return nullptr;
  }
  std::vector<std::string> names;
  for (const auto* spec : matches) names.push_back(spec->long_name);
  std::sort(names.begin(), names.end());
  problem = "ambiguous option: " + std::string(name) + " (";
  for (std::size_t i = 0; i < names.size(); ++i) problem += (i == 0 ? "" : ", ") + names[i];
  problem += "?)";
  return nullptr;
}

std::optional<std::string> OptionParser::store(const OptionSpec& spec, std::string_view used_as,
                                               const std::string& text) {
  OptionValue& slot = values_[index_of(spec.dest)];
  switch (spec.type) {
    case OptionType::Flag: slot = true; return std::nullopt;
    case OptionType::String: slot = text; return std::nullopt;
    case OptionType::Int: {
      bool out_of_range = false;
      const auto value = parse_python_int(text, &out_of_range);
      if (value) {
        slot = *value;
        return std::nullopt;
      }
      return "option " + std::string(used_as) +
             (out_of_range ? ": integer value out of range: " : ": invalid integer value: ") + py_repr(text);
    }
    case OptionType::Float: {
      const auto value = parse_python_float(text);
      if (value) {
        slot = *value;
        return std::nullopt;
      }
      return "option " + std::string(used_as) + ": invalid floating-point value: " + py_repr(text);
    }
  }
  return std::nullopt;
}

std::optional<int> OptionParser::parse(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  positional_.clear();
  std::size_t i = 0;
  const auto finish_option = [&](const OptionSpec& spec, std::string_view used_as,
                                 const std::string& text) -> std::optional<int> {
    if (const auto problem = store(spec, used_as, text)) return error(err, *problem);
    if (spec.dest == "help") {
      out << help_text();
      return 0;
    }
    return std::nullopt;
  };
  while (i < args.size()) {
    const std::string& arg = args[i++];
    if (arg == "--") {
      positional_.insert(positional_.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      break;
    }
    if (arg.compare(0, 2, "--") == 0) {
      const std::size_t equals = arg.find('=');
      const std::string name = arg.substr(0, equals);
      std::string problem;
      const OptionSpec* spec = find_long(name, problem);
      if (spec == nullptr) return error(err, problem);
      std::string text;
      if (spec->type != OptionType::Flag) {
        if (equals != std::string::npos) {
          text = arg.substr(equals + 1);
        } else if (i < args.size()) {
          text = args[i++];
        } else {
          return error(err, spec->long_name + " option requires 1 argument");
        }
      } else if (equals != std::string::npos) {
        return error(err, spec->long_name + " option does not take a value");
      }
      if (const auto status = finish_option(*spec, spec->long_name, text)) return status;
    } else if (arg.size() > 1 && arg[0] == '-') {
      for (std::size_t k = 1; k < arg.size(); ++k) {
        const std::string used_as = std::string("-") + arg[k];
        const OptionSpec* spec = find_short(arg[k]);
        if (spec == nullptr) return error(err, "no such option: " + used_as);
        std::string text;
        bool rest_taken = false;
        if (spec->type != OptionType::Flag) {
          if (k + 1 < arg.size()) {
            text = arg.substr(k + 1);
            rest_taken = true;
          } else if (i < args.size()) {
            text = args[i++];
          } else {
            return error(err, used_as + " option requires 1 argument");
          }
        }
        if (const auto status = finish_option(*spec, used_as, text)) return status;
        if (rest_taken) break;
      }
    } else {
      positional_.push_back(arg);
    }
  }
  return std::nullopt;
}

std::size_t OptionParser::index_of(std::string_view dest) const {
  const auto found = std::find(dests_.begin(), dests_.end(), dest);
  if (found == dests_.end()) throw std::logic_error("OptionParser: no option stores to \"" + std::string(dest) + "\"");
  return static_cast<std::size_t>(found - dests_.begin());
}

std::vector<std::pair<std::string, OptionValue>> OptionParser::values() const {
  std::vector<std::pair<std::string, OptionValue>> all;
  for (std::size_t i = 0; i < dests_.size(); ++i) {
    if (dests_[i] != "help") all.emplace_back(dests_[i], values_[i]);
  }
  return all;
}

const OptionValue& OptionParser::value(std::string_view dest) const { return values_[index_of(dest)]; }

bool OptionParser::has(std::string_view dest) const { return !std::holds_alternative<std::monostate>(value(dest)); }

std::int64_t OptionParser::get_int(std::string_view dest) const {
  const OptionValue& v = value(dest);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  throw std::logic_error("OptionParser: \"" + std::string(dest) + "\" is not an int here");
}

double OptionParser::get_float(std::string_view dest) const {
  const OptionValue& v = value(dest);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  throw std::logic_error("OptionParser: \"" + std::string(dest) + "\" is not a float here");
}

const std::string& OptionParser::get_string(std::string_view dest) const {
  const OptionValue& v = value(dest);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  throw std::logic_error("OptionParser: \"" + std::string(dest) + "\" is not a string here");
}

bool OptionParser::get_flag(std::string_view dest) const {
  const OptionValue& v = value(dest);
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  throw std::logic_error("OptionParser: \"" + std::string(dest) + "\" is not a flag here");
}

std::string OptionParser::usage_text() const {
  std::string usage = usage_;
  for (std::size_t at = usage.find("%prog"); at != std::string::npos; at = usage.find("%prog", at + prog_.size())) {
    usage.replace(at, 5, prog_);
  }
  return "Usage: " + usage + "\n";
}

int OptionParser::error(std::ostream& err, std::string_view message) const {
  err << usage_text() << "\n" << prog_ << ": error: " << message << "\n";
  return 2;
}

std::string OptionParser::help_text() const {
  constexpr std::size_t kWidth = 78;  // optparse: the terminal's width (80 when not a terminal) - 2
  constexpr std::size_t kIndent = 2;
  constexpr std::size_t kMaxHelpPosition = 24;
  std::vector<std::string> strings;
  std::size_t longest = 0;
  for (const auto& spec : specs_) {
    const std::string metavar = !spec.metavar.empty() ? spec.metavar : [&] {
      std::string upper = spec.dest;
      for (char& ch : upper) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
      return upper;
    }();
    const bool takes_value = spec.type != OptionType::Flag;
    std::string text;
    if (!spec.short_name.empty()) text = spec.short_name + (takes_value ? " " + metavar : "");
    if (!spec.long_name.empty())
      text += (text.empty() ? "" : ", ") + spec.long_name + (takes_value ? "=" + metavar : "");
    longest = std::max(longest, text.size() + kIndent);
    strings.push_back(text);
  }
  const std::size_t help_position = std::min(longest + 2, kMaxHelpPosition);
  const std::size_t help_width = std::max<std::size_t>(kWidth > help_position ? kWidth - help_position : 0, 11);
  const std::size_t option_width = help_position - kIndent - 2;
  std::string out = usage_text() + "\nOptions:\n";
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const OptionSpec& spec = specs_[k];
    std::size_t indent_first = 0;
    if (strings[k].size() > option_width) {
      out += std::string(kIndent, ' ') + strings[k] + "\n";
      indent_first = help_position;
    } else {
      out += std::string(kIndent, ' ') + strings[k] + std::string(option_width - strings[k].size(), ' ') + "  ";
    }
    if (spec.help.empty()) {
      if (out.back() != '\n') out += "\n";
      continue;
    }
    std::string help = spec.help;
    std::string default_text = "none";
    if (const auto* i = std::get_if<std::int64_t>(&spec.default_value)) default_text = py_str(*i);
    if (const auto* d = std::get_if<double>(&spec.default_value)) default_text = py_str(*d);
    if (const auto* s = std::get_if<std::string>(&spec.default_value)) default_text = *s;
    if (const auto* b = std::get_if<bool>(&spec.default_value)) default_text = py_str(*b);
    for (std::size_t at = help.find("%default"); at != std::string::npos;
         at = help.find("%default", at + default_text.size())) {
      help.replace(at, 8, default_text);
    }
    const std::vector<std::string> lines = python_textwrap(help, help_width);
    for (std::size_t line = 0; line < lines.size(); ++line) {
      out += std::string(line == 0 ? indent_first : help_position, ' ') + lines[line] + "\n";
    }
  }
  return out;
}

}  // namespace ks::ostep
