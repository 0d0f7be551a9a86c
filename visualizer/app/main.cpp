// visualizer/app/main.cpp — kernsim-viz: command line, window, main loop, headless screenshots.
//
//   kernsim-viz [SCENARIO.json | TRACE.jsonl | SESSION.kvsession.json] [--compare fifo,rr:quantum=2]
//               [--policy rr] [--seed N] [--at T] [--theme light] [--presentation]
//               [--screenshot out.png [--size 1600x900] [--layout out.json]] [--svg f] [--csv f]
//               [--bench-frames N]
//   kernsim-viz --paging POLICY[:key=value][,POLICY2] --frames N (--refs 1,2,3w | --refs-file F |
//               --refs-gen KIND [--gen-param KEY=VALUE]) [--seed N] [--at STEP] [--screenshot ...]
//
// With --screenshot the window stays hidden: a few frames are rendered, the framebuffer is
// written as PNG, and the program exits (for documentation and the screenshot tests, which run
// it under Xvfb with Mesa). Exit status: 0 success, 2 bad input or usage, 3 no display/OpenGL
// (display.cpp: checked before SDL is asked, and SDL's attempt is given a time limit).
#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include KS_IMGUI_SDL_HEADER

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "sim-core/error.h"
#include "visualizer/app/app.h"

namespace ks::viz {
namespace {

struct Options {
  std::string input;
  std::string compare;
  std::string policy;
  std::optional<std::uint64_t> seed;
  std::optional<Tick> at;
  std::string theme = "dark";
  bool presentation = false;
  std::string screenshot, layout, svg, csv, size = "1600x900";
  std::string side_tab = "Scheduler", bottom_tab = "Metrics";
  int bench_frames = 0;
  std::string paging, refs, refs_file, refs_gen;
  std::vector<std::string> gen_params;
  std::optional<std::uint32_t> frames;
};

struct Window {
  SDL_Window* window = nullptr;
  SDL_GLContext context = nullptr;
  ~Window() {
    if (context) SDL_GL_DeleteContext(context);
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
  }
};

constexpr double kDisplayTimeout = 20;  // seconds for SDL to open the window

void say_no_display(const std::string& why) {
  std::fprintf(stderr, "kernsim-viz: no display (%s). Use `kernsim run` in a terminal, or xvfb-run for screenshots.\n",
               why.c_str());
}

bool open_window(Window& w, const Options& options, bool hidden) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    say_no_display(SDL_GetError());
    return false;
  }
  if (const std::string why = fallback_driver_reason(); !why.empty()) {
    say_no_display(why);
    return false;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  int width = 1600, height = 900;
  std::sscanf(options.size.c_str(), "%dx%d", &width, &height);
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI |
                                                  (hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_RESIZABLE));
  w.window = SDL_CreateWindow("kernsim-viz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (w.window) w.context = SDL_GL_CreateContext(w.window);
  if (!w.window || !w.context) {
    std::fprintf(stderr, "kernsim-viz: cannot open an OpenGL 3 window (%s)\n", SDL_GetError());
    return false;
  }
  SDL_GL_MakeCurrent(w.window, w.context);
  SDL_GL_SetSwapInterval(hidden || options.bench_frames ? 0 : 1);
  return true;
}

void render(App& app, Window& w) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  draw_frame(app, size.x, size.y);
  ImGui::Render();
  int fb_width = 0, fb_height = 0;
  SDL_GL_GetDrawableSize(w.window, &fb_width, &fb_height);
  glViewport(0, 0, fb_width, fb_height);
  const Rgb bg = app.theme->background;
  glClearColor(static_cast<float>(bg.r) / 255.0f, static_cast<float>(bg.g) / 255.0f, static_cast<float>(bg.b) / 255.0f,
               1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (app.png_requested) {
    app.png_requested = false;
    app.status = write_framebuffer_png(app.png_path, fb_width, fb_height) ? "wrote " + app.png_path
                                                                          : "cannot write " + app.png_path;
  }
}

bool poll_events(App& app, Window& w) {
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) return false;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(w.window))
      return false;
    if (event.type == SDL_DROPFILE) {
      open_path(app, event.drop.file);
      SDL_free(event.drop.file);
    }
    if (event.type == SDL_KEYDOWN && !ImGui::GetIO().WantTextInput) {
      const SDL_Keymod mods = SDL_GetModState();
      handle_key(app, event.key.keysym.sym, (mods & KMOD_SHIFT) != 0, (mods & KMOD_CTRL) != 0);
    }
  }
  return !app.quit;
}

int interactive(App& app, Window& w) {
  auto last = std::chrono::steady_clock::now();
  while (poll_events(app, w)) {
    const auto now = std::chrono::steady_clock::now();
    advance_playback(app, std::chrono::duration<double>(now - last).count());
    last = now;
    render(app, w);
    SDL_GL_SwapWindow(w.window);
  }
  return 0;
}

// Plays the run from the start for N frames without vsync and reports the frame times.
int bench_frames(App& app, Window& w, int frames) {
  app.workspace.cursor().jump_to(0);
  app.playback.playing = true;
  app.playback.ticks_per_second = static_cast<double>(std::max<Tick>(app.workspace.end(), 1)) / (frames / 60.0);
  std::vector<double> times;
  for (int i = 0; i < frames; ++i) {
    const auto start = std::chrono::steady_clock::now();
    poll_events(app, w);
    advance_playback(app, 1.0 / 60);
    render(app, w);
    SDL_GL_SwapWindow(w.window);
    glFinish();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  double sum = 0;
  for (const double t : times) sum += t;
  std::printf("frames %d  mean %.2f ms  p50 %.2f ms  p95 %.2f ms  max %.2f ms\n", frames, sum / frames,
              times[times.size() / 2], times[times.size() * 95 / 100], times.back());
  return 0;
}

int screenshot(App& app, Window& w, const Options& options) {
  for (int i = 0; i < 4; ++i) {
    poll_events(app, w);
    render(app, w);
    if (i < 3) SDL_GL_SwapWindow(w.window);
  }
  int fb_width = 0, fb_height = 0;
  SDL_GL_GetDrawableSize(w.window, &fb_width, &fb_height);
  glReadBuffer(GL_BACK);
  if (!write_framebuffer_png(options.screenshot, fb_width, fb_height)) {
    std::fprintf(stderr, "kernsim-viz: cannot write %s\n", options.screenshot.c_str());
    return 2;
  }
  if (!options.layout.empty()) std::ofstream(options.layout) << layout_json(app);
  std::printf("kernsim-viz: wrote %s (%dx%d)\n", options.screenshot.c_str(), fb_width, fb_height);
  return 0;
}

// The paging view's exercise from the options; false (with a message) on bad input.
bool prepare_paging(App& app, const Options& options) {
  try {
    const bool any = !options.refs.empty() || !options.refs_file.empty() || !options.refs_gen.empty() ||
                     !options.gen_params.empty() || options.frames.has_value();
    if (options.paging.empty()) {
      if (any)
        throw InputError({"", 0, 0, "--paging"}, "--frames and --refs belong to the paging view: give --paging POLICY");
      return true;
    }
    if (!options.input.empty() || !options.compare.empty() || !options.policy.empty()) {
      throw InputError({"", 0, 0, "--paging"}, "the paging view takes no scenario, --compare or --policy");
    }
    if (!options.csv.empty()) {
      throw InputError({"", 0, 0, "--csv"}, "the paging view exports PNG (--screenshot, Ctrl+E) and SVG (--svg, S)");
    }
    if (!options.frames) throw InputError({"", 0, 0, "--frames"}, "give the number of frames, e.g. --frames 3");
    ReferenceSource source{options.refs,     options.refs_file,  "",
                           options.refs_gen, options.gen_params, options.seed.value_or(1)};
    if (!source.file_name.empty()) {
      std::ifstream in(source.file_name, std::ios::binary);
      if (!in) throw InputError({"", 0, 0, "--refs-file"}, "cannot read \"" + source.file_name + "\"");
      source.file_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    app.paging.emplace(parse_paging_policies(options.paging, "--paging"), *options.frames,
                       read_reference_source(source), options.seed.value_or(1));
    if (options.at) app.paging->jump_to(static_cast<std::size_t>(std::max<Tick>(*options.at, 0)));
    app.export_base = "kernsim-paging";
    return true;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kernsim-viz: %s\n", error.what());
    return false;
  }
}

// Opens the input and applies the options that choose what to show. Returns false on bad input.
bool prepare(App& app, const Options& options) {
  if (!prepare_paging(app, options)) return false;
  if (app.paging) return true;
  if (options.input.empty()) return true;
  if (!open_path(app, options.input)) {
    std::fprintf(stderr, "kernsim-viz: %s\n", app.status.c_str());
    return false;
  }
  try {
    if (options.seed) app.workspace.set_seed(*options.seed);
    if (!options.compare.empty()) app.workspace.set_policies(parse_policy_list(options.compare));
    else if (!options.policy.empty()) app.workspace.set_policies(parse_policy_list(options.policy));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kernsim-viz: %s\n", error.what());
    return false;
  }
  app.playback.ticks_per_second = default_speed(app.workspace.end());
  app.workspace.cursor().jump_to(options.at ? *options.at : app.workspace.end());
  app.status.clear();
  return true;
}

bool export_files(App& app, const Options& options) {
  bool ok = true;
  if (!options.svg.empty()) {
    app.window.fit(app.workspace.end());
    ok = export_svg(app, options.svg) && ok;
  }
  if (!options.csv.empty()) ok = export_csv(app, options.csv) && ok;
  return ok;
}

void add_options(CLI::App& cli, Options& options) {
  cli.add_option("input", options.input, "Scenario (.json), recorded trace (.jsonl) or session (.kvsession.json)");
  cli.add_option("--compare", options.compare, "Compare 2 to 4 policies side by side, e.g. fifo,rr:quantum=2");
  cli.add_option("--policy", options.policy, "Run under this policy (with :key=value parameters)");
  cli.add_option("--seed", options.seed, "Seed (overrides the scenario's run.seed)");
  cli.add_option("--at", options.at, "Put the cursor at this time (default: the end)");
  cli.add_option("--theme", options.theme, "dark or light")->check(CLI::IsMember({"dark", "light"}));
  cli.add_flag("--presentation", options.presentation, "Large fonts for a lecture hall");
  cli.add_option("--screenshot", options.screenshot, "Render off screen to this PNG file and exit");
  cli.add_option("--size", options.size, "Window size for screenshots, WIDTHxHEIGHT");
  cli.add_option("--layout", options.layout, "With --screenshot: write where the lanes were drawn (JSON)");
  cli.add_option("--side-tab", options.side_tab, "Scheduler, Workload, Policies or Session");
  cli.add_option("--bottom-tab", options.bottom_tab, "Metrics, Charts or Event log");
  cli.add_option("--svg", options.svg, "Write the timeline as SVG and exit (no window)");
  cli.add_option("--csv", options.csv, "Write the metrics as CSV and exit (no window)");
  cli.add_option("--bench-frames", options.bench_frames, "Play for N frames without vsync and print frame times");
  cli.add_option("--paging", options.paging,
                 "Paging view: one or two replacement policies, e.g. fifo,lru or aging:bits=4");
  cli.add_option("--frames", options.frames, "Paging view: the number of frames");
  cli.add_option("--refs", options.refs, "Paging view: the reference string, e.g. 1,2,3w,1 (w: a write)");
  cli.add_option("--refs-file", options.refs_file, "Paging view: a file of references (one a line or comma-separated)");
  cli.add_option("--refs-gen", options.refs_gen, "Paging view: generate the references (kernsim paging --list)");
  cli.add_option("--gen-param", options.gen_params, "Paging view: generator parameter KEY=VALUE (repeatable)");
}

int run_main(int argc, char** argv) {
  CLI::App cli{"kernsim-viz: the lecture visualizer of kernsim"};
  Options options;
  add_options(cli, options);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success& done) {  // --help
    return cli.exit(done);
  } catch (const CLI::ParseError& error) {  // a bad flag or value: bad input, status 2
    cli.exit(error);
    return 2;
  }
  App app;
  app.side_tab = options.side_tab;
  app.bottom_tab = options.bottom_tab;
  app.theme = &theme_named(options.theme);
  app.presentation = options.presentation;
  if (!prepare(app, options)) return 2;
  if (!options.svg.empty() || !options.csv.empty()) return export_files(app, options) ? 0 : 2;
  const bool hidden = !options.screenshot.empty();
  if (const std::string why = no_display_reason(); !why.empty()) {
    say_no_display(why);
    return 3;
  }
  Window w;
  if (!within_time_limit(kDisplayTimeout, [&] { return open_window(w, options, hidden); })) return 3;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplSDL2_InitForOpenGL(w.window, w.context);
  ImGui_ImplOpenGL3_Init("#version 150");
  load_fonts(app);
  apply_theme(app, *app.theme);
  int status = 0;
  if (hidden) status = screenshot(app, w, options);
  else if (options.bench_frames > 0) status = bench_frames(app, w, options.bench_frames);
  else status = interactive(app, w);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  return status;
}

}  // namespace
}  // namespace ks::viz

int main(int argc, char** argv) { return ks::viz::run_main(argc, argv); }
