#include "kernel/sched/extra_policies.h"

#include <algorithm>

namespace ks {
namespace {

// A function-local static: safe to use from other files' static initializers.
std::vector<PolicyInfo>& extra_list() {
  static std::vector<PolicyInfo> list;
  return list;
}

}  // namespace

bool register_policy(PolicyInfo policy) {
  const auto& builtin = policy_registry();
  const auto same = [&](const PolicyInfo& other) { return other.name == policy.name; };
  if (std::any_of(builtin.begin(), builtin.end(), same) || std::any_of(extra_list().begin(), extra_list().end(), same)) {
    return false;
  }
  extra_list().push_back(std::move(policy));
  return true;
}

const std::vector<PolicyInfo>& extra_policies() { return extra_list(); }

}  // namespace ks
