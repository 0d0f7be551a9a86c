// visualizer/app/export.cpp — the current view as PNG (read back from the framebuffer), the
// timeline as SVG and the metrics as CSV (both made by the view-model), and the lane layout of
// the last frame as JSON for the screenshot tests.
#include <SDL_opengl.h>
#include <stb_image_write.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "visualizer/app/app.h"
#include "visualizer/model/paging_svg.h"
#include "visualizer/model/svg_export.h"

namespace ks::viz {

namespace {

bool write_text(App& app, const std::string& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  app.status = out ? "wrote " + file : "cannot write " + file;
  return static_cast<bool>(out);
}

}  // namespace

bool export_svg(App& app, const std::string& file) {
  if (app.paging) return write_text(app, file, paging_svg(*app.paging, app.theme));
  SvgOptions options;
  options.start = std::max(0.0, app.window.start);
  options.end = app.window.end;
  options.limit = app.workspace.cursor().time();
  options.theme = app.theme;
  return write_text(app, file, timeline_svg(app.workspace.run_list(), options));
}

bool export_csv(App& app, const std::string& file) {
  std::vector<RunMetrics> metrics;
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) metrics.push_back(app.workspace.metrics_at_cursor(r));
  return write_text(app, file, metrics_csv(app.workspace.run_list(), metrics));
}

bool write_framebuffer_png(const std::string& file, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom to top; PNG's top to bottom. Opaque, whatever the alpha left.
  const std::size_t stride = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(height - 1 - y) * stride), stride,
                flipped.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * stride));
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  return stbi_write_png(file.c_str(), width, height, 4, flipped.data(), static_cast<int>(stride)) != 0;
}

std::string layout_json(const App& app) {
  nlohmann::json j;
  j["lanes_x0"] = app.layout.lanes_x0;
  j["lanes_width"] = app.layout.lanes_width;
  j["window"] = {app.window.start, app.window.end};
  j["cursor"] = app.workspace.cursor().time();
  j["theme"] = app.theme->name;
  j["seed"] = app.workspace.seed();
  std::string policies;
  for (const PolicySlot& slot : app.workspace.policies()) {
    policies += (policies.empty() ? "" : ",") + slot.policy;
    for (const std::string& p : slot.params) policies += ":" + p;
  }
  j["policies"] = policies;
  j["runs"] = nlohmann::json::array();
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) j["runs"].push_back(app.workspace.run(r).label());
  j["lanes"] = nlohmann::json::array();
  for (const LaneGeometry& lane : app.layout.lanes) {
    j["lanes"].push_back({{"run", lane.run},
                          {"kind", lane.kind},
                          {"index", lane.index},
                          {"y0", lane.y0},
                          {"y1", lane.y1},
                          {"visible", lane.visible}});
  }
  j["blocks"] = nlohmann::json::array();
  for (const BlockGeometry& block : app.layout.blocks) {
    j["blocks"].push_back({{"run", block.run},
                           {"y0", block.y0},
                           {"y1", block.y1},
                           {"lane_height", block.fit.lane_height},
                           {"text_size", block.fit.text_size},
                           {"scrolls", block.fit.scrolls},
                           {"process_lanes", block.process_lanes},
                           {"hidden", block.hidden}});
  }
  if (app.paging) {
    j["paging"] = {{"policies", app.paging->policies_text()},
                   {"frames", app.paging->frames()},
                   {"seed", app.paging->seed()},
                   {"cursor", app.paging->cursor()},
                   {"refs", app.paging->size()}};
    std::string refs;
    for (std::size_t t = 0; t < app.paging->size(); ++t) {
      refs += (t == 0 ? "" : ",") + reference_label(app.paging->refs(), t);
    }
    j["paging"]["ref_list"] = refs;
    j["paging_cells"] = nlohmann::json::array();
    for (const PagingCellGeometry& c : app.layout.paging_cells) {
      j["paging_cells"].push_back(
          {{"run", c.run}, {"step", c.step}, {"x0", c.x0}, {"y0", c.y0}, {"x1", c.x1}, {"y1", c.y1}, {"hit", c.hit}});
    }
  }
  j["texts"] = nlohmann::json::array();
  for (const TextGeometry& text : app.layout.texts) {
    j["texts"].push_back({{"text", text.text}, {"x0", text.x0}, {"x1", text.x1}, {"limit", text.limit}});
  }
  return j.dump(1);
}

}  // namespace ks::viz
