// visualizer/app/timeline_view.cpp — the Gantt chart: the legend and one time axis shared by the
// runs, then for each run a block with a lane per CPU, per I/O device and per process, over a
// zoomable, pannable time axis with the cursor.
//
// How the lanes fit the block is decided by visualizer/model/layout.h (lanes shrink, then the
// process lanes scroll with a strip that counts what is hidden); labels are shortened to their
// cell with an ellipsis, the full text in a tooltip. Only what is visible is built
// (visualizer/model/lod.h merges what is narrower than a pixel) and only the visible process
// lanes are visited (ImGuiListClipper), so 1,000 processes and a million events draw in a few
// milliseconds. Nothing after the cursor is drawn: the picture is the run as far as the lecture
// has got.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

// One lane as the block draws it.
struct LaneSpec {
  const char* kind;  // "cpu", "io", "process"
  std::size_t index;
  std::string label;
  Rgb chip;
  std::span<const Segment> segments;
  bool by_state;  // process lanes colour by state; CPU and I/O lanes by process
};

// What every block shares: the lane fit of its own, the label column of all.
struct BlockStyle {
  LaneFit fit;
  float label_width = 0;
  float width = 0;  // label column plus lanes
};

float chip_room(float text_size) { return text_size * 0.6f + 14; }

void draw_lane(App& app, ImDrawList* draw, const Run& run, const LaneSpec& lane, ImVec2 origin, float width,
               const LaneFit& fit) {
  const Theme& theme = *app.theme;
  static std::vector<LaneRect> rects;  // reused frame to frame: no allocation per lane
  rects.clear();
  TimeWindow window = app.window;
  window.width = width;
  build_lane_rects(lane.segments, window, app.workspace.cursor().time(), rects);
  const float top = origin.y + kLanePadding, bottom = origin.y + fit.lane_height - kLanePadding;
  const TextWidth width_of = text_width(fit.text_size);
  for (const LaneRect& r : rects) {
    const Rgb fill = lane.by_state ? state_colour(r.pid, r.state, theme) : process_colour(r.pid);
    draw->AddRectFilled({origin.x + r.x0, top}, {origin.x + r.x1, bottom}, colour(fill));
    const float label_room = r.x1 - r.x0 - 6;
    if (r.merged || label_room < fit.text_size * 0.8f || r.state != ProcessState::Running) continue;
    const std::string name = run.process_name(r.pid);
    const float text = width_of(name);
    if (text > label_room) continue;
    const float x = origin.x + (r.x0 + r.x1 - text) / 2;
    add_text(draw, fit.text_size, {x, origin.y + (fit.lane_height - fit.text_size) / 2}, colour(text_on(fill)), name);
  }
}

void draw_row(App& app, ImDrawList* draw, std::size_t run_index, const LaneSpec& lane, std::size_t row, ImVec2 at,
              const BlockStyle& style, bool visible) {
  const float h = style.fit.lane_height, text = style.fit.text_size;
  draw->AddRectFilled(at, {at.x + style.width, at.y + h}, colour(row % 2 ? app.theme->lane_odd : app.theme->lane_even));
  draw->AddRectFilled({at.x + 4, at.y + h * 0.3f}, {at.x + 4 + text * 0.5f, at.y + h * 0.7f}, colour(lane.chip));
  draw_fitted_text(app, draw, text, {at.x + 8 + text * 0.6f, at.y + (h - text) / 2}, at.x + style.label_width - 4,
                   colour(app.theme->text), lane.label);
  draw_lane(app, draw, app.workspace.run(run_index), lane, {at.x + style.label_width, at.y},
            style.width - style.label_width, style.fit);
  app.layout.lanes.push_back({run_index, lane.kind, lane.index, at.y, at.y + h, visible});
}

std::vector<LaneSpec> fixed_lanes(const App& app, const Run& run) {
  std::vector<LaneSpec> lanes;
  for (std::size_t cpu = 0; cpu < run.cpu_count(); ++cpu) {
    lanes.push_back({"cpu", cpu, run.cpu_label(cpu), app.theme->text, run.timeline().cpus[cpu], false});
  }
  for (std::size_t i = 0; i < run.io_lanes().size(); ++i) {
    const IoLane& io = run.io_lanes()[i];
    std::string label = "I/O " + std::to_string(io.device) + (io.sublane ? "." + std::to_string(io.sublane) : "");
    lanes.push_back({"io", i, std::move(label), app.theme->blocked, io.segments, false});
  }
  return lanes;
}

std::vector<LaneSpec> process_lanes(const Run& run) {
  std::vector<LaneSpec> lanes;
  for (Pid pid = 0; pid < run.pid_limit(); ++pid) {
    if (run.timeline().names[pid].empty()) continue;
    lanes.push_back({"process", pid, run.process_name(pid), process_colour(pid), run.timeline().processes[pid], true});
  }
  return lanes;
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

// The process lanes (and, when too many to pin, the fixed lanes) in a scrolled child of the
// block, then the strip that counts the lanes it hides.
void draw_scrolled_lanes(App& app, std::size_t r, const std::vector<LaneSpec>& lanes, std::size_t first,
                         const BlockStyle& style) {
  const float h = style.fit.lane_height;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::BeginChild(("lanes" + std::to_string(r)).c_str(), {ImGui::GetContentRegionAvail().x, style.fit.scroll_height},
                    false);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, 0});
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float view_top = ImGui::GetWindowPos().y, view_bottom = view_top + ImGui::GetWindowHeight();
  const std::size_t count = lanes.size() - first;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(count), h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ImVec2 row_at = ImGui::GetCursorScreenPos();
      const bool visible = row_at.y >= view_top - 0.5f && row_at.y + h <= view_bottom + 0.5f;
      draw_row(app, draw, r, lanes[first + static_cast<std::size_t>(i)], first + static_cast<std::size_t>(i), row_at,
               style, visible);
      ImGui::Dummy({style.width, h});
    }
  }
  const float scroll = ImGui::GetScrollY();
  draw_cursor_line(app, draw, at.x + style.label_width, style.width - style.label_width, view_top, view_bottom);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  const auto above = static_cast<std::size_t>(std::ceil(scroll / h - 0.01f));
  const auto shown_end = static_cast<std::size_t>(std::floor((scroll + style.fit.scroll_height) / h + 0.01f));
  const std::string hidden = hidden_lanes_text(std::min(above, count), count - std::min(shown_end, count));
  app.layout.blocks.back().hidden = hidden;
  const float strip = at.y + style.fit.scroll_height;
  ImDrawList* block_draw = ImGui::GetWindowDrawList();
  block_draw->AddRectFilled({at.x, strip}, {at.x + style.width, strip + style.fit.indicator_height},
                            colour(app.theme->panel));
  draw_fitted_text(app, block_draw, style.fit.text_size, {at.x + 8, strip + 2}, at.x + style.width,
                   colour(app.theme->accent), hidden);
}

void draw_block(App& app, std::size_t r, const BlockStyle& style, float height) {
  const Run& run = app.workspace.run(r);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const LaneFit& fit = style.fit;
  std::vector<LaneSpec> lanes = fixed_lanes(app, run);
  const std::size_t fixed = lanes.size();
  for (LaneSpec& lane : process_lanes(run)) lanes.push_back(std::move(lane));
  app.layout.blocks.push_back({r, top.y, top.y + height, fit, lanes.size() - fixed, ""});
  draw_fitted_text(app, draw, fit.text_size, {top.x + 4, top.y + (fit.lane_height - fit.text_size) / 2},
                   top.x + style.width, colour(app.theme->accent), run_title(app, r));
  const std::size_t pinned = !fit.scrolls ? lanes.size() : fit.fixed_scroll ? 0 : fixed;
  float y = top.y + fit.lane_height;
  for (std::size_t i = 0; i < pinned; ++i, y += fit.lane_height)
    draw_row(app, draw, r, lanes[i], i, {top.x, y}, style, true);
  draw_cursor_line(app, draw, top.x + style.label_width, style.width - style.label_width, top.y + fit.lane_height, y);
  if (pinned < lanes.size()) {
    ImGui::SetCursorScreenPos({top.x, y});
    draw_scrolled_lanes(app, r, lanes, pinned, style);
  }
}

void draw_axis(App& app, ImDrawList* draw, ImVec2 origin, float width, float height) {
  const Theme& theme = *app.theme;
  const double step =
      nice_tick_step(app.window.end - app.window.start, std::max(2, static_cast<int>(width / (app.font_size() * 5))));
  TimeWindow window = app.window;
  window.width = width;
  for (double t = std::max(0.0, std::ceil(window.start / step) * step); t <= window.end; t += step) {
    const float x = origin.x + window.x_of(t);
    draw->AddLine({x, origin.y + height * 0.65f}, {x, origin.y + height}, colour(theme.muted_text), 1.5f);
    char label[32];
    std::snprintf(label, sizeof label, "%lld", static_cast<long long>(t));
    const float w = ImGui::CalcTextSize(label).x;
    const float left = std::clamp(x - w / 2, origin.x - w / 2, origin.x + width - w);  // the last label stays whole
    draw->AddText({left, origin.y}, colour(theme.muted_text), label);
  }
}

// The legend, wrapped onto as many rows as WIDTH needs; returns the height it used.
float draw_legend(App& app, ImDrawList* draw, ImVec2 at, float width) {
  const float font = app.font_size();
  struct Item {
    Rgb fill;
    const char* text;
  };
  const Item items[] = {{process_colour(1), "running"},
                        {state_colour(1, ProcessState::Ready, *app.theme), "ready"},
                        {app.theme->blocked, "blocked / I/O"},
                        {process_colour(kNoPid), "several (zoom in)"}};
  std::vector<float> widths;
  for (const Item& item : items) widths.push_back(font * 1.25f + ImGui::CalcTextSize(item.text).x);
  const std::vector<FlowItem> placed = flow(widths, width, font);
  const float row_height = font * 1.2f;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const float x = at.x + placed[i].x, y = at.y + static_cast<float>(placed[i].row) * row_height;
    draw->AddRectFilled({x, y + font * 0.15f}, {x + font, y + font * 0.95f}, colour(items[i].fill));
    draw_fitted_text(app, draw, font, {x + font * 1.25f, y}, at.x + width, colour(app.theme->muted_text),
                     items[i].text);
  }
  return static_cast<float>(flow_rows(placed)) * row_height;
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
  if (io.MouseWheel != 0 && io.KeyCtrl) app.window.zoom(std::pow(1.25, static_cast<double>(io.MouseWheel)), at);
  if (io.MouseWheel != 0 && io.KeyShift)
    app.window.pan(-static_cast<double>(io.MouseWheel) * window.ticks_per_pixel() * 60);
  if (io.MouseWheelH != 0) app.window.pan(static_cast<double>(io.MouseWheelH) * window.ticks_per_pixel() * 60);
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
    app.window.pan(-static_cast<double>(io.MouseDelta.x) * window.ticks_per_pixel());
  } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f) {
    app.workspace.cursor().jump_to(static_cast<Tick>(std::llround(at)));
  }
  app.window.clamp(app.workspace.end());
}

// The label column of all blocks: wide enough for the widest label at TEXT_SIZE, up to a fifth
// of the width (longer labels are shortened).
float label_column(const App& app, float text_size, float width) {
  std::vector<std::string> labels;
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) {
    const Run& run = app.workspace.run(r);
    for (const LaneSpec& lane : fixed_lanes(app, run)) labels.push_back(shown(app, lane.label));
    for (Pid pid = 0; pid < run.pid_limit(); ++pid) {
      if (!run.timeline().names[pid].empty()) labels.push_back(run.timeline().names[pid]);
    }
  }
  return label_column_width(labels, text_width(text_size), chip_room(text_size), app.font_size() * 3, width * 0.2f);
}

}  // namespace

float wanted_timelines_height(const App& app) {
  const float font = app.font_size();
  float height = font * 1.2f + font * 1.4f;  // a legend row and the axis
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) {
    const Run& run = app.workspace.run(r);
    std::size_t lanes = 1 + run.cpu_count() + run.io_lanes().size();  // the title row is one lane high
    for (Pid pid = 0; pid < run.pid_limit(); ++pid) lanes += run.timeline().names[pid].empty() ? 0 : 1;
    height += static_cast<float>(lanes) * std::round(font * kPreferredLaneScale);
  }
  return height;
}

void draw_timelines(App& app, ImVec2 size) {
  app.layout = {};
  const std::size_t runs = app.workspace.run_count();
  if (runs == 0) {
    ImGui::TextDisabled("Nothing open: press Ctrl+O, or start kernsim-viz with a scenario file.");
    return;
  }
  if (!app.window_fitted) {
    app.window.fit(app.workspace.end());
    app.window_fitted = true;
  }
  const float font = app.font_size();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float width = size.x - ImGui::GetStyle().ScrollbarSize;
  const float legend = draw_legend(app, draw, {top.x + 4, top.y}, width - 4);
  const float axis_y = top.y + legend, axis_height = font * 1.4f;
  const float blocks_y = axis_y + axis_height;
  const float each = std::floor((top.y + size.y - blocks_y) / static_cast<float>(runs));
  std::vector<LaneFit> fits;
  float text_size = 0;
  for (std::size_t r = 0; r < runs; ++r) {
    const Run& run = app.workspace.run(r);
    const std::size_t fixed = run.cpu_count() + run.io_lanes().size();
    std::size_t processes = 0;
    for (Pid pid = 0; pid < run.pid_limit(); ++pid) processes += run.timeline().names[pid].empty() ? 0 : 1;
    fits.push_back(fit_lanes(each, font, fixed, processes));
    text_size = std::max(text_size, fits.back().text_size);
  }
  const float label_width = label_column(app, text_size, width);
  app.layout.lanes_x0 = top.x + label_width;
  app.layout.lanes_width = width - label_width;
  draw_axis(app, draw, {top.x + label_width, axis_y}, width - label_width, axis_height);
  draw_cursor_line(app, draw, top.x + label_width, width - label_width, axis_y, blocks_y);
  for (std::size_t r = 0; r < runs; ++r) {
    const BlockStyle style{fits[r], label_width, width};
    ImGui::SetCursorScreenPos({top.x, blocks_y + each * static_cast<float>(r)});
    ImGui::BeginChild(("timeline" + std::to_string(r)).c_str(), {size.x, each}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    draw_block(app, r, style, each);
    ImGui::EndChild();
  }
  handle_mouse(app, {top.x + label_width, axis_y}, width - label_width, top.y + size.y - axis_y);
  ImGui::SetCursorScreenPos({top.x, top.y + size.y});
}

}  // namespace ks::viz
