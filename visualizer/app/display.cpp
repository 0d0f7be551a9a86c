// visualizer/app/display.cpp — whether a window can appear, decided before SDL tries, and a
// time limit on SDL's own attempts.
//
// Where neither DISPLAY nor WAYLAND_DISPLAY is set on Linux or a BSD, SDL falls back to video
// drivers on which no window ever appears (an off-screen one, KMS/DRM on a text console), and
// kernsim-viz would run invisibly, looking hung. So it asks first, and after SDL_Init it refuses
// those fallback drivers unless SDL_VIDEODRIVER chose one on purpose. And an X server that
// accepts the connection but never answers would block SDL_Init for ever, so opening the window
// runs under a watchdog that ends the program with status 3 after a time limit. The watchdog is
// a host thread of the application, outside any simulation.
#include <SDL.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string_view>
#include <thread>

#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

bool set(const char* variable) {
  const char* value = std::getenv(variable);
  return value && *value;
}

}  // namespace

std::string no_display_reason() {
#if defined(__linux__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
  if (!set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("SDL_VIDEODRIVER")) {
    return "neither DISPLAY nor WAYLAND_DISPLAY is set";
  }
#endif
  return "";
}

std::string fallback_driver_reason() {
  const char* driver = SDL_GetCurrentVideoDriver();
  if (!driver || set("SDL_VIDEODRIVER")) return "";
  const std::string_view name = driver;
  if (name == "offscreen" || name == "dummy" || name == "evdev" || name == "KMSDRM") {
    return "SDL found only its \"" + std::string(name) + "\" video driver, on which no window appears";
  }
  return "";
}

bool within_time_limit(double seconds, const std::function<bool()>& open) {
  std::mutex mutex;
  std::condition_variable done_changed;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock lock(mutex);
    if (!done_changed.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return done; })) {
      std::fprintf(stderr,
                   "kernsim-viz: no display: opening a window did not finish within %.0f s. Use `kernsim run` in a "
                   "terminal, or xvfb-run for screenshots.\n",
                   seconds);
      std::fflush(stderr);
      std::_Exit(3);
    }
  });
  const bool result = open();
  {
    const std::lock_guard lock(mutex);
    done = true;
  }
  done_changed.notify_one();
  watchdog.join();
  return result;
}

}  // namespace ks::viz
