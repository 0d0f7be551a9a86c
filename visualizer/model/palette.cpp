// visualizer/model/palette.cpp — the themes, the process palette and its colour arithmetic.
//
// Colour distances are taken in CIE L*a*b*, where they approximate how different two colours
// look. A process's colour is its place in the palette (THE PALETTE, below), so it does not
// depend on which other processes exist; a ready process is its colour faded towards the
// background, a blocked one the theme's grey, and the text on a colour is black or white by its
// luma.
#include "visualizer/model/palette.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

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
  if (h < 1) {
    r = c;
    g = x;
  } else if (h < 2) {
    r = x;
    g = c;
  } else if (h < 3) {
    g = c;
    b = x;
  } else if (h < 4) {
    g = x;
    b = c;
  } else if (h < 5) {
    r = x;
    b = c;
  } else {
    r = c;
    b = x;
  }
  const double m = value - c;
  const auto byte = [](double v) { return static_cast<std::uint8_t>(std::lround(v * 255)); };
  return {byte(r + m), byte(g + m), byte(b + m)};
}

}  // namespace

const Theme& dark_theme() {
  static const Theme theme{"dark",        true,         {18, 18, 22}, {30, 31, 38}, {240, 240, 240}, {170, 170, 180},
                           {70, 72, 84},  {28, 29, 36}, {36, 37, 46}, {55, 56, 66}, {120, 120, 130}, {255, 255, 255},
                           {255, 200, 40}};
  return theme;
}

const Theme& light_theme() {
  static const Theme theme{"light",         false,           {255, 255, 255}, {242, 242, 246}, {10, 10, 10},
                           {80, 80, 90},    {190, 190, 200}, {250, 250, 252}, {236, 236, 242}, {215, 215, 222},
                           {135, 135, 145}, {0, 0, 0},       {200, 60, 0}};
  return theme;
}

const Theme& theme_named(std::string_view name) { return name == "light" ? light_theme() : dark_theme(); }

namespace {

struct Lab {
  double l = 0, a = 0, b = 0;
};

// CIE L*a*b* of an sRGB colour (D65 white): distances in it approximate how different two
// colours look.
Lab lab_of(Rgb colour) {
  const auto linear = [](std::uint8_t channel) {
    const double v = static_cast<double>(channel) / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  const double r = linear(colour.r), g = linear(colour.g), b = linear(colour.b);
  const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double lab_distance(const Lab& p, const Lab& q) { return std::hypot(p.l - q.l, p.a - q.a, p.b - q.b); }

// THE PALETTE. The first twelve colours are chosen by hand: well separated on a projector and
// for the common colour-vision deficiencies (Okabe-Ito first, then Tableau). Each further colour
// is, of a grid of hues, saturations and values, the one farthest in CIE L*a*b* from every colour
// before it (farthest-point sampling), among those neither too dark for a dark theme nor too pale
// for a light one and far enough from grey (which means "several" and "blocked"). So each colour
// after the twelfth stays at least 20 units from every other of the first 40 (the hand-picked
// twelve hold at least 16 among themselves); beyond kPaletteSize colours repeat, and the lane
// labels tell processes apart.
constexpr std::size_t kPaletteSize = 256;

std::vector<Rgb> make_palette() {
  std::vector<Rgb> palette{{230, 159, 0}, {86, 180, 233}, {0, 158, 115},   {240, 228, 66},
                           {0, 114, 178}, {213, 94, 0},   {204, 121, 167}, {148, 103, 189},
                           {140, 86, 75}, {23, 190, 207}, {188, 189, 34},  {227, 119, 194}};
  std::vector<Rgb> candidates;
  std::vector<Lab> labs;
  for (int hue = 0; hue < 360; hue += 5) {
    for (const double value : {0.55, 0.7, 0.85, 1.0}) {
      for (const double saturation : {0.45, 0.65, 0.85, 1.0}) {
        const Rgb c = from_hsv(hue, saturation, value);
        const Lab lab = lab_of(c);
        if (lab.l < 35 || lab.l > 88 || std::hypot(lab.a, lab.b) < 30) continue;
        candidates.push_back(c);
        labs.push_back(lab);
      }
    }
  }
  std::vector<double> nearest(candidates.size(), 1e9);
  const auto take = [&](Rgb chosen) {
    const Lab lab = lab_of(chosen);
    for (std::size_t i = 0; i < candidates.size(); ++i) nearest[i] = std::min(nearest[i], lab_distance(labs[i], lab));
  };
  for (const Rgb c : palette) take(c);
  while (palette.size() < kPaletteSize) {
    const auto farthest = static_cast<std::size_t>(std::max_element(nearest.begin(), nearest.end()) - nearest.begin());
    palette.push_back(candidates[farthest]);
    take(candidates[farthest]);
  }
  return palette;
}

}  // namespace

Rgb process_colour(Pid pid) {
  static const std::vector<Rgb> palette = make_palette();
  if (pid == kNoPid) return {128, 128, 128};
  const std::size_t index = pid == 0 ? 0 : pid - 1u;
  return palette[index % palette.size()];
}

double colour_difference(Rgb a, Rgb b) { return lab_distance(lab_of(a), lab_of(b)); }

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
