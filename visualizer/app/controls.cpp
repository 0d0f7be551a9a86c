// visualizer/app/controls.cpp — play, pause, speed, step, jump: the toolbar and the keys.
//
// Keys (F1 shows them): Space/F5 play-pause; Right/PageDown step one event, Left/PageUp step
// back one event; Shift+Right/Left (or . and ,) one tick; Up/Down speed; Home/End start/end;
// G jump to a time; +/- zoom around the cursor, F fit; T theme; P presentation mode;
// Ctrl+O open, Ctrl+S save session, Ctrl+L load session, Ctrl+E export PNG, Ctrl+Q quit.
#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "visualizer/app/app.h"

namespace ks::viz {

void keep_cursor_visible(App& app) {
  const double t = static_cast<double>(app.workspace.cursor().time());
  const double span = app.window.end - app.window.start;
  if (t > app.window.end - span * 0.05) app.window.pan(t - (app.window.start + span * 0.8));
  if (t < app.window.start) app.window.pan(t - (app.window.start + span * 0.2));
  app.window.clamp(app.workspace.end());
}

void advance_playback(App& app, double seconds) {
  Cursor& cursor = app.workspace.cursor();
  if (!app.playback.playing) return;
  const Tick ticks = app.playback.advance(seconds);
  if (ticks > 0) cursor.jump_to(cursor.time() + ticks);
  if (cursor.time() >= cursor.end()) {
    cursor.jump_to(cursor.end());
    app.playback.playing = false;
  }
  keep_cursor_visible(app);
}

namespace {

void toggle_play(App& app) {
  Cursor& cursor = app.workspace.cursor();
  if (!app.playback.playing && cursor.time() >= cursor.end()) cursor.jump_to(0);
  app.playback.playing = !app.playback.playing;
  app.playback.carry = 0;
}

void zoom_at_cursor(App& app, double factor) {
  app.window.zoom(factor, static_cast<double>(app.workspace.cursor().time()));
  app.window.clamp(app.workspace.end());
}

bool handle_ctrl_key(App& app, int key) {
  switch (key) {
    case SDLK_o: app.dialog = {true, "open", app.dialog.directory, ""}; return true;
    case SDLK_s: app.dialog = {true, "session-save", app.dialog.directory, "lecture.kvsession.json"}; return true;
    case SDLK_l: app.dialog = {true, "session-load", app.dialog.directory, ""}; return true;
    case SDLK_e:
      app.png_requested = true;
      app.png_path = app.export_base + ".png";
      return true;
    case SDLK_q: app.quit = true; return true;
    default: return false;
  }
}

}  // namespace

bool handle_key(App& app, int key, bool shift, bool ctrl) {
  if (app.paging && handle_paging_key(app, key, ctrl)) return true;
  if (app.paging && !ctrl && key != SDLK_t && key != SDLK_p && key != SDLK_F1) return false;
  Cursor& cursor = app.workspace.cursor();
  if (ctrl) return handle_ctrl_key(app, key);
  const bool step_tick = shift;
  switch (key) {
    case SDLK_SPACE:
    case SDLK_F5: toggle_play(app); break;
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN:
      if (step_tick) cursor.step_tick(+1);
      else cursor.step_event_forward();
      app.playback.playing = false;
      break;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
      if (step_tick) cursor.step_tick(-1);
      else cursor.step_event_back();
      app.playback.playing = false;
      break;
    case SDLK_PERIOD:
      cursor.step_tick(+1);
      app.playback.playing = false;
      break;
    case SDLK_COMMA:
      cursor.step_tick(-1);
      app.playback.playing = false;
      break;
    case SDLK_UP: app.playback.scale_speed(2); break;
    case SDLK_DOWN: app.playback.scale_speed(0.5); break;
    case SDLK_HOME: cursor.jump_to(0); break;
    case SDLK_END: cursor.jump_to(cursor.end()); break;
    case SDLK_g: app.focus_jump = true; break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS: zoom_at_cursor(app, 1.5); break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: zoom_at_cursor(app, 1 / 1.5); break;
    case SDLK_f: app.window.fit(app.workspace.end()); break;
    case SDLK_t: apply_theme(app, app.theme->dark ? light_theme() : dark_theme()); break;
    case SDLK_p: set_presentation(app, !app.presentation); break;
    case SDLK_F1: app.show_help = !app.show_help; break;
    default: return false;
  }
  keep_cursor_visible(app);
  return true;
}

namespace {

// Keeps the next toolbar item, WIDTH wide, on this line when it fits, else starts a new line:
// on a narrow window (or in presentation mode) the toolbar wraps instead of running off.
void same_line_if_fits(float width) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float labelled_width(float field, const char* label) {
  return field + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

bool toolbar_button(const char* label) {
  same_line_if_fits(ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2);
  return ImGui::Button(label);
}

void transport_buttons(App& app) {
  Cursor& cursor = app.workspace.cursor();
  const auto stop = [&] { app.playback.playing = false; };
  if (ImGui::Button("|<")) {
    cursor.jump_to(0);
    stop();
  }
  ImGui::SameLine();
  if (ImGui::Button("<< event")) {
    cursor.step_event_back();
    stop();
  }
  ImGui::SameLine();
  if (ImGui::Button("< tick")) {
    cursor.step_tick(-1);
    stop();
  }
  ImGui::SameLine();
  if (ImGui::Button(app.playback.playing ? " Pause " : " Play  ")) toggle_play(app);
  ImGui::SameLine();
  if (ImGui::Button("tick >")) {
    cursor.step_tick(+1);
    stop();
  }
  ImGui::SameLine();
  if (ImGui::Button("event >>")) {
    cursor.step_event_forward();
    stop();
  }
  ImGui::SameLine();
  if (ImGui::Button(">|")) {
    cursor.jump_to(cursor.end());
    stop();
  }
}

void speed_and_jump(App& app) {
  same_line_if_fits(labelled_width(app.font_size() * 7, "ticks/s"));
  ImGui::SetNextItemWidth(app.font_size() * 7);
  float speed = static_cast<float>(app.playback.ticks_per_second);
  if (ImGui::SliderFloat("ticks/s", &speed, 0.25f, 1e6f, "%.4g", ImGuiSliderFlags_Logarithmic)) {
    app.playback.ticks_per_second = static_cast<double>(speed);
  }
  same_line_if_fits(labelled_width(app.font_size() * 5, "time"));
  ImGui::SetNextItemWidth(app.font_size() * 5);
  if (app.focus_jump) {
    ImGui::SetKeyboardFocusHere();
    app.focus_jump = false;
  }
  long long time = app.workspace.cursor().time();
  if (ImGui::InputScalar("time", ImGuiDataType_S64, &time, nullptr, nullptr, "%lld",
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
    app.workspace.cursor().jump_to(static_cast<Tick>(time));
    keep_cursor_visible(app);
  }
  const std::string end = "/ " + std::to_string(app.workspace.end());
  same_line_if_fits(ImGui::CalcTextSize(end.c_str()).x);
  ImGui::TextDisabled("%s", end.c_str());
}

void view_buttons(App& app) {
  if (toolbar_button("Fit")) app.window.fit(app.workspace.end());
  if (toolbar_button(app.theme->dark ? "Light" : "Dark"))
    apply_theme(app, app.theme->dark ? light_theme() : dark_theme());
  if (toolbar_button(app.presentation ? "Normal size" : "Presentation")) set_presentation(app, !app.presentation);
  if (toolbar_button("Open")) app.dialog = {true, "open", app.dialog.directory, ""};
  if (toolbar_button("Export")) ImGui::OpenPopup("export");
  if (ImGui::BeginPopup("export")) {
    if (ImGui::MenuItem("View as PNG", "Ctrl+E")) {
      app.png_requested = true;
      app.png_path = app.export_base + ".png";
    }
    if (ImGui::MenuItem("Timeline as SVG")) export_svg(app, app.export_base + "-timeline.svg");
    if (ImGui::MenuItem("Metrics as CSV")) export_csv(app, app.export_base + "-metrics.csv");
    ImGui::EndPopup();
  }
  if (toolbar_button("?")) app.show_help = !app.show_help;
}

}  // namespace

void draw_controls(App& app) {
  transport_buttons(app);
  speed_and_jump(app);
  view_buttons(app);
}

void draw_help(App& app) {
  if (!app.show_help) return;
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Keys", &app.show_help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  static const char* const kKeys[][2] = {{"Space, F5", "play / pause"},
                                         {"Right, PageDown", "step one event"},
                                         {"Left, PageUp", "step back one event"},
                                         {"Shift+Right, .", "one tick forward"},
                                         {"Shift+Left, ,", "one tick back"},
                                         {"Up / Down", "faster / slower"},
                                         {"Home / End", "start / end"},
                                         {"G", "jump to a time"},
                                         {"+ / -, F", "zoom at the cursor, fit"},
                                         {"Ctrl+wheel, Shift+wheel, drag", "zoom, pan"},
                                         {"click", "move the cursor"},
                                         {"T / P", "theme / presentation mode"},
                                         {"Ctrl+O, Ctrl+S, Ctrl+L", "open, save session, load session"},
                                         {"Ctrl+E", "export the view as PNG"},
                                         {"F1", "this help"},
                                         {"Ctrl+Q", "quit"}};
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    for (const auto& row : kKeys) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[0]);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row[1]);
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace ks::viz
