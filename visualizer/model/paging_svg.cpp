// visualizer/model/paging_svg.cpp — the paging grids as SVG (what they show: paging_svg.h).
// Fixed cell sizes in SVG units: a slide program scales the drawing; every text is escaped.
#include "visualizer/model/paging_svg.h"

#include <cstdio>
#include <sstream>

namespace ks::viz {
namespace {

constexpr double kCellW = 28, kCellH = 24, kHeaderW = 72, kTitleH = 44, kGap = 20;

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Writer {
  std::ostringstream out;
  const Theme& theme;

  void text(double x, double y, const std::string& value, Rgb colour, int size, const char* anchor = "start") {
    out << "<text x=\"" << x << "\" y=\"" << y << "\" fill=\"" << to_hex(colour) << "\" font-size=\"" << size
        << "\" text-anchor=\"" << anchor << "\">" << escape(value) << "</text>\n";
  }
  void cell(double x, double y, std::optional<Rgb> fill, const std::string& value, Rgb colour) {
    out << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << kCellW << "\" height=\"" << kCellH << "\" fill=\""
        << (fill ? to_hex(*fill) : std::string("none")) << "\" stroke=\"" << to_hex(theme.grid) << "\"/>\n";
    if (!value.empty()) text(x + kCellW / 2, y + kCellH * 0.7, value, colour, 14, "middle");
  }
};

// A tint of COLOUR towards the background (the screen's alpha 90 of 255, mixed by hand).
Rgb tint(Rgb colour, Rgb background) {
  const auto mix = [](std::uint8_t a, std::uint8_t b) { return static_cast<std::uint8_t>((a * 90 + b * 165) / 255); };
  return {mix(colour.r, background.r), mix(colour.g, background.g), mix(colour.b, background.b)};
}

std::string totals(const PagingRun& run, std::size_t applied, std::size_t size) {
  char text[160];
  std::snprintf(text, sizeof text, "after %zu of %zu: hits %llu, misses %llu, fault rate %.1f%%", applied, size,
                static_cast<unsigned long long>(run.hits(applied)),
                static_cast<unsigned long long>(run.misses(applied)), run.fault_rate(applied));
  return text;
}

}  // namespace

std::string paging_svg(const PagingModel& model, const Theme* theme_or_null) {
  const Theme& theme = theme_or_null ? *theme_or_null : light_theme();
  Writer w{{}, theme};
  const double width = kHeaderW + kCellW * static_cast<double>(model.size()) + 8;
  const double block = kTitleH + kCellH * static_cast<double>(model.frames() + 2);
  const double height = (block + kGap) * static_cast<double>(model.run_count());
  w.out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"" << to_hex(theme.background)
        << "\"/>\n";
  const Rgb hit = paging_hit_colour(theme), miss = paging_miss_colour(theme);
  for (std::size_t r = 0; r < model.run_count(); ++r) {
    const PagingRun& run = model.run(r);
    const double top = (block + kGap) * static_cast<double>(r);
    w.text(4, top + 16, run.label(), theme.accent, 15);
    w.text(4, top + 34, totals(run, model.cursor(), model.size()), theme.text, 13);
    const double grid = top + kTitleH;
    w.text(4, grid + kCellH * 0.7, "ref", theme.muted_text, 13);
    for (Slot f = 0; f < model.frames(); ++f) {
      w.text(4, grid + kCellH * (f + 1.7), "frame " + std::to_string(f), theme.muted_text, 13);
    }
    w.text(4, grid + kCellH * (model.frames() + 1.7), "victim", theme.muted_text, 13);
    for (std::size_t t = 0; t < model.size(); ++t) {
      const double x = kHeaderW + kCellW * static_cast<double>(t);
      const bool done = t < model.cursor();
      const PagingStep& step = run.step(t);
      const Rgb state = step.hit ? hit : miss;
      w.cell(x, grid, done ? std::optional<Rgb>(state) : std::nullopt, reference_label(model.refs(), t),
             done ? text_on(state) : theme.muted_text);
      for (Slot f = 0; f < model.frames(); ++f) {
        const FrameCell& frame = step.frames[f];
        std::optional<Rgb> fill;
        if (done && frame.loaded) fill = tint(miss, theme.background);
        if (done && step.hit && f == step.slot) fill = tint(hit, theme.background);
        w.cell(x, grid + kCellH * (f + 1), fill, done && frame.page ? page_text(*frame.page) : "", theme.text);
      }
      const std::string victim = done && step.victim ? page_text(*step.victim) + (step.victim_dirty ? "*" : "") : "";
      w.cell(x, grid + kCellH * (model.frames() + 1), std::nullopt, victim, miss);
    }
    if (model.cursor() > 0) {
      const double x = kHeaderW + kCellW * static_cast<double>(model.cursor() - 1);
      w.out << "<rect x=\"" << x << "\" y=\"" << grid << "\" width=\"" << kCellW << "\" height=\""
            << kCellH * (model.frames() + 2) << "\" fill=\"none\" stroke=\"" << to_hex(theme.cursor)
            << "\" stroke-width=\"3\"/>\n";
    }
  }
  w.out << "</svg>\n";
  return w.out.str();
}

}  // namespace ks::viz
