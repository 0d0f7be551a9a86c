// visualizer/model/lod.cpp — the time window (zoom, pan, fit, clamp), the axis's tick step, the
// segment at a time, and the rectangles of one lane at the current zoom (THE LEVEL OF
// DETAIL: lod.h). Every search over a lane's segments is a binary search.
#include "visualizer/model/lod.h"

#include <algorithm>
#include <cmath>

namespace ks::viz {

void TimeWindow::zoom(double factor, double around) {
  start = around - (around - start) / factor;
  end = around + (end - around) / factor;
}

void TimeWindow::pan(double ticks) {
  start += ticks;
  end += ticks;
}

void TimeWindow::fit(Tick run_end) {
  const double span = std::max<double>(static_cast<double>(run_end), 1);
  start = -span * 0.01;
  end = span * 1.02;
}

void TimeWindow::clamp(Tick run_end, double min_span) {
  const double total = std::max<double>(static_cast<double>(run_end), 1);
  if (end - start < min_span) {
    const double middle = (start + end) / 2;
    start = middle - min_span / 2;
    end = middle + min_span / 2;
  }
  const double max_span = total * 1.5 + min_span;
  if (end - start > max_span) {
    start = -total * 0.01;
    end = start + max_span;
  }
  const double lo = -total * 0.25;
  const double hi = total * 1.25 + min_span;
  if (start < lo) pan(lo - start);
  if (end > hi) pan(hi - end);
}

namespace {

// First segment whose end is after TIME (segments are sorted with non-decreasing ends).
std::size_t first_ending_after(std::span<const Segment> segments, double time) {
  const auto it = std::upper_bound(segments.begin(), segments.end(), time,
                                   [](double t, const Segment& s) { return t < static_cast<double>(s.end); });
  return static_cast<std::size_t>(it - segments.begin());
}

}  // namespace

double nice_tick_step(double span, int max_labels) {
  double step = 1;
  const double per_label = span / std::max(max_labels, 1);
  while (step < per_label) {
    if (step * 2 >= per_label) return step * 2;
    if (step * 5 >= per_label) return step * 5;
    step *= 10;
  }
  return step;
}

const Segment* segment_at(std::span<const Segment> segments, Tick time) {
  const std::size_t i = first_ending_after(segments, static_cast<double>(time));
  if (i < segments.size() && segments[i].start <= time) return &segments[i];
  return nullptr;
}

std::size_t build_lane_rects(std::span<const Segment> segments, const TimeWindow& window, Tick limit,
                             std::vector<LaneRect>& out) {
  const std::size_t before = out.size();
  const double visible_end = std::min(window.end, static_cast<double>(limit));
  if (segments.empty() || visible_end <= window.start || window.width <= 0) return 0;
  std::size_t i = first_ending_after(segments, window.start);
  while (i < segments.size() && static_cast<double>(segments[i].start) < visible_end) {
    const Segment& s = segments[i];
    const double clipped_end = std::min(static_cast<double>(s.end), visible_end);
    const float x0 = std::max(window.x_of(static_cast<double>(s.start)), 0.0f);
    const float x1 = std::min(window.x_of(clipped_end), window.width);
    if (x1 - x0 >= 1.0f) {
      out.push_back({x0, x1, s.pid, s.state, false});
      ++i;
      continue;
    }
    // Narrower than a pixel: one rectangle for the whole pixel column. It takes the process
    // and state of the column's first, middle and last segments when they agree; where they
    // differ it is "mixed" (pid kNoPid: several processes; state Running: it ran here).
    const float column = std::floor(x0);
    const double column_end = std::min(window.time_at(column + 1.0f), visible_end);
    const std::size_t next = first_ending_after(segments, column_end);
    const Segment* middle = segment_at(segments, static_cast<Tick>(std::floor(window.time_at(column + 0.5f))));
    const Segment& last = segments[std::max(next, i + 1) - 1];
    Pid pid = s.pid;
    ProcessState state = s.state;
    for (const Segment* other : {middle, &last}) {
      if (!other || static_cast<double>(other->start) >= visible_end) continue;
      if (other->pid != pid) pid = kNoPid;
      if (other->state != state) state = ProcessState::Running;
    }
    if (out.size() > before && out.back().merged && out.back().x1 >= column && out.back().pid == pid &&
        out.back().state == state) {
      out.back().x1 = std::min(column + 1.0f, window.width);  // extend the previous merged run of the same colour
    } else {
      out.push_back({column, std::min(column + 1.0f, window.width), pid, state, true});
    }
    i = std::max(next, i + 1);
  }
  return out.size() - before;
}

}  // namespace ks::viz
