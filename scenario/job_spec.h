// scenario/job_spec.h — the one-line job list of `kernsim sched --jobs SPEC`.
//
// SPEC is comma-separated jobs, each either
//   ARRIVAL:LENGTH               a CPU-only job, named J0, J1, ... by its position in SPEC
//   NAME@ARRIVAL:c10,i5,c3       a named job with CPU (c) and I/O (i) bursts
// Tokens of the form cN or iN continue the bursts of the named job before them, so
// "A@0:c4,i2,c1,3:5" is job A (cpu 4, io 2, cpu 1) then J1 arriving at 3 with length 5.
#pragma once

#include <string>
#include <vector>

#include "kernel/kernel.h"

namespace ks {

// Parses SPEC; throws InputError whose key path is "--jobs" and whose column is the position
// (1-based) in SPEC of the offending job.
std::vector<BurstProcessSpec> parse_job_spec(const std::string& spec);

}  // namespace ks
