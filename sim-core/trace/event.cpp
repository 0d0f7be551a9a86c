// sim-core/trace/event.cpp — the names of event kinds, process states and reasons, both ways.
// The kinds' names come from event_info.h, the one description of every kind; the states' and
// reasons' are the tables below, in the order of their enums.
#include "sim-core/trace/event.h"

#include <array>

#include "sim-core/trace/event_info.h"

namespace ks {
namespace {

constexpr std::array<std::string_view, 5> kStateNames = {"new", "ready", "running", "blocked", "exited"};
constexpr std::array<std::string_view, 6> kPreemptNames = {"quantum_expired", "higher_priority", "yield",
                                                           "migration",       "boost",           "chaos"};
constexpr std::array<std::string_view, 6> kBlockNames = {"io", "sleep", "wait", "lock", "pipe", "paging"};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum value) {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : std::string_view("unknown");
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(EventKind kind) { return event_kind_info(kind).name; }
std::string_view to_string(ProcessState state) { return name_of(kStateNames, state); }
std::string_view to_string(PreemptReason reason) { return name_of(kPreemptNames, reason); }
std::string_view to_string(BlockReason reason) { return name_of(kBlockNames, reason); }
std::optional<EventKind> event_kind_from_string(std::string_view name) {
  for (const EventKindInfo& info : event_kinds()) {
    if (info.name == name) return info.kind;
  }
  return std::nullopt;
}
std::optional<ProcessState> process_state_from_string(std::string_view name) {
  return value_of<ProcessState>(kStateNames, name);
}
std::optional<PreemptReason> preempt_reason_from_string(std::string_view name) {
  return value_of<PreemptReason>(kPreemptNames, name);
}
std::optional<BlockReason> block_reason_from_string(std::string_view name) {
  return value_of<BlockReason>(kBlockNames, name);
}

}  // namespace ks
