// Helpers shared by the OSTEP tests: reading recorded data under tests/ostep/data/.
#pragma once

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ostep/simulator.h"

namespace ks::ostep::test {

inline std::string data_path(const std::string& relative) { return std::string(KS_OSTEP_DATA_DIR) + "/" + relative; }

// The whole file at tests/ostep/data/RELATIVE; empty (and a failed test) when it cannot be read.
inline std::string read_data(const std::string& relative) {
  std::ifstream in(data_path(relative), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(text);
  while (std::getline(in, field, separator)) fields.push_back(field);
  if (!text.empty() && text.back() == separator) fields.emplace_back();
  return fields;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// One run of `kernsim ostep NAME ARGS...`: its exit status and what it wrote.
struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline RunResult run_simulator(std::string_view name, const std::vector<std::string>& args) {
  RunResult result;
  const Simulator* simulator = find_simulator(name);
  if (simulator == nullptr) {
    result.err = "no simulator " + std::string(name);
    return result;
  }
  std::ostringstream out;
  std::ostringstream err;
  result.status = simulator->run(args, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace ks::ostep::test
