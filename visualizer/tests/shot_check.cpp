// visualizer/tests/shot_check.cpp — checks a screenshot of kernsim-viz against the run it shows.
//
//   ks-viz-shotcheck SHOT.png LAYOUT.json SCENARIO [--expect-fit]
//   ks-viz-shotcheck SHOT.png LAYOUT.json --paging
//
// The picture must not be blank (many colours, no colour covering nearly everything), and every
// lane must show what the run says: the checker simulates SCENARIO again with the policies and
// seed named in LAYOUT (written by kernsim-viz --layout), and for each visible CPU lane and
// process lane samples the pixel near the left end of every running segment wide enough to hit
// (left of where its name is written); it must have that process's colour. The layout must
// hold together: no label drawn wider than its cell, every process lane of a block that does
// not scroll wholly visible, and a block that scrolls must say how many lanes it hides. With
// --expect-fit no block may scroll. With --paging the shot is of the paging view: the checker
// replays the exercise named in LAYOUT again, and every reference cell drawn up to the cursor
// must have the colour of a hit or of a miss as the replay says, each run showing exactly the
// references up to the cursor; no label may be cut. Prints what it checked; exits 1 on failure.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "visualizer/model/lod.h"
#include "visualizer/model/paging_model.h"
#include "visualizer/model/palette.h"
#include "visualizer/model/workspace.h"

namespace {

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
  ks::viz::Rgb at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
    return {pixels[i], pixels[i + 1], pixels[i + 2]};
  }
};

bool close(ks::viz::Rgb a, ks::viz::Rgb b) {
  return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) <= 24;
}

bool not_blank(const Image& image) {
  std::map<std::uint32_t, std::size_t> counts;
  for (int y = 0; y < image.height; y += 2) {
    for (int x = 0; x < image.width; x += 2) {
      const ks::viz::Rgb c = image.at(x, y);
      ++counts[(c.r << 16) | (c.g << 8) | c.b];
    }
  }
  std::size_t most = 0, total = 0;
  for (const auto& [colour, n] : counts) {
    most = std::max(most, n);
    total += n;
  }
  std::printf("distinct colours %zu, most common covers %.1f%%\n", counts.size(), 100.0 * most / total);
  return counts.size() >= 16 && most < total * 9 / 10;
}

// Labels within their cells; the lanes of a block that does not scroll all visible; a block that
// scrolls counts what it hides.
bool layout_holds(const nlohmann::json& layout, bool expect_fit) {
  bool ok = true;
  std::size_t texts = 0;
  for (const auto& text : layout["texts"]) {
    ++texts;
    if (text["x1"].get<float>() > text["limit"].get<float>() + 0.5f) {
      std::printf("label \"%s\" is cut: it ends at x=%.0f, its cell at %.0f\n", text["text"].get<std::string>().c_str(),
                  text["x1"].get<double>(), text["limit"].get<double>());
      ok = false;
    }
  }
  for (const auto& block : layout["blocks"]) {
    const std::size_t run = block["run"].get<std::size_t>();
    std::size_t visible = 0;
    for (const auto& lane : layout["lanes"]) {
      if (lane["run"] == run && lane["kind"] == "process" && lane["visible"].get<bool>()) ++visible;
    }
    const std::size_t lanes = block["process_lanes"].get<std::size_t>();
    const bool scrolls = block["scrolls"].get<bool>();
    std::printf("run %zu: %zu of %zu process lanes visible, lanes %.0f px, text %.0f px%s\n", run, visible, lanes,
                block["lane_height"].get<double>(), block["text_size"].get<double>(), scrolls ? ", scrolls" : "");
    if (!scrolls && visible != lanes) ok = false;
    if (scrolls && block["hidden"].get<std::string>().empty()) ok = false;
    if (scrolls && expect_fit) ok = false;
  }
  std::printf("labels checked %zu\n", texts);
  return ok && !layout["blocks"].empty();
}

bool labels_fit(const nlohmann::json& layout) {
  std::size_t texts = 0, cut = 0;
  for (const auto& text : layout["texts"]) {
    ++texts;
    if (text["x1"].get<float>() > text["limit"].get<float>() + 0.5f) {
      std::printf("label \"%s\" is cut\n", text["text"].get<std::string>().c_str());
      ++cut;
    }
  }
  std::printf("labels checked %zu, cut %zu\n", texts, cut);
  return texts > 0 && cut == 0;
}

int check_paging(const Image& image, const nlohmann::json& layout) {
  const nlohmann::json& p = layout["paging"];
  const ks::viz::PagingModel model(
      ks::viz::parse_paging_policies(p["policies"].get<std::string>(), "--paging"), p["frames"].get<std::uint32_t>(),
      ks::parse_reference_list(p["ref_list"].get<std::string>(), "--refs"), p["seed"].get<std::uint64_t>());
  const ks::viz::Theme& theme = ks::viz::theme_named(layout["theme"].get<std::string>());
  const std::size_t cursor = p["cursor"].get<std::size_t>();
  std::vector<std::size_t> cells(model.run_count(), 0), last(model.run_count(), 0);
  int wrong = 0;
  for (const auto& c : layout["paging_cells"]) {
    const std::size_t run = c["run"].get<std::size_t>(), step = c["step"].get<std::size_t>();
    const bool hit = model.run(run).step(step).hit;
    ++cells.at(run);
    last.at(run) = std::max(last.at(run), step + 1);
    const int x = static_cast<int>(c["x0"].get<float>()) + 3, y = static_cast<int>(c["y0"].get<float>()) + 4;
    const ks::viz::Rgb want = hit ? ks::viz::paging_hit_colour(theme) : ks::viz::paging_miss_colour(theme);
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
      ++wrong;
      std::printf("run %zu reference %zu is recorded outside the picture\n", run, step + 1);
      continue;
    }
    if (step >= cursor || c["hit"].get<bool>() != hit || !close(image.at(x, y), want)) {
      ++wrong;
      std::printf("run %zu reference %zu at (%d,%d): want %s (%s), got %s\n", run, step + 1, x, y,
                  ks::viz::to_hex(want).c_str(), hit ? "hit" : "miss", ks::viz::to_hex(image.at(x, y)).c_str());
    }
  }
  bool counts = true;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    // Every reference up to the cursor is coloured; a grid scrolled to keep the cursor in view
    // shows fewer, the cursor's own among them.
    std::printf("run %zu: %zu reference cells coloured in view, the last %zu (cursor at %zu)\n", r, cells[r], last[r],
                cursor);
    counts = counts && last[r] == cursor && (cursor == 0 || cells[r] > 0);
  }
  const bool ok = not_blank(image) && labels_fit(layout) && counts && wrong == 0;
  std::printf("%s\n", ok ? "screenshot OK" : "screenshot FAILED");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[3]) == "--paging") {
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(argv[1], &image.width, &image.height, &channels, 3);
    if (!data) {
      std::fprintf(stderr, "cannot read %s\n", argv[1]);
      return 1;
    }
    image.pixels.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
    stbi_image_free(data);
    return check_paging(image, nlohmann::json::parse(std::ifstream(argv[2])));
  }
  const bool expect_fit = argc == 5 && std::string(argv[4]) == "--expect-fit";
  if (argc != 4 && !expect_fit) {
    std::fprintf(stderr, "usage: ks-viz-shotcheck SHOT.png LAYOUT.json SCENARIO [--expect-fit]\n");
    return 2;
  }
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(argv[1], &image.width, &image.height, &channels, 3);
  if (!data) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  image.pixels.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  const nlohmann::json layout = nlohmann::json::parse(std::ifstream(argv[2]));
  ks::viz::Workspace workspace;
  workspace.open_scenario(argv[3]);
  workspace.set_seed(layout["seed"].get<std::uint64_t>());
  workspace.set_policies(ks::viz::parse_policy_list(layout["policies"].get<std::string>()));
  const ks::Tick cursor = layout["cursor"].get<ks::Tick>();
  ks::viz::TimeWindow window{layout["window"][0].get<double>(), layout["window"][1].get<double>(),
                             layout["lanes_width"].get<float>()};
  const float x0 = layout["lanes_x0"].get<float>();
  int checked = 0, wrong = 0;
  std::map<std::string, int> lanes_seen;
  for (const auto& lane : layout["lanes"]) {
    const std::string kind = lane["kind"];
    ++lanes_seen[kind];
    if (kind == "io" || !lane.value("visible", false)) continue;
    const ks::viz::Run& run = workspace.run(lane["run"].get<std::size_t>());
    const std::size_t index = lane["index"].get<std::size_t>();
    const auto& segments = kind == "cpu" ? run.timeline().cpus.at(index) : run.timeline().processes.at(index);
    const int y = static_cast<int>((lane["y0"].get<float>() + lane["y1"].get<float>()) / 2);
    for (const ks::Segment& s : segments) {
      if (s.state != ks::ProcessState::Running || s.start >= cursor) continue;
      const double end = std::min<double>(static_cast<double>(s.end), static_cast<double>(cursor));
      const float a = window.x_of(static_cast<double>(s.start)), b = window.x_of(end);
      if (b - a < 6 || a < 0 || b > window.width) continue;
      const int x = static_cast<int>(x0 + a + 2);  // a name is centred with 3 pixels to spare
      const ks::viz::Rgb want = ks::viz::process_colour(s.pid), got = image.at(x, y);
      ++checked;
      if (!close(want, got)) {
        ++wrong;
        std::printf("%s lane %zu at t=%lld (x=%d,y=%d): want %s, got %s\n", kind.c_str(), index,
                    static_cast<long long>(s.start), x, y, ks::viz::to_hex(want).c_str(), ks::viz::to_hex(got).c_str());
      }
    }
  }
  const bool picture = not_blank(image) && layout_holds(layout, expect_fit);
  std::printf("lanes: %d cpu, %d process, %d io; segments checked %d, wrong %d\n", lanes_seen["cpu"],
              lanes_seen["process"], lanes_seen["io"], checked, wrong);
  const bool ok = picture && checked >= 4 && wrong == 0 && lanes_seen["cpu"] > 0;
  std::printf("%s\n", ok ? "screenshot OK" : "screenshot FAILED");
  return ok ? 0 : 1;
}
