// sim-core/trace/chrome.h — the trace in Chrome's trace event format (opens in Perfetto and in
// chrome://tracing).
//
// Layout: a "CPUs" process with one thread per CPU, whose spans are the processes that ran
// there; and a "Processes" process with one thread per simulated process, whose spans are its
// states (ready, running, blocked). Interrupts, I/O and deadline misses are instant events.
// One tick is written as one microsecond.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "sim-core/trace/trace.h"

namespace ks {

class ChromeTraceWriter : public TraceSink {
 public:
  ChromeTraceWriter(std::ostream& out, const Trace& trace);
  void record(const TraceEvent& event) override;
  void finish() override;

 private:
  void begin_object();
  void span(char phase, int lane_process, std::int64_t lane, Tick time, std::string_view name);
  void instant(int lane_process, std::int64_t lane, Tick time, std::string_view name);
  void thread_name(int lane_process, std::int64_t lane, std::string_view name);
  std::string_view process_name(Pid pid) const;

  std::ostream& out_;
  const Trace& trace_;
  bool first_ = true;
  bool finished_ = false;
  Tick last_time_ = 0;
  std::vector<std::int64_t> name_of_pid_;   // name id, or -1
  std::vector<ProcessState> state_of_pid_;  // last state seen
  std::vector<Pid> running_on_cpu_;         // kNoPid when idle
};

}  // namespace ks
