// How the timelines fit their space (visualizer/model/layout.h), the palette for many
// processes, undefined metrics and the big.LITTLE labels and energy, without a window.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "visualizer/model/layout.h"
#include "visualizer/model/palette.h"
#include "visualizer/model/workspace.h"

namespace ks::viz {
namespace {

const std::string kDemos = std::string(KS_SOURCE_DIR) + "/labs/demos/";

// A stand-in for the font: every character (not byte) 10 pixels wide.
float ten_per_character(std::string_view text) {
  return 10.0f * static_cast<float>(std::count_if(
                     text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

TEST(VizLayout, WhateverTheSpaceTheLanesNeverOverflowTheirBlock) {
  for (const float font : {13.0f, 18.0f, 30.0f}) {
    for (const std::size_t fixed : {1u, 2u, 5u, 17u}) {
      for (const std::size_t processes : {0u, 5u, 40u, 1000u}) {
        for (float height = 60; height < 1200; height += 7) {
          const LaneFit fit = fit_lanes(height, font, fixed, processes);
          SCOPED_TRACE(testing::Message()
                       << "font " << font << " fixed " << fixed << " processes " << processes << " height " << height);
          const float used = fit.lane_height + fit.pinned_height + fit.scroll_height + fit.indicator_height;
          if (!fit.scrolls) {
            EXPECT_LE(static_cast<float>(1 + fixed + processes) * fit.lane_height, height);
            EXPECT_EQ(fit.visible_process_lanes, processes);
          } else {
            EXPECT_LE(used, height + 0.01f);
            EXPECT_TRUE(fit.fixed_scroll || fit.visible_process_lanes < processes);
            EXPECT_GT(fit.indicator_height, 0);
            EXPECT_EQ(std::fmod(fit.scroll_height, fit.lane_height), 0) << "a lane is cut at the bottom";
          }
          EXPECT_LE(fit.text_size + 2 * kLanePadding, fit.lane_height);  // the text fits in its bar
          EXPECT_GE(fit.text_size, std::min(font, kMinTextPixels));      // and still reads
          EXPECT_LE(fit.text_size, font);
        }
      }
    }
  }
}

TEST(VizLayout, LanesShrinkBeforeTheyScroll) {
  // The intro demo (one CPU, five processes) in a quarter of a presentation-mode timeline at
  // 1920x1080, about 157 pixels with a 30-pixel font: the old layout (a title and an axis per
  // block, 44-pixel lanes) showed one and a half lanes; now all six fit, smaller.
  const LaneFit quarter = fit_lanes(157, 30, 1, 5);
  EXPECT_FALSE(quarter.scrolls);
  EXPECT_LT(quarter.lane_height, std::round(30 * kPreferredLaneScale));
  // With room to spare they keep the preferred height.
  EXPECT_EQ(fit_lanes(600, 18, 1, 5).lane_height, std::round(18 * kPreferredLaneScale));
}

TEST(VizLayout, TooManyLanesScrollBelowPinnedCpuLanes) {
  // big-little: four CPUs, one I/O device and 40 processes in a 280-pixel block.
  const LaneFit fit = fit_lanes(280, 18, 5, 40);
  ASSERT_TRUE(fit.scrolls);
  EXPECT_FALSE(fit.fixed_scroll);
  EXPECT_EQ(fit.pinned_height, 5 * fit.lane_height);
  EXPECT_GE(fit.visible_process_lanes, 5u);
  EXPECT_LT(fit.visible_process_lanes, 40u);
  // Sixteen CPUs in a small block: everything scrolls together.
  EXPECT_TRUE(fit_lanes(150, 18, 16, 40).fixed_scroll);
}

TEST(VizLayout, HiddenLanesAreCounted) {
  EXPECT_EQ(hidden_lanes_text(0, 0), "");
  EXPECT_NE(hidden_lanes_text(0, 12).find("12 lanes below"), std::string::npos);
  EXPECT_NE(hidden_lanes_text(1, 0).find("1 lane above"), std::string::npos);
  const std::string both = hidden_lanes_text(3, 7);
  EXPECT_NE(both.find("3 lanes above"), std::string::npos);
  EXPECT_NE(both.find("7 below"), std::string::npos);
}

TEST(VizLayout, ALabelWiderThanItsCellIsShortenedWithAnEllipsis) {
  EXPECT_EQ(fit_text("several (zoom in)", 200, ten_per_character), "several (zoom in)");
  const std::string cut = fit_text("several (zoom in)", 100, ten_per_character);
  EXPECT_LE(ten_per_character(cut), 100);
  EXPECT_EQ(cut, "several (\u2026");
  // Whole characters only: the two-byte "\u00fc" is kept or dropped, never split.
  EXPECT_EQ(fit_text("\u00fcber\u00fcber", 40, ten_per_character), "\u00fcbe\u2026");
  EXPECT_EQ(fit_text("abc", 5, ten_per_character), "");
}

TEST(VizLayout, TheLabelColumnFitsTheWidestLabelWithinItsBounds) {
  const std::vector<std::string> labels{"CPU 0 \u00d72", "P10", "I/O 0"};
  EXPECT_EQ(label_column_width(labels, ten_per_character, 20, 30, 400), 100);  // "CPU 0 ×2" is 8 characters
  EXPECT_EQ(label_column_width(labels, ten_per_character, 20, 150, 400), 150);
  EXPECT_EQ(label_column_width(labels, ten_per_character, 20, 30, 60), 60);
}

TEST(VizLayout, TheLegendWrapsInsteadOfRunningOffTheEdge) {
  const std::vector<float> widths{100, 80, 150, 120};
  const auto one_row = flow(widths, 600, 10);
  EXPECT_EQ(flow_rows(one_row), 1u);
  const auto wrapped = flow(widths, 300, 10);
  EXPECT_EQ(flow_rows(wrapped), 2u);
  for (std::size_t i = 0; i < widths.size(); ++i) EXPECT_LE(wrapped[i].x + widths[i], 300);
  EXPECT_EQ(wrapped[2].row, 1u);
  EXPECT_EQ(wrapped[2].x, 0);
}

TEST(VizPalette, FortyProcessesHaveFortyDistinguishableColours) {
  const Rgb grey{128, 128, 128};
  for (Pid a = 1; a <= 40; ++a) {
    EXPECT_GT(colour_difference(process_colour(a), grey), 20) << "pid " << a << " looks like \"several\"";
    EXPECT_GT(colour_difference(process_colour(a), dark_theme().background), 20) << "pid " << a;
    for (Pid b = a + 1; b <= 40; ++b) {
      // The hand-picked twelve include one closer pair (yellow and olive, 16 units).
      EXPECT_GT(colour_difference(process_colour(a), process_colour(b)), b <= 12 ? 15 : 20)
          << "pids " << a << ", " << b;
    }
  }
}

Workspace open(const std::string& demo, const std::string& policies = "") {
  Workspace workspace;
  workspace.open_scenario(kDemos + demo);
  if (!policies.empty()) workspace.set_policies(parse_policy_list(policies));
  return workspace;
}

const MetricRow& row_named(const std::vector<MetricRow>& rows, const std::string& name) {
  for (const MetricRow& row : rows) {
    if (row.name == name) return row;
  }
  throw std::runtime_error("no row " + name);
}

TEST(VizMetrics, UndefinedMetricsShowADashNotANumber) {
  Workspace w = open("intro.json", "fifo");
  w.cursor().jump_to(0);
  const auto rows = metric_rows({&w.metrics_at_cursor(0)});
  for (const char* name : {"mean turnaround", "p95 turnaround", "fairness (Jain)", "mean wait"}) {
    EXPECT_EQ(row_named(rows, name).values.at(0), kUndefined) << name;
  }
  EXPECT_EQ(row_named(rows, "completed").values.at(0).rfind("0 / ", 0), 0u);
  const auto& first = w.series(0).front();
  EXPECT_FALSE(first.turnaround.has_value());
  EXPECT_FALSE(first.fairness.has_value());
  w.cursor().jump_to(w.end());
  const auto end_rows = metric_rows({&w.metrics_at_cursor(0)});
  for (const MetricRow& row : end_rows) EXPECT_NE(row.values.at(0), kUndefined) << row.name;
  EXPECT_TRUE(w.series(0).back().fairness.has_value());
}

TEST(VizMetrics, TheCsvLeavesUndefinedValuesEmpty) {
  Workspace w = open("intro.json", "fifo");
  w.cursor().jump_to(0);
  const std::string csv = metrics_csv(w.run_list(), {w.metrics_at_cursor(0)});
  const std::string system = csv.substr(csv.rfind('\n', csv.size() - 2) + 1);
  EXPECT_EQ(system.rfind("fifo,", 0), 0u) << system;
  EXPECT_NE(system.find(",,"), std::string::npos) << system;  // empty fields
  EXPECT_EQ(system.find("nan"), std::string::npos) << system;
}

TEST(VizBigLittle, CpuLabelsCarryTheirSpeed) {
  Workspace w = open("big-little.json");
  const viz::Run& run = w.run(0);
  ASSERT_EQ(run.cpu_count(), 4u);
  EXPECT_EQ(run.cpu_speed(0), 2000);
  EXPECT_EQ(run.cpu_label(0), "CPU 0 \u00d72");
  EXPECT_EQ(run.cpu_label(3), "CPU 3 \u00d70.5");
  EXPECT_EQ(open("intro.json").run(0).cpu_label(0), "CPU 0");  // one speed: no factor
}

TEST(VizBigLittle, EnergyIsShownAndMatchesTheAnalysis) {
  Workspace w = open("big-little.json");
  w.cursor().jump_to(w.end());
  const RunMetrics& end = w.metrics_at_cursor(0);
  ASSERT_TRUE(has_energy_model(end));
  const RunMetrics whole = compute_metrics(w.run(0).events(), w.run(0).names());
  EXPECT_EQ(end.system.energy, whole.system.energy);
  EXPECT_EQ(row_named(metric_rows({&end}), "energy").values.at(0), std::to_string(whole.system.energy));
  // Mid-run, the energy so far counts the intervals still open and grows with the cursor.
  w.cursor().jump_to(w.end() / 2);
  const std::int64_t half = w.metrics_at_cursor(0).system.energy;
  EXPECT_GT(half, 0);
  EXPECT_LT(half, whole.system.energy);
  // A machine without an energy model has no energy row.
  Workspace intro = open("intro.json");
  const auto rows = metric_rows({&intro.metrics_at_cursor(0)});
  EXPECT_TRUE(std::none_of(rows.begin(), rows.end(), [](const MetricRow& row) { return row.name == "energy"; }));
}

}  // namespace
}  // namespace ks::viz
