// bench/task_bench.cpp — the cost of kernel tasks (kernel/sync/task.h): memory per blocked task
// and time per suspension and resumption, through the real event queue.
//
//   WaitOn/N/Q/G   N tasks, each blocked on one of Q wait queues (N/Q per queue). One iteration
//                  wakes every queue in turn (wake_all, then the queue's resume events run) so
//                  every task resumes once and blocks again on its queue. G = 0: task i waits on
//                  queue i mod Q (a queue's tasks lie Q frames apart in memory); G = 1: on queue
//                  i / (N/Q) (a queue's tasks were created one after another).
//   Nested/N/Q/G   the same, but each task blocks three frames deep (a read awaits a cache read
//                  awaits a disk wait), so every round also creates and frees two sub-task frames.
// Counters: items/s = suspend-and-resume cycles per second (wake, resume event through the
// queue, resumption, next suspension); frame_bytes/task = coroutine frame bytes per blocked task
// (as the compiler asks for them); heap_bytes/task = every heap byte held per blocked task
// (frames, the driver's table of tasks, the queue's event storage).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench/alloc_counter.h"
#include "kernel/sync/task.h"
#include "sim-core/event_queue.h"

namespace {

// The kernel's part: resume events through the event queue, tasks found by id.
class Driver final : public ks::TaskDriver, public ks::EventHandler {
 public:
  ks::EventQueue queue;
  std::vector<ks::KernelTask<>> tasks;

  void schedule_resume(ks::Tick when, ks::WakeToken token) override { queue.schedule(when, 0, *this, 0, token.bits()); }
  ks::Tick now() const override { return queue.now(); }
  void on_event(std::uint32_t, std::uint64_t arg) override {
    const ks::WakeToken token = ks::WakeToken::from_bits(arg);
    tasks[token.task()].resume(token);
  }
};

ks::KernelTask<> waiter(ks::TaskWaitQueue& queue) {
  for (;;) co_await ks::wait_on(queue);
}

ks::KernelTask<std::int64_t> disk_level(ks::TaskWaitQueue& queue, std::int64_t block) {
  co_await ks::wait_on(queue);
  co_return block * 2;
}
ks::KernelTask<std::int64_t> cache_level(ks::TaskWaitQueue& queue, std::int64_t block) {
  co_return co_await disk_level(queue, block) + 1;
}
ks::KernelTask<> reader(ks::TaskWaitQueue& queue, std::int64_t block, std::int64_t& sink) {
  for (;;) sink += co_await cache_level(queue, block);
}

void run_rounds(benchmark::State& state, bool nested) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto q = static_cast<std::size_t>(state.range(1));
  const bool grouped = state.range(2) != 0;
  const long long heap_before = ks::bench::live_bytes.load();
  const std::int64_t frames_before = ks::task_frame_counts().live_bytes;
  Driver driver;
  std::vector<ks::TaskWaitQueue> queues(q);
  std::int64_t sink = 0;
  driver.tasks.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    ks::TaskWaitQueue& queue = queues[grouped ? i / (n / q) : i % q];
    driver.tasks.push_back(nested ? reader(queue, static_cast<std::int64_t>(i), sink) : waiter(queue));
    driver.tasks.back().start(driver, static_cast<ks::TaskId>(i));
  }
  // Warm the event queue to its working size, as a running kernel's is.
  for (ks::TaskWaitQueue& queue : queues) {
    queue.wake_all();
    driver.queue.run_until(driver.queue.now());
  }
  const double frame_bytes = static_cast<double>(ks::task_frame_counts().live_bytes - frames_before);
  const double heap_bytes = static_cast<double>(ks::bench::live_bytes.load() - heap_before);
  for (auto _ : state) {
    for (ks::TaskWaitQueue& queue : queues) {
      queue.wake_all();
      driver.queue.run_until(driver.queue.now());
    }
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
  state.counters["frame_bytes/task"] = frame_bytes / static_cast<double>(n);
  state.counters["heap_bytes/task"] = heap_bytes / static_cast<double>(n);
  for (const ks::KernelTask<>& task : driver.tasks) {
    if (!task.waiting()) state.SkipWithError("a task is not blocked after its round");
  }
}

void WaitOn(benchmark::State& state) { run_rounds(state, false); }
void Nested(benchmark::State& state) { run_rounds(state, true); }

void sizes(benchmark::internal::Benchmark* benchmark) {
  benchmark->Args({1000, 1, 0})->Args({1000000, 1, 0})->Args({1000000, 1000, 0})->Args({1000000, 1000, 1});
  benchmark->Unit(benchmark::kMillisecond);
}
BENCHMARK(WaitOn)->Apply(sizes);
BENCHMARK(Nested)->Apply(sizes);

}  // namespace

BENCHMARK_MAIN();
