// kernel/sched/dispatcher.h — the CPUs, and the scheduler's decisions put into effect.
//
// The scheduling policy (kernel/sched/scheduler.h) decides; the dispatcher acts. It keeps what
// each CPU runs, makes threads ready (enqueue), dispatches them (pick_next, time_slice, the
// context-switch cost, starting the run through the thread's executor, kernel/exec/), stops them
// (charging the time they ran) and preempts them (timer, a better thread, yield). After every
// tick in which something changed, decide() runs once (an end-of-tick event): every idle CPU,
// in CPU order, takes the thread pick_next() gives it; then, if a thread became ready, every
// running CPU is asked whether it should be preempted. The periodic work a policy asks for
// (MLFQ's boost, load balancing) is an event of its own phase.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "cpu-models/cpu_model.h"
#include "kernel/proc/thread.h"
#include "kernel/sched/registry.h"
#include "kernel/sched/scheduler.h"
#include "machine/machine.h"
#include "sim-core/event_queue.h"

namespace ks {

class Kernel;
class Executor;

class Dispatcher final : private EventHandler {
 public:
  Dispatcher(Kernel& kernel, const PolicyInfo& policy, const PolicyParams& params);

  // What a CPU is doing. The first three fields are the user executor's (a slice run ahead).
  struct Cpu {
    StopInfo pending;                // user code: how the slice executed ahead ends
    Tick slice_start = 0;            // user code: when the current slice began
    bool preempt_requested = false;  // user code: preempt at the end of the slice
    Tid running = kNoTid;
    Tick run_start = 0;             // when the thread began executing (after the switch)
    Cycles remaining_at_start = 0;  // what the model said was left of its burst then
    std::uint32_t generation = 0;   // invalidates run-end events of earlier dispatches
    bool idle_reported = false;
  };

  Scheduler& scheduler() { return *scheduler_; }
  const Scheduler& scheduler() const { return *scheduler_; }
  Cpu& cpu(CpuId cpu) { return cpus_[cpu]; }
  const Cpu& cpu(CpuId cpu) const { return cpus_[cpu]; }
  std::size_t cpu_count() const { return cpus_.size(); }
  // Cycles CPU retires per tick (its speed). This and the next are defined here, not in
  // dispatcher.cpp, because every executor calls them on each run (docs/performance.md, "The
  // kernel reshape": out of line they cost about 1% of a million-process run).
  Cycles cycles_per_tick(CpuId cpu) const { return Cycles{machine_.cpu_speed(cpu)} * kWorkPerTick / kSpeedOne; }
  // Ticks the thread on CPU has run since its dispatch (after the switch).
  Tick ran_so_far(CpuId cpu) const { return std::max<Tick>(0, machine_.now() - cpus_[cpu].run_start); }

  // THREAD became ready for WHY (FROM_CPU: the CPU it was running on, if it was running).
  void make_ready(Thread& thread, EnqueueReason why, CpuId from_cpu = kNoCpu);
  // Charges the time CPU's thread has run since its dispatch to its model and frees the CPU.
  // The thread's state is left to the caller (it blocks, exits or is made ready).
  StopInfo stop_running(CpuId cpu);
  // Stops CPU's thread and makes it ready again, for REASON.
  void preempt(CpuId cpu, PreemptReason reason);
  // Records THREAD's change of state (a state_changed event).
  void set_state(Thread& thread, ProcessState to, CpuId cpu);
  // The end of the run CPU has now (its executor knows when): an event that finds nothing to
  // do if the CPU has been stopped or dispatched again by then.
  void schedule_run_end(CpuId cpu, Tick at);
  // Asks for decide() at the end of the current tick (once).
  void request_decision();
  // Sets up the policy's first periodic call.
  void start();

 private:
  enum Event : std::uint32_t { kRunEnd, kDecide, kPeriodic };
  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void dispatch(CpuId cpu, Tid tid);
  void decide();
  void schedule_periodic();
  // The executor of THREAD's kind of code: a burst model's, or the user programs' (made at the
  // first user program).
  Executor& executor(const Thread& thread) { return thread.user_code ? user_executor() : bursts_; }
  Executor& user_executor();

  Kernel& kernel_;
  Machine& machine_;
  Executor& bursts_;
  std::unique_ptr<Scheduler> scheduler_;
  std::vector<Cpu> cpus_;
  bool decision_pending_ = false;
  bool enqueued_since_decision_ = false;
};

}  // namespace ks
