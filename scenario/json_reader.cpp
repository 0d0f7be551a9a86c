// scenario/json_reader.cpp — JsonReader and the text walks behind its positions (json_reader.h).
//
// Three passes over the raw text, each iterative so that no nesting exhausts the stack: the
// depth check before nlohmann/json parses, the search for a duplicate key after it, and locate(),
// which follows a key path through the text to the line and column of a bad value, only when
// there is one. Typed getters refuse a value with the expected type or range in the message.
#include "scenario/json_reader.h"

#include <cmath>
#include <map>
#include <sstream>

namespace ks {
namespace {

constexpr int kMaxDepth = 64;

std::pair<std::int64_t, std::int64_t> line_column(const std::string& text, std::size_t offset) {
  std::int64_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// The deepest nesting of arrays and objects in TEXT (strings skipped).
int nesting_depth(const std::string& text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "the string " + value.dump();
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    default: return value.dump();
  }
}

// A cursor over valid JSON text for locate().
class Scanner {
 public:
  explicit Scanner(const std::string& text) : text_(text) {}
  std::size_t pos = 0;
  void skip_space() {
    while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\n' || text_[pos] == '\r' || text_[pos] == '\t'))
      ++pos;
  }
  std::string read_string() {  // at '"'; returns the decoded string
    std::string raw;
    ++pos;
    while (pos < text_.size() && text_[pos] != '"') {
      if (text_[pos] == '\\') raw += text_[pos++];
      if (pos < text_.size()) raw += text_[pos++];
    }
    ++pos;
    if (raw.find('\\') == std::string::npos) return raw;
    try {
      return nlohmann::json::parse("\"" + raw + "\"").get<std::string>();
    } catch (const std::exception&) {
      return raw;
    }
  }
  // Skips the value at pos (any kind), iteratively, so that no nesting can exhaust the stack.
  void skip_value() {
    skip_space();
    int depth = 0;
    while (pos < text_.size()) {
      const char c = text_[pos];
      if (c == '"') {
        read_string();
        if (depth == 0) return;
      } else if (c == '{' || c == '[') {
        ++depth;
        ++pos;
      } else if (c == '}' || c == ']') {
        --depth;
        ++pos;
        if (depth <= 0) return;
      } else if (depth == 0) {
        while (pos < text_.size() && std::string_view(",}] \n\r\t").find(text_[pos]) == std::string_view::npos) ++pos;
        return;
      } else {
        ++pos;
      }
    }
  }
  char peek() const { return pos < text_.size() ? text_[pos] : '\0'; }

 private:
  const std::string& text_;
};

// A key that repeats an earlier key of its object: where each is, and the path of the second.
struct DuplicateKey {
  std::size_t first = 0, second = 0;  // byte offsets of the two keys
  JsonPath path;
};

// The first duplicate key of TEXT (valid JSON), found in one iterative pass.
std::optional<DuplicateKey> find_duplicate_key(const std::string& text) {
  struct Open {  // an object or array being read
    bool object = false;
    std::map<std::string, std::size_t> keys;  // objects: each key and its offset
    std::string key;                          // objects: the current member
    std::size_t index = 0;                    // arrays: the current element
  };
  std::vector<Open> open;
  Scanner scan(text);
  while (scan.pos < text.size()) {
    const char c = text[scan.pos];
    if (c == '"') {
      const std::size_t at = scan.pos;
      std::string name = scan.read_string();
      scan.skip_space();
      if (scan.peek() != ':' || open.empty() || !open.back().object) continue;
      const auto [earlier, fresh] = open.back().keys.emplace(name, at);
      open.back().key = std::move(name);
      if (!fresh) {
        JsonPath path;
        for (const Open& level : open) path = level.object ? path / level.key : path / level.index;
        return DuplicateKey{earlier->second, at, path};
      }
    } else if (c == '{' || c == '[') {
      open.push_back({c == '{', {}, {}, 0});
      ++scan.pos;
    } else if (c == '}' || c == ']') {
      if (!open.empty()) open.pop_back();
      ++scan.pos;
    } else {
      if (c == ',' && !open.empty() && !open.back().object) ++open.back().index;
      ++scan.pos;
    }
  }
  return std::nullopt;
}

}  // namespace

JsonPath JsonPath::operator/(const std::string& key) const {
  JsonPath path = *this;
  path.parts_.emplace_back(key);
  return path;
}

JsonPath JsonPath::operator/(std::size_t index) const {
  JsonPath path = *this;
  path.parts_.emplace_back(index);
  return path;
}

std::string JsonPath::to_string() const {
  std::string text;
  for (const auto& part : parts_) {
    if (const auto* key = std::get_if<std::string>(&part)) {
      if (!text.empty()) text += '.';
      text += *key;
    } else {
      text += '[' + std::to_string(std::get<std::size_t>(part)) + ']';
    }
  }
  return text.empty() ? "(top level)" : text;
}

std::pair<std::int64_t, std::int64_t> locate(const std::string& text, const JsonPath& path, bool at_key) {
  Scanner scan(text);
  scan.skip_space();
  std::size_t key_pos = 0;
  for (const auto& part : path.parts()) {
    if (const auto* key = std::get_if<std::string>(&part)) {
      if (scan.peek() != '{') return {0, 0};
      ++scan.pos;
      bool found = false;
      while (true) {
        scan.skip_space();
        if (scan.peek() != '"') return {0, 0};
        key_pos = scan.pos;
        const std::string name = scan.read_string();
        scan.skip_space();
        ++scan.pos;  // ':'
        scan.skip_space();
        if (name == *key) {
          found = true;
          break;
        }
        scan.skip_value();
        scan.skip_space();
        if (scan.peek() != ',') return {0, 0};
        ++scan.pos;
      }
      if (!found) return {0, 0};
    } else {
      if (scan.peek() != '[') return {0, 0};
      ++scan.pos;
      for (std::size_t i = 0; i < std::get<std::size_t>(part); ++i) {
        scan.skip_value();
        scan.skip_space();
        if (scan.peek() != ',') return {0, 0};
        ++scan.pos;
      }
      scan.skip_space();
      key_pos = scan.pos;
    }
  }
  return line_column(text, at_key && !path.parts().empty() ? key_pos : scan.pos);
}

JsonReader::JsonReader(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {
  if (text_.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError({file_, 1, 1, {}}, "the file is empty");
  if (nesting_depth(text_) > kMaxDepth) {
    throw InputError({file_, 0, 0, {}}, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
  }
  try {
    root_ = nlohmann::json::parse(text_);
  } catch (const nlohmann::json::parse_error& error) {
    const auto [line, column] = line_column(text_, error.byte > 0 ? error.byte - 1 : 0);
    std::string what = error.what();
    const auto colon = what.rfind(": ");
    throw InputError({file_, line, column, {}},
                     "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
  } catch (const nlohmann::json::exception& error) {
    // A number too large for a double: the message quotes the token, which locates it.
    const std::string what = error.what();
    const auto open = what.find('\''), close = what.rfind('\'');
    std::pair<std::int64_t, std::int64_t> where{0, 0};
    if (open != std::string::npos && close > open) {
      const auto at = text_.find(what.substr(open + 1, close - open - 1));
      if (at != std::string::npos) where = line_column(text_, at);
    }
    throw InputError({file_, where.first, where.second, {}}, "not valid JSON: a number is out of range (" + what + ")");
  }
  if (const auto duplicate = find_duplicate_key(text_)) {
    const auto [line, column] = line_column(text_, duplicate->second);
    const auto first = line_column(text_, duplicate->first);
    const auto& parts = duplicate->path.parts();
    throw InputError({file_, line, column, duplicate->path.to_string()},
                     "duplicate key \"" + std::get<std::string>(parts.back()) + "\" (first given at line " +
                         std::to_string(first.first) + ", column " + std::to_string(first.second) + ")");
  }
}

void JsonReader::fail(const JsonPath& path, const std::string& problem, bool at_key) const {
  const auto [line, column] = locate(text_, path, at_key);
  throw InputError({file_, line, column, path.to_string()}, problem);
}

const nlohmann::json* JsonReader::member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

void JsonReader::expect_object(const nlohmann::json& value, const JsonPath& path,
                               std::initializer_list<const char*> allowed) const {
  if (!value.is_object()) fail(path, "expected an object, got " + describe(value));
  for (const auto& item : value.items()) {
    bool known = false;
    std::string list;
    for (const char* key : allowed) {
      known = known || item.key() == key;
      list += (list.empty() ? "" : ", ") + std::string(key);
    }
    if (!known) fail(path / item.key(), "unknown key \"" + item.key() + "\" (allowed here: " + list + ")", true);
  }
}

void JsonReader::expect_array(const nlohmann::json& value, const JsonPath& path) const {
  if (!value.is_array()) fail(path, "expected an array, got " + describe(value));
}

std::int64_t JsonReader::integer(const nlohmann::json& value, const JsonPath& path, std::int64_t min,
                                 std::int64_t max) const {
  // For a value out of range, the range itself; for a wrong type, what is expected in short.
  const auto range = [&] {
    if (min != INT64_MIN && max != INT64_MAX)
      return "an integer between " + std::to_string(min) + " and " + std::to_string(max);
    std::string text = "an integer";
    if (min != INT64_MIN) text += " >= " + std::to_string(min);
    if (max != INT64_MAX) text += " <= " + std::to_string(max);
    return text;
  };
  const auto kind = [&] {
    const bool unbounded = max >= (std::int64_t{1} << 52);  // no user means a bigger limit
    if (min == 0 && unbounded) return std::string("a non-negative integer");
    if (min == 1 && unbounded) return std::string("a positive integer");
    return range();
  };
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail(path, "expected " + range() + ", got " + value.dump() + " (too large)");
  }
  if (!value.is_number_integer()) {
    if (value.is_number_float() && std::isfinite(value.get<double>()) && std::abs(value.get<double>()) >= 9.2e18) {
      fail(path, "expected " + range() + ", got " + value.dump() + " (too large)");
    }
    fail(path, "expected " + kind() + ", got " + describe(value));
  }
  const auto result = value.get<std::int64_t>();
  if (result > max) fail(path, "expected " + range() + ", got " + std::to_string(result) + " (too large)");
  if (result < min) fail(path, "expected " + kind() + ", got " + std::to_string(result));
  return result;
}

double JsonReader::number(const nlohmann::json& value, const JsonPath& path, double min, double max) const {
  if (!value.is_number()) fail(path, "expected a number, got " + describe(value));
  const double result = value.get<double>();
  if (!std::isfinite(result) || result < min || result > max) {
    std::ostringstream range;
    range << "expected a number between " << min << " and " << max << ", got " << value.dump();
    fail(path, range.str());
  }
  return result;
}

bool JsonReader::boolean(const nlohmann::json& value, const JsonPath& path) const {
  if (!value.is_boolean()) fail(path, "expected true or false, got " + describe(value));
  return value.get<bool>();
}

std::string JsonReader::text(const nlohmann::json& value, const JsonPath& path) const {
  if (!value.is_string()) fail(path, "expected a string, got " + describe(value));
  return value.get<std::string>();
}

}  // namespace ks
