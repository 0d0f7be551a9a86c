// The visualizer's view-model at lecture-hall scale: 1,000 processes and about a million trace
// events (visualizer/demos/big-1000.json). What a frame costs to build (the visible lanes with
// level-of-detail merging), what moving the cursor costs (metrics and scheduler snapshots), and
// what opening the run costs. Figures: docs/performance.md, "Visualizer".
#include <benchmark/benchmark.h>

#include "visualizer/model/lod.h"
#include "visualizer/model/workspace.h"

#ifndef KS_SOURCE_DIR
#define KS_SOURCE_DIR "."
#endif

namespace ks::viz {
namespace {

Workspace& big() {
  static Workspace workspace = [] {
    Workspace w;
    w.open_scenario(std::string(KS_SOURCE_DIR) + "/visualizer/demos/big-1000.json");
    return w;
  }();
  return workspace;
}

// One frame's lanes: every CPU and I/O lane plus the 40 process lanes a screen shows.
std::size_t frame_lanes(const Run& run, const TimeWindow& window, Tick cursor, std::size_t first_process,
                        std::vector<LaneRect>& rects) {
  rects.clear();
  for (const auto& lane : run.timeline().cpus) build_lane_rects(lane, window, cursor, rects);
  for (const auto& io : run.io_lanes()) build_lane_rects(io.segments, window, cursor, rects);
  for (std::size_t p = first_process; p < first_process + 40 && p < run.pid_limit(); ++p) {
    build_lane_rects(run.timeline().processes[p], window, cursor, rects);
  }
  return rects.size();
}

void BM_OpenRun(benchmark::State& state) {
  const Scenario scenario = load_scenario(std::string(KS_SOURCE_DIR) + "/visualizer/demos/big-1000.json");
  for (auto _ : state) benchmark::DoNotOptimize(Run::from_scenario(scenario, scenario.seed));
  state.counters["events"] = static_cast<double>(big().run(0).events().size());
}
BENCHMARK(BM_OpenRun)->Unit(benchmark::kMillisecond);

void BM_FrameLanesWholeRun(benchmark::State& state) {
  const Run& run = big().run(0);
  std::vector<LaneRect> rects;
  TimeWindow window;
  window.fit(run.end());
  window.width = 1400;
  for (auto _ : state) benchmark::DoNotOptimize(frame_lanes(run, window, run.end(), 500, rects));
  state.counters["rects"] = static_cast<double>(rects.size());
}
BENCHMARK(BM_FrameLanesWholeRun)->Unit(benchmark::kMicrosecond);

void BM_FrameLanesZoomedIn(benchmark::State& state) {
  const Run& run = big().run(0);
  std::vector<LaneRect> rects;
  const double middle = static_cast<double>(run.end()) / 2;
  TimeWindow window{middle, middle + static_cast<double>(run.end()) / 200, 1400};
  for (auto _ : state) benchmark::DoNotOptimize(frame_lanes(run, window, run.end(), 500, rects));
  state.counters["rects"] = static_cast<double>(rects.size());
}
BENCHMARK(BM_FrameLanesZoomedIn)->Unit(benchmark::kMicrosecond);

// Playing: the cursor moves forward a little every frame; metrics and the scheduler view follow.
void BM_PlayForwardOneFrame(benchmark::State& state) {
  Workspace& w = big();
  const Tick step = std::max<Tick>(1, w.end() / 1200);  // the whole run in 20 s at 60 frames/s
  w.cursor().jump_to(0);
  for (auto _ : state) {
    if (w.cursor().time() >= w.end()) w.cursor().jump_to(0);
    w.cursor().jump_to(w.cursor().time() + step);
    benchmark::DoNotOptimize(w.metrics_at_cursor(0).system.completed);
    benchmark::DoNotOptimize(w.scheduler_view(0));
  }
}
BENCHMARK(BM_PlayForwardOneFrame)->Unit(benchmark::kMicrosecond);

// Stepping back one event and forward again: going back recomputes metrics and the scheduler
// view from time 0; going forward continues from there.
void BM_StepBackOneEvent(benchmark::State& state) {
  Workspace& w = big();
  w.cursor().jump_to(w.end() / 2);
  for (auto _ : state) {
    w.cursor().step_event_back();
    benchmark::DoNotOptimize(w.metrics_at_cursor(0).system.completed);
    benchmark::DoNotOptimize(w.scheduler_view(0));
    w.cursor().step_event_forward();
    benchmark::DoNotOptimize(w.metrics_at_cursor(0).system.completed);
    benchmark::DoNotOptimize(w.scheduler_view(0));
  }
}
BENCHMARK(BM_StepBackOneEvent)->Unit(benchmark::kMillisecond);

void BM_MetricsSeries(benchmark::State& state) {
  const Run& run = big().run(0);
  for (auto _ : state) benchmark::DoNotOptimize(metrics_series(run));
}
BENCHMARK(BM_MetricsSeries)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ks::viz

BENCHMARK_MAIN();
