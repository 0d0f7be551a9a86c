// kernel/sched/registry.h — every scheduling policy by name, with its parameters.
//
// One registry pattern serves all pluggable policies: an entry gives the policy's name, a
// one-line summary, the parameters it accepts (name, type, default, bounds, meaning) and a
// factory. The scenario reader and the `kernsim sched --param` option check values against the
// declared parameters, so a policy receives only values it declared, each in range.
// Every integer parameter has both bounds: the upper one keeps the policy's arithmetic (slices
// scaled to 1/1000 tick and multiplied by weights, sums of weighted vruntimes) inside 64 bits,
// and a value above it is refused as "must be between MIN and MAX".
// A lab adds a policy by adding a file under kernel/sched/ and one line in registry.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kernel/sched/scheduler.h"

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
  std::int64_t min = INT64_MIN;  // bounds for integers (reals use them too, when set)
  std::int64_t max = INT64_MAX;  // a policy's integers all set it (kMaxParamTicks for times)
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

struct PolicyInfo {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<Scheduler>(const PolicyParams&, const SchedulerContext&)> make;
  // Optional: PARAMS with the values in force written in where a default depends on other
  // parameters (mlfq's quanta follow its levels), so that a report can print what ran.
  std::function<PolicyParams(const PolicyParams&)> in_force;
};

const std::vector<PolicyInfo>& policy_registry();
const PolicyInfo* find_policy(std::string_view name);
std::string policy_names();  // "fifo, rr, ..." for messages

// Parses TEXT as a value of SPEC's type and checks its bounds; nullopt with PROBLEM set if not.
std::optional<ParamValue> parse_param(const ParamSpec& spec, const std::string& text, std::string& problem);
// Checks VALUE against SPEC's bounds and choices; empty when fine, else the problem.
std::string check_param(const ParamSpec& spec, const ParamValue& value);
// The defaults of every parameter of POLICY.
PolicyParams default_params(const PolicyInfo& policy);
std::string to_string(const ParamValue& value);
std::string_view to_string(ParamType type);

}  // namespace ks
