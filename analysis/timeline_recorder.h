// analysis/timeline_recorder.h — the events a text timeline needs, in memory that does not grow
// with the length of the run.
//
// A timeline (analysis/timeline.h) is built from four kinds of event: CpuOnline, ProcessCreated,
// ProcessExec and StateChanged; every other kind only moves its end. Keeping the whole trace for
// it (a MemoryTrace) costs 32 bytes per event: gigabytes for one long round-robin process, whose
// every quantum adds a dispatch, a preemption and four state changes. TimelineRecorder keeps
// only those four kinds, and drops the pair "Running -> Ready, then Ready -> Running again" of one
// thread on one CPU at one tick (a quantum expiry with nobody else to run): the pair leaves no
// mark on a timeline, so the timeline built from what is kept is the one built from everything.
// Past LIMIT kept events it stops keeping and says so (complete() is false): the memory is then
// bounded whatever the workload, and the caller explains that the timeline is not shown.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "sim-core/trace/trace.h"

namespace ks {

class TimelineRecorder : public TraceSink {
 public:
  static constexpr std::size_t kDefaultLimit = std::size_t{1} << 20;  // 32 MiB of events

  explicit TimelineRecorder(std::size_t limit = kDefaultLimit) : limit_(limit) {}

  void record(const TraceEvent& event) override;
  void finish() override;

  // What build_timeline needs; complete after finish().
  const std::vector<TraceEvent>& events() const { return events_; }
  // False when the run had more than LIMIT events worth keeping (events() is then cut short).
  bool complete() const { return complete_; }
  std::size_t limit() const { return limit_; }

 private:
  void keep(const TraceEvent& event);

  std::size_t limit_;
  std::vector<TraceEvent> events_;
  std::optional<TraceEvent> held_;  // a Running -> Ready change that may be undone at once
  std::optional<TraceEvent> last_;  // the latest event of any kind: it sets the timeline's end
  bool complete_ = true;
};

}  // namespace ks
