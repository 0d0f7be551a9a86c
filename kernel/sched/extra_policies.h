// kernel/sched/extra_policies.h — policies added at run time, after the built-in ones.
//
// The built-in policies are the marked files of kernel/sched/ (kernel/sched/registry.h), listed
// at build time. Code outside the kernel that brings policies of its own (the grader's test
// submissions, grader/tests/hostile/) adds them here, usually from a static initialiser:
//     static const bool registered = ks::register_policy(student_fifo_policy());
// A scenario or `--policy` may then name an added policy like any other. A name already taken
// is refused.
#pragma once

#include <utility>

#include "kernel/sched/registry.h"

namespace ks {

// Adds POLICY; returns false (and adds nothing) when its name is already registered.
inline bool register_policy(PolicyInfo policy) { return scheduler_registry().add(std::move(policy)); }

}  // namespace ks
