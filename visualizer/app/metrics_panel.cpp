// visualizer/app/metrics_panel.cpp — the metrics at the cursor (a table, one column per run) and
// live charts of response, turnaround, wait, utilisation and fairness that grow with the cursor.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

// Line colours of compared runs: distinct from each other on both themes.
Rgb run_colour(std::size_t r) {
  static const Rgb kColours[] = {{255, 170, 0}, {0, 170, 255}, {230, 60, 120}, {60, 200, 90}};
  return kColours[r % 4];
}

void system_rows(App& app) {
  std::vector<const RunMetrics*> runs;
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) runs.push_back(&app.workspace.metrics_at_cursor(r));
  for (const MetricRow& row : metric_rows(runs)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.name.c_str());
    for (const std::string& value : row.values) {
      ImGui::TableNextColumn();
      if (value == kUndefined) ImGui::TextDisabled("%s", shown(app, value).c_str());
      else ImGui::TextUnformatted(value.c_str());
    }
  }
}

void process_rows(App& app) {
  const RunMetrics& m = app.workspace.metrics_at_cursor(0);
  const Run& run = app.workspace.run(0);
  static const char* const kHeads[] = {"process", "arrival", "response", "turnaround", "wait", "cpu", "io"};
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("processes", 7, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* head : kHeads) ImGui::TableSetupColumn(head);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m.processes.size()));
  const std::string undefined = shown(app, kUndefined);
  const auto cell = [&](Tick v) {
    ImGui::TableNextColumn();
    if (v < 0) ImGui::TextDisabled("%s", undefined.c_str());
    else ImGui::Text("%lld", static_cast<long long>(v));
  };
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ProcessMetrics& p = m.processes[static_cast<std::size_t>(i)];
      if (p.name.empty()) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float chip = app.font_size() * 0.6f;
      ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + chip * 0.35f}, {at.x + chip, at.y + chip * 1.35f},
                                                colour(process_colour(p.pid)));
      ImGui::Dummy({chip * 1.4f, chip});
      ImGui::SameLine();
      ImGui::TextUnformatted(run.process_name(p.pid).c_str());
      cell(p.arrival);
      cell(p.response());
      cell(p.turnaround());
      cell(p.wait_time);
      cell(p.cpu_time);
      cell(p.io_time);
    }
  }
  ImGui::EndTable();
}

}  // namespace

void draw_metrics_table(App& app) {
  const std::size_t runs = app.workspace.run_count();
  if (runs == 0) return;
  const float half = ImGui::GetContentRegionAvail().x * (runs > 1 ? 0.5f : 0.42f);
  ImGui::BeginChild("system", {half, 0}, false);
  // Columns as wide as their widest cell; the table scrolls when they are wider than the space.
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("system", static_cast<int>(runs) + 1, kFlags)) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("at the cursor");
    for (std::size_t r = 0; r < runs; ++r) ImGui::TableSetupColumn(app.workspace.run(r).label().c_str());
    ImGui::TableHeadersRow();
    system_rows(app);
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("per-process", {0, 0}, false);
  if (runs > 1) ImGui::TextDisabled("per process: %s", app.workspace.run(0).label().c_str());
  process_rows(app);
  ImGui::EndChild();
}

namespace {

struct ChartSpec {
  const char* title;
  std::optional<double> MetricsPoint::*field;
  bool unit_range;  // 0..1
};

void chart(App& app, const ChartSpec& spec, ImVec2 size) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const Theme& theme = *app.theme;
  draw->AddRectFilled(at, {at.x + size.x, at.y + size.y}, colour(theme.panel));
  const float top = at.y + app.font_size() * 1.4f, bottom = at.y + size.y - 4;
  const double end = static_cast<double>(std::max<Tick>(app.workspace.end(), 1));
  const Tick cursor = app.workspace.cursor().time();
  double high = spec.unit_range ? 1.0 : 1e-9;
  for (std::size_t r = 0; r < app.workspace.run_count() && !spec.unit_range; ++r) {
    for (const MetricsPoint& p : app.workspace.series(r)) high = std::max(high, (p.*spec.field).value_or(0));
  }
  const auto x_of = [&](double t) { return at.x + 4 + static_cast<float>(t / end) * (size.x - 8); };
  const auto y_of = [&](double v) { return bottom - static_cast<float>(v / high) * (bottom - top); };
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) {
    // An undefined value (no process done yet) breaks the line: nothing is drawn for it.
    std::vector<ImVec2> points;
    const auto flush = [&] {
      if (points.size() >= 2)
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour(run_colour(r)), 0,
                          app.presentation ? 3.5f : 2.5f);
      points.clear();
    };
    for (const MetricsPoint& p : app.workspace.series(r)) {
      if (p.time > cursor) break;
      if (const std::optional<double> value = p.*spec.field)
        points.push_back({x_of(static_cast<double>(p.time)), y_of(*value)});
      else flush();
    }
    flush();
  }
  char label[32];
  std::snprintf(label, sizeof label, spec.unit_range ? "%.2f" : "%.1f", high);
  const float label_x = at.x + size.x - ImGui::CalcTextSize(label).x - 6;
  draw->AddText({label_x, at.y + 2}, colour(theme.muted_text), label);
  draw_fitted_text(app, draw, app.font_size(), {at.x + 6, at.y + 2}, label_x - 6, colour(theme.text), spec.title);
  const float cx = x_of(static_cast<double>(cursor));
  draw->AddLine({cx, top}, {cx, bottom}, colour(theme.cursor, 160), 1.5f);
  ImGui::Dummy(size);
}

}  // namespace

void draw_metrics_charts(App& app) {
  static const ChartSpec kCharts[] = {{"mean response", &MetricsPoint::response, false},
                                      {"mean turnaround", &MetricsPoint::turnaround, false},
                                      {"mean wait", &MetricsPoint::wait, false},
                                      {"utilisation", &MetricsPoint::utilisation, true},
                                      {"fairness (Jain)", &MetricsPoint::fairness, true}};
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) {
    if (r) ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float y = at.y + app.font_size() * 0.55f;
    ImGui::GetWindowDrawList()->AddLine({at.x, y}, {at.x + app.font_size() * 1.5f, y}, colour(run_colour(r)), 4.0f);
    ImGui::Dummy({app.font_size() * 1.7f, app.font_size()});
    ImGui::SameLine();
    ImGui::TextUnformatted(app.workspace.run(r).label().c_str());
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 size{(avail.x - spacing * 4) / 5, avail.y - 4};
  for (std::size_t i = 0; i < 5; ++i) {
    if (i) ImGui::SameLine();
    chart(app, kCharts[i], size);
  }
}

}  // namespace ks::viz
