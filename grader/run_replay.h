// grader/run_replay.h — a test whose "scenario" is a reference string: the paging labs' tests.
//
// A replacement policy is graded on reference strings, not on a machine: the test's scenario is
// a replay document,
//     {"replay": {"frames": 4, "refs": "7,0,1,2w,0,3"}}
//     {"replay": {"frames": 8, "generator": "zipf", "params": {"length": 2000, "pages": 40}, "seed": 3}}
// (references written out, or drawn by a generator of kernel/mm/replace/ref_strings.h from a
// seed, which the test's "seed" overrides), and the test's "policy" names the replacement policy
// under test. The replay (kernel/mm/replace/replay.h) becomes a trace that the ordinary checks
// read: one process "refs" created at time 0; for every miss a page_fault at time = the
// reference's position, its address the page's (page × 4096), minor at a page's first touch and
// major when it comes back after an eviction; after it, for a victim that was written while
// resident, an io_request (device 0, the swap device; service 1): the write-back that dirty
// evictions cost; then the exit and run_end at time = the string's length. So a `count` of
// page_fault events is the number of faults, of io_request events the write-backs, and a
// `reference` check finds the first fault where two policies part.
#pragma once

#include <iosfwd>
#include <string>

#include "grader/run_scenario.h"

namespace ks::grade {

// True when TEXT (a test's scenario) is a JSON object with a "replay" member.
bool is_replay_document(const std::string& text);

// Runs the replay REQUEST describes (its policy: a replacement policy) and writes the trace to
// TRACE_OUT; with TIMELINE_OUT, also a table of the steps (the first 200) and the totals.
// Throws InputError, positioned in the document, for bad input.
void run_replay_to_trace(const ScenarioRunRequest& request, std::ostream& trace_out, std::ostream* timeline_out);

}  // namespace ks::grade
