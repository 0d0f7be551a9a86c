// OptionParser: the command-line grammar and messages of Python's optparse, which every OSTEP
// homework script uses, so that `kernsim ostep SIM FLAGS` accepts what `SIM.py FLAGS` accepts and
// rejects the rest with the script's own words. CLI11 (used by kernsim's other commands) has a
// different grammar (no unique-prefix long options, its own error texts and help layout), so it
// cannot reproduce what the issue asks for; this is a small reimplementation of optparse's rules:
//
// - Short options `-s 5`, `-s5`, clusters `-cs5`; long options `--seed=5`, `--seed 5`, and any
//   unique prefix of a long option (`--se 5`); `--` ends the options; the other words, wherever
//   they are, are positional arguments. A value may start with '-' (`-s -5`).
// - Types: int (as optparse parses them: 0x.. hex, 0b.. binary, a leading 0 octal, Python's int()
//   syntax with underscores and surrounding blanks), float (Python's float()), string; and flags
//   (store_true). An option without a default is None (has() is false).
// - Errors, written to ERR with the usage line first and exit status 2, as optparse words them:
//   "no such option: -q", "ambiguous option: --s (--seed, --solve?)", "-s option requires 1
//   argument", "--solve option does not take a value", "option -s: invalid integer value: 'x'",
//   "option -r: invalid floating-point value: 'x'". An int that does not fit in 64 bits (Python's
//   are unbounded) is "option -s: integer value out of range: '...'".
// - -h/--help prints optparse's help layout (usage, "Options:", option strings padded to column
//   24 at most, help wrapped to 78 columns as textwrap does) and exits 0.
//
// The program name in messages is "kernsim ostep SIM" (where the script says "SIM.py").
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ks::ostep {

enum class OptionType { Int, Float, String, Flag };

// A parsed value: None (std::monostate), int, float, string or flag.
using OptionValue = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

struct OptionSpec {
  std::string short_name;  // "-s", or empty
  std::string long_name;   // "--seed", or empty
  std::string dest;        // the name the simulator reads it by ("seed")
  OptionType type = OptionType::String;
  OptionValue default_value;  // std::monostate for None
  std::string help;
  std::string metavar;  // empty: DEST in capitals
};

// What `--json` and `--viz` asked for; they are kernsim's, not the scripts', flags.
struct OutputMode {
  bool json = false;
  bool viz = false;
};

// Removes every "--json" and "--viz" before a "--" from ARGS and says which were there.
OutputMode strip_output_flags(std::vector<std::string>& args);

// The program name used in usage and error lines for simulator NAME: "kernsim ostep NAME".
std::string ostep_prog_name(std::string_view name);

class OptionParser {
 public:
  explicit OptionParser(std::string prog, std::string usage = "%prog [options]");

  // Declares an option, as parser.add_option(...) does. Declaring the same string twice is a bug.
  OptionParser& add(OptionSpec spec);
  OptionParser& add_int(std::string short_name, std::string long_name, std::string dest,
                        std::optional<std::int64_t> default_value, std::string help);
  OptionParser& add_float(std::string short_name, std::string long_name, std::string dest,
                          std::optional<double> default_value, std::string help);
  OptionParser& add_string(std::string short_name, std::string long_name, std::string dest,
                           std::optional<std::string> default_value, std::string help);
  OptionParser& add_flag(std::string short_name, std::string long_name, std::string dest, std::string help);

  // Parses ARGS (the words after the simulator's name). Returns std::nullopt when the simulator
  // should run, or the exit status when it must stop: 0 after -h/--help (help on OUT), 2 after an
  // error (usage and message on ERR).
  std::optional<int> parse(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

  bool has(std::string_view dest) const;  // false when the value is None
  std::int64_t get_int(std::string_view dest) const;
  double get_float(std::string_view dest) const;
  const std::string& get_string(std::string_view dest) const;
  bool get_flag(std::string_view dest) const;
  const OptionValue& value(std::string_view dest) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // Every option's value by its dest, in declaration order (without -h's), for --json output.
  std::vector<std::pair<std::string, OptionValue>> values() const;

  std::string usage_text() const;  // "Usage: PROG [options]\n"
  std::string help_text() const;

  // optparse's parser.error(MESSAGE): usage and "PROG: error: MESSAGE" on ERR; returns 2.
  int error(std::ostream& err, std::string_view message) const;

 private:
  const OptionSpec* find_short(char letter) const;
  const OptionSpec* find_long(std::string_view name, std::string& problem) const;
  std::optional<std::string> store(const OptionSpec& spec, std::string_view used_as, const std::string& text);
  std::size_t index_of(std::string_view dest) const;

  std::string prog_;
  std::string usage_;
  std::vector<OptionSpec> specs_;
  std::vector<OptionValue> values_;  // by dest, in order of first declaration
  std::vector<std::string> dests_;
  std::vector<std::string> positional_;
};

// Python's int(TEXT, 0)-like parse as optparse does it (see above); std::nullopt if invalid, and
// OUT_OF_RANGE set when it is valid Python but does not fit in 64 bits.
std::optional<std::int64_t> parse_python_int(std::string_view text, bool* out_of_range = nullptr);
// Python's int(TEXT) (base 10: blanks around, a sign, digits with single underscores between);
// std::nullopt if invalid or beyond 64 bits (OUT_OF_RANGE then set).
std::optional<std::int64_t> parse_python_decimal(std::string_view text, bool* out_of_range = nullptr);
// Python's float(TEXT); std::nullopt if invalid.
std::optional<double> parse_python_float(std::string_view text);
// textwrap.wrap(TEXT, WIDTH) with its defaults (hyphenated words may break after a hyphen).
std::vector<std::string> python_textwrap(std::string_view text, std::size_t width);

}  // namespace ks::ostep
