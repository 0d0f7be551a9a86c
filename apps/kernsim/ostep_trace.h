// apps/kernsim/ostep_trace.h — an OSTEP CPU chapter's run as a kernsim trace, for `kernsim ostep
// SIM --viz`: the visualizer then replays it in its schedule view, as it replays any recorded run.
//
// The simulators (ostep/cpu/schedule.h) describe their run as a schedule: each job's changes of
// state (arrived ready, running on a CPU, blocked on I/O, done) at the script's times. Here each
// change becomes the trace events the kernel would have written for it: process_created and
// state_changed, dispatched when a job takes a CPU (migrated first when it is another CPU than
// last time), preempted (quantum_expired), blocked (io) or exited when it leaves one, with the
// ticks it ran, woken when its I/O is done; cpu_online for every CPU first and run_end last. Pid N+1 is the script's
// job N, named as the script names it ("Job 0", "PID 1", "a").
//
// Trace times are whole ticks. When every time of the schedule is a whole number, one tick is one
// of the script's time units; otherwise the smallest of 10, 100 and 1000 ticks to a unit that
// makes every time whole (scheduler -l 2.5,1.25 gives 100) — more decimals are refused.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim-core/trace/trace.h"

namespace ks::cli {

struct OstepTrace {
  std::vector<TraceEvent> events;
  Trace names;
  std::int64_t ticks_per_unit = 1;
};

// The trace of SCHEDULE (the "schedule" of a run's --json data). Throws InputError when it
// cannot be drawn: the simulator's "problem", a time before 0 or beyond 2^53, too many decimals.
OstepTrace schedule_trace(const nlohmann::json& schedule);

// TRACE as JSON Lines (sim-core/trace/jsonl.h), the format kernsim-viz opens.
void write_ostep_trace(const OstepTrace& trace, std::ostream& out);

}  // namespace ks::cli
