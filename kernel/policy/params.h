// kernel/policy/params.h — the parameters of a pluggable policy, declared and checked in one place.
//
// Every pluggable kind (schedulers now; page replacement, disk scheduling and file systems next)
// describes its parameters the same way: a list of ParamSpec (name, type, default, bounds,
// meaning). Whatever gives a value from outside (a scenario file, `--param KEY=VALUE`, the
// visualizer's editor) checks it here, against the declaration, so a policy receives only the
// parameters it declared, each of its type and in range, and every missing one at its default.
//
// Every integer parameter has both bounds: the upper one keeps the policy's arithmetic (slices
// scaled to 1/1000 tick and multiplied by weights, sums of weighted vruntimes) inside 64 bits,
// and a value above it is refused as "must be between MIN and MAX".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ks {

enum class ParamType : std::uint8_t { Integer, Real, Boolean, Text };

// The largest time parameter (a quantum, a slice, an interval): a million ticks, far longer than
// any lecture run, small enough that scaled and weighted it stays far from overflow.
inline constexpr std::int64_t kMaxParamTicks = 1'000'000;

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::Integer;
  std::string default_value;  // as the user would write it
  std::string description;
  std::int64_t min = INT64_MIN;      // bounds for integers (reals use them too, when set)
  std::int64_t max = INT64_MAX;      // a policy's integers all set it (kMaxParamTicks for times)
  std::vector<std::string> choices;  // allowed values for text parameters; empty = any
};

using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

// A policy's parameter values, every declared parameter present (defaults filled in).
class PolicyParams {
 public:
  std::int64_t integer(const std::string& name) const;
  double real(const std::string& name) const;
  bool flag(const std::string& name) const;
  const std::string& text(const std::string& name) const;
  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const std::map<std::string, ParamValue>& values() const { return values_; }

 private:
  std::map<std::string, ParamValue> values_;
};

// Parses TEXT as a value of SPEC's type and checks its bounds; nullopt with PROBLEM set if not.
std::optional<ParamValue> parse_param(const ParamSpec& spec, const std::string& text, std::string& problem);
// Checks VALUE against SPEC's bounds and choices; empty when fine, else the problem.
std::string check_param(const ParamSpec& spec, const ParamValue& value);
// The declaration of parameter NAME in SPECS, or nullptr.
const ParamSpec* find_param(const std::vector<ParamSpec>& specs, std::string_view name);
// "quantum, levels": the names of SPECS, in their order, for messages (empty when none).
std::string param_names(const std::vector<ParamSpec>& specs);
// The defaults of every parameter in SPECS.
PolicyParams default_params(const std::vector<ParamSpec>& specs);
// The defaults of SPECS, except where FROM holds a value for a parameter of the same name, type
// and within its bounds: that value is kept (rr's integer quantum carries over to stride's, not
// to mlfq's list of quanta). For a change of policy that keeps what still applies.
PolicyParams carry_over(const std::vector<ParamSpec>& specs, const PolicyParams& from);

std::string to_string(const ParamValue& value);
std::string_view to_string(ParamType type);

}  // namespace ks
