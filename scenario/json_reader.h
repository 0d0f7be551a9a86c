// scenario/json_reader.h — reading a JSON document as user input: typed values with errors that
// name the file, the line:column and the key path.
//
// nlohmann/json parses the text; it keeps no positions, so when a value is wrong JsonReader
// finds its line and column by walking the text along the value's path (locate()). The walk
// happens only when there is an error, so reading good input costs nothing extra.
//
// Limits that keep any input from crashing the reader: files over 64 MiB (read_input_file,
// scenario/host_file.h) and nesting deeper than 64 levels are refused before parsing. A key
// that appears twice in one object is an error (nlohmann/json would keep the last silently),
// reported at the second occurrence.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scenario/host_file.h"
#include "sim-core/error.h"

namespace ks {

// A path into a document: object keys and array indexes.
class JsonPath {
 public:
  JsonPath operator/(const std::string& key) const;
  JsonPath operator/(std::size_t index) const;
  std::string to_string() const;  // workload.processes[2].arrival
  const std::vector<std::variant<std::string, std::size_t>>& parts() const { return parts_; }

 private:
  std::vector<std::variant<std::string, std::size_t>> parts_;
};

// Line and column (1-based) of the value at PATH in TEXT, or of the key itself when AT_KEY;
// {0, 0} when not found. TEXT must be valid JSON.
std::pair<std::int64_t, std::int64_t> locate(const std::string& text, const JsonPath& path, bool at_key = false);

class JsonReader {
 public:
  // Parses TEXT, read from FILE (used in messages). Throws InputError on malformed JSON and on
  // a key repeated within one object.
  JsonReader(std::string file, std::string text);

  const nlohmann::json& root() const { return root_; }
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const JsonPath& path, const std::string& problem, bool at_key = false) const;

  // Checks that VALUE is an object whose keys are all in ALLOWED (names the first unknown key).
  void expect_object(const nlohmann::json& value, const JsonPath& path,
                     std::initializer_list<const char*> allowed) const;
  void expect_array(const nlohmann::json& value, const JsonPath& path) const;

  std::int64_t integer(const nlohmann::json& value, const JsonPath& path, std::int64_t min = INT64_MIN,
                       std::int64_t max = INT64_MAX) const;
  double number(const nlohmann::json& value, const JsonPath& path, double min, double max) const;
  bool boolean(const nlohmann::json& value, const JsonPath& path) const;
  std::string text(const nlohmann::json& value, const JsonPath& path) const;

  // The member KEY of OBJECT, or nullptr when absent.
  static const nlohmann::json* member(const nlohmann::json& object, const char* key);

 private:
  std::string file_;
  std::string text_;
  nlohmann::json root_;
};

}  // namespace ks
