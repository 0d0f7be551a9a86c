// visualizer/app/frame.cpp — the layout of one frame: the toolbar on top; the timelines with
// the metrics, charts and event log below them on the left; the scheduler's state, the workload
// and policy editors and the session on the right; a status line at the bottom.
#include <algorithm>

#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

void tab(App& app, const char* name, bool side, void (*draw)(App&)) {
  const std::string& wanted = side ? app.side_tab : app.bottom_tab;
  const ImGuiTabItemFlags flags = app.select_tabs && wanted == name ? ImGuiTabItemFlags_SetSelected : 0;
  if (ImGui::BeginTabItem(name, nullptr, flags)) {
    if (!app.select_tabs) (side ? app.side_tab : app.bottom_tab) = name;
    ImGui::BeginChild(name, {0, 0}, false);
    draw(app);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
}

void status_line(App& app) {
  const Cursor& cursor = app.workspace.cursor();
  ImGui::TextDisabled("t = %lld   events applied %zu / %zu   %s   %.4g ticks/s   F1: keys",
                      static_cast<long long>(cursor.time()),
                      app.workspace.run_count() ? cursor.applied(0) : std::size_t{0},
                      app.workspace.run_count() ? app.workspace.run(0).events().size() : std::size_t{0},
                      app.playback.playing ? "playing" : "paused", app.playback.ticks_per_second);
  if (!app.status.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour(app.theme->accent)), "  %s", app.status.c_str());
  }
}

}  // namespace

void draw_frame(App& app, float width, float height) {
  if (app.paging) {
    draw_paging_frame(app, width, height);
    return;
  }
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize({width, height});
  // No background: render() clears the frame to the theme's background colour already.
  ImGui::Begin("kernsim-viz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  draw_controls(app);
  const float status_height = ImGui::GetFrameHeightWithSpacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float side_width = avail.x * (app.workspace.run_count() > 2 && !app.presentation ? 0.26f : 0.3f);
  const float main_width = avail.x - side_width - ImGui::GetStyle().ItemSpacing.x;
  const float body_height = avail.y - status_height;
  ImGui::BeginChild("main", {main_width, body_height}, false, ImGuiWindowFlags_NoScrollbar);
  // The timelines take what their lanes want, between half and three quarters of the height;
  // the metrics, charts and event log below take the rest (and scroll).
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float timelines_height = std::clamp(wanted_timelines_height(app), body_height * 0.5f, body_height * 0.74f);
  draw_timelines(app, {main_width, timelines_height - spacing});
  if (ImGui::BeginTabBar("bottom", ImGuiTabBarFlags_FittingPolicyScroll)) {
    tab(app, "Metrics", false, draw_metrics_table);
    tab(app, "Charts", false, draw_metrics_charts);
    tab(app, "Event log", false, draw_event_log);
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", {side_width, body_height}, true);
  if (ImGui::BeginTabBar("side", ImGuiTabBarFlags_FittingPolicyScroll)) {
    tab(app, "Scheduler", true, draw_scheduler_panel);
    tab(app, "Workload", true, draw_workload_editor);
    tab(app, "Policies", true, draw_policy_editor);
    tab(app, "Session", true, draw_session_panel);
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  status_line(app);
  draw_file_dialog(app);
  draw_help(app);
  ImGui::End();
  app.select_tabs = false;
}

}  // namespace ks::viz
