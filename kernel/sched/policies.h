// kernel/sched/policies.h — the registry entry of every policy, one function per policy file.
#pragma once

#include "kernel/sched/registry.h"

namespace ks {

PolicyInfo fifo_policy();  // fifo.cpp
PolicyInfo rr_policy();    // rr.cpp
PolicyInfo sjf_policy();       // sjf.cpp
PolicyInfo stcf_policy();      // stcf.cpp
PolicyInfo priority_policy();  // priority.cpp
PolicyInfo hrrn_policy();      // hrrn.cpp
PolicyInfo mlfq_policy();      // mlfq.cpp
PolicyInfo stride_policy();    // stride.cpp
PolicyInfo lottery_policy();   // lottery.cpp
PolicyInfo cfs_policy();       // cfs.cpp
PolicyInfo eevdf_policy();     // eevdf.cpp
PolicyInfo edf_policy();       // edf.cpp
PolicyInfo rms_policy();       // rms.cpp

}  // namespace ks
