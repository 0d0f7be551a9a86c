// kernel/exec/executor.h — how a thread's instructions are run: one executor per CPU model.
//
// The dispatcher does not know what a thread executes. It asks the thread's executor: to start
// a run on a CPU after a dispatch, to charge the time a run took when it stops, what is left of
// the current CPU burst (when the model knows), and to handle the end of a run that the executor
// itself scheduled. Two executors exist: the burst executor (scripts of CPU and I/O bursts, the
// scheduling textbook's jobs; kernel/exec/burst_executor.h) and the user executor (RISC-V
// programs on the harts; kernel/exec/user_executor.h).
#pragma once

#include "cpu-models/cpu_model.h"
#include "kernel/proc/thread.h"

namespace ks {

// The ticks that CYCLES take at PER_TICK cycles a tick, a started tick counting whole.
inline Tick ticks_for(Cycles cycles, Cycles per_tick) { return (cycles + per_tick - 1) / per_tick; }

class Executor {
 public:
  virtual ~Executor() = default;
  // Cycles left of THREAD's current CPU burst, or kUnknownCycles when the model cannot say.
  virtual Cycles remaining(const Thread& thread) const = 0;
  // THREAD was just dispatched on CPU with time slice SLICE (kNever: no limit): start its run.
  virtual void start(CpuId cpu, Thread& thread, Tick slice) = 0;
  // THREAD on CPU stops after RAN ticks: charge them to its model; how the run ended.
  virtual StopInfo charge(CpuId cpu, Thread& thread, Tick ran) = 0;
  // The end of the run on CPU that start() (or a later step) scheduled has come.
  virtual void run_ended(CpuId cpu) = 0;
  // True when a preemption must wait for the end of the current run ahead (user slices).
  virtual bool runs_ahead() const = 0;
};

}  // namespace ks
