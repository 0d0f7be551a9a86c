// sim-core/trace/jsonl.h — the trace as JSON Lines, written and read back.
//
// The first line is a header, {"format":"kernsim-trace","version":1}; every further line is one
// event: {"t":TIME,"kind":"KIND","cpu":C,"pid":P,"tid":T, ...payload...}. The payload fields of
// each kind are listed in docs/trace-format.md and in event_info.h, the one description of
// every kind, which both the writer and the reader use. "cpu" and "pid" are left out when
// they do not apply.
// Writing a trace and reading it back gives the same events and the same name table.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sim-core/trace/trace.h"

namespace ks {

class JsonLinesWriter : public TraceSink {
 public:
  // Writes to OUT, which must outlive the writer; names are looked up in TRACE.
  JsonLinesWriter(std::ostream& out, const Trace& trace);
  void record(const TraceEvent& event) override;
  void finish() override;

 private:
  std::ostream& out_;
  const Trace& trace_;
  std::string line_;
};

// A trace read back from a file: its events and the names they refer to.
struct RecordedTrace {
  std::vector<TraceEvent> events;
  std::vector<std::string> names;
  bool cut = false;  // the last line was cut off (the writer was killed) and is left out
};

// Reads a JSON Lines trace. FILE_NAME is used in error messages only. Throws InputError naming
// the file, the line and the problem for anything that is not a well-formed kernsim trace.
// With ALLOW_CUT, a last line that ends without a newline and does not parse (what a writer
// killed in the middle of a line leaves) is left out and CUT is set: the visualizer opens the
// events up to a kill; the grader, which must not guess, reads without it.
RecordedTrace read_json_lines_trace(std::istream& in, const std::string& file_name, bool allow_cut = false);

}  // namespace ks
