// visualizer/app/theme.cpp — fonts and the ImGui style of the two themes, and presentation mode
// (large fonts for a lecture hall).
#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <string_view>
#include <utility>

#include "visualizer/app/app.h"

namespace ks::viz {

ImU32 colour(Rgb rgb, int alpha) { return IM_COL32(rgb.r, rgb.g, rgb.b, alpha); }

namespace {

ImVec4 vec(Rgb rgb, float alpha = 1.0f) {
  return {static_cast<float>(rgb.r) / 255.0f, static_cast<float>(rgb.g) / 255.0f, static_cast<float>(rgb.b) / 255.0f,
          alpha};
}

const char* find_font() {
  static const char* const kCandidates[] = {
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
      "/usr/share/fonts/dejavu/DejaVuSans.ttf",          "/Library/Fonts/Arial.ttf",
      "/System/Library/Fonts/Supplemental/Arial.ttf",    "C:\\Windows\\Fonts\\segoeui.ttf"};
  for (const char* path : kCandidates) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) return path;
  }
  return nullptr;
}

// The signs the panels use beyond Latin-1, and their ASCII stand-ins for a font without them.
constexpr std::pair<const char*, const char*> kSigns[] = {
    {"\u2013", "-"}, {"\u2026", "..."}, {"\u25b2", "^"}, {"\u25bc", "v"}, {"\u00d7", "x"}};

const ImWchar* glyph_ranges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    for (const auto& sign : kSigns) builder.AddText(sign.first);
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

}  // namespace

std::string shown(const App& app, std::string text) {
  if (app.unicode_font) return text;
  for (const auto& [sign, ascii] : kSigns) {
    const std::string from = sign;
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), ascii);
      at += std::string_view(ascii).size();
    }
  }
  return text;
}

TextWidth text_width(float size) {
  return [size](std::string_view text) {
    return ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
  };
}

float combo_width(const std::vector<std::string>& texts) {
  float widest = 0;
  for (const std::string& text : texts) widest = std::max(widest, ImGui::CalcTextSize(text.c_str()).x);
  return widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
}

void add_text(ImDrawList* draw, float size, ImVec2 at, ImU32 colour, const std::string& text) {
  draw->AddText(ImGui::GetFont(), size, at, colour, text.c_str(), text.c_str() + text.size());
}

void draw_fitted_text(App& app, ImDrawList* draw, float size, ImVec2 at, float limit, ImU32 colour,
                      const std::string& text) {
  const TextWidth width_of = text_width(size);
  const std::string fitted = fit_text(shown(app, text), limit - at.x, width_of);
  add_text(draw, size, at, colour, fitted);
  app.layout.texts.push_back({fitted, at.x, at.x + width_of(fitted), limit});
  if (fitted != text && ImGui::IsMouseHoveringRect(at, {limit, at.y + size})) ImGui::SetTooltip("%s", text.c_str());
}

void load_fonts(App& app) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  app.normal_font = app.large_font = nullptr;
  if (const char* path = find_font()) {
    app.normal_font = io.Fonts->AddFontFromFileTTF(path, 18.0f, nullptr, glyph_ranges());
    app.large_font = io.Fonts->AddFontFromFileTTF(path, 30.0f, nullptr, glyph_ranges());
  }
  app.unicode_font = app.normal_font && app.large_font;
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
