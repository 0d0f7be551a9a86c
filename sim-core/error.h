// sim-core/error.h — the one error type for bad input from outside the simulator.
//
// Scenario files, trace files, disk images, ELF files and command-line values are checked when
// they are read; a problem becomes an InputError that names the file, the position (line and
// column, or a byte offset) and, for structured files, the key path. The command line prints
// what() and exits with status 2. Kernel invariants use KS_ASSERT instead (a bug, not bad input).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ks {

struct InputLocation {
  std::string file;         // as the user named it; empty for command-line values
  std::int64_t line = 0;    // 1-based; 0 when unknown
  std::int64_t column = 0;  // 1-based; 0 when unknown
  std::string key_path;     // e.g. "workload.processes[2].arrival"; empty when not structured
};

class InputError : public std::runtime_error {
 public:
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
#define KS_ASSERT(condition, why)                                    \
  do {                                                               \
    if (!(condition)) ::ks::assert_failed(#condition, why, __FILE__, __LINE__); \
  } while (false)
