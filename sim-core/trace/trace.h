// sim-core/trace/trace.h — where events go: the Trace and its sinks.
//
// Producers (the machine, the kernel) call Trace::emit(). The trace hands each event to every
// attached sink in the order they were attached: writers (JSON Lines, Chrome trace), the
// in-memory buffer, the metrics collector. With no sink attached, emit() is one predictable
// branch, so recording that is off costs nearly nothing (see docs/performance.md).
//
// The trace also owns the name table: events carry small integer name ids (a process's name is
// payload b of ProcessCreated) so that an event stays a fixed-size value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim-core/trace/event.h"

namespace ks {

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(const TraceEvent& event) = 0;
  // Called once when the run ends; writers flush and close their format here.
  virtual void finish() {}
};

class Trace {
 public:
  void add_sink(TraceSink& sink) { sinks_.push_back(&sink); }
  bool recording() const { return !sinks_.empty(); }

  void emit(const TraceEvent& event) {
    for (TraceSink* sink : sinks_) sink->record(event);
  }
  void finish();

  // Stores NAME and returns its id; ids count up from 0 in the order names were added.
  std::uint32_t add_name(std::string_view name);
  std::string_view name(std::uint32_t id) const;
  std::size_t name_count() const { return name_ends_.size(); }
  // Makes room for COUNT more names of about AVERAGE_LENGTH characters.
  void reserve_names(std::size_t count, std::size_t average_length);

 private:
  std::vector<TraceSink*> sinks_;
  std::string name_text_;                 // every name, back to back
  std::vector<std::uint32_t> name_ends_;  // where each name ends in name_text_
};

// Keeps every event in memory: for tests, for the grader and for the visualizer.
class MemoryTrace : public TraceSink {
 public:
  void record(const TraceEvent& event) override { events_.push_back(event); }
  const std::vector<TraceEvent>& events() const { return events_; }
  std::vector<TraceEvent>& events() { return events_; }

 private:
  std::vector<TraceEvent> events_;
};

}  // namespace ks
