// tests/kernel/mm/replace/replace_harness.h — replaying strings through named policies in tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernel/mm/replace/replay.h"
#include "kernel/policy/registry.h"

namespace ks::test {

inline const ReplacementInfo& replacement(const std::string& name) {
  const ReplacementInfo* info = replacement_registry().find(name);
  if (info == nullptr) throw std::logic_error("no replacement policy " + name);
  return *info;
}

// POLICY's run of REFS ("1,2,3w") over FRAMES frames; PARAMS "key=value" override the defaults.
inline ReplayResult run_policy(const std::string& policy, const std::string& refs, std::uint32_t frames,
                               const std::vector<std::pair<std::string, std::string>>& params = {},
                               std::uint64_t seed = 0) {
  const ReplacementInfo& info = replacement(policy);
  PolicyParams values = default_params(info.params);
  for (const auto& [key, text] : params) {
    std::string problem;
    const ParamSpec* spec = find_param(info.params, key);
    if (spec == nullptr) throw std::logic_error(policy + " has no parameter " + key);
    const auto value = parse_param(*spec, text, problem);
    if (!value) throw std::logic_error(key + ": " + problem);
    values.set(key, *value);
  }
  return replay(info, values, parse_reference_list(refs, "refs"), frames, {true, seed});
}

inline std::uint64_t faults(const std::string& policy, const std::string& refs, std::uint32_t frames,
                            const std::vector<std::pair<std::string, std::string>>& params = {}) {
  return run_policy(policy, refs, frames, params).misses;
}

// The pages that left, in order ("1,3").
inline std::string victims(const ReplayResult& result) {
  std::string list;
  for (const ReplayStep& step : result.steps) {
    if (step.victim) list += (list.empty() ? "" : ",") + page_text(*step.victim);
  }
  return list;
}

}  // namespace ks::test
