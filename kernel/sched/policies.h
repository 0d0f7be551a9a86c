// kernel/sched/policies.h — the registry entry of every policy, one function per policy file.
#pragma once

#include "kernel/sched/registry.h"

namespace ks {

PolicyInfo fifo_policy();  // fifo.cpp
PolicyInfo rr_policy();    // rr.cpp

}  // namespace ks
