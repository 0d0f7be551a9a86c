// kernel/policy/params.cpp — parsing and checking of declared parameters (params.h).
#include "kernel/policy/params.h"

#include <charconv>
#include <exception>

#include "sim-core/error.h"

namespace ks {

std::int64_t PolicyParams::integer(const std::string& name) const {
  const auto it = values_.find(name);
  KS_ASSERT(it != values_.end() && std::holds_alternative<std::int64_t>(it->second),
            "a policy reads only integer parameters it declared");
  return std::get<std::int64_t>(it->second);
}

double PolicyParams::real(const std::string& name) const {
  const auto it = values_.find(name);
  KS_ASSERT(it != values_.end(), "a policy reads only parameters it declared");
  if (std::holds_alternative<std::int64_t>(it->second)) return static_cast<double>(std::get<std::int64_t>(it->second));
  KS_ASSERT(std::holds_alternative<double>(it->second), "a real parameter holds a number");
  return std::get<double>(it->second);
}

bool PolicyParams::flag(const std::string& name) const {
  const auto it = values_.find(name);
  KS_ASSERT(it != values_.end() && std::holds_alternative<bool>(it->second),
            "a policy reads only boolean parameters it declared");
  return std::get<bool>(it->second);
}

const std::string& PolicyParams::text(const std::string& name) const {
  const auto it = values_.find(name);
  KS_ASSERT(it != values_.end() && std::holds_alternative<std::string>(it->second),
            "a policy reads only text parameters it declared");
  return std::get<std::string>(it->second);
}

std::string check_param(const ParamSpec& spec, const ParamValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    if (*integer < spec.min)
      return "must be at least " + std::to_string(spec.min) + ", got " + std::to_string(*integer);
    if (*integer > spec.max)
      return "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) + ", got " +
             std::to_string(*integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    if (spec.min != INT64_MIN && *real < static_cast<double>(spec.min))
      return "must be at least " + std::to_string(spec.min);
    if (spec.max != INT64_MAX && *real > static_cast<double>(spec.max)) {
      return "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) + ", got " +
             to_string(value);
    }
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    if (!spec.choices.empty()) {
      bool allowed = false;
      std::string list;
      for (const auto& choice : spec.choices) {
        allowed = allowed || choice == *text;
        list += (list.empty() ? "" : ", ") + choice;
      }
      if (!allowed) return "must be one of " + list + ", got \"" + *text + "\"";
    }
  }
  return {};
}

std::optional<ParamValue> parse_param(const ParamSpec& spec, const std::string& text, std::string& problem) {
  ParamValue value;
  switch (spec.type) {
    case ParamType::Integer: {
      std::int64_t integer = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      if (error == std::errc::result_out_of_range && end == text.data() + text.size()) {
        problem = "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) + ", got " + text;
        return std::nullopt;
      }
      if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        problem = "expected an integer, got \"" + text + "\"";
        return std::nullopt;
      }
      value = integer;
      break;
    }
    case ParamType::Real: {
      std::size_t used = 0;
      double real = 0;
      try {
        real = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != text.size() || text.empty() || real != real) {
        problem = "expected a number, got \"" + text + "\"";
        return std::nullopt;
      }
      value = real;
      break;
    }
    case ParamType::Boolean:
      if (text == "true" || text == "1" || text == "yes") value = true;
      else if (text == "false" || text == "0" || text == "no") value = false;
      else {
        problem = "expected true or false, got \"" + text + "\"";
        return std::nullopt;
      }
      break;
    case ParamType::Text: value = text; break;
  }
  problem = check_param(spec, value);
  if (!problem.empty()) return std::nullopt;
  return value;
}

const ParamSpec* find_param(const std::vector<ParamSpec>& specs, std::string_view name) {
  for (const ParamSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string param_names(const std::vector<ParamSpec>& specs) {
  std::string names;
  for (const ParamSpec& spec : specs) names += (names.empty() ? "" : ", ") + spec.name;
  return names;
}

PolicyParams default_params(const std::vector<ParamSpec>& specs) {
  PolicyParams params;
  for (const ParamSpec& spec : specs) {
    std::string problem;
    const auto value = parse_param(spec, spec.default_value, problem);
    KS_ASSERT(value.has_value(), "every declared default parses as its own type");
    params.set(spec.name, *value);
  }
  return params;
}

PolicyParams carry_over(const std::vector<ParamSpec>& specs, const PolicyParams& from) {
  PolicyParams values = default_params(specs);
  for (const auto& [key, value] : from.values()) {
    const ParamSpec* spec = find_param(specs, key);
    if (spec == nullptr || values.values().at(key).index() != value.index()) continue;
    if (check_param(*spec, value).empty()) values.set(key, value);
  }
  return values;
}

std::string to_string(const ParamValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, *real);
    return std::string(buffer, result.ptr);
  }
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  return std::get<std::string>(value);
}

std::string_view to_string(ParamType type) {
  switch (type) {
    case ParamType::Integer: return "integer";
    case ParamType::Real: return "number";
    case ParamType::Boolean: return "boolean";
    case ParamType::Text: return "text";
  }
  return "?";
}

}  // namespace ks
