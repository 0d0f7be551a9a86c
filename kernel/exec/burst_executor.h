// kernel/exec/burst_executor.h — running the scheduling textbook's jobs: scripts of bursts.
//
// A burst thread alternates CPU bursts and I/O bursts (cpu-models/burst/burst_model.h). Its
// run ends by itself when the CPU burst is done, a time known in advance, so a dispatch sets up
// exactly one thing: the timer, if the time slice ends first, or the run's end. When a CPU burst
// ends the thread blocks for its I/O burst on the machine's I/O device, or exits after its last
// burst. A periodic real-time task's bursts are its jobs: job k is released at arrival + k *
// period and due relative_deadline later; a job still unfinished at its deadline is a
// deadline_miss event.
#pragma once

#include <cstdint>
#include <vector>

#include "cpu-models/burst/burst_model.h"
#include "kernel/exec/executor.h"
#include "sim-core/event_queue.h"

namespace ks {

class Kernel;

class BurstExecutor final : public Executor, private EventHandler {
 public:
  explicit BurstExecutor(Kernel& kernel) : kernel_(kernel) {}

  // A context for a thread that runs BURSTS.
  ContextId add_context(const std::vector<Burst>& bursts) { return model_.add_context(bursts); }
  void reserve(std::size_t threads, std::size_t bursts) { model_.reserve(threads, bursts); }
  // Releases the next job of periodic THREAD and makes it ready (WOKEN: it slept until now).
  void release_job(Thread& thread, bool woken);

  Cycles remaining(const Thread& thread) const override { return model_.cycles_until_stop(thread.context); }
  void start(CpuId cpu, Thread& thread, Tick slice) override;
  StopInfo charge(CpuId cpu, Thread& thread, Tick ran) override;
  void run_ended(CpuId cpu) override;
  bool runs_ahead() const override { return false; }

 private:
  enum Event : std::uint32_t { kRelease, kDeadline };
  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void block_for_io(CpuId cpu, Thread& thread, Tick ran, Tick service);
  void finish_job(CpuId cpu, Thread& thread, Tick ran);

  Kernel& kernel_;
  BurstModel model_;
};

}  // namespace ks
