// kernel/sched/extra_policies.h — policies added at run time, beside the built-in registry.
//
// The built-in list in registry.cpp is fixed at compile time. A lab's student files (compiled
// into the grader's runner, see grader/runner/) add their policies here, usually from a static
// initializer:
//     static const bool registered = ks::register_policy(student_mlfq_policy());
// find_policy() and policy_names() consult this list after the built-in one, so a scenario or
// `--policy` may name an extra policy like any other. A name already taken is refused.
#pragma once

#include <vector>

#include "kernel/sched/registry.h"

namespace ks {

// Adds POLICY; returns false (and adds nothing) when its name is already registered.
bool register_policy(PolicyInfo policy);
// The extra policies, in the order they were registered.
const std::vector<PolicyInfo>& extra_policies();

}  // namespace ks
