// The level-of-detail lane builder, SVG/CSV export and sessions, without a window.
#include <gtest/gtest.h>

#include "visualizer/model/lod.h"
#include "visualizer/model/svg_export.h"
#include "visualizer/model/workspace.h"

namespace ks::viz {
namespace {

std::vector<Segment> alternating(Tick count, Tick length) {
  std::vector<Segment> segments;
  for (Tick i = 0; i < count; ++i) {
    segments.push_back({i * length, (i + 1) * length, static_cast<Pid>(1 + i % 2), 0, ProcessState::Running});
  }
  return segments;
}

TEST(VizLod, WideSegmentsAreDrawnOneRectangleEach) {
  const auto segments = alternating(10, 10);  // 0..100
  std::vector<LaneRect> rects;
  build_lane_rects(segments, {0, 100, 1000}, kNever, rects);
  ASSERT_EQ(rects.size(), 10u);
  EXPECT_FLOAT_EQ(rects[3].x0, 300);
  EXPECT_FLOAT_EQ(rects[3].x1, 400);
  EXPECT_FALSE(rects[3].merged);
}

TEST(VizLod, OnlyVisibleSegmentsAreBuiltAndClippedToTheWindow) {
  const auto segments = alternating(1000, 10);
  std::vector<LaneRect> rects;
  build_lane_rects(segments, {95, 125, 300}, kNever, rects);
  ASSERT_EQ(rects.size(), 4u);  // 90-100, 100-110, 110-120, 120-130 (clipped)
  EXPECT_FLOAT_EQ(rects.front().x0, 0);
  EXPECT_FLOAT_EQ(rects.back().x1, 300);
}

TEST(VizLod, NothingAfterTheCursorIsDrawn) {
  const auto segments = alternating(10, 10);
  std::vector<LaneRect> rects;
  build_lane_rects(segments, {0, 100, 1000}, 25, rects);
  ASSERT_EQ(rects.size(), 3u);
  EXPECT_FLOAT_EQ(rects.back().x1, 250);
}

TEST(VizLod, SubPixelSegmentsMergeToAtMostOneRectanglePerPixel) {
  const auto segments = alternating(1'000'000, 1);  // a million one-tick segments
  std::vector<LaneRect> rects;
  const std::size_t n = build_lane_rects(segments, {0, 1'000'000, 800}, kNever, rects);
  EXPECT_LE(n, 800u);
  ASSERT_GE(n, 1u);
  for (const LaneRect& r : rects) {
    EXPECT_TRUE(r.merged);
    EXPECT_EQ(r.pid, kNoPid);  // A and B alternate within every pixel: mixed, not one of them
  }
  EXPECT_FLOAT_EQ(rects.front().x0, 0);
  EXPECT_FLOAT_EQ(rects.back().x1, 800);
  // The merged lane still covers the whole width without gaps.
  for (std::size_t i = 1; i < rects.size(); ++i) EXPECT_LE(rects[i].x0, rects[i - 1].x1 + 0.001f);
}

TEST(VizLod, SubPixelSegmentsOfOneProcessKeepItsColour) {
  std::vector<Segment> segments;
  for (Tick i = 0; i < 10000; ++i) segments.push_back({i * 2, i * 2 + 1, 3, 0, ProcessState::Running});
  std::vector<LaneRect> rects;
  build_lane_rects(segments, {0, 20000, 100}, kNever, rects);
  ASSERT_EQ(rects.size(), 1u);
  EXPECT_EQ(rects[0].pid, 3u);
}

TEST(VizLod, AMixOfWideAndTinySegmentsKeepsTheWideOnes) {
  std::vector<Segment> segments = alternating(1000, 1);           // 0..1000, tiny at this zoom
  segments.push_back({1000, 5000, 7, 0, ProcessState::Running});  // wide
  std::vector<LaneRect> rects;
  build_lane_rects(segments, {0, 5000, 500}, kNever, rects);
  ASSERT_FALSE(rects.empty());
  EXPECT_EQ(rects.back().pid, 7u);
  EXPECT_FALSE(rects.back().merged);
  EXPECT_FLOAT_EQ(rects.back().x0, 100);
  EXPECT_LE(rects.size(), 101u);
}

TEST(VizLod, SegmentAtFindsTheHolder) {
  const auto segments = alternating(10, 10);
  ASSERT_NE(segment_at(segments, 35), nullptr);
  EXPECT_EQ(segment_at(segments, 35)->start, 30);
  EXPECT_EQ(segment_at(segments, 100), nullptr);
}

TEST(VizLod, ZoomKeepsThePointUnderTheMouse) {
  TimeWindow w{0, 100, 1000};
  const float before = w.x_of(40);
  w.zoom(2, 40);
  EXPECT_FLOAT_EQ(w.x_of(40), before);
  EXPECT_DOUBLE_EQ(w.end - w.start, 50);
  EXPECT_EQ(nice_tick_step(100, 10), 10);
  EXPECT_EQ(nice_tick_step(28, 10), 5);
}

Workspace intro() {
  Workspace w;
  w.open_scenario(std::string(KS_SOURCE_DIR) + "/labs/demos/intro.json");
  w.set_policies(parse_policy_list("fifo,rr:quantum=2"));
  return w;
}

TEST(VizExport, SvgHasALaneForEveryCpuAndProcessOfEachRun) {
  Workspace w = intro();
  const std::string svg = timeline_svg(w.run_list(), {});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find(">fifo</text>"), std::string::npos);
  EXPECT_NE(svg.find(">rr</text>"), std::string::npos);
  std::size_t cpu_labels = 0;
  for (std::size_t at = svg.find(">CPU 0<"); at != std::string::npos; at = svg.find(">CPU 0<", at + 1)) ++cpu_labels;
  EXPECT_EQ(cpu_labels, 2u);
  EXPECT_NE(svg.find(to_hex(process_colour(1))), std::string::npos);
}

TEST(VizExport, CsvHasARowPerProcessPerRunAndTheSystemRows) {
  Workspace w = intro();
  w.cursor().jump_to(w.end());
  const std::string csv = metrics_csv(w.run_list(), {w.metrics_at_cursor(0), w.metrics_at_cursor(1)});
  EXPECT_NE(csv.find("rr,B,2,1,2,14,1,13,9,4,0,2,1"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nfifo,28,5,5,"), std::string::npos) << csv;
}

TEST(VizSession, SavesAndRestoresTheScenarioPoliciesWorkloadAndCursor) {
  Workspace w = intro();
  auto jobs = w.workload();
  jobs.pop_back();
  w.set_workload(jobs);
  w.cursor().jump_to(7);
  Session s = w.to_session();
  s.theme = "light";
  const Session back = session_from_json(session_to_json(s), "test");
  EXPECT_EQ(back.theme, "light");
  Workspace restored;
  restored.restore(back);
  EXPECT_EQ(restored.run_count(), 2u);
  EXPECT_EQ(restored.cursor().time(), 7);
  EXPECT_EQ(restored.workload().size(), 4u);
  EXPECT_EQ(restored.run(1).events(), w.run(1).events());
}

}  // namespace
}  // namespace ks::viz
