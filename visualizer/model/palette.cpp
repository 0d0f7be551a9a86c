#include "visualizer/model/palette.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace ks::viz {

namespace {

Rgb mix(Rgb a, Rgb b, double t) {
  const auto channel = [t](std::uint8_t x, std::uint8_t y) {
    return static_cast<std::uint8_t>(std::lround(static_cast<double>(x) * (1 - t) + static_cast<double>(y) * t));
  };
  return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b)};
}

Rgb from_hsv(double hue, double saturation, double value) {
  const double c = value * saturation;
  const double h = std::fmod(hue, 360.0) / 60.0;
  const double x = c * (1 - std::fabs(std::fmod(h, 2.0) - 1));
  double r = 0, g = 0, b = 0;
  if (h < 1) { r = c; g = x; }
  else if (h < 2) { r = x; g = c; }
  else if (h < 3) { g = c; b = x; }
  else if (h < 4) { g = x; b = c; }
  else if (h < 5) { r = x; b = c; }
  else { r = c; b = x; }
  const double m = value - c;
  const auto byte = [](double v) { return static_cast<std::uint8_t>(std::lround(v * 255)); };
  return {byte(r + m), byte(g + m), byte(b + m)};
}

}  // namespace

const Theme& dark_theme() {
  static const Theme theme{"dark", true, {18, 18, 22}, {30, 31, 38}, {240, 240, 240}, {170, 170, 180},
                           {70, 72, 84}, {28, 29, 36}, {36, 37, 46}, {55, 56, 66}, {120, 120, 130},
                           {255, 255, 255}, {255, 200, 40}};
  return theme;
}

const Theme& light_theme() {
  static const Theme theme{"light", false, {255, 255, 255}, {242, 242, 246}, {10, 10, 10}, {80, 80, 90},
                           {190, 190, 200}, {250, 250, 252}, {236, 236, 242}, {215, 215, 222}, {135, 135, 145},
                           {0, 0, 0}, {200, 60, 0}};
  return theme;
}

const Theme& theme_named(std::string_view name) { return name == "light" ? light_theme() : dark_theme(); }

Rgb process_colour(Pid pid) {
  // Well separated on a projector and for the common colour-vision deficiencies (Okabe-Ito
  // first, then Tableau), strong enough to read at a distance.
  static constexpr std::array<Rgb, 12> kColours{{{230, 159, 0},   {86, 180, 233},  {0, 158, 115},
                                                 {240, 228, 66},  {0, 114, 178},   {213, 94, 0},
                                                 {204, 121, 167}, {148, 103, 189}, {140, 86, 75},
                                                 {23, 190, 207},  {188, 189, 34},  {227, 119, 194}}};
  if (pid == kNoPid) return {128, 128, 128};
  const std::size_t index = pid == 0 ? 0 : (pid - 1) % 1'000'000u;
  if (index < kColours.size()) return kColours[index];
  return from_hsv(static_cast<double>(index) * 137.508, 0.70, 0.92);
}

Rgb state_colour(Pid pid, ProcessState state, const Theme& theme) {
  switch (state) {
    case ProcessState::Running: return process_colour(pid);
    case ProcessState::Ready: return mix(process_colour(pid), theme.background, theme.dark ? 0.62 : 0.68);
    case ProcessState::Blocked: return theme.blocked;
    default: return theme.idle;
  }
}

Rgb text_on(Rgb background) {
  const double luma = 0.299 * background.r + 0.587 * background.g + 0.114 * background.b;
  return luma > 140 ? Rgb{0, 0, 0} : Rgb{255, 255, 255};
}

std::string to_hex(Rgb colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", colour.r, colour.g, colour.b);
  return text;
}

}  // namespace ks::viz
