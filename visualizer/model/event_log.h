// visualizer/model/event_log.h — the event log: filters and one readable line per event.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "visualizer/model/run.h"

namespace ks::viz {

struct EventFilter {
  std::optional<Pid> pid;                     // only events of this process
  std::optional<CpuId> cpu;                   // only events on this CPU
  std::array<bool, kEventKindCount> kinds{};  // which kinds to show

  EventFilter() { kinds.fill(true); }
  bool accepts(const TraceEvent& event) const;
};

// Indices into RUN.events() of the events FILTER accepts, in order.
std::vector<std::uint32_t> filter_events(const Run& run, const EventFilter& filter);

// The row of ROWS (from filter_events) that the cursor is on: the last applied event shown,
// or nullopt when none is applied yet.
std::optional<std::size_t> row_at_cursor(const std::vector<std::uint32_t>& rows, std::size_t applied);

// EVENT in words, as the trace describes it (sim-core/trace/event_info.h):
// "B dispatched on CPU 0 (slice 2)".
std::string describe_event(const Run& run, const TraceEvent& event);

}  // namespace ks::viz
