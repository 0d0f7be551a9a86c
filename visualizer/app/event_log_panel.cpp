// visualizer/app/event_log_panel.cpp — the event log, filtered by process, CPU and kind, kept in
// step with the cursor: applied events are bright, the next ones dim, the cursor's row marked.
// Clicking a row moves the cursor to just after that event.
#include <string>

#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

void filters(App& app) {
  const Run& run = app.workspace.run(std::min(app.log_run, app.workspace.run_count() - 1));
  if (app.workspace.run_count() > 1) {
    std::vector<std::string> labels;
    for (std::size_t r = 0; r < app.workspace.run_count(); ++r) labels.push_back(app.workspace.run(r).label());
    ImGui::SetNextItemWidth(combo_width(labels));
    if (ImGui::BeginCombo("run", run.label().c_str())) {
      for (std::size_t r = 0; r < app.workspace.run_count(); ++r) {
        if (ImGui::Selectable(app.workspace.run(r).label().c_str(), r == app.log_run)) {
          app.log_run = r;
          app.log_dirty = true;
        }
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(combo_width({"all processes"}));
  const std::string pid_text = app.filter.pid ? run.process_name(*app.filter.pid) : "all processes";
  if (ImGui::BeginCombo("##pid", pid_text.c_str())) {
    if (ImGui::Selectable("all processes", !app.filter.pid)) {
      app.filter.pid.reset();
      app.log_dirty = true;
    }
    for (Pid pid = 0; pid < run.pid_limit(); ++pid) {
      if (run.timeline().names[pid].empty()) continue;
      if (ImGui::Selectable(run.process_name(pid).c_str(), app.filter.pid == pid)) {
        app.filter.pid = pid;
        app.log_dirty = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(combo_width({"all CPUs"}));
  const std::string cpu_text = app.filter.cpu ? "CPU " + std::to_string(*app.filter.cpu) : "all CPUs";
  if (ImGui::BeginCombo("##cpu", cpu_text.c_str())) {
    if (ImGui::Selectable("all CPUs", !app.filter.cpu)) {
      app.filter.cpu.reset();
      app.log_dirty = true;
    }
    for (std::size_t cpu = 0; cpu < run.cpu_count(); ++cpu) {
      if (ImGui::Selectable(("CPU " + std::to_string(cpu)).c_str(), app.filter.cpu == cpu)) {
        app.filter.cpu = static_cast<CpuId>(cpu);
        app.log_dirty = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("kinds...")) ImGui::OpenPopup("kinds");
  if (ImGui::BeginPopup("kinds")) {
    for (int k = 0; k < kEventKindCount; ++k) {
      bool& on = app.filter.kinds[static_cast<std::size_t>(k)];
      if (ImGui::Checkbox(std::string(to_string(static_cast<EventKind>(k))).c_str(), &on)) app.log_dirty = true;
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%zu events", app.log_rows.size());
}

void jump_to_event(App& app, std::size_t r, std::size_t index) {
  Cursor& cursor = app.workspace.cursor();
  cursor.jump_to(app.workspace.run(r).events()[index].time);
  while (cursor.applied(r) > index + 1 && cursor.step_event_back()) {
  }
  keep_cursor_visible(app);
}

}  // namespace

void draw_event_log(App& app) {
  if (app.workspace.run_count() == 0) return;
  app.log_run = std::min(app.log_run, app.workspace.run_count() - 1);
  filters(app);
  const Run& run = app.workspace.run(app.log_run);
  if (app.log_dirty) {
    app.log_rows = filter_events(run, app.filter);
    app.log_dirty = false;
    app.log_followed = SIZE_MAX;
  }
  const std::size_t applied = app.workspace.cursor().applied(app.log_run);
  const auto cursor_row = row_at_cursor(app.log_rows, applied);
  if (!ImGui::BeginTable("log", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, app.font_size() * 4);
  ImGui::TableSetupColumn("CPU", ImGuiTableColumnFlags_WidthFixed, app.font_size() * 2.5f);
  ImGui::TableSetupColumn("event");
  ImGui::TableHeadersRow();
  const float row_height = ImGui::GetTextLineHeightWithSpacing();
  if (applied != app.log_followed && cursor_row) {
    const float visible = ImGui::GetWindowHeight();
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(*cursor_row) * row_height - visible * 0.6f));
    app.log_followed = applied;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(app.log_rows.size()), row_height);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const std::size_t index = app.log_rows[static_cast<std::size_t>(i)];
      const TraceEvent& event = run.events()[index];
      ImGui::TableNextRow();
      const bool here = cursor_row && *cursor_row == static_cast<std::size_t>(i);
      if (here) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, colour(app.theme->accent, 90));
      if (index >= applied) ImGui::PushStyleColor(ImGuiCol_Text, colour(app.theme->muted_text, 150));
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(index));
      if (ImGui::Selectable(std::to_string(event.time).c_str(), here, ImGuiSelectableFlags_SpanAllColumns)) {
        jump_to_event(app, app.log_run, index);
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      if (event.cpu != kNoCpu) ImGui::Text("%u", static_cast<unsigned>(event.cpu));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(describe_event(run, event).c_str());
      if (index >= applied) ImGui::PopStyleColor();
    }
  }
  ImGui::EndTable();
}

}  // namespace ks::viz
