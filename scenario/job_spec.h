// scenario/job_spec.h — the one-line job list of `kernsim sched --jobs SPEC`.
//
// SPEC is comma-separated jobs, each either
//   ARRIVAL:LENGTH               a CPU-only job, named J0, J1, ... by its position in SPEC
//   NAME@ARRIVAL:c10,i5,c3       a named job with CPU (c) and I/O (i) bursts
//   NAME@ARRIVAL:LENGTH          a named CPU-only job (the same as NAME@ARRIVAL:cLENGTH)
// Tokens of the form cN or iN continue the bursts of the named job before them, so
// "A@0:c4,i2,c1,3:5" is job A (cpu 4, io 2, cpu 1) then J1 arriving at 3 with length 5.
// Tokens KEY=VALUE give the job before them its tickets (1..10^9, lottery and stride), priority
// (-1000..1000, lower is more important) or nice value (-20..19, cfs and eevdf), as the scenario
// keys of the same names do: "A@0:10,tickets=300,B@0:10,tickets=100" or "0:8,nice=-5,0:8".
#pragma once

#include <string>
#include <vector>

#include "kernel/kernel.h"

namespace ks {

// Parses SPEC; throws InputError whose key path is "--jobs" and whose column is the position
// (1-based) in SPEC of the offending job.
std::vector<BurstProcessSpec> parse_job_spec(const std::string& spec);

}  // namespace ks
