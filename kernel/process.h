// kernel/process.h — processes and threads as the kernel keeps them.
//
// A process owns threads; a thread is what a CPU runs and what the scheduler queues. In the
// burst world every process has exactly one thread; user programs (rv32ima) may have more.
// Threads are identified by a Tid, an index into the kernel's thread table, and schedulers keep
// Tids, never pointers. The per-thread fields below are the scheduler's inputs: attributes from
// the scenario (priority, nice, tickets, affinity, real-time period) and what the kernel knows
// about the thread's CPU bursts.
#pragma once

#include <cstdint>

#include "cpu-models/cpu_model.h"
#include "sim-core/trace/event.h"

namespace ks {

using Tid = std::uint32_t;
inline constexpr Tid kNoTid = UINT32_MAX;

struct Thread {
  // Scheduling attributes (from the scenario; policies read what they need).
  std::uint64_t affinity = ~std::uint64_t{0};  // bit i set: may run on CPU i
  std::int64_t tickets = 100;    // lottery and stride
  Tick period = 0;               // real-time tasks: release period (0 = not periodic)
  Tick relative_deadline = 0;    // real-time tasks: deadline after each release

  // What the kernel knows about the CPU bursts.
  Tick arrival = 0;
  Tick ready_since = 0;          // when it last became ready
  Tick run_start = 0;            // when it began executing in its current (or last) dispatch,
                                 // after the context switch: time run so far = now - run_start
  Cycles remaining_burst = kUnknownCycles;  // left of the current CPU burst, if the model knows
  Tick last_burst = 0;           // ticks of its last completed CPU burst (for estimates)
  Tick burst_ran = 0;            // ticks run so far in the current CPU burst
  Tick absolute_deadline = kNever;  // real-time: current job's deadline

  Tid tid = kNoTid;
  Pid pid = kNoPid;
  ContextId context = 0;
  std::int32_t priority = 0;     // lower number = more important, as in most textbooks
  std::int32_t nice = 0;         // -20..19, as in Linux
  std::uint32_t jobs_done = 0;   // real-time: completed jobs
  CpuId cpu = kNoCpu;            // the CPU it runs on, or last ran on
  ProcessState state = ProcessState::New;
  bool user_code = false;        // runs a RISC-V program (rv32ima) rather than a burst script

  bool may_run_on(CpuId cpu_id) const { return cpu_id >= 64 || ((affinity >> cpu_id) & 1U) != 0; }
};

struct Process {
  std::int64_t exit_status = 0;
  Pid pid = kNoPid;
  Pid parent = kNoPid;
  std::uint32_t name_id = 0;   // in the trace's name table
  Tid main_thread = kNoTid;    // its first thread (the only one in the burst world)
  std::int32_t signal = 0;     // user programs: killed by this signal (a fault or kill()), 0 if it exited
  bool exited = false;         // every thread has ended (a user program is then a zombie until reaped)
  bool reaped = false;         // its parent collected it with wait4 (or it had no parent to)
};

}  // namespace ks
