#include "visualizer/model/event_log.h"

#include <algorithm>

#include "sim-core/trace/event_info.h"

namespace ks::viz {

bool EventFilter::accepts(const TraceEvent& event) const {
  if (!kinds[static_cast<std::size_t>(event.kind)]) return false;
  if (pid && event.pid != *pid) return false;
  if (cpu && event.cpu != *cpu) return false;
  return true;
}

std::vector<std::uint32_t> filter_events(const Run& run, const EventFilter& filter) {
  std::vector<std::uint32_t> rows;
  const auto& events = run.events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (filter.accepts(events[i])) rows.push_back(static_cast<std::uint32_t>(i));
  }
  return rows;
}

std::optional<std::size_t> row_at_cursor(const std::vector<std::uint32_t>& rows, std::size_t applied) {
  const auto it =
      std::lower_bound(rows.begin(), rows.end(), applied, [](std::uint32_t row, std::size_t a) { return row < a; });
  if (it == rows.begin()) return std::nullopt;
  return static_cast<std::size_t>(it - rows.begin()) - 1;
}

std::string describe_event(const Run& run, const TraceEvent& event) {
  const EventNames names{[&](Pid pid) { return run.process_name(pid); },
                         [&](std::int64_t id) {
                           return id >= 0 && static_cast<std::size_t>(id) < run.names().name_count()
                                      ? std::string(run.names().name(static_cast<std::uint32_t>(id)))
                                      : std::string();
                         }};
  return ks::describe_event(event, names);
}

}  // namespace ks::viz
