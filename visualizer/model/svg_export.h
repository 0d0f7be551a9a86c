// visualizer/model/svg_export.h — the timeline as an SVG drawing, for slides.
//
// The same lanes as on screen (CPUs, processes, I/O), for each run of a comparison, drawn with
// the same level-of-detail rule, so a million-event run gives a small file.
#pragma once

#include <string>
#include <vector>

#include "visualizer/model/lod.h"
#include "visualizer/model/palette.h"
#include "visualizer/model/run.h"

namespace ks::viz {

struct SvgOptions {
  double start = 0;     // time range drawn
  double end = 0;       // 0: each run's end
  Tick limit = kNever;  // the cursor: nothing later is drawn
  int width = 1200;     // pixels of the time axis
  int lane_height = 22;
  std::size_t max_process_lanes = 60;  // more processes than this: only the CPU and I/O lanes
  const Theme* theme = nullptr;        // light when null (slides are usually light)
};

std::string timeline_svg(const std::vector<const Run*>& runs, const SvgOptions& options);

}  // namespace ks::viz
