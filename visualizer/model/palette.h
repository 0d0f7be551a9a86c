// visualizer/model/palette.h — the colours of the pictures: one colour per process, and the
// themes (dark, light; both high contrast for a projector seen from the back of a hall).
// Colours are plain RGB here; the app and the SVG writer convert them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim-core/trace/event.h"

namespace ks::viz {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

struct Theme {
  std::string name;  // "dark" or "light"
  bool dark = true;
  Rgb background, panel, text, muted_text, grid, lane_even, lane_odd, idle, blocked, cursor, accent;
};

const Theme& dark_theme();
const Theme& light_theme();
// The theme called NAME ("dark" or "light"); dark for anything else.
const Theme& theme_named(std::string_view name);

// The colour of process PID: twelve well-separated colours, then each the farthest from all
// before it (palette.cpp says how); pid 0 and pid 1 share the first.
Rgb process_colour(Pid pid);
// How different A and B look: their distance in CIE L*a*b* (about 2 is just noticeable; the
// palette keeps each of its first 40 colours after the twelfth at least 20 from the others).
double colour_difference(Rgb a, Rgb b);
// The colour a process lane uses for STATE: running in the process colour, ready as a pale
// (or, on dark themes, dim) tint of it, blocked in the theme's blocked grey.
Rgb state_colour(Pid pid, ProcessState state, const Theme& theme);
// Black or white, whichever reads better on BACKGROUND.
Rgb text_on(Rgb background);
std::string to_hex(Rgb colour);  // "#rrggbb"

}  // namespace ks::viz
