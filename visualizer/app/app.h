// visualizer/app/app.h — kernsim-viz's state and its panels.
//
// The application is a thin layer over the view-model (visualizer/model): it owns a Workspace
// (the runs and the cursor), the visible time window, the theme and the UI's own state, and
// draws one frame at a time with Dear ImGui. Each panel is one file; each is a function of App.
#pragma once

#include <imgui.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "visualizer/model/event_log.h"
#include "visualizer/model/layout.h"
#include "visualizer/model/lod.h"
#include "visualizer/model/paging_model.h"
#include "visualizer/model/palette.h"
#include "visualizer/model/workspace.h"

namespace ks::viz {

// Where the lanes were drawn in the last frame (for the screenshot checker and tooltips).
struct LaneGeometry {
  std::size_t run = 0;
  std::string kind;  // "cpu", "process", "io"
  std::size_t index = 0;
  float y0 = 0, y1 = 0;
  bool visible = false;  // wholly inside the visible part of its block
};
// One run's block: how its lanes were fitted, and the text counting the lanes it hides.
struct BlockGeometry {
  std::size_t run = 0;
  float y0 = 0, y1 = 0;
  LaneFit fit;
  std::size_t process_lanes = 0;
  std::string hidden;
};
// A label as drawn: its extent and the right edge of the cell it must stay within.
struct TextGeometry {
  std::string text;
  float x0 = 0, x1 = 0, limit = 0;
};
// A reference cell of the paging view's strip as drawn (run, step, whether it shows a hit).
struct PagingCellGeometry {
  std::size_t run = 0, step = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool hit = false;
};
struct FrameLayout {
  float lanes_x0 = 0;  // screen x of window.start
  float lanes_width = 0;
  std::vector<LaneGeometry> lanes;
  std::vector<BlockGeometry> blocks;
  std::vector<TextGeometry> texts;
  std::vector<PagingCellGeometry> paging_cells;
};

struct FileDialog {
  bool open = false;
  std::string purpose;  // "open", "session-load", "session-save", "export-dir"
  std::string directory = ".";
  std::string file_name;
};

struct App {
  Workspace workspace;
  TimeWindow window;
  bool window_fitted = false;
  Playback playback;
  const Theme* theme = &dark_theme();
  bool presentation = false;
  ImFont* normal_font = nullptr;
  ImFont* large_font = nullptr;
  std::string side_tab = "Scheduler";
  std::string bottom_tab = "Metrics";
  bool select_tabs = true;  // apply side_tab/bottom_tab in the next frame

  EventFilter filter;
  std::size_t log_run = 0;
  std::vector<std::uint32_t> log_rows;
  bool log_dirty = true;
  std::size_t log_followed = SIZE_MAX;  // the cursor position the log last scrolled to

  std::string status;  // the last message, shown in the status line
  FileDialog dialog;
  bool show_help = false;
  bool focus_jump = false;
  bool quit = false;
  bool png_requested = false;
  std::string png_path;
  std::string export_base = "kernsim";
  FrameLayout layout;
  // The paging view (kernsim-viz --paging): shown instead of the scheduling view when present.
  std::optional<PagingModel> paging;
  std::size_t paging_followed = SIZE_MAX;  // the cursor the grids last scrolled to

  bool unicode_font = true;  // the font has the en dash, arrows and ellipsis the labels use

  float font_size() const { return ImGui::GetFontSize(); }
};

// TEXT as the loaded font can show it: the few non-ASCII signs the panels use become ASCII when
// the font lacks them (Dear ImGui's built-in font).
std::string shown(const App& app, std::string text);
// Measures text in the current font at SIZE pixels (for the layout functions of the model).
TextWidth text_width(float size);
// The width of a combo box that shows the widest of TEXTS whole, with its arrow.
float combo_width(const std::vector<std::string>& texts);
// Draws TEXT at AT in the current font at SIZE pixels.
void add_text(ImDrawList* draw, float size, ImVec2 at, ImU32 colour, const std::string& text);
// Draws TEXT at AT, shortened with an ellipsis to end before the screen x LIMIT (the full text
// shows in a tooltip on hover), and records it in app.layout for the screenshot checks.
void draw_fitted_text(App& app, ImDrawList* draw, float size, ImVec2 at, float limit, ImU32 colour,
                      const std::string& text);

// Colours.
ImU32 colour(Rgb rgb, int alpha = 255);

// The panels (one file each).
void draw_frame(App& app, float width, float height);
void draw_controls(App& app);
void draw_timelines(App& app, ImVec2 size);
// The height the timelines would take with every lane at its preferred height.
float wanted_timelines_height(const App& app);
void draw_scheduler_panel(App& app);
void draw_metrics_table(App& app);
void draw_metrics_charts(App& app);
void draw_event_log(App& app);
void draw_workload_editor(App& app);
void draw_policy_editor(App& app);
void draw_session_panel(App& app);
void draw_file_dialog(App& app);
void draw_help(App& app);
// The paging view fills the window (paging_view.cpp); its keys step the paging cursor.
void draw_paging_frame(App& app, float width, float height);
bool handle_paging_key(App& app, int sdl_keycode, bool ctrl);

// Keyboard: a lecturer's clicker sends PageUp/PageDown, so every control has a key.
// Returns true when the key was used.
bool handle_key(App& app, int sdl_keycode, bool shift, bool ctrl);
// Moves the cursor by wall-clock SECONDS when playing; keeps the cursor in view.
void advance_playback(App& app, double seconds);
void keep_cursor_visible(App& app);

// Opening things; on failure the status line says why.
bool open_path(App& app, const std::string& path);
void apply_theme(App& app, const Theme& theme);
void set_presentation(App& app, bool on);
void load_fonts(App& app);

// Export (export.cpp).
bool export_svg(App& app, const std::string& file);
bool export_csv(App& app, const std::string& file);
// Reads the framebuffer (WIDTH x HEIGHT) into a PNG file.
bool write_framebuffer_png(const std::string& file, int width, int height);
std::string layout_json(const App& app);

// Display (display.cpp). Why no window can appear here, before SDL is asked ("" when one may):
// on Linux and the BSDs, neither DISPLAY nor WAYLAND_DISPLAY (nor SDL_VIDEODRIVER) is set.
std::string no_display_reason();
// After SDL_Init: why the video driver SDL fell back to shows no window ("" when it does).
std::string fallback_driver_reason();
// Runs OPEN; when it has not returned after SECONDS, says so and ends the program with status 3.
bool within_time_limit(double seconds, const std::function<bool()>& open);

// Session (session_ui.cpp).
bool save_app_session(App& app, const std::string& file);
bool load_app_session(App& app, const std::string& file);

}  // namespace ks::viz
