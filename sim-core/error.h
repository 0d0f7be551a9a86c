// sim-core/error.h — the one error type for bad input from outside the simulator.
//
// Scenario files, trace files, disk images, ELF files and command-line values are checked when
// they are read; a problem becomes an InputError that names the file, the position (line and
// column, or a byte offset) and, for structured files, the key path. The command line prints
// what() and exits with status 2. Kernel invariants use KS_ASSERT instead (a bug, not bad input).
//
// A message quotes what the user wrote (a file name, a key, a string value), and bad input may
// hold anything: InputError passes every part through printable_text, so no raw control byte
// (an escape sequence that would drive the terminal) or invalid UTF-8 reaches a terminal, a log
// or a JSON report.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ks {

struct InputLocation {
  std::string file;         // as the user named it; empty for command-line values
  std::int64_t line = 0;    // 1-based; 0 when unknown
  std::int64_t column = 0;  // 1-based; 0 when unknown
  std::string key_path;     // e.g. "workload.processes[2].arrival"; empty when not structured
};

// TEXT with every byte that is not printable UTF-8 escaped: control characters (C0, DEL and the
// C1 range U+0080..U+009F) and bytes that are not well-formed UTF-8 become \xNN; the rest,
// including every printable non-ASCII character, is kept. Escaping twice changes nothing more.
std::string printable_text(std::string_view text);

class InputError : public std::runtime_error {
 public:
  // WHERE's file and key path and PROBLEM are kept as printable_text.
  InputError(InputLocation where, const std::string& problem);
  const InputLocation& where() const { return where_; }
  const std::string& problem() const { return problem_; }

 private:
  InputLocation where_;
  std::string problem_;
};

// A kernel or machine invariant was broken: a bug in kernsim or in student kernel code.
class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void assert_failed(const char* condition, const char* why, const char* file, int line);

}  // namespace ks

// KS_ASSERT(condition, "which invariant") — checked in every build type.
#define KS_ASSERT(condition, why)                                               \
  do {                                                                          \
    if (!(condition)) ::ks::assert_failed(#condition, why, __FILE__, __LINE__); \
  } while (false)
