#include "sim-core/error.h"

namespace ks {
namespace {

std::string format_input_error(const InputLocation& where, const std::string& problem) {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ':' + std::to_string(where.line);
      if (where.column > 0) text += ':' + std::to_string(where.column);
    }
    text += ": ";
  }
  if (!where.key_path.empty()) {
    text += where.key_path;
    if (where.file.empty() && where.column > 0) text += " (at character " + std::to_string(where.column) + ")";
    text += ": ";
  }
  text += problem;
  return text;
}

}  // namespace

InputError::InputError(InputLocation where, const std::string& problem)
    : std::runtime_error(format_input_error(where, problem)), where_(std::move(where)), problem_(problem) {}

void assert_failed(const char* condition, const char* why, const char* file, int line) {
  throw InvariantError(std::string("invariant broken: ") + why + " (" + condition + ") at " + file + ':' +
                       std::to_string(line));
}

}  // namespace ks
