// visualizer/app/theme.cpp — fonts and the ImGui style of the two themes, and presentation mode
// (large fonts for a lecture hall).
#include <filesystem>

#include "visualizer/app/app.h"

namespace ks::viz {

ImU32 colour(Rgb rgb, int alpha) { return IM_COL32(rgb.r, rgb.g, rgb.b, alpha); }

namespace {

ImVec4 vec(Rgb rgb, float alpha = 1.0f) {
  return {static_cast<float>(rgb.r) / 255.0f, static_cast<float>(rgb.g) / 255.0f, static_cast<float>(rgb.b) / 255.0f, alpha};
}

const char* find_font() {
  static const char* const kCandidates[] = {
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
      "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/Library/Fonts/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial.ttf",
      "C:\\Windows\\Fonts\\segoeui.ttf"};
  for (const char* path : kCandidates) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) return path;
  }
  return nullptr;
}

}  // namespace

void load_fonts(App& app) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  if (const char* path = find_font()) {
    app.normal_font = io.Fonts->AddFontFromFileTTF(path, 18.0f);
    app.large_font = io.Fonts->AddFontFromFileTTF(path, 30.0f);
  }
  if (!app.normal_font || !app.large_font) {
    ImFontConfig config;
    config.SizePixels = 13.0f;
    app.normal_font = io.Fonts->AddFontDefault(&config);
    config.SizePixels = 26.0f;
    app.large_font = io.Fonts->AddFontDefault(&config);
  }
  io.FontDefault = app.presentation ? app.large_font : app.normal_font;
}

void apply_theme(App& app, const Theme& theme) {
  app.theme = &theme;
  ImGuiStyle style;
  if (theme.dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.FrameBorderSize = 1;
  style.ScrollbarSize = app.presentation ? 22 : 16;
  style.Colors[ImGuiCol_WindowBg] = vec(theme.background);
  // Children draw no background of their own: the window under them (or the clear colour under
  // the main window) already has it, and on software OpenGL every full-size fill costs a frame
  // time of several milliseconds.
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_PopupBg] = vec(theme.panel);
  style.Colors[ImGuiCol_Text] = vec(theme.text);
  style.Colors[ImGuiCol_TextDisabled] = vec(theme.muted_text);
  style.Colors[ImGuiCol_Border] = vec(theme.grid);
  style.Colors[ImGuiCol_TableRowBgAlt] = vec(theme.lane_odd);
  style.Colors[ImGuiCol_TableRowBg] = vec(theme.lane_even);
  if (app.presentation) style.ScaleAllSizes(1.4f);
  ImGui::GetStyle() = style;
}

void set_presentation(App& app, bool on) {
  app.presentation = on;
  ImGui::GetIO().FontDefault = on ? app.large_font : app.normal_font;
  apply_theme(app, *app.theme);
}

}  // namespace ks::viz
