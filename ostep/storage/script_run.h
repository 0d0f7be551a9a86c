// How the storage chapters' simulators run: one frame around each simulator's own code.
//
// A textbook script prints as it goes and, on input it refuses, prints its own complaint and
// exits 1; on input it never expected it crashes (a Python traceback) or loops forever. A kernsim
// simulator writes what the script prints into a text buffer and, beside it, the same run as
// JSON data, and stops with a StorageError:
// - StorageError::script(MESSAGE): the script's own complaint. In text mode it goes where the
//   script prints it (after the output so far, on standard output) so that a diff against the
//   script still matches line for line; the exit status is 2 (bad input), not the script's 1.
// - StorageError::input(MESSAGE): input the script cannot run (it would crash or hang); a clear
//   message on standard error, exit 2.
// `--json` prints the data instead of the text (errors then go to standard error only): as the
// text, it holds the question without -c and the answers too with -c. `--viz` says that no view
// exists yet and exits 2.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ks::ostep::storage {

class StorageError : public std::runtime_error {
 public:
  static StorageError script(const std::string& message) { return StorageError(message, true); }
  static StorageError input(const std::string& message) { return StorageError(message, false); }
  // True when the message is the script's own text (printed on standard output in text mode).
  bool from_script() const { return from_script_; }

 private:
  StorageError(const std::string& message, bool from_script) : std::runtime_error(message), from_script_(from_script) {}
  bool from_script_;
};

// What one run produces: the script's text and the same run as data.
struct Run {
  std::ostringstream text;
  nlohmann::json data = nlohmann::json::object();
};

// The simulator proper: parses ARGS (help into RUN.text, parse errors on ERR) and simulates.
// Returns std::nullopt when it ran to the end, or the exit status the option parser asked for.
using SimulatorBody =
    std::function<std::optional<int>(const std::vector<std::string>& args, Run& run, std::ostream& err)>;

// Runs BODY for the simulator NAME with kernsim's --json/--viz handling and the error rules above.
int run_storage_simulator(std::string_view name, std::vector<std::string> args, std::ostream& out, std::ostream& err,
                          const SimulatorBody& body);

// Python's int(TEXT) (parse_python_decimal), as the scripts convert the pieces of their
// comma-separated flags, or StorageError::input naming the flag and the piece when TEXT is not an
// integer (or does not fit in 64 bits).
std::int64_t int_piece(std::string_view flag, std::string_view text);

// Python's str.split(SEPARATOR): "" gives [""], "a,,b" gives ["a", "", "b"].
std::vector<std::string> python_split(std::string_view text, char separator);

}  // namespace ks::ostep::storage
