// visualizer/app/session_ui.cpp — opening files (a small file dialog of our own: no native
// dialog library is needed on any platform), and saving and loading a session.
#include <algorithm>
#include <filesystem>

#include "sim-core/error.h"
#include "visualizer/app/app.h"

namespace ks::viz {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string describe(const std::exception& error) {
  if (const auto* input = dynamic_cast<const InputError*>(&error)) return input->what();
  return error.what();
}

void after_open(App& app) {
  app.window_fitted = false;
  app.log_dirty = true;
  app.filter = EventFilter();
  app.log_run = 0;
  app.playback.playing = false;
  app.playback.ticks_per_second = default_speed(app.workspace.end());
}

}  // namespace

bool open_path(App& app, const std::string& path) {
  try {
    if (ends_with(path, ".kvsession.json")) return load_app_session(app, path);
    if (ends_with(path, ".jsonl")) {
      app.workspace.open_trace(path);
    } else {
      app.workspace.open_scenario(path);
    }
    after_open(app);
    app.status = "opened " + path;
    const auto slash = path.find_last_of("/\\");
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    app.export_base = base.substr(0, base.find('.'));
    return true;
  } catch (const std::exception& error) {
    app.status = describe(error);
    return false;
  }
}

bool save_app_session(App& app, const std::string& file) {
  Session session = app.workspace.to_session();
  session.view_start = app.window.start;
  session.view_end = app.window.end;
  session.theme = app.theme->name;
  session.presentation = app.presentation;
  session.side_tab = app.side_tab;
  session.bottom_tab = app.bottom_tab;
  try {
    save_session(session, file);
    app.status = "saved the session to " + file;
    return true;
  } catch (const std::exception& error) {
    app.status = describe(error);
    return false;
  }
}

bool load_app_session(App& app, const std::string& file) {
  try {
    const Session session = load_session(file);
    app.workspace.restore(session);
    const Tick cursor = app.workspace.cursor().time();
    after_open(app);
    app.workspace.cursor().jump_to(cursor);
    if (session.view_end > session.view_start) {
      app.window.start = session.view_start;
      app.window.end = session.view_end;
      app.window_fitted = true;
    }
    apply_theme(app, theme_named(session.theme));
    set_presentation(app, session.presentation);
    app.side_tab = session.side_tab;
    app.bottom_tab = session.bottom_tab;
    app.select_tabs = true;
    app.status = "loaded the session " + file;
    return true;
  } catch (const std::exception& error) {
    app.status = describe(error);
    return false;
  }
}

namespace {

void dialog_entries(App& app) {
  std::vector<fs::directory_entry> entries;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(app.dialog.directory, error)) entries.push_back(entry);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.is_directory() != b.is_directory() ? a.is_directory() : a.path().filename() < b.path().filename();
  });
  ImGui::BeginChild("entries", {0, -ImGui::GetFrameHeightWithSpacing() * 2}, true);
  if (ImGui::Selectable("..")) app.dialog.directory = fs::path(app.dialog.directory).parent_path().string();
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory()) {
      if (ImGui::Selectable((name + "/").c_str())) app.dialog.directory = entry.path().string();
    } else if (ends_with(name, ".json") || ends_with(name, ".jsonl")) {
      if (ImGui::Selectable(name.c_str(), name == app.dialog.file_name)) app.dialog.file_name = name;
    }
  }
  ImGui::EndChild();
}

}  // namespace

void draw_file_dialog(App& app) {
  if (!app.dialog.open) return;
  const bool saving = app.dialog.purpose == "session-save";
  const char* title = saving                                 ? "Save session"
                      : app.dialog.purpose == "session-load" ? "Load session"
                                                             : "Open scenario or trace";
  ImGui::OpenPopup(title);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize({size.x * 0.5f, size.y * 0.6f}, ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, &app.dialog.open)) return;
  if (app.dialog.directory.empty()) app.dialog.directory = ".";
  ImGui::TextDisabled("%s", fs::absolute(app.dialog.directory).lexically_normal().string().c_str());
  dialog_entries(app);
  char name[256];
  std::snprintf(name, sizeof name, "%s", app.dialog.file_name.c_str());
  ImGui::SetNextItemWidth(-app.font_size() * 8);
  if (ImGui::InputText("##file", name, sizeof name)) app.dialog.file_name = name;
  ImGui::SameLine();
  if (ImGui::Button(saving ? "Save" : "Open") && !app.dialog.file_name.empty()) {
    const std::string path = (fs::path(app.dialog.directory) / app.dialog.file_name).string();
    if (saving) {
      save_app_session(app, path);
    } else if (app.dialog.purpose == "session-load") {
      load_app_session(app, path);
    } else {
      open_path(app, path);
    }
    app.dialog.open = false;
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) app.dialog.open = false;
  if (!app.dialog.open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void draw_session_panel(App& app) {
  if (ImGui::Button("Open scenario / trace (Ctrl+O)")) app.dialog = {true, "open", app.dialog.directory, ""};
  if (ImGui::Button("Save session (Ctrl+S)"))
    app.dialog = {true, "session-save", app.dialog.directory, "lecture.kvsession.json"};
  if (ImGui::Button("Load session (Ctrl+L)")) app.dialog = {true, "session-load", app.dialog.directory, ""};
  ImGui::Separator();
  ImGui::TextDisabled("Exports are written to the current directory:");
  if (ImGui::Button("View as PNG (Ctrl+E)")) {
    app.png_requested = true;
    app.png_path = app.export_base + ".png";
  }
  if (ImGui::Button("Timeline as SVG")) export_svg(app, app.export_base + "-timeline.svg");
  if (ImGui::Button("Metrics as CSV")) export_csv(app, app.export_base + "-metrics.csv");
}

}  // namespace ks::viz
