// visualizer/app/timeline_view.cpp — the Gantt chart: for each run, a lane per CPU, per I/O
// device and per process, over a zoomable, pannable time axis with the cursor.
//
// Only what is visible is built (visualizer/model/lod.h merges what is narrower than a pixel)
// and only the visible process lanes are visited (ImGuiListClipper), so 1,000 processes and a
// million events draw in a few milliseconds. Nothing after the cursor is drawn: the picture is
// the run as far as the lecture has got.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

struct LaneStyle {
  float label_width;
  float height;
};

LaneStyle lane_style(const App& app) {
  const float font = app.font_size();
  return {font * 6.5f, std::round(font * 1.45f)};
}

void draw_lane(App& app, ImDrawList* draw, const Run& run, std::span<const Segment> segments, bool by_state,
               ImVec2 origin, float width, float height) {
  const Theme& theme = *app.theme;
  static std::vector<LaneRect> rects;  // reused frame to frame: no allocation per lane
  rects.clear();
  TimeWindow window = app.window;
  window.width = width;
  build_lane_rects(segments, window, app.workspace.cursor().time(), rects);
  const float top = origin.y + 2, bottom = origin.y + height - 2;
  for (const LaneRect& r : rects) {
    const Rgb fill = by_state ? state_colour(r.pid, r.state, theme) : process_colour(r.pid);
    draw->AddRectFilled({origin.x + r.x0, top}, {origin.x + r.x1, bottom}, colour(fill));
    const float label_room = r.x1 - r.x0 - 6;
    if (r.merged || label_room < app.font_size() * 0.8f || r.state != ProcessState::Running) continue;
    const std::string name = run.process_name(r.pid);
    const ImVec2 text = ImGui::CalcTextSize(name.c_str());
    if (text.x > label_room) continue;
    const float x = origin.x + (r.x0 + r.x1 - text.x) / 2;
    draw->AddText({x, origin.y + (height - text.y) / 2}, colour(text_on(fill)), name.c_str());
  }
}

void lane_label(App& app, ImDrawList* draw, ImVec2 at, float height, const std::string& text, Rgb chip) {
  const float font = app.font_size();
  draw->AddRectFilled({at.x + 4, at.y + height * 0.3f}, {at.x + 4 + font * 0.5f, at.y + height * 0.7f}, colour(chip));
  draw->AddText({at.x + 8 + font * 0.6f, at.y + (height - font) / 2}, colour(app.theme->text), text.c_str());
}

void lane_background(App& app, ImDrawList* draw, ImVec2 at, float width, float height, std::size_t row) {
  draw->AddRectFilled(at, {at.x + width, at.y + height}, colour(row % 2 ? app.theme->lane_odd : app.theme->lane_even));
}

void draw_axis(App& app, ImDrawList* draw, ImVec2 origin, float width, float height) {
  const Theme& theme = *app.theme;
  const double step = nice_tick_step(app.window.end - app.window.start, std::max(2, static_cast<int>(width / (app.font_size() * 5))));
  TimeWindow window = app.window;
  window.width = width;
  for (double t = std::max(0.0, std::ceil(window.start / step) * step); t <= window.end; t += step) {
    const float x = origin.x + window.x_of(t);
    draw->AddLine({x, origin.y + height * 0.65f}, {x, origin.y + height}, colour(theme.muted_text), 1.5f);
    char label[32];
    std::snprintf(label, sizeof label, "%lld", static_cast<long long>(t));
    const float w = ImGui::CalcTextSize(label).x;
    draw->AddText({x - w / 2, origin.y}, colour(theme.muted_text), label);
  }
}

// Mouse over the lanes: ctrl+wheel zooms, shift+wheel pans, a click sets the cursor, a drag pans.
void handle_mouse(App& app, ImVec2 lanes_min, float width, float height) {
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  const bool inside = mouse.x >= lanes_min.x && mouse.x < lanes_min.x + width && mouse.y >= lanes_min.y &&
                      mouse.y < lanes_min.y + height && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
  if (!inside) return;
  TimeWindow window = app.window;
  window.width = width;
  const double at = window.time_at(mouse.x - lanes_min.x);
  if (io.MouseWheel != 0 && (io.KeyCtrl || !io.KeyShift)) {
    if (io.KeyCtrl) app.window.zoom(std::pow(1.25, static_cast<double>(io.MouseWheel)), at);
  }
  if (io.MouseWheel != 0 && io.KeyShift) app.window.pan(-static_cast<double>(io.MouseWheel) * window.ticks_per_pixel() * 60);
  if (io.MouseWheelH != 0) app.window.pan(static_cast<double>(io.MouseWheelH) * window.ticks_per_pixel() * 60);
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
    app.window.pan(-static_cast<double>(io.MouseDelta.x) * window.ticks_per_pixel());
  } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f) {
    app.workspace.cursor().jump_to(static_cast<Tick>(std::llround(at)));
  }
  app.window.clamp(app.workspace.end());
}

void draw_cursor_line(App& app, ImDrawList* draw, float x0, float width, float top, float bottom) {
  TimeWindow window = app.window;
  window.width = width;
  const double t = static_cast<double>(app.workspace.cursor().time());
  if (t < window.start || t > window.end) return;
  const float x = x0 + window.x_of(t);
  draw->AddLine({x, top}, {x, bottom}, colour(app.theme->cursor), app.presentation ? 3.0f : 2.0f);
}

std::string run_title(const App& app, std::size_t r) {
  const Run& run = app.workspace.run(r);
  std::string title = run.label();
  if (r < app.workspace.policies().size()) {
    std::string params;
    for (const std::string& p : app.workspace.policies()[r].params) params += (params.empty() ? "" : ", ") + p;
    if (!params.empty()) title += " (" + params + ")";
  }
  if (run.truncated()) title += "  [cut at the event limit]";
  return title;
}

// The fixed lanes (CPUs, I/O) of run R; returns the height used.
float draw_fixed_lanes(App& app, std::size_t r, ImVec2 origin, float width, const LaneStyle& style) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Run& run = app.workspace.run(r);
  const float lanes_width = width - style.label_width;
  float y = origin.y;
  std::size_t row = 0;
  for (std::size_t cpu = 0; cpu < run.cpu_count(); ++cpu, ++row) {
    lane_background(app, draw, {origin.x, y}, width, style.height, row);
    lane_label(app, draw, {origin.x, y}, style.height, "CPU " + std::to_string(cpu), app.theme->text);
    draw_lane(app, draw, run, run.timeline().cpus[cpu], false, {origin.x + style.label_width, y}, lanes_width, style.height);
    app.layout.lanes.push_back({r, "cpu", cpu, y, y + style.height});
    y += style.height;
  }
  for (std::size_t i = 0; i < run.io_lanes().size(); ++i, ++row) {
    const IoLane& io = run.io_lanes()[i];
    lane_background(app, draw, {origin.x, y}, width, style.height, row);
    std::string label = "I/O " + std::to_string(io.device) + (io.sublane ? "." + std::to_string(io.sublane) : "");
    lane_label(app, draw, {origin.x, y}, style.height, label, app.theme->blocked);
    draw_lane(app, draw, run, io.segments, false, {origin.x + style.label_width, y}, lanes_width, style.height);
    app.layout.lanes.push_back({r, "io", i, y, y + style.height});
    y += style.height;
  }
  return y - origin.y;
}

void draw_process_lanes(App& app, std::size_t r, float width, const LaneStyle& style) {
  const Run& run = app.workspace.run(r);
  std::vector<Pid> pids;
  for (Pid pid = 0; pid < run.pid_limit(); ++pid) {
    if (!run.timeline().names[pid].empty()) pids.push_back(pid);
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(pids.size()), style.height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Pid pid = pids[static_cast<std::size_t>(i)];
      const ImVec2 at = ImGui::GetCursorScreenPos();
      lane_background(app, draw, at, width, style.height, static_cast<std::size_t>(i));
      lane_label(app, draw, at, style.height, run.process_name(pid), process_colour(pid));
      draw_lane(app, draw, run, run.timeline().processes[pid], true, {at.x + style.label_width, at.y},
                width - style.label_width, style.height);
      app.layout.lanes.push_back({r, "process", pid, at.y, at.y + style.height});
      ImGui::Dummy({width, style.height});
    }
  }
}

void draw_legend(App& app, ImDrawList* draw, ImVec2 at) {
  const float font = app.font_size();
  float x = at.x;
  const auto item = [&](Rgb fill, const char* text) {
    draw->AddRectFilled({x, at.y + font * 0.15f}, {x + font, at.y + font * 0.95f}, colour(fill));
    draw->AddText({x + font * 1.25f, at.y}, colour(app.theme->muted_text), text);
    x += font * 1.6f + ImGui::CalcTextSize(text).x + font;
  };
  item(process_colour(1), "running");
  item(state_colour(1, ProcessState::Ready, *app.theme), "ready");
  item(app.theme->blocked, "blocked / I/O");
  item(process_colour(kNoPid), "several (zoom in)");
}

void draw_one_run(App& app, std::size_t r, ImVec2 size) {
  const LaneStyle style = lane_style(app);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float width = size.x - ImGui::GetStyle().ScrollbarSize;
  app.layout.lanes_x0 = top.x + style.label_width;
  app.layout.lanes_width = width - style.label_width;
  draw->AddText({top.x + 4, top.y}, colour(app.theme->accent), run_title(app, r).c_str());
  if (r == 0) draw_legend(app, draw, {top.x + size.x * 0.55f, top.y});
  const float axis_y = top.y + app.font_size() * 1.3f;
  draw_axis(app, draw, {top.x + style.label_width, axis_y}, width - style.label_width, app.font_size() * 1.4f);
  const float lanes_y = axis_y + app.font_size() * 1.5f;
  const float fixed = draw_fixed_lanes(app, r, {top.x, lanes_y}, width, style);
  ImGui::SetCursorScreenPos({top.x, lanes_y + fixed + 3});
  const float rest = top.y + size.y - (lanes_y + fixed + 3);
  if (rest > style.height) {
    ImGui::BeginChild(("processes" + std::to_string(r)).c_str(), {size.x, rest}, false);
    draw_process_lanes(app, r, width, style);
    const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    draw_cursor_line(app, ImGui::GetWindowDrawList(), top.x + style.label_width, width - style.label_width,
                     ImGui::GetWindowPos().y, bottom);
    ImGui::EndChild();
  }
  draw_cursor_line(app, draw, top.x + style.label_width, width - style.label_width, axis_y, lanes_y + fixed);
  handle_mouse(app, {top.x + style.label_width, axis_y}, width - style.label_width, size.y - (axis_y - top.y));
  ImGui::SetCursorScreenPos({top.x, top.y + size.y});
}

}  // namespace

void draw_timelines(App& app, ImVec2 size) {
  app.layout.lanes.clear();
  const std::size_t runs = app.workspace.run_count();
  if (runs == 0) {
    ImGui::TextDisabled("Nothing open: press Ctrl+O, or start kernsim-viz with a scenario file.");
    return;
  }
  if (!app.window_fitted) {
    app.window.fit(app.workspace.end());
    app.window_fitted = true;
  }
  const float gap = 6;
  const float each = (size.y - gap * static_cast<float>(runs - 1)) / static_cast<float>(runs);
  for (std::size_t r = 0; r < runs; ++r) {
    ImGui::BeginChild(("timeline" + std::to_string(r)).c_str(), {size.x, each}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    draw_one_run(app, r, {size.x, each});
    ImGui::EndChild();
    if (r + 1 < runs) ImGui::Dummy({size.x, gap - ImGui::GetStyle().ItemSpacing.y});
  }
}

}  // namespace ks::viz
