#include "visualizer/model/event_log.h"

#include <algorithm>
#include <cstdio>

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
  const auto it = std::lower_bound(rows.begin(), rows.end(), applied,
                                   [](std::uint32_t row, std::size_t a) { return row < a; });
  if (it == rows.begin()) return std::nullopt;
  return static_cast<std::size_t>(it - rows.begin()) - 1;
}

namespace {

std::string ticks(std::int64_t value) {
  return value == kNever ? std::string("unlimited") : std::to_string(value);
}

std::string on_cpu(const TraceEvent& event) {
  return event.cpu == kNoCpu ? std::string() : " on CPU " + std::to_string(event.cpu);
}

// "0x00012" for virtual page 0x12 (five hex digits: Sv32 has 20-bit page numbers).
std::string hex_page(std::int64_t page) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%05llx", static_cast<unsigned long long>(page));
  return text;
}

}  // namespace

std::string describe_event(const Run& run, const TraceEvent& event) {
  const std::string who = event.pid == kNoPid ? std::string() : run.process_name(event.pid) + " ";
  switch (event.kind) {
    case EventKind::CpuOnline: return "CPU " + std::to_string(event.cpu) + " online";
    case EventKind::ProcessCreated: return who + "created";
    case EventKind::StateChanged:
      return who + std::string(to_string(static_cast<ProcessState>(event.a))) + " -> " +
             std::string(to_string(static_cast<ProcessState>(event.b))) + on_cpu(event);
    case EventKind::Dispatched: return who + "dispatched" + on_cpu(event) + " (slice " + ticks(event.a) + ")";
    case EventKind::Preempted:
      return who + "preempted" + on_cpu(event) + ": " + std::string(to_string(static_cast<PreemptReason>(event.a))) +
             " after " + std::to_string(event.b);
    case EventKind::Blocked:
      return who + "blocked (" + std::string(to_string(static_cast<BlockReason>(event.a))) + ") after " +
             std::to_string(event.b);
    case EventKind::Woken: return who + "woken";
    case EventKind::Exited: return who + "exited" + on_cpu(event);
    case EventKind::TimerInterrupt: return "timer" + on_cpu(event);
    case EventKind::IoRequest:
      return who + "I/O request to device " + std::to_string(event.a) + " (" + std::to_string(event.b) + " ticks)";
    case EventKind::IoComplete: return who + "I/O complete on device " + std::to_string(event.a);
    case EventKind::Migrated:
      return who + "migrated CPU " + std::to_string(event.a) + " -> " + std::to_string(event.b);
    case EventKind::DeadlineMiss: return who + "missed deadline " + std::to_string(event.a);
    case EventKind::CpuIdle: return "CPU " + std::to_string(event.cpu) + " idle";
    case EventKind::RunEnd: return event.a ? "run ended: every process exited" : "run ended: time limit";
    case EventKind::TlbMiss: return who + "TLB miss" + on_cpu(event) + ": page " + hex_page(event.a) + ", ASID " + std::to_string(event.b);
    case EventKind::TlbFlush:
      return "TLB flush" + on_cpu(event) +
             (event.a == 0 ? std::string(": everything") : event.a == 1 ? ": ASID " + std::to_string(event.b) : ": page " + hex_page(event.b));
    default: break;  // kinds added later are named by the trace vocabulary
  }
  return who + std::string(to_string(event.kind)) + on_cpu(event) + " (" + std::to_string(event.a) + ", " + std::to_string(event.b) + ")";
}

}  // namespace ks::viz
