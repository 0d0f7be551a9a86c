// visualizer/model/lod.h — what a timeline lane puts on screen: visible rectangles only, with
// everything narrower than a pixel merged.
//
// THE LEVEL OF DETAIL. A lane's segments are sorted and do not overlap, so the first visible one
// is found by binary search. A segment at least a pixel wide becomes its own rectangle. Where
// segments are narrower than a pixel, one rectangle covers the whole pixel column, in the
// colour of its process if the column's first, middle and last segments agree and "mixed"
// (pid kNoPid) if not, so fast alternation never aliases into one process's colour; then the
// walk jumps, again by binary search, to the next column. A lane therefore costs O(min(segments shown, pixels) * log n)
// whatever the run's length: a million events at full zoom-out draw at most a few rectangles a
// pixel column.
#pragma once

#include <span>
#include <vector>

#include "analysis/timeline.h"

namespace ks::viz {

// The visible time range [start, end) mapped onto WIDTH pixels.
struct TimeWindow {
  double start = 0;
  double end = 100;
  float width = 800;

  double ticks_per_pixel() const { return (end - start) / static_cast<double>(width); }
  float x_of(double time) const {
    return static_cast<float>((time - start) / (end - start) * static_cast<double>(width));
  }
  double time_at(float x) const { return start + static_cast<double>(x) * ticks_per_pixel(); }

  // Zooms by FACTOR (> 1 zooms in) keeping time AROUND under the same pixel.
  void zoom(double factor, double around);
  // Moves the window by TICKS.
  void pan(double ticks);
  // Shows [0, RUN_END] with a small margin.
  void fit(Tick run_end);
  // Keeps the window within sensible bounds: at least MIN_SPAN ticks, not far outside [0, RUN_END].
  void clamp(Tick run_end, double min_span = 4);
};

struct LaneRect {
  float x0 = 0;  // pixels from the window's left edge
  float x1 = 0;
  Pid pid = kNoPid;
  ProcessState state = ProcessState::Running;
  bool merged = false;  // stands for several segments narrower than a pixel
};

// Appends to OUT the rectangles of SEGMENTS (sorted, non-overlapping) that are visible in WINDOW
// and not later than LIMIT (the cursor: the future is not drawn). Returns how many it appended.
std::size_t build_lane_rects(std::span<const Segment> segments, const TimeWindow& window, Tick limit,
                             std::vector<LaneRect>& out);

// A round step (1, 2 or 5 times a power of ten, at least 1) for axis labels: at most
// MAX_LABELS of them over SPAN ticks.
double nice_tick_step(double span, int max_labels);

// The segment of SEGMENTS that contains TIME (start <= TIME < end), or nullptr.
const Segment* segment_at(std::span<const Segment> segments, Tick time);

}  // namespace ks::viz
