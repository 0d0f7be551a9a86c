#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sim-core/error.h"
#include "sim-core/trace/chrome.h"
#include "sim-core/trace/jsonl.h"

namespace ks {
namespace {

std::vector<TraceEvent> sample_events(Trace& trace) {
  const auto name = trace.add_name("A \"quoted\" name");
  return {
      {0, EventKind::CpuOnline, 0, kNoPid, 0, 1000, 0},
      {0, EventKind::ProcessCreated, kNoCpu, 1, 1, static_cast<std::int64_t>(kNoPid), name},
      {0, EventKind::StateChanged, kNoCpu, 1, 1, static_cast<std::int64_t>(ProcessState::New),
       static_cast<std::int64_t>(ProcessState::Ready)},
      {0, EventKind::Dispatched, 0, 1, 1, kNever, 0},
      {0, EventKind::StateChanged, 0, 1, 1, static_cast<std::int64_t>(ProcessState::Ready),
       static_cast<std::int64_t>(ProcessState::Running)},
      {4, EventKind::TimerInterrupt, 0, kNoPid, 0, 0, 0},
      {4, EventKind::Preempted, 0, 1, 1, static_cast<std::int64_t>(PreemptReason::QuantumExpired), 4},
      {4, EventKind::StateChanged, 0, 1, 1, static_cast<std::int64_t>(ProcessState::Running),
       static_cast<std::int64_t>(ProcessState::Blocked)},
      {4, EventKind::IoRequest, kNoCpu, 1, 1, 0, 3},
      {7, EventKind::IoComplete, kNoCpu, 1, 1, 0, 3},
      {7, EventKind::Woken, kNoCpu, 1, 1, static_cast<std::int64_t>(BlockReason::Io), 0},
      {9, EventKind::Exited, 0, 1, 1, 0, 2},
      {9, EventKind::RunEnd, kNoCpu, kNoPid, 0, 1, 0},
  };
}

TEST(JsonLinesTrace, WritesAHeaderThenOneObjectPerEvent) {
  Trace trace;
  std::ostringstream out;
  JsonLinesWriter writer(out, trace);
  trace.add_sink(writer);
  for (const auto& e : sample_events(trace)) trace.emit(e);
  trace.finish();
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, R"({"format":"kernsim-trace","version":1})");
  std::getline(lines, line);
  EXPECT_EQ(line, R"({"t":0,"kind":"cpu_online","cpu":0,"speed":1000,"big":false})");
  std::getline(lines, line);
  EXPECT_EQ(line, R"({"t":0,"kind":"process_created","pid":1,"tid":1,"name":"A \"quoted\" name"})");
  std::getline(lines, line);
  EXPECT_EQ(line, R"({"t":0,"kind":"state_changed","pid":1,"tid":1,"from":"new","to":"ready"})");
  std::getline(lines, line);
  EXPECT_EQ(line, R"({"t":0,"kind":"dispatched","cpu":0,"pid":1,"tid":1,"switch_cost":0})")
      << "an unlimited slice is left out";
  int count = 5;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
  EXPECT_EQ(count, 14);
}

TEST(JsonLinesTrace, ReadingBackGivesTheSameEventsAndNames) {
  Trace trace;
  std::ostringstream out;
  JsonLinesWriter writer(out, trace);
  trace.add_sink(writer);
  const auto events = sample_events(trace);
  for (const auto& e : events) trace.emit(e);
  std::istringstream in(out.str());
  const RecordedTrace back = read_json_lines_trace(in, "t.jsonl");
  EXPECT_EQ(back.events, events);
  ASSERT_EQ(back.names.size(), 1u);
  EXPECT_EQ(back.names[0], "A \"quoted\" name");
}

void expect_trace_error(const std::string& text, int line, const std::string& fragment) {
  std::istringstream in(text);
  try {
    (void)read_json_lines_trace(in, "bad.jsonl");
    FAIL() << "accepted: " << text;
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, "bad.jsonl");
    EXPECT_EQ(error.where().line, line) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

TEST(JsonLinesTrace, RejectsMalformedFilesNamingTheLine) {
  const std::string header = "{\"format\":\"kernsim-trace\",\"version\":1}\n";
  expect_trace_error("", 0, "empty file");
  expect_trace_error("{\"format\":\"other\"}\n", 1, "not a kernsim trace");
  expect_trace_error("{\"format\":\"kernsim-trace\",\"version\":7}\n", 1, "unsupported trace version");
  expect_trace_error(header + "{\"t\":0,\"kind\":\"cpu_online\",\"cpu\":0,\"speed\":1000,\"big\":false}\n{nope\n", 3,
                     "not valid JSON");
  expect_trace_error(header + "{\"t\":0,\"kind\":\"teleported\"}\n", 2, "unknown value \"teleported\"");
  expect_trace_error(header + "{\"t\":0,\"kind\":\"io_request\",\"pid\":1,\"tid\":1,\"device\":0}\n", 2,
                     "missing field \"service\"");
  expect_trace_error(header + "{\"t\":\"soon\",\"kind\":\"cpu_idle\"}\n", 2, "must be an integer");
  expect_trace_error(header + "{\"t\":5,\"kind\":\"cpu_idle\",\"cpu\":0}\n{\"t\":4,\"kind\":\"cpu_idle\",\"cpu\":0}\n",
                     3, "time order");
  expect_trace_error(header + "{\"t\":1,\"kind\":\"cpu_idle\",\"cpu\":99999999}\n", 2, "out of range");
  expect_trace_error(header + "[1,2]\n", 2, "JSON object");
  expect_trace_error(std::string("\x7f"
                                 "ELF\x01\x02\x00\x00",
                                 8) +
                         "\n",
                     1, "not valid JSON");
}

TEST(ChromeTrace, WritesBalancedSpansOnCpuAndProcessLanes) {
  Trace trace;
  std::ostringstream out;
  ChromeTraceWriter writer(out, trace);
  trace.add_sink(writer);
  for (const auto& e : sample_events(trace)) trace.emit(e);
  trace.finish();
  const auto document = nlohmann::json::parse(out.str());
  ASSERT_TRUE(document.contains("traceEvents"));
  int cpu_begin = 0, cpu_end = 0, process_begin = 0, process_end = 0;
  bool named_cpu = false, named_process = false;
  for (const auto& e : document["traceEvents"]) {
    const std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name") {
      named_cpu = named_cpu || (e["pid"] == 0 && e["args"]["name"] == "CPU 0");
      named_process = named_process || (e["pid"] == 1 && e["args"]["name"] == "A \"quoted\" name");
    }
    if (ph == "B") (e["pid"] == 0 ? cpu_begin : process_begin)++;
    if (ph == "E") (e["pid"] == 0 ? cpu_end : process_end)++;
  }
  EXPECT_TRUE(named_cpu);
  EXPECT_TRUE(named_process);
  EXPECT_EQ(cpu_begin, 1);
  EXPECT_EQ(cpu_begin, cpu_end);
  EXPECT_EQ(process_begin, 3);  // ready, running, blocked
  EXPECT_EQ(process_begin, process_end);
}

TEST(Trace, EmitsToEverySinkInOrderAndToNoneWhenOff) {
  Trace trace;
  EXPECT_FALSE(trace.recording());
  trace.emit({1, EventKind::CpuIdle, 0, kNoPid, 0, 0, 0});  // no sink: nothing happens
  MemoryTrace first, second;
  trace.add_sink(first);
  trace.add_sink(second);
  EXPECT_TRUE(trace.recording());
  trace.emit({2, EventKind::CpuIdle, 0, kNoPid, 0, 0, 0});
  ASSERT_EQ(first.events().size(), 1u);
  EXPECT_EQ(first.events(), second.events());
  EXPECT_EQ(first.events()[0].time, 2);
}

}  // namespace
}  // namespace ks
