// sim-core/trace/chrome.cpp — the Chrome trace writer (its layout: chrome.h).
//
// The writer follows the trace as it comes: it remembers which process runs on each CPU and the
// state of each process, so a state change ends one span and begins the next; finish() closes
// whatever is still open at the last event's time, so viewers draw every span to the end.
// Names are written through nlohmann::json, so any byte in a process name stays valid JSON.
#include "sim-core/trace/chrome.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace ks {
namespace {

constexpr int kCpuLanes = 0;
constexpr int kProcessLanes = 1;

bool has_span(ProcessState state) {
  return state == ProcessState::Ready || state == ProcessState::Running || state == ProcessState::Blocked;
}

std::string quoted(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

ChromeTraceWriter::ChromeTraceWriter(std::ostream& out, const Trace& trace) : out_(out), trace_(trace) {
  out_ << "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"kernsim\",\"tick\":\"1us\"},"
          "\"traceEvents\":[\n";
  begin_object();
  out_ << R"({"ph":"M","pid":0,"name":"process_name","args":{"name":"CPUs"}})";
  begin_object();
  out_ << R"({"ph":"M","pid":1,"name":"process_name","args":{"name":"Processes"}})";
}

void ChromeTraceWriter::begin_object() {
  if (!first_) out_ << ",\n";
  first_ = false;
}

void ChromeTraceWriter::span(char phase, int lane_process, std::int64_t lane, Tick time, std::string_view name) {
  begin_object();
  out_ << "{\"ph\":\"" << phase << "\",\"pid\":" << lane_process << ",\"tid\":" << lane << ",\"ts\":" << time
       << ",\"name\":" << quoted(name) << '}';
}

void ChromeTraceWriter::instant(int lane_process, std::int64_t lane, Tick time, std::string_view name) {
  begin_object();
  out_ << "{\"ph\":\"i\",\"s\":\"t\",\"pid\":" << lane_process << ",\"tid\":" << lane << ",\"ts\":" << time
       << ",\"name\":" << quoted(name) << '}';
}

void ChromeTraceWriter::thread_name(int lane_process, std::int64_t lane, std::string_view name) {
  begin_object();
  out_ << "{\"ph\":\"M\",\"pid\":" << lane_process << ",\"tid\":" << lane
       << ",\"name\":\"thread_name\",\"args\":{\"name\":" << quoted(name) << "}}";
}

std::string_view ChromeTraceWriter::process_name(Pid pid) const {
  if (pid < name_of_pid_.size() && name_of_pid_[pid] >= 0) {
    return trace_.name(static_cast<std::uint32_t>(name_of_pid_[pid]));
  }
  return "?";
}

void ChromeTraceWriter::record(const TraceEvent& event) {
  last_time_ = event.time;
  switch (event.kind) {
    case EventKind::CpuOnline:
      if (event.cpu >= running_on_cpu_.size()) running_on_cpu_.resize(event.cpu + 1u, kNoPid);
      thread_name(kCpuLanes, event.cpu, "CPU " + std::to_string(event.cpu));
      break;
    case EventKind::ProcessCreated:
      if (event.pid >= name_of_pid_.size()) {
        name_of_pid_.resize(event.pid + 1u, -1);
        state_of_pid_.resize(event.pid + 1u, ProcessState::New);
      }
      name_of_pid_[event.pid] = event.b;
      thread_name(kProcessLanes, event.pid, process_name(event.pid));
      break;
    case EventKind::StateChanged: {
      if (event.pid >= state_of_pid_.size()) break;
      const auto from = static_cast<ProcessState>(event.a);
      const auto to = static_cast<ProcessState>(event.b);
      if (has_span(from)) span('E', kProcessLanes, event.pid, event.time, to_string(from));
      if (has_span(to)) span('B', kProcessLanes, event.pid, event.time, to_string(to));
      if (event.cpu < running_on_cpu_.size()) {
        if (from == ProcessState::Running && running_on_cpu_[event.cpu] == event.pid) {
          span('E', kCpuLanes, event.cpu, event.time, process_name(event.pid));
          running_on_cpu_[event.cpu] = kNoPid;
        }
        if (to == ProcessState::Running) {
          span('B', kCpuLanes, event.cpu, event.time, process_name(event.pid));
          running_on_cpu_[event.cpu] = event.pid;
        }
      }
      state_of_pid_[event.pid] = to;
      break;
    }
    case EventKind::TimerInterrupt: instant(kCpuLanes, event.cpu, event.time, "timer interrupt"); break;
    case EventKind::IoRequest:
    case EventKind::IoComplete:
    case EventKind::DeadlineMiss:
    case EventKind::Migrated:
      if (event.pid != kNoPid) instant(kProcessLanes, event.pid, event.time, to_string(event.kind));
      break;
    default: break;
  }
}

void ChromeTraceWriter::finish() {
  if (finished_) return;
  finished_ = true;
  // Close what is still open, so that viewers draw the spans up to the end of the run.
  for (std::size_t cpu = 0; cpu < running_on_cpu_.size(); ++cpu) {
    if (running_on_cpu_[cpu] != kNoPid)
      span('E', kCpuLanes, static_cast<std::int64_t>(cpu), last_time_, process_name(running_on_cpu_[cpu]));
  }
  for (std::size_t pid = 0; pid < state_of_pid_.size(); ++pid) {
    if (has_span(state_of_pid_[pid]))
      span('E', kProcessLanes, static_cast<std::int64_t>(pid), last_time_, to_string(state_of_pid_[pid]));
  }
  out_ << "\n]}\n";
  out_.flush();
}

}  // namespace ks
