// visualizer/model/layout.cpp — the fit of lanes to a height (THE FIT: layout.h), the shortening
// of labels with an ellipsis at a character boundary, and the flow of legend items into rows.
// Pure arithmetic on sizes the caller measured, so every window size can be tested without one.
#include "visualizer/model/layout.h"

#include <algorithm>
#include <cmath>

namespace ks::viz {

LaneFit fit_lanes(float height, float font, std::size_t fixed, std::size_t processes) {
  LaneFit fit;
  const float preferred = std::round(font * kPreferredLaneScale);
  const float min_text = std::min(font, std::max(kMinTextPixels, font * kMinTextScale));
  const float min_lane = std::ceil(min_text) + 2 * kLanePadding;
  const float rows = static_cast<float>(1 + fixed + processes);  // the title row is one lane high
  if (rows * preferred <= height) {
    fit.lane_height = preferred;
  } else if (rows * min_lane <= height) {
    fit.lane_height = std::floor(height / rows);
  } else {
    fit.lane_height = min_lane;
    fit.scrolls = true;
    fit.indicator_height = std::ceil(min_text) + 4;
    const float pinned = static_cast<float>(fixed) * min_lane;
    const float rest = height - min_lane - fit.indicator_height;  // below the title, above the strip
    fit.fixed_scroll = pinned + 2 * min_lane > rest;
    fit.pinned_height = fit.fixed_scroll ? 0 : pinned;
    // Whole lanes only: a lane cut at the bottom edge would look like a thinner lane.
    fit.scroll_height = std::max(0.0f, std::floor((rest - fit.pinned_height) / min_lane) * min_lane);
  }
  fit.text_size = std::min(font, fit.lane_height - 2 * kLanePadding);
  if (!fit.scrolls) {
    fit.pinned_height = static_cast<float>(fixed) * fit.lane_height;
    fit.visible_process_lanes = processes;
  } else {
    const auto shown = static_cast<std::size_t>(std::floor(fit.scroll_height / fit.lane_height));
    const std::size_t taken = fit.fixed_scroll ? std::min(shown, fixed) : 0;
    fit.visible_process_lanes = std::min(processes, shown - taken);
  }
  return fit;
}

std::string hidden_lanes_text(std::size_t above, std::size_t below) {
  const auto lanes = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " lane" : " lanes"); };
  if (above == 0 && below == 0) return "";
  if (above == 0) return "\u25bc " + lanes(below) + " below (wheel to scroll)";
  if (below == 0) return "\u25b2 " + lanes(above) + " above (wheel to scroll)";
  return "\u25b2 " + lanes(above) + " above, \u25bc " + std::to_string(below) + " below";
}

namespace {

// The length of the longest prefix of TEXT of at most LENGTH bytes that ends on a character.
std::size_t character_boundary(std::string_view text, std::size_t length) {
  while (length > 0 && length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  return length;
}

}  // namespace

std::string fit_text(std::string_view text, float max_width, const TextWidth& width_of) {
  if (width_of(text) <= max_width) return std::string(text);
  static constexpr std::string_view kEllipsis = "\u2026";
  for (std::size_t length = character_boundary(text, text.size() - 1); length > 0;
       length = character_boundary(text, length - 1)) {
    std::string candidate(text.substr(0, length));
    candidate += kEllipsis;
    if (width_of(candidate) <= max_width) return candidate;
  }
  return width_of(kEllipsis) <= max_width ? std::string(kEllipsis) : std::string();
}

float label_column_width(const std::vector<std::string>& labels, const TextWidth& width_of, float extra,
                         float min_width, float max_width) {
  float widest = 0;
  for (const std::string& label : labels) widest = std::max(widest, width_of(label));
  return std::clamp(std::ceil(widest + extra), min_width, std::max(min_width, max_width));
}

std::vector<FlowItem> flow(const std::vector<float>& widths, float width, float gap) {
  std::vector<FlowItem> items;
  std::size_t row = 0;
  float x = 0;
  for (const float w : widths) {
    if (x > 0 && x + w > width) {
      ++row;
      x = 0;
    }
    items.push_back({row, x});
    x += w + gap;
  }
  return items;
}

std::size_t flow_rows(const std::vector<FlowItem>& items) { return items.empty() ? 0 : items.back().row + 1; }

}  // namespace ks::viz
