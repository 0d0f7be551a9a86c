// analysis/timeline.h — who ran where and when, reconstructed from the trace.
//
// Segments are what a Gantt chart draws: for each CPU the intervals in which a process ran;
// for each process the intervals it spent ready, running or blocked. The text renderer prints
// them as the timeline of the lecture demo; the visualizer draws the same segments.
#pragma once

#include <string>
#include <vector>

#include "sim-core/trace/trace.h"

namespace ks {

struct Segment {
  Tick start = 0;
  Tick end = 0;
  Pid pid = kNoPid;
  CpuId cpu = kNoCpu;
  ProcessState state = ProcessState::Running;
};

struct Timeline {
  std::vector<std::vector<Segment>> cpus;       // per CPU, in time order: running segments
  std::vector<std::vector<Segment>> processes;  // per pid (index), in time order: ready/running/blocked
  std::vector<std::string> names;               // per pid (index)
  Tick end = 0;
};

// Builds the timeline of EVENTS; names are resolved in NAMES. Open intervals end at the last event.
Timeline build_timeline(const std::vector<TraceEvent>& events, const Trace& names);

// The timeline as text: one line per CPU and one per process, one column per WIDTH-th of the run
// (or per tick when the run is shorter than WIDTH). A wide column never hides what happened in
// it: a CPU column where several processes ran shows '*', and a process that ran in a column
// shows '#' (running held most of its time there) or '+' (it ran, but was mostly ready or
// blocked), never only '-' ready or '~' blocked. Labels longer than 20 characters are cut.
std::string render_timeline(const Timeline& timeline, int width = 72);

}  // namespace ks
