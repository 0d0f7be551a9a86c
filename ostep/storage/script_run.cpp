// The frame shared by the storage chapters' simulators (see script_run.h).
#include "ostep/storage/script_run.h"

#include "ostep/options.h"
#include "ostep/simulator.h"

namespace ks::ostep::storage {

int run_storage_simulator(std::string_view name, std::vector<std::string> args, std::ostream& out, std::ostream& err,
                          const SimulatorBody& body) {
  const OutputMode mode = strip_output_flags(args);
  const std::string prog = ostep_prog_name(name);
  if (mode.viz) return no_view_yet(name, err);
  Run run;
  try {
    if (const std::optional<int> stop = body(args, run, err)) {
      out << run.text.str();
      return *stop;
    }
  } catch (const StorageError& error) {
    if (mode.json || !error.from_script()) {
      if (!mode.json) out << run.text.str();
      err << prog << ": error: " << error.what() << "\n";
    } else {
      out << run.text.str() << error.what() << "\n";
    }
    return 2;
  }
  if (mode.json) {
    run.data["simulator"] = std::string(name);
    out << run.data.dump(2) << "\n";
  } else {
    out << run.text.str();
  }
  return 0;
}

std::int64_t int_piece(std::string_view flag, std::string_view text) {
  const std::optional<std::int64_t> value = parse_python_decimal(text);
  if (!value) {
    throw StorageError::input("option " + std::string(flag) + ": '" + std::string(text) + "' is not an integer");
  }
  return *value;
}

std::vector<std::string> python_split(std::string_view text, char separator) {
  std::vector<std::string> pieces;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      pieces.emplace_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  return pieces;
}

}  // namespace ks::ostep::storage
