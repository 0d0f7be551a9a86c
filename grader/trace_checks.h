// grader/trace_checks.h — the checks that follow the trace's process and CPU states over time:
// the longest wait while ready, work conservation, completion, and equivalence with a
// reference policy's trace. Internal to the grader (used by checks.cpp).
#pragma once

#include "grader/checks.h"

namespace ks::grade {

CheckResult check_max_wait(const Check& check, const CheckContext& context, CheckResult result);
CheckResult check_invariant(const Check& check, const CheckContext& context, CheckResult result);
CheckResult check_reference(const Check& check, const CheckContext& context, CheckResult result);

}  // namespace ks::grade
