// visualizer/app/paging_view.cpp — the paging view: a replacement exercise stepped on screen.
//
// Drawn as the textbook draws the exercise: the reference string along the top, one column per
// reference, a row per frame below it holding the page after that reference, and the victim
// under the column. References up to the cursor are coloured (green a hit, red a miss, the page
// fault); the cell the faulting page came into is filled, the column of the cursor is framed, and
// the columns after the cursor stay empty, so a class can guess before stepping. Below the grid:
// the totals so far and the policy's own state at the cursor (its order, the clock hand, the
// per-frame numbers, the frames' accessed and dirty bits). Two policies stand side by side on
// the same string, with one cursor. Keys as in the scheduling view: Left/Right (PageUp/PageDown)
// step, Home/End jump; Ctrl+E writes the window as PNG, S the grids as SVG (paging_svg.h).
#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "visualizer/app/app.h"

namespace ks::viz {
namespace {

struct GridMetrics {
  float cell_w = 0, cell_h = 0, header_w = 0;
  float text = 0;  // the size of the cells' text
};

std::string frame_name(Slot slot) { return "frame " + std::to_string(slot); }

// The cells grow with the room (a few frames on a large screen read from the back of a hall),
// their text with them, up to 1.6 times the font; when even the font's size does not fit the
// string across, the grid scrolls.
GridMetrics grid_metrics(const App& app, ImVec2 available) {
  const PagingModel& model = *app.paging;
  const float font = app.font_size();
  GridMetrics m;
  m.header_w = ImGui::CalcTextSize(frame_name(model.frames() - 1).c_str()).x + font * 0.8f;
  const float columns = static_cast<float>(model.size());
  const float by_height = available.y / static_cast<float>(model.frames() + 2) / 1.45f;
  for (float scale = 1.6f; scale >= 1.0f - 1e-3f; scale -= 0.1f) {
    m.text = std::min(font * scale, std::max(font, by_height));
    const TextWidth width_of = text_width(m.text);
    float widest = width_of("0");
    for (std::size_t t = 0; t < model.size(); ++t)
      widest = std::max(widest, width_of(reference_label(model.refs(), t)));
    const float minimum = std::max(widest + m.text * 0.6f, m.text * 1.3f);
    const float fitting = (available.x - m.header_w) / columns;
    m.cell_w = std::clamp(fitting, minimum, m.text * 2.8f);
    if (fitting >= minimum) break;
  }
  m.cell_h = std::max(m.text, font) * 1.45f;
  return m;
}

// One cell with centred TEXT (recorded for the cut-label check), filled with FILL if given.
void cell(App& app, ImDrawList* draw, ImVec2 at, const GridMetrics& m, const std::string& text, ImU32 text_colour,
          std::optional<ImU32> fill) {
  const ImVec2 end{at.x + m.cell_w, at.y + m.cell_h};
  if (fill) draw->AddRectFilled({at.x + 1, at.y + 1}, {end.x - 1, end.y - 1}, *fill, 3);
  draw->AddRect(at, end, colour(app.theme->grid), 0);
  if (text.empty()) return;
  const float width = text_width(m.text)(text);
  const float x = at.x + std::max(2.0f, (m.cell_w - width) / 2);
  draw_fitted_text(app, draw, m.text, {x, at.y + (m.cell_h - m.text) / 2}, end.x - 1, text_colour, text);
}

void draw_grid(App& app, std::size_t r, ImVec2 size) {
  const PagingModel& model = *app.paging;
  const PagingRun& run = model.run(r);
  const Theme& theme = *app.theme;
  const float scrollbar = ImGui::GetStyle().ScrollbarSize;
  const GridMetrics m = grid_metrics(app, {size.x - scrollbar, size.y - scrollbar - 4});
  const float content_w = m.header_w + m.cell_w * static_cast<float>(model.size());
  const float content_h = m.cell_h * static_cast<float>(model.frames() + 2);
  // Whole rows only when the grid must scroll down: no row is cut at the bottom edge. The
  // horizontal scrollbar takes its height only when the columns do not fit across.
  const bool down = content_h > size.y;
  const float bar = content_w > size.x - (down ? scrollbar : 0.0f) ? scrollbar : 0.0f;
  float height = content_h + bar;
  if (height > size.y) height = std::max(1.0f, std::floor((size.y - bar) / m.cell_h)) * m.cell_h + bar;
  ImGui::BeginChild(("grid" + std::to_string(r)).c_str(), {size.x, height}, false,
                    ImGuiWindowFlags_HorizontalScrollbar);
  if (app.paging_followed != model.cursor()) {
    // Keep the cursor's column in view.
    const float x = m.header_w + m.cell_w * static_cast<float>(model.cursor());
    const float visible = ImGui::GetWindowWidth();
    if (x > ImGui::GetScrollX() + visible - m.cell_w || x < ImGui::GetScrollX() + m.header_w + m.cell_w) {
      // Whole columns only: column k starts at the row headers' edge when the scroll is k cells.
      const float columns = std::floor(std::max(0.0f, x - visible * 0.6f) / m.cell_w);
      ImGui::SetScrollX(columns * m.cell_w);
    }
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 text = colour(theme.text), muted = colour(theme.muted_text);
  const ImU32 hit = colour(paging_hit_colour(theme)), miss = colour(paging_miss_colour(theme));
  // Only the columns in view are drawn (2,000 references by 64 frames would be 128,000 cells).
  const float scroll = ImGui::GetScrollX();
  const auto first = static_cast<std::size_t>(std::max(0.0f, std::floor(scroll / m.cell_w)));
  const auto last = std::min(model.size(), static_cast<std::size_t>(std::ceil((scroll + size.x) / m.cell_w)) + 1);
  for (std::size_t t = first; t < last; ++t) {
    const float x = origin.x + m.header_w + m.cell_w * static_cast<float>(t);
    const bool done = t < model.cursor();
    const PagingStep& step = run.step(t);
    const ImVec2 at{x, origin.y};
    if (done) {
      cell(app, draw, at, m, reference_label(model.refs(), t),
           colour(text_on(step.hit ? paging_hit_colour(theme) : paging_miss_colour(theme))), step.hit ? hit : miss);
      // Recorded for the screenshot checks when wholly in view (not scrolled under the headers).
      const float view_x0 = ImGui::GetWindowPos().x + m.header_w,
                  view_x1 = view_x0 - m.header_w + ImGui::GetWindowWidth();
      if (at.x >= view_x0 - 0.5f && at.x + m.cell_w <= view_x1 + 0.5f) {
        app.layout.paging_cells.push_back({r, t, at.x, at.y, at.x + m.cell_w, at.y + m.cell_h, step.hit});
      }
    } else {
      cell(app, draw, at, m, reference_label(model.refs(), t), muted, std::nullopt);
    }
    for (Slot f = 0; f < model.frames(); ++f) {
      const ImVec2 fat{x, origin.y + m.cell_h * static_cast<float>(f + 1)};
      if (!done) {
        cell(app, draw, fat, m, "", text, std::nullopt);
        continue;
      }
      const FrameCell& frame = step.frames[f];
      std::optional<ImU32> fill;
      if (frame.loaded) fill = colour(paging_miss_colour(theme), 90);
      else if (step.hit && f == step.slot) fill = colour(paging_hit_colour(theme), 90);
      cell(app, draw, fat, m, frame.page ? page_text(*frame.page) : "", text, fill);
    }
    const ImVec2 vat{x, origin.y + m.cell_h * static_cast<float>(model.frames() + 1)};
    const std::string victim = done && step.victim ? page_text(*step.victim) + (step.victim_dirty ? "*" : "") : "";
    cell(app, draw, vat, m, victim, colour(paging_miss_colour(theme)), std::nullopt);
    if (t + 1 == model.cursor()) {
      draw->AddRect({x, origin.y}, {x + m.cell_w, origin.y + content_h}, colour(theme.cursor), 0, 0, 3);
    }
  }
  // The row headers stay at the left edge however far the grid scrolls, drawn over the cells.
  const float left = ImGui::GetWindowPos().x;
  draw->AddRectFilled({left, origin.y}, {left + m.header_w, origin.y + content_h}, colour(theme.background));
  const auto header = [&](float y, const std::string& name) {
    draw_fitted_text(app, draw, app.font_size(), {left + 2, y + (m.cell_h - app.font_size()) / 2},
                     left + m.header_w - 2, muted, name);
  };
  header(origin.y, "ref");
  for (Slot f = 0; f < model.frames(); ++f) header(origin.y + m.cell_h * static_cast<float>(f + 1), frame_name(f));
  header(origin.y + m.cell_h * static_cast<float>(model.frames() + 1), "victim");
  ImGui::Dummy({content_w, content_h});
  ImGui::EndChild();
}

std::string percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", value);
  return text;
}

// FIRST and SECOND on one line joined by a comma, or, when the panel is too narrow for that (two
// policies in presentation mode), on two lines: never broken inside a number.
void two_part_line(const std::string& first, const std::string& second) {
  const std::string joined = first + ", " + second;
  if (ImGui::CalcTextSize(joined.c_str()).x <= ImGui::GetContentRegionAvail().x) {
    ImGui::TextUnformatted(joined.c_str());
    return;
  }
  ImGui::TextUnformatted((first + ",").c_str());
  ImGui::TextUnformatted(second.c_str());
}

void draw_totals(App& app, const PagingRun& run) {
  const PagingModel& model = *app.paging;
  const std::size_t at = model.cursor();
  char text[200];
  std::snprintf(text, sizeof text, "after %zu of %zu: hits %llu, misses %llu", at, model.size(),
                static_cast<unsigned long long>(run.hits(at)), static_cast<unsigned long long>(run.misses(at)));
  two_part_line(text, "fault rate " + percent(run.fault_rate(at)));
  std::snprintf(text, sizeof text, "whole string: hits %llu, misses %llu", static_cast<unsigned long long>(run.hits()),
                static_cast<unsigned long long>(run.misses()));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  two_part_line(text, "fault rate " + percent(run.fault_rate(run.size())));
  ImGui::PopStyleColor();
}

// The policy's own state at the cursor, and the frames' bits.
void draw_state(App& app, std::size_t r) {
  const PagingModel& model = *app.paging;
  const PagingStep* step = model.current(r);
  if (step == nullptr) {
    ImGui::TextDisabled("no reference yet: every frame is free (Right steps)");
    return;
  }
  const ReplacementView& view = step->view;
  if (!view.order.empty()) {
    std::string order = (view.order_name.empty() ? std::string("order") : view.order_name) + ":";
    for (const Slot slot : view.order) {
      const auto& page = step->frames.at(slot).page;
      order += " " + (page ? page_text(*page) : std::string("-"));
    }
    ImGui::TextWrapped("%s", shown(app, order).c_str());
  }
  if (view.has_hand) ImGui::Text("clock hand at frame %u", static_cast<unsigned>(view.hand));
  if (!view.values.empty()) {
    std::string values;
    for (const auto& [name, value] : view.values)
      values += (values.empty() ? "" : ", ") + name + " " + std::to_string(value);
    ImGui::TextWrapped("%s", values.c_str());
  }
  const int columns = 4 + static_cast<int>(view.per_slot.size()) + (view.order.empty() ? 0 : 1);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  // As tall as its rows (header and one a frame), scrolling when the panel is shorter.
  const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float rows = std::min(static_cast<float>(model.frames() + 1), std::max(2.0f, std::floor((avail.y - 2) / row)));
  const ImVec2 table_size{avail.x, row * rows + 2};
  if (!ImGui::BeginTable(("state" + std::to_string(r)).c_str(), columns, flags, table_size)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("frame");
  ImGui::TableSetupColumn("page");
  ImGui::TableSetupColumn("A");
  ImGui::TableSetupColumn("D");
  if (!view.order.empty()) ImGui::TableSetupColumn("order");
  for (const auto& [name, values] : view.per_slot) ImGui::TableSetupColumn(name.c_str());
  ImGui::TableHeadersRow();
  for (Slot f = 0; f < model.frames(); ++f) {
    const FrameCell& frame = step->frames[f];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (view.has_hand && view.hand == f) ImGui::Text("%u (hand)", static_cast<unsigned>(f));
    else ImGui::Text("%u", static_cast<unsigned>(f));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(frame.page ? page_text(*frame.page).c_str() : "-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(frame.page ? (frame.accessed ? "1" : "0") : "");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(frame.page ? (frame.dirty ? "1" : "0") : "");
    if (!view.order.empty()) {
      ImGui::TableNextColumn();
      const auto place = std::find(view.order.begin(), view.order.end(), f);
      if (place != view.order.end()) ImGui::Text("%d", static_cast<int>(place - view.order.begin()) + 1);
    }
    for (const auto& [name, values] : view.per_slot) {
      ImGui::TableNextColumn();
      if (f < values.size()) ImGui::Text("%lld", static_cast<long long>(values[f]));
    }
  }
  ImGui::EndTable();
}

void draw_run(App& app, std::size_t r, ImVec2 size) {
  const PagingRun& run = app.paging->run(r);
  ImGui::BeginChild(("run" + std::to_string(r)).c_str(), size, true);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour(app.theme->accent)));
  ImGui::TextWrapped("%s", run.label().c_str());
  ImGui::PopStyleColor();
  draw_totals(app, run);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  draw_grid(app, r, {avail.x, avail.y * 0.6f});
  ImGui::Spacing();
  draw_state(app, r);
  ImGui::EndChild();
}

// The keys of this view (F1), in place of the scheduling view's.
void draw_paging_help(App& app) {
  if (!app.show_help) return;
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Keys", &app.show_help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  static const char* const kKeys[][2] = {{"Right, PageDown", "the next reference"},
                                         {"Left, PageUp", "back one reference"},
                                         {"Home / End", "before the first / after the last"},
                                         {"T / P", "theme / presentation mode"},
                                         {"Ctrl+E / S", "export the window as PNG / the grids as SVG"},
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

void paging_toolbar(App& app) {
  PagingModel& model = *app.paging;
  if (ImGui::Button(shown(app, "|<").c_str())) model.home();
  ImGui::SameLine();
  if (ImGui::Button(shown(app, "< back").c_str())) model.step_back();
  ImGui::SameLine();
  if (ImGui::Button(shown(app, "step >").c_str())) model.step_forward();
  ImGui::SameLine();
  if (ImGui::Button(shown(app, ">|").c_str())) model.end();
  ImGui::SameLine();
  ImGui::Text("reference %zu of %zu   %u frames", model.cursor(), model.size(), static_cast<unsigned>(model.frames()));
  ImGui::SameLine();
  const ImVec4 hit = ImGui::ColorConvertU32ToFloat4(colour(paging_hit_colour(*app.theme)));
  const ImVec4 miss = ImGui::ColorConvertU32ToFloat4(colour(paging_miss_colour(*app.theme)));
  ImGui::TextColored(hit, "   hit");
  ImGui::SameLine();
  ImGui::TextColored(miss, "miss (page fault)");
  ImGui::SameLine();
  ImGui::TextDisabled("victim* written back");
}

}  // namespace

void draw_paging_frame(App& app, float width, float height) {
  app.layout = {};
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize({width, height});
  ImGui::Begin("kernsim-viz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  paging_toolbar(app);
  const float status_height = ImGui::GetFrameHeightWithSpacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const std::size_t runs = app.paging->run_count();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float run_width = (avail.x - gap * static_cast<float>(runs - 1)) / static_cast<float>(runs);
  for (std::size_t r = 0; r < runs; ++r) {
    if (r > 0) ImGui::SameLine();
    draw_run(app, r, {run_width, avail.y - status_height});
  }
  app.paging_followed = app.paging->cursor();
  ImGui::TextDisabled("Left/Right: step   Home/End   T: theme   P: presentation   Ctrl+E: PNG   S: SVG   F1: keys");
  if (!app.status.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour(app.theme->accent)), "  %s", app.status.c_str());
  }
  draw_paging_help(app);
  ImGui::End();
  app.select_tabs = false;
}

bool handle_paging_key(App& app, int key, bool ctrl) {
  if (ctrl) return false;
  PagingModel& model = *app.paging;
  switch (key) {
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN: model.step_forward(); return true;
    case SDLK_LEFT:
    case SDLK_PAGEUP: model.step_back(); return true;
    case SDLK_HOME: model.home(); return true;
    case SDLK_END: model.end(); return true;
    case SDLK_s: export_svg(app, app.export_base + ".svg"); return true;
    default: return false;
  }
}

}  // namespace ks::viz
