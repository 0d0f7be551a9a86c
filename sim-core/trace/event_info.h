// sim-core/trace/event_info.h — the one description of every kind of trace event.
//
// An event is a kind, a time, a CPU, a process and two payload words, a and b, whose meaning
// depends on the kind (event.h). This file says, once, for every EventKind: its name in the
// trace, what it means, what a and b hold, how the JSON Lines trace spells them (jsonl.cpp
// writes and reads with this table), and how an event reads in words. Every tool that shows an
// event to a person — the grader's reports, the visualizer's event log — uses
// describe_event or describe_payload, so a kind added here is described everywhere at once.
// docs/trace-format.md lists the same kinds and fields; a test keeps the two in step.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "sim-core/trace/event.h"

namespace ks {

// How a payload word is spelled in the JSON Lines trace.
enum class PayloadEncoding : std::uint8_t {
  None,  // the kind does not use this word
  Integer,
  Boolean,       // true / false
  State,         // a ProcessState by name
  Preempt,       // a PreemptReason by name
  Block,         // a BlockReason by name
  Name,          // an id of the trace's name table, written as the name
  OptionalPid,   // left out when it is kNoPid
  OptionalTick,  // left out when it is kNever
};

struct PayloadWord {
  const char* field = nullptr;  // its JSON Lines field name; nullptr when the kind does not use it
  PayloadEncoding encoding = PayloadEncoding::None;
  std::string_view meaning;  // what the word holds, for people
};

struct EventKindInfo {
  EventKind kind;
  std::string_view name;     // in the trace: "dispatched"
  std::string_view phrase;   // in a sentence after the process (or CPU): "dispatched"
  std::string_view summary;  // what happened, in one line
  PayloadWord a;
  PayloadWord b;
};

// Every kind, in the order of the enum.
std::span<const EventKindInfo> event_kinds();
// KIND's description; a value outside the enum gets a row named "unknown".
const EventKindInfo& event_kind_info(EventKind kind);

// What an event's words refer to: processes by pid, names by their id in the name table.
// Either may be empty; then a pid reads "pid N" and a name id "name N".
struct EventNames {
  std::function<std::string(Pid)> process;
  std::function<std::string(std::int64_t)> name;
};

// EVENT's payload in words, with its brackets: "(slice 4)", "(quantum_expired, ran 3)",
// "\"A\"" for a created process; empty for a kind without payload.
std::string describe_payload(const TraceEvent& event, const EventNames& names);

// EVENT in one line: "B dispatched on CPU 0 (slice 4)", "CPU 1 idle", "run ended (time limit)".
std::string describe_event(const TraceEvent& event, const EventNames& names);

// What EVENT's pid reads as: NAMES.process(pid) when it gives a name, else "pid N".
std::string process_label(Pid pid, const EventNames& names);

}  // namespace ks
