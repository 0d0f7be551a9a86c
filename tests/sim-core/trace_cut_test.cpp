// A trace whose writer was killed in the middle of a line: the strict reader refuses it (the
// grader must not guess), the reader for the visualizer keeps every event up to the cut.
#include <gtest/gtest.h>

#include <sstream>

#include "sim-core/error.h"
#include "sim-core/trace/jsonl.h"

namespace ks {
namespace {

std::string cut_trace() {
  Trace trace;
  std::ostringstream out;
  JsonLinesWriter writer(out, trace);
  writer.record({0, EventKind::RunEnd, kNoCpu, kNoPid, 0, 0, 0});
  writer.record({5, EventKind::RunEnd, kNoCpu, kNoPid, 0, 0, 0});
  const std::string whole = out.str();
  return whole.substr(0, whole.size() - 6);  // the last line loses its end and its newline
}

TEST(TraceCut, TheStrictReaderRefusesATraceCutInTheMiddleOfALine) {
  std::istringstream in(cut_trace());
  EXPECT_THROW((void)read_json_lines_trace(in, "cut.jsonl"), InputError);
}

TEST(TraceCut, TheLenientReaderKeepsTheEventsBeforeTheCut) {
  std::istringstream in(cut_trace());
  const RecordedTrace trace = read_json_lines_trace(in, "cut.jsonl", /*allow_cut=*/true);
  EXPECT_TRUE(trace.cut);
  ASSERT_EQ(trace.events.size(), 1u);
  EXPECT_EQ(trace.events[0].time, 0);
}

TEST(TraceCut, ABrokenLineInTheMiddleIsStillAnError) {
  std::string text = cut_trace();
  text += "\n{\"t\": 9}\n";
  std::istringstream in(text);
  EXPECT_THROW((void)read_json_lines_trace(in, "cut.jsonl", /*allow_cut=*/true), InputError);
}

}  // namespace
}  // namespace ks
