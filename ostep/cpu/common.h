// What the CPU chapters' simulators (process-run, scheduler, mlfq, lottery, multi) share: the
// run harness, the report they fill, and the two ways bad input stops a run.
//
// A run writes the script's text into Report::text and the same run as data into Report::data;
// the harness prints one of them (the text, or the data as JSON with --json). Without -c the data
// holds the question (the workload), with -c the answer too, as the text does.
// Bad input stops a run in one of two ways, both with exit status 2:
// - ScriptStop: input the script checks itself, printing its own message on standard output and
//   exiting 1; kernsim prints the same lines there, after the text so far (on standard error with
//   --json).
// - InputError: input on which the script would die with a Python traceback or never finish
//   (a job length that is not a number, a quantum of 0); kernsim names the flag and the problem.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ostep/options.h"

namespace ks::ostep::cpu {

struct ScriptStop {
  std::string message;     // the script's own lines, each ending in '\n'
  bool on_stderr = false;  // the script writes these lines to standard error
};

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Report {
  std::ostringstream text;
  nlohmann::json data = nlohmann::json::object();
};

using Declare = void (*)(OptionParser& parser);
using Simulate = void (*)(const OptionParser& options, Report& report);

// Runs simulator NAME: strips --json/--viz (--viz: no view yet, exit 2), declares the script's
// options with DECLARE, parses ARGS (optparse's errors exit 2, -h exits 0), calls SIMULATE and
// prints the report. Returns the exit status.
int run_cpu_simulator(std::string_view name, std::vector<std::string> args, std::ostream& out, std::ostream& err,
                      Declare declare, Simulate simulate);

// kernsim's bounds where Python's ints are unbounded: times, lengths, sizes and tickets within
// +-2^40 (so that no sum or product of them overflows 64 bits), counts of jobs, instructions and
// CPUs within the second limit (the scripts would run for days or exhaust memory beyond them).
inline constexpr std::int64_t kMaxMagnitude = std::int64_t{1} << 40;
inline constexpr std::int64_t kMaxCount = 1000000;

// Each int option named by its DEST and FLAG must be within +-LIMIT; InputError otherwise.
void check_within(const OptionParser& options, std::initializer_list<std::pair<const char*, const char*>> dest_and_flag,
                  std::int64_t limit);
// VALUE (from flag WHAT) within +-LIMIT; InputError otherwise. Returns VALUE.
std::int64_t within(std::int64_t value, std::string_view what, std::int64_t limit);

// Python's int(TEXT) for a value inside a flag; InputError naming WHAT otherwise.
std::int64_t int_or_error(std::string_view text, std::string_view what);
// Python's float(TEXT) for a value inside a flag; InputError naming WHAT otherwise.
double float_or_error(std::string_view text, std::string_view what);
// TEXT.split(SEPARATOR), as Python splits (an empty TEXT gives one empty field).
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace ks::ostep::cpu
