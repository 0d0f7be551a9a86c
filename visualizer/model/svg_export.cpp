// visualizer/model/svg_export.cpp — the SVG drawing (what it shows: svg_export.h). Each run of the
// comparison is a block: its title, the CPU lanes, the process lanes (left out past
// max_process_lanes), the I/O lanes and a time axis; every lane's rectangles come
// from build_lane_rects, and every text is escaped for XML.
#include "visualizer/model/svg_export.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ks::viz {

namespace {

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

struct SvgWriter {
  std::ostringstream out;
  const Theme& theme;
  const SvgOptions& options;
  double label_width = 110;
  double y = 0;

  void text(double x, double at_y, const std::string& value, Rgb colour, int size, const char* anchor = "start") {
    out << "<text x=\"" << x << "\" y=\"" << at_y << "\" fill=\"" << to_hex(colour) << "\" font-size=\"" << size
        << "\" text-anchor=\"" << anchor << "\">" << escape(value) << "</text>\n";
  }

  void lane(const std::string& label, std::span<const Segment> segments, const TimeWindow& window, bool by_state) {
    const double h = options.lane_height;
    out << "<rect x=\"0\" y=\"" << y << "\" width=\"" << label_width + window.width << "\" height=\"" << h
        << "\" fill=\"" << to_hex(theme.lane_even) << "\"/>\n";
    text(6, y + h * 0.72, label, theme.text, static_cast<int>(h * 0.6));
    std::vector<LaneRect> rects;
    build_lane_rects(segments, window, options.limit, rects);
    for (const LaneRect& r : rects) {
      const Rgb colour = by_state ? state_colour(r.pid, r.state, theme) : process_colour(r.pid);
      out << "<rect x=\"" << label_width + r.x0 << "\" y=\"" << y + 2 << "\" width=\"" << r.x1 - r.x0 << "\" height=\""
          << h - 4 << "\" fill=\"" << to_hex(colour) << "\"/>\n";
    }
    y += h + 2;
  }

  void axis(const TimeWindow& window) {
    const double step = nice_tick_step(window.end - window.start, 12);
    for (double t = std::max(0.0, std::ceil(window.start / step) * step); t <= window.end; t += step) {
      const double x = label_width + window.x_of(t);
      out << "<line x1=\"" << x << "\" y1=\"" << y << "\" x2=\"" << x << "\" y2=\"" << y + 8 << "\" stroke=\""
          << to_hex(theme.muted_text) << "\"/>\n";
      text(x, y + 22, std::to_string(static_cast<long long>(t)), theme.muted_text, 13, "middle");
    }
    y += 30;
  }
};

}  // namespace

std::string timeline_svg(const std::vector<const Run*>& runs, const SvgOptions& options) {
  const Theme& theme = options.theme ? *options.theme : light_theme();
  SvgWriter w{{}, theme, options};
  std::ostringstream body;
  for (const Run* run : runs) {
    TimeWindow window{options.start,
                      options.end > options.start ? options.end : static_cast<double>(std::max<Tick>(run->end(), 1)),
                      static_cast<float>(options.width)};
    w.text(6, w.y + 20, run->label(), theme.text, 18);
    w.y += 28;
    for (std::size_t cpu = 0; cpu < run->timeline().cpus.size(); ++cpu) {
      w.lane(run->cpu_label(cpu), run->timeline().cpus[cpu], window, false);
    }
    if (run->pid_limit() <= options.max_process_lanes + 1) {
      for (Pid pid = 0; pid < run->pid_limit(); ++pid) {
        if (run->timeline().names[pid].empty() && run->timeline().processes[pid].empty()) continue;
        w.lane(run->process_name(pid), run->timeline().processes[pid], window, true);
      }
    }
    for (const IoLane& io : run->io_lanes()) {
      w.lane("I/O " + std::to_string(io.device) + (io.sublane ? "." + std::to_string(io.sublane) : ""), io.segments,
             window, false);
    }
    w.axis(window);
    w.y += 12;
  }
  std::ostringstream out;
  const double width = w.label_width + options.width + 10;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << w.y << "\" viewBox=\"0 0 "
      << width << ' ' << w.y << "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"" << to_hex(theme.background) << "\"/>\n"
      << w.out.str() << "</svg>\n";
  return out.str();
}

}  // namespace ks::viz
