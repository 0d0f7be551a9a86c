// visualizer/model/layout.h — how the timelines fit the space they are given: lane heights,
// label widths and the legend, computed without a window so that tests can hold every window
// size to it.
//
// THE FIT. A run's block is a title row, one lane high, and then its lanes: the fixed lanes
// (CPUs, I/O devices) and one lane per process. All are drawn at the preferred height (1.45
// font heights) when they fit. When they do not, they shrink together, and the text in them with them, down
// to the smallest height at which a label still reads (kMinTextScale of the font, never below
// kMinTextPixels). When even that is too tall, the fixed lanes stay pinned at the top and the
// process lanes scroll below them, with a strip that says how many lanes are hidden above and
// below; when not even the fixed lanes fit above two process lanes, all lanes scroll together.
// Nothing is silently cut: what is not shown is counted on screen.
//
// Labels are measured by the caller (Dear ImGui in the app, a fixed width per character in the
// tests), passed in as a TextWidth function: a label wider than its cell is shortened with an
// ellipsis; a legend wider than its row wraps onto the next.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ks::viz {

inline constexpr float kPreferredLaneScale = 1.45f;  // lane height / font size, when all fit
inline constexpr float kMinTextScale = 0.58f;        // smallest label text / font size
inline constexpr float kMinTextPixels = 12.0f;       // ... and never smaller than this
inline constexpr float kLanePadding = 2.0f;          // pixels between a lane's edge and its bar

struct LaneFit {
  float lane_height = 0;
  float text_size = 0;                    // font size of the text drawn in and beside the lanes
  bool scrolls = false;                   // not every lane fits: the process lanes scroll
  bool fixed_scroll = false;              // ... and the fixed lanes scroll with them
  float pinned_height = 0;                // the fixed lanes below the title (0 when they scroll)
  float scroll_height = 0;                // the scrolled view below them (0 when nothing scrolls)
  float indicator_height = 0;             // the strip that counts the hidden lanes (0 when nothing scrolls)
  std::size_t visible_process_lanes = 0;  // process lanes fully shown at once
};

// Fits a title row and FIXED + PROCESSES lanes into HEIGHT pixels with font size FONT. The
// title, the pinned lanes, the scrolled view and the strip together are never taller than
// HEIGHT, unless not even the title and the strip fit.
LaneFit fit_lanes(float height, float font, std::size_t fixed, std::size_t processes);

// Text of the lane that a scrolled view shows in its indicator strip: how many lanes are
// hidden ABOVE and BELOW; empty when none are.
std::string hidden_lanes_text(std::size_t above, std::size_t below);

using TextWidth = std::function<float(std::string_view)>;

// TEXT if it is at most MAX_WIDTH wide, else its longest prefix (whole UTF-8 characters) that
// fits with "…" after it; "" when not even the ellipsis fits.
std::string fit_text(std::string_view text, float max_width, const TextWidth& width_of);

// The width of the label column: the widest of LABELS plus EXTRA (chip and padding), at least
// MIN_WIDTH and at most MAX_WIDTH (longer labels are then shortened with fit_text).
float label_column_width(const std::vector<std::string>& labels, const TextWidth& width_of, float extra,
                         float min_width, float max_width);

// Items laid out left to right in rows of WIDTH pixels, wrapping where the next does not fit.
struct FlowItem {
  std::size_t row = 0;
  float x = 0;  // from the row's left edge
};
// Places items of the given WIDTHS with GAP between them. An item wider than the row starts a
// row of its own (the caller shortens it).
std::vector<FlowItem> flow(const std::vector<float>& widths, float width, float gap);
// How many rows FLOW used (0 for no items).
std::size_t flow_rows(const std::vector<FlowItem>& items);

}  // namespace ks::viz
