// What the memory chapters' simulators share: the scripts' size parser, the two ways a run can
// stop on bad input, and the run harness that every simulator goes through.
//
// A run writes the script's text into a buffer and the same run as data into a JSON object, then
// prints one of them (text by default, JSON with --json). Bad input stops a run in one of two ways:
// - ScriptStop: the script itself checks the input and prints its own message (on standard output,
//   as "Error: ..."), so kernsim prints the same lines where the script does, after the text so
//   far. The script then exits 1; kernsim exits 2, its one status for bad input.
// - InputError: input the script does not check and would die on with a Python traceback (a size
//   that is not a number, a cache of zero pages); kernsim names the flag or value and the problem
//   on standard error instead, after the text so far, and exits 2.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ostep/options.h"

namespace ks::ostep::memory {

struct ScriptStop {
  std::string lines;  // the script's own message, each line ending in '\n'
};

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a simulator writes: the script's text, and the same run as data.
struct Report {
  std::ostringstream text;
  nlohmann::json data = nlohmann::json::object();
  bool json = false;  // --json was given: the text is not printed
};

// Python's int(TEXT) (base 10, parse_python_decimal), or InputError naming WHAT (e.g.
// "-n (--numaddrs)") and TEXT.
std::int64_t python_int_or_error(std::string_view text, std::string_view what);

// The scripts' convert(SIZE): a Python int with an optional k, m or g suffix (either case) for
// KiB, MiB, GiB: "16", "64k", "32m", "1g", "-1". InputError naming WHAT for anything else, or for
// a size whose magnitude exceeds 2^53 (kernsim keeps sizes exact in a double, as they are in
// every draw the scripts make from them).
std::int64_t convert_size(std::string_view size, std::string_view what);

// The run of one simulator NAME: strips --json/--viz (--viz: no view yet, exit 2), lets DECLARE
// add the script's options to the parser, parses ARGS (optparse's errors and -h, exit 2 or 0),
// then calls SIMULATE and prints its report. Returns the exit status: 0, or 2 for bad input.
int run_memory_simulator(std::string_view name, const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err, void (*declare)(OptionParser& parser),
                         void (*simulate)(const OptionParser& options, Report& report));

// TEXT.split(',') as Python splits it (an empty TEXT is one empty word).
std::vector<std::string> split_commas(const std::string& text);

// str(VALUE) of a parsed option as print() shows it ("5", "BEST", "True"; None is "None"), and
// VALUE as JSON.
std::string option_text(const OptionValue& value);
nlohmann::json option_json(const OptionValue& value);

// print(*WORDS) with Python's sep=' ': the words joined by one space, then '\n'.
void print_words(std::ostream& out, const std::vector<std::string>& words);

}  // namespace ks::ostep::memory
