// kernel/proc/thread.h — a thread as the kernel keeps it: what a CPU runs and a scheduler queues.
//
// A process owns threads (kernel/proc/process.h). In the burst world every process has exactly
// one thread; a user program (rv32ima) may have more. Threads are identified by a Tid, their
// index in the kernel's process table (kernel/proc/process_table.h), whose storage never moves,
// so a Thread& stays valid while threads are added. Schedulers keep Tids, never pointers.
//
// The first fields are the scheduler's inputs: attributes from the scenario (priority, nice,
// tickets, affinity, real-time period) and what the kernel knows about the thread's CPU bursts.
// The last ones matter only for threads of user programs: how they wait and how they end.
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
  std::int64_t tickets = 100;                  // lottery and stride
  Tick period = 0;                             // real-time tasks: release period (0 = not periodic)
  Tick relative_deadline = 0;                  // real-time tasks: deadline after each release

  // What the kernel knows about the CPU bursts.
  Tick arrival = 0;
  Tick ready_since = 0;                     // when it last became ready
  Tick run_start = 0;                       // when it began executing in its current (or last) dispatch,
                                            // after the context switch: time run so far = now - run_start
  Cycles remaining_burst = kUnknownCycles;  // left of the current CPU burst, if the model knows
  Tick last_burst = 0;                      // ticks of its last completed CPU burst (for estimates)
  Tick burst_ran = 0;                       // ticks run so far in the current CPU burst
  Tick absolute_deadline = kNever;          // real-time: current job's deadline

  Tid tid = kNoTid;
  Pid pid = kNoPid;
  ContextId context = 0;        // its registers in its CPU model (burst script or rv32ima hart)
  std::int32_t priority = 0;    // lower number = more important, as in most textbooks
  std::int32_t nice = 0;        // -20..19, as in Linux
  std::uint32_t jobs_done = 0;  // real-time: completed jobs
  CpuId cpu = kNoCpu;           // the CPU it runs on, or last ran on
  ProcessState state = ProcessState::New;
  bool user_code = false;  // runs a RISC-V program (rv32ima) rather than a burst script

  // User threads: waiting (kernel/sync/wait.h) and ending (kernel/proc/processes.h).
  BlockReason blocked_for = BlockReason::Io;
  bool on_queue = false;              // blocked on a wait queue (counted by Waits, see DEADLOCK)
  bool joined = false;                // some thread collected its exit status with thread_join
  bool must_exit = false;             // another thread ran exec: this one ends at its next kernel entry
  std::uint32_t wait_generation = 0;  // bumped at each block, so a stale wake finds nothing
  std::uint32_t call_progress = 0;    // bytes a blocked write has already moved (it goes on from there)
  std::int64_t exit_status = 0;       // once it has exited: what thread_join returns

  bool may_run_on(CpuId cpu_id) const { return cpu_id >= 64 || ((affinity >> cpu_id) & 1U) != 0; }
};

}  // namespace ks
