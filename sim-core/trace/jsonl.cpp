// sim-core/trace/jsonl.cpp — the JSON Lines writer and reader (the format: jsonl.h).
//
// Both sides take each kind's payload fields from event_info.h, so a kind added there is written
// and read with no change here. The writer builds each line by hand into one reused string (it
// runs once per event); the reader parses each line with nlohmann::json and refuses a bad line
// with the file, the line number and the field. With allow_cut, a last line without its newline
// that does not parse (a run killed while writing) ends the trace instead, marked as cut.
#include "sim-core/trace/jsonl.h"

#include <charconv>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "sim-core/error.h"
#include "sim-core/trace/event_info.h"

namespace ks {
namespace {

using Encoding = PayloadEncoding;

void append_integer(std::string& line, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  line.append(buffer, result.ptr);
}

void append_quoted(std::string& line, std::string_view text) {
  line += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_field(std::string& line, const PayloadWord& field, std::int64_t value, const Trace& trace) {
  if (field.encoding == Encoding::None) return;
  if (field.encoding == Encoding::OptionalPid && value == static_cast<std::int64_t>(kNoPid)) return;
  if (field.encoding == Encoding::OptionalTick && value == kNever) return;
  line += ",\"";
  line += field.field;
  line += "\":";
  switch (field.encoding) {
    case Encoding::Boolean: line += value != 0 ? "true" : "false"; break;
    case Encoding::State: append_quoted(line, to_string(static_cast<ProcessState>(value))); break;
    case Encoding::Preempt: append_quoted(line, to_string(static_cast<PreemptReason>(value))); break;
    case Encoding::Block: append_quoted(line, to_string(static_cast<BlockReason>(value))); break;
    case Encoding::Name: append_quoted(line, trace.name(static_cast<std::uint32_t>(value))); break;
    default: append_integer(line, value); break;
  }
}

[[noreturn]] void bad_line(const std::string& file, std::int64_t line, const std::string& problem) {
  throw InputError({file, line, 0, {}}, problem);
}

std::int64_t read_integer(const nlohmann::json& object, const char* key, const std::string& file, std::int64_t line) {
  const auto it = object.find(key);
  if (it == object.end()) bad_line(file, line, std::string("missing field \"") + key + "\"");
  if (!it->is_number_integer()) bad_line(file, line, std::string("field \"") + key + "\" must be an integer");
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    bad_line(file, line, std::string("field \"") + key + "\" is too large");
  }
  return it->get<std::int64_t>();
}

template <typename Parse>
std::int64_t read_enum(const nlohmann::json& object, const char* key, Parse parse, const std::string& file,
                       std::int64_t line) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string())
    bad_line(file, line, std::string("field \"") + key + "\" must be a string");
  const auto value = parse(it->get<std::string>());
  if (!value)
    bad_line(file, line, std::string("field \"") + key + "\" has an unknown value \"" + it->get<std::string>() + "\"");
  return static_cast<std::int64_t>(*value);
}

std::int64_t read_field(const nlohmann::json& object, const PayloadWord& field, RecordedTrace& trace,
                        const std::string& file, std::int64_t line) {
  switch (field.encoding) {
    case Encoding::None: return 0;
    case Encoding::Integer: return read_integer(object, field.field, file, line);
    case Encoding::Boolean: {
      const auto it = object.find(field.field);
      if (it == object.end() || !it->is_boolean())
        bad_line(file, line, std::string("field \"") + field.field + "\" must be true or false");
      return it->get<bool>() ? 1 : 0;
    }
    case Encoding::State: return read_enum(object, field.field, process_state_from_string, file, line);
    case Encoding::Preempt: return read_enum(object, field.field, preempt_reason_from_string, file, line);
    case Encoding::Block: return read_enum(object, field.field, block_reason_from_string, file, line);
    case Encoding::Name: {
      const auto it = object.find(field.field);
      if (it == object.end() || !it->is_string())
        bad_line(file, line, std::string("field \"") + field.field + "\" must be a string");
      trace.names.push_back(it->get<std::string>());
      return static_cast<std::int64_t>(trace.names.size() - 1);
    }
    case Encoding::OptionalPid:
      return object.contains(field.field) ? read_integer(object, field.field, file, line)
                                          : static_cast<std::int64_t>(kNoPid);
    case Encoding::OptionalTick:
      return object.contains(field.field) ? read_integer(object, field.field, file, line) : kNever;
  }
  return 0;
}

}  // namespace

JsonLinesWriter::JsonLinesWriter(std::ostream& out, const Trace& trace) : out_(out), trace_(trace) {
  out_ << "{\"format\":\"kernsim-trace\",\"version\":1}\n";
}

void JsonLinesWriter::record(const TraceEvent& event) {
  line_.clear();
  line_ += "{\"t\":";
  append_integer(line_, event.time);
  line_ += ",\"kind\":\"";
  line_ += to_string(event.kind);
  line_ += '"';
  if (event.cpu != kNoCpu) {
    line_ += ",\"cpu\":";
    append_integer(line_, event.cpu);
  }
  if (event.pid != kNoPid) {
    line_ += ",\"pid\":";
    append_integer(line_, event.pid);
    line_ += ",\"tid\":";
    append_integer(line_, event.tid);
  }
  const EventKindInfo& info = event_kind_info(event.kind);
  append_field(line_, info.a, event.a, trace_);
  append_field(line_, info.b, event.b, trace_);
  line_ += "}\n";
  out_ << line_;
}

void JsonLinesWriter::finish() { out_.flush(); }

RecordedTrace read_json_lines_trace(std::istream& in, const std::string& file_name, bool allow_cut) {
  RecordedTrace trace;
  std::string text;
  std::int64_t line_number = 0;
  bool seen_header = false;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty()) continue;
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
      if (allow_cut && in.eof() && seen_header) {  // the last line, without its newline
        trace.cut = true;
        break;
      }
      bad_line(file_name, line_number, std::string("not valid JSON (") + error.what() + ")");
    }
    if (!object.is_object()) bad_line(file_name, line_number, "each line must be a JSON object");
    if (!seen_header) {
      if (object.value("format", std::string()) != "kernsim-trace") {
        bad_line(file_name, line_number,
                 "not a kernsim trace: the first line must be {\"format\":\"kernsim-trace\",...}");
      }
      if (read_integer(object, "version", file_name, line_number) != 1) {
        bad_line(file_name, line_number, "unsupported trace version (this kernsim reads version 1)");
      }
      seen_header = true;
      continue;
    }
    TraceEvent event;
    event.time = read_integer(object, "t", file_name, line_number);
    if (event.time < 0) bad_line(file_name, line_number, "field \"t\" must not be negative");
    event.kind = static_cast<EventKind>(read_enum(object, "kind", event_kind_from_string, file_name, line_number));
    if (object.contains("cpu")) {
      const std::int64_t cpu = read_integer(object, "cpu", file_name, line_number);
      if (cpu < 0 || cpu >= kNoCpu) bad_line(file_name, line_number, "field \"cpu\" is out of range");
      event.cpu = static_cast<CpuId>(cpu);
    }
    if (object.contains("pid")) {
      const std::int64_t pid = read_integer(object, "pid", file_name, line_number);
      const std::int64_t tid = read_integer(object, "tid", file_name, line_number);
      if (pid < 0 || pid >= kNoPid || tid < 0 || tid > UINT32_MAX)
        bad_line(file_name, line_number, "field \"pid\" or \"tid\" is out of range");
      event.pid = static_cast<Pid>(pid);
      event.tid = static_cast<std::uint32_t>(tid);
    }
    const EventKindInfo& info = event_kind_info(event.kind);
    event.a = read_field(object, info.a, trace, file_name, line_number);
    event.b = read_field(object, info.b, trace, file_name, line_number);
    if (!trace.events.empty() && event.time < trace.events.back().time) {
      bad_line(file_name, line_number, "events must be in time order");
    }
    trace.events.push_back(event);
  }
  if (!seen_header) bad_line(file_name, line_number, "empty file: a kernsim trace starts with a header line");
  return trace;
}

}  // namespace ks
