// The frame shared by the storage chapters' simulators (see script_run.h).
#include "ostep/storage/script_run.h"

#include <limits>

#include "ostep/options.h"
#include "ostep/simulator.h"

namespace ks::ostep::storage {
namespace {

bool is_python_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f'; }

}  // namespace

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
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  char previous = ' ';
  for (const char ch : text) {
    if (ch == '_') {
      if (previous == '_') return std::nullopt;
    } else if (ch >= '0' && ch <= '9') {
      const auto digit = static_cast<std::uint64_t>(ch - '0');
      if (magnitude > (limit - digit) / 10) return std::nullopt;
      magnitude = magnitude * 10 + digit;
    } else {
      return std::nullopt;
    }
    previous = ch;
  }
  if (negative) return static_cast<std::int64_t>(0 - magnitude);
  return static_cast<std::int64_t>(magnitude);
}

std::int64_t int_piece(std::string_view flag, std::string_view text) {
  const std::optional<std::int64_t> value = python_int(text);
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
