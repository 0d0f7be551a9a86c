// Checks over metrics, event order and counts, and program output (see grader/checks.h).
// The checks that walk the trace's states (waits, invariants, reference equivalence) are in
// trace_checks.cpp.
#include "grader/checks.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "grader/trace_checks.h"
#include "sim-core/trace/event_info.h"

namespace ks::grade {

std::vector<std::string> process_names(const std::vector<TraceEvent>& events, const std::vector<std::string>& names) {
  std::vector<std::string> by_pid;
  for (const TraceEvent& event : events) {
    if (event.kind != EventKind::ProcessCreated) continue;
    if (by_pid.size() <= event.pid) by_pid.resize(event.pid + 1);
    const auto id = static_cast<std::size_t>(event.b);
    by_pid[event.pid] = id < names.size() ? names[id] : "pid " + std::to_string(event.pid);
  }
  return by_pid;
}

RunRecord make_record(std::vector<TraceEvent> events, std::vector<std::string> names) {
  RunRecord record;
  Trace table;
  for (const std::string& name : names) table.add_name(name);
  record.metrics = compute_metrics(events, table);
  record.events = std::move(events);
  record.names = std::move(names);
  return record;
}

std::string describe_event(const TraceEvent& event, const std::vector<std::string>& names,
                           const std::vector<std::string>& by_pid) {
  // The report's layout ("t=TIME KIND WHO on cpu C (PAYLOAD)") around the trace's one
  // description of the payload (sim-core/trace/event_info.h).
  const EventNames lookup{[&](Pid pid) { return pid < by_pid.size() ? by_pid[pid] : std::string(); },
                          [&](std::int64_t id) {
                            return id >= 0 && static_cast<std::size_t>(id) < names.size()
                                       ? names[static_cast<std::size_t>(id)]
                                       : std::string();
                          }};
  std::string text = "t=" + std::to_string(event.time) + " " + std::string(to_string(event.kind));
  if (event.pid != kNoPid) text += " " + process_label(event.pid, lookup);
  if (event.cpu != kNoCpu) text += " on cpu " + std::to_string(event.cpu);
  const std::string payload = describe_payload(event, lookup);
  if (!payload.empty()) text += " " + payload;
  return text;
}

namespace {

std::string number_text(double value) {
  if (std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e15) return std::to_string(std::llround(value));
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

// Walks a dotted path into the metrics' JSON form; "process.NAME" selects a process by name.
const nlohmann::json* walk_metrics(const nlohmann::json& root, const std::string& metric, std::string& problem) {
  const nlohmann::json* node = &root;
  std::size_t start = 0;
  bool first = true;
  while (start <= metric.size()) {
    const std::size_t dot = std::min(metric.find('.', start), metric.size());
    std::string part = metric.substr(start, dot - start);
    if (first && part == "process") part = "processes";
    if (first && part == "cpu") part = "cpus";
    first = false;
    if (node->is_array()) {
      const nlohmann::json* found = nullptr;
      for (const auto& item : *node) {
        if ((item.contains("name") && item["name"] == part) || (item.contains("cpu") && item["cpu"].dump() == part))
          found = &item;
      }
      if (!found) {
        problem = "no process or CPU \"" + part + "\" in the run";
        return nullptr;
      }
      node = found;
    } else if (node->is_object() && node->contains(part)) {
      node = &(*node)[part];
    } else {
      problem = "no metric \"" + metric + "\" (see docs/grading.md for the names)";
      return nullptr;
    }
    start = dot + 1;
  }
  return node;
}

bool compare(double actual, Comparison op, double expected, double allowed) {
  switch (op) {
    case Comparison::Equal: return std::abs(actual - expected) <= allowed + 1e-9;
    case Comparison::Less: return actual < expected + allowed;
    case Comparison::LessEqual: return actual <= expected + allowed + 1e-9;
    case Comparison::Greater: return actual > expected - allowed;
    case Comparison::GreaterEqual: return actual >= expected - allowed - 1e-9;
  }
  return false;
}

CheckResult check_metric(const Check& check, const CheckContext& context, CheckResult result) {
  double expected = check.value.value_or(0);
  std::string problem;
  std::string source;
  if (!check.value_from_policy.empty()) {
    if (!metric_value(context.reference(check.value_from_policy).metrics, check.metric, expected, problem)) {
      result.expected = "the reference's " + check.metric;
      result.actual = "(the reference run has none: " + problem + ")";
      return result;
    }
    source = " (" + check.value_from_policy + " gives " + number_text(expected) + ")";
  }
  const double allowed = check.tolerance + check.relative_tolerance * std::abs(expected);
  result.expected = check.metric + " " + std::string(to_string(check.op)) + " " + number_text(expected) +
                    (allowed > 0 ? " ± " + number_text(allowed) : "") + source;
  double actual = 0;
  if (!metric_value(context.actual->metrics, check.metric, actual, problem)) {
    result.actual = problem;
    return result;
  }
  result.actual = check.metric + " = " + number_text(actual);
  result.passed = compare(actual, check.op, expected, allowed);
  return result;
}

// Index in EVENTS of the NTH event matching PATTERN, or npos.
std::size_t find_event(const EventPattern& pattern, const RunRecord& run, const std::vector<std::string>& by_pid) {
  std::int64_t seen = 0;
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    const TraceEvent& event = run.events[i];
    if (event.kind != pattern.kind) continue;
    if (!pattern.process.empty() && (event.pid >= by_pid.size() || by_pid[event.pid] != pattern.process)) continue;
    if (++seen == pattern.nth) return i;
  }
  return std::string::npos;
}

std::string describe_pattern(const EventPattern& pattern) {
  std::string text = std::string(to_string(pattern.kind)) + (pattern.process.empty() ? "" : " of " + pattern.process);
  if (pattern.nth != 1) text += " (occurrence " + std::to_string(pattern.nth) + ")";
  return text;
}

CheckResult check_order(const Check& check, const CheckContext& context, CheckResult result) {
  const RunRecord& run = *context.actual;
  const auto by_pid = process_names(run.events, run.names);
  result.expected = describe_pattern(check.first) + " happens before " + describe_pattern(check.second);
  const std::size_t first = find_event(check.first, run, by_pid);
  const std::size_t second = find_event(check.second, run, by_pid);
  if (first == std::string::npos) {
    result.actual = describe_pattern(check.first) + " never happened";
    return result;
  }
  const std::string first_text = describe_event(run.events[first], run.names, by_pid);
  if (second == std::string::npos) {
    result.actual = first_text + "; " + describe_pattern(check.second) + " never happened";
    result.passed = true;
    return result;
  }
  const std::string second_text = describe_event(run.events[second], run.names, by_pid);
  result.passed = first < second;
  result.actual =
      result.passed ? first_text + ", then " + second_text : second_text + " came first, then " + first_text;
  return result;
}

// The events of RUN that match PATTERN (its nth aside).
std::int64_t count_events(const EventPattern& pattern, const RunRecord& run) {
  const auto by_pid = process_names(run.events, run.names);
  std::int64_t count = 0;
  for (const TraceEvent& event : run.events) {
    if (event.kind != pattern.kind) continue;
    if (!pattern.process.empty() && (event.pid >= by_pid.size() || by_pid[event.pid] != pattern.process)) continue;
    ++count;
  }
  return count;
}

CheckResult check_count(const Check& check, const CheckContext& context, CheckResult result) {
  const std::int64_t count = count_events(check.event, *context.actual);
  double expected = check.value.value_or(0);
  std::string source;
  if (!check.value_from_policy.empty()) {
    expected = static_cast<double>(count_events(check.event, context.reference(check.value_from_policy)));
    source = " (" + check.value_from_policy + " gives " + number_text(expected) + ")";
  }
  const double allowed = check.tolerance + check.relative_tolerance * std::abs(expected);
  const std::string what =
      "number of " + describe_pattern(EventPattern{check.event.kind, check.event.process, 1}) + " events";
  result.expected = what + " " + std::string(to_string(check.op)) + " " + number_text(expected) +
                    (allowed > 0 ? " ± " + number_text(allowed) : "") + source;
  result.actual = what + " = " + std::to_string(count);
  result.passed = compare(static_cast<double>(count), check.op, expected, allowed);
  return result;
}

CheckResult check_output(const Check& check, const CheckContext& context, CheckResult result) {
  const std::string& console = context.actual->console;
  result.expected =
      std::string("console output ") + (check.expect_match ? "matches" : "does not match") + " /" + check.pattern + "/";
  bool found = false;
  try {
    found = std::regex_search(console, std::regex(check.pattern, std::regex::ECMAScript));
  } catch (const std::regex_error& error) {
    result.actual = std::string("the test's pattern is not a valid regular expression: ") + error.what();
    return result;
  }
  result.passed = found == check.expect_match;
  std::string excerpt = console.substr(0, 200);
  for (char& c : excerpt) c = (c == '\n') ? ' ' : c;
  result.actual = console.empty() ? "no console output"
                                  : (found ? "it matches" : "no match") + std::string(" in \"") + excerpt +
                                        (console.size() > 200 ? "...\"" : "\"");
  return result;
}

std::string default_label(const Check& check) {
  switch (check.kind) {
    case CheckKind::Metric:
      return check.metric + " " + std::string(to_string(check.op)) + " " +
             (check.value ? number_text(*check.value) : check.value_from_policy + "'s value");
    case CheckKind::Order: return describe_pattern(check.first) + " before " + describe_pattern(check.second);
    case CheckKind::MaxWait:
      return "no process" + (check.event.process.empty() ? "" : " " + check.event.process) + " waits more than " +
             std::to_string(check.max_ticks) + " ticks while ready";
    case CheckKind::Count: return "count of " + describe_pattern(check.event);
    case CheckKind::Reference: return "same trace as the reference policy " + check.reference_policy;
    case CheckKind::Invariant: return "invariant " + check.invariant;
    case CheckKind::Output: return "output /" + check.pattern + "/";
  }
  return "check";
}

}  // namespace

bool metric_value(const RunMetrics& metrics, const std::string& metric, double& value, std::string& problem) {
  const nlohmann::json root = to_json(metrics);
  if (metric.rfind("share.", 0) == 0) {
    const std::string name = metric.substr(6);
    double total = 0, own = -1;
    for (const ProcessMetrics& p : metrics.processes) {
      total += static_cast<double>(p.cpu_time);
      if (p.name == name) own = static_cast<double>(p.cpu_time);
    }
    if (own < 0) problem = "no process \"" + name + "\" in the run";
    else if (total <= 0) problem = "no process ran, so there are no shares";
    else value = own / total;
    return problem.empty();
  }
  const nlohmann::json* node = walk_metrics(root, metric, problem);
  if (!node) return false;
  if (node->is_null()) {
    problem = metric + " has no value (the process never ran or did not finish)";
    return false;
  }
  if (!node->is_number()) {
    problem = "\"" + metric + "\" is not a number (name a field inside it)";
    return false;
  }
  value = node->get<double>();
  return true;
}

CheckResult evaluate_check(const Check& check, const CheckContext& context) {
  CheckResult result;
  result.kind = check.kind;
  result.label = check.label.empty() ? default_label(check) : check.label;
  result.points = check.points;
  switch (check.kind) {
    case CheckKind::Metric: result = check_metric(check, context, std::move(result)); break;
    case CheckKind::Order: result = check_order(check, context, std::move(result)); break;
    case CheckKind::Count: result = check_count(check, context, std::move(result)); break;
    case CheckKind::Output: result = check_output(check, context, std::move(result)); break;
    case CheckKind::MaxWait: result = check_max_wait(check, context, std::move(result)); break;
    case CheckKind::Reference: result = check_reference(check, context, std::move(result)); break;
    case CheckKind::Invariant: result = check_invariant(check, context, std::move(result)); break;
  }
  result.earned = result.passed ? result.points : 0;
  return result;
}

}  // namespace ks::grade
