// grader/trace_checks.cpp — the checks that replay the trace's states (trace_checks.h).
//
// Each walks the events once and keeps the state it needs: when each process became ready (the
// longest wait, with who waited and when), which process each CPU runs and who is ready at the
// end of every tick (work conservation), which processes were created and which exited. The
// comparison with a reference policy takes the events of the kinds the check names from both
// traces and reports the first that differs, with the last one that agreed; process names are
// compared as text, since the two runs number their names differently.
#include "grader/trace_checks.h"

#include <algorithm>
#include <map>

namespace ks::grade {
namespace {

std::string name_of(Pid pid, const std::vector<std::string>& by_pid) {
  return pid < by_pid.size() && !by_pid[pid].empty() ? by_pid[pid] : "pid " + std::to_string(pid);
}

Tick end_time(const RunRecord& run) { return run.events.empty() ? 0 : run.events.back().time; }

// Every process that is created, and whether it exited.
CheckResult check_all_complete(const CheckContext& context, CheckResult result) {
  const RunRecord& run = *context.actual;
  const auto by_pid = process_names(run.events, run.names);
  std::map<Pid, bool> exited;
  for (const TraceEvent& event : run.events) {
    if (event.kind == EventKind::ProcessCreated) exited.emplace(event.pid, false);
    if (event.kind == EventKind::StateChanged && static_cast<ProcessState>(event.b) == ProcessState::Exited)
      exited[event.pid] = true;
  }
  std::string missing;
  std::size_t done = 0;
  for (const auto& [pid, finished] : exited) {
    if (finished) ++done;
    else missing += (missing.empty() ? "" : ", ") + name_of(pid, by_pid);
  }
  result.expected = "every process (" + std::to_string(exited.size()) + ") exits";
  result.passed = missing.empty() && !exited.empty();
  result.actual =
      exited.empty()
          ? "the trace has no processes"
          : std::to_string(done) + " of " + std::to_string(exited.size()) + " exited" +
                (missing.empty() ? "" : "; not finished by t=" + std::to_string(end_time(run)) + ": " + missing);
  return result;
}

// No CPU is idle at the end of a tick while a thread is ready.
CheckResult check_work_conserving(const CheckContext& context, CheckResult result) {
  const RunRecord& run = *context.actual;
  const auto by_pid = process_names(run.events, run.names);
  std::map<CpuId, Pid> running;  // cpu -> pid running there (kNoPid: idle)
  std::map<Pid, bool> ready;
  result.expected = "no CPU is idle at the end of a tick while a process is ready";
  const auto violation = [&](Tick time) -> std::string {
    std::string waiting;
    for (const auto& [pid, is_ready] : ready) {
      if (is_ready) waiting += (waiting.empty() ? "" : ", ") + name_of(pid, by_pid);
    }
    for (const auto& [cpu, pid] : running) {
      if (pid == kNoPid && !waiting.empty()) {
        return "at t=" + std::to_string(time) + " cpu " + std::to_string(cpu) + " was idle while ready: " + waiting;
      }
    }
    return {};
  };
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    const TraceEvent& event = run.events[i];
    switch (event.kind) {
      case EventKind::CpuOnline: running[event.cpu] = kNoPid; break;
      case EventKind::Dispatched: running[event.cpu] = event.pid; break;
      case EventKind::Preempted:
      case EventKind::Blocked:
      case EventKind::Exited: running[event.cpu] = kNoPid; break;
      case EventKind::StateChanged: ready[event.pid] = static_cast<ProcessState>(event.b) == ProcessState::Ready; break;
      default: break;
    }
    const bool tick_ends = i + 1 == run.events.size() || run.events[i + 1].time != event.time;
    if (tick_ends && event.kind != EventKind::RunEnd) {
      const std::string problem = violation(event.time);
      if (!problem.empty()) {
        result.actual = problem;
        return result;
      }
    }
  }
  result.passed = true;
  result.actual = "no CPU was idle while a process was ready";
  return result;
}

bool same_event(const TraceEvent& a, const std::vector<std::string>& a_names, const TraceEvent& b,
                const std::vector<std::string>& b_names) {
  if (a.kind != b.kind || a.time != b.time || a.cpu != b.cpu || a.pid != b.pid || a.tid != b.tid || a.a != b.a)
    return false;
  if (a.kind != EventKind::ProcessCreated) return a.b == b.b;
  const auto ia = static_cast<std::size_t>(a.b), ib = static_cast<std::size_t>(b.b);
  return ia < a_names.size() && ib < b_names.size() && a_names[ia] == b_names[ib];
}

std::vector<const TraceEvent*> filtered(const RunRecord& run, const std::vector<EventKind>& kinds) {
  std::vector<const TraceEvent*> out;
  for (const TraceEvent& event : run.events) {
    if (kinds.empty() || std::find(kinds.begin(), kinds.end(), event.kind) != kinds.end()) out.push_back(&event);
  }
  return out;
}

}  // namespace

CheckResult check_max_wait(const Check& check, const CheckContext& context, CheckResult result) {
  const RunRecord& run = *context.actual;
  const auto by_pid = process_names(run.events, run.names);
  std::map<Pid, Tick> ready_since;
  Tick longest = -1, longest_from = 0;
  Pid longest_pid = kNoPid;
  const auto account = [&](Pid pid, Tick now) {
    const auto it = ready_since.find(pid);
    if (it == ready_since.end()) return;
    if (check.event.process.empty() || name_of(pid, by_pid) == check.event.process) {
      if (now - it->second > longest) {
        longest = now - it->second;
        longest_from = it->second;
        longest_pid = pid;
      }
    }
    ready_since.erase(it);
  };
  for (const TraceEvent& event : run.events) {
    if (event.kind != EventKind::StateChanged) continue;
    if (static_cast<ProcessState>(event.a) == ProcessState::Ready) account(event.pid, event.time);
    if (static_cast<ProcessState>(event.b) == ProcessState::Ready) ready_since[event.pid] = event.time;
  }
  const Tick end = end_time(run);
  while (!ready_since.empty()) account(ready_since.begin()->first, end);
  result.expected = "every wait while ready lasts at most " + std::to_string(check.max_ticks) + " ticks";
  if (longest < 0) {
    result.passed = true;
    result.actual = "no process was ever ready";
    return result;
  }
  result.passed = longest <= check.max_ticks;
  result.actual = "the longest wait: " + name_of(longest_pid, by_pid) +
                  " was ready from t=" + std::to_string(longest_from) +
                  " to t=" + std::to_string(longest_from + longest) + " (" + std::to_string(longest) + " ticks)";
  return result;
}

CheckResult check_invariant(const Check& check, const CheckContext& context, CheckResult result) {
  if (check.invariant == "all_complete") return check_all_complete(context, std::move(result));
  return check_work_conserving(context, std::move(result));
}

CheckResult check_reference(const Check& check, const CheckContext& context, CheckResult result) {
  const RunRecord& expected_run = context.reference(check.reference_policy);
  const RunRecord& actual_run = *context.actual;
  const auto expected = filtered(expected_run, check.kinds);
  const auto actual = filtered(actual_run, check.kinds);
  const auto expected_pids = process_names(expected_run.events, expected_run.names);
  const auto actual_pids = process_names(actual_run.events, actual_run.names);
  std::size_t i = 0;
  while (i < expected.size() && i < actual.size() &&
         same_event(*expected[i], expected_run.names, *actual[i], actual_run.names))
    ++i;
  if (i == expected.size() && i == actual.size()) {
    result.passed = true;
    result.expected = "the trace of " + check.reference_policy + " (" + std::to_string(expected.size()) + " events)";
    result.actual = "identical";
    return result;
  }
  result.expected =
      i < expected.size() ? describe_event(*expected[i], expected_run.names, expected_pids) : "the trace ends";
  result.actual = i < actual.size() ? describe_event(*actual[i], actual_run.names, actual_pids) : "the trace ends";
  const Tick time = i < expected.size() ? expected[i]->time : actual[i]->time;
  result.detail = "first divergence from " + check.reference_policy + " at t=" + std::to_string(time) + " (event " +
                  std::to_string(i + 1) + "; the " + std::to_string(i) + " before it agree)";
  if (i > 0)
    result.detail += "; the last agreeing event: " + describe_event(*actual[i - 1], actual_run.names, actual_pids);
  return result;
}

}  // namespace ks::grade
