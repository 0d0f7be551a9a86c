// kernel/sched/scheduler.h — the CPU scheduler interface.
//
// A scheduling policy decides three things, and only these:
//   - which ready thread a CPU runs next           pick_next()
//   - for how long it may run before it is preempted time_slice()
//   - whether a running thread must give way now   should_preempt()
// and it is told everything that changes its picture: a thread became ready (enqueue), a thread
// stopped running (on_stop, with how long it ran and why), a thread exited (on_exit), and, if
// it asks for them, periodic calls (on_periodic: MLFQ's priority boost, load balancing).
//
// The kernel calls the scheduler atomically, at well-defined points of a tick (see
// docs/scheduling.md for the tie rules). A dispatch is always pick_next(), then time_slice()
// for the picked thread, then on_dispatch(); a policy may do its bookkeeping in pick_next(). A policy keeps Tids, never
// pointers; the kernel's thread table is readable through SchedulerContext::thread().
//
// Every policy exposes its internal state read-only through view(): the ready queue, MLFQ
// levels, CFS order, tickets, passes. The visualizer draws it and grader checks read it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/proc/thread.h"

namespace ks {

enum class EnqueueReason : std::uint8_t { Arrival, Wakeup, Preempted, QuantumExpired, Yield, Migrated };
enum class StopKind : std::uint8_t { QuantumExpired, Preempted, Blocked, Exited, Yielded };

struct QueueView {
  std::string name;         // "ready", "level 0", "by vruntime", ...
  std::string value_label;  // what the numbers mean: "allotment left", "vruntime", "tickets"
  struct Entry {
    Tid tid = kNoTid;
    std::int64_t value = 0;
  };
  std::vector<Entry> entries;  // in the policy's order: the next to run first
};

struct SchedulerView {
  std::vector<QueueView> queues;
  std::vector<std::pair<std::string, std::int64_t>> values;  // e.g. {"next boost at", 200}
};

// What the kernel offers every policy.
struct SchedulerContext {
  int cpus = 1;
  std::uint64_t seed = 0;                        // for policies that draw random numbers
  std::function<const Thread&(Tid)> thread;      // read-only view of the thread table
  std::function<Thread&(Tid)> mutable_thread;    // for wrappers that re-enqueue threads
  std::function<std::int32_t(CpuId)> cpu_speed;  // thousandths of speed 1.0
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual std::string_view name() const = 0;

  // THREAD became ready at NOW, for reason WHY.
  virtual void enqueue(Thread& thread, EnqueueReason why, Tick now) = 0;
  // Removes and returns the thread CPU runs next, or kNoTid to leave it idle.
  virtual Tid pick_next(CpuId cpu, Tick now) = 0;
  // Ticks THREAD may run on CPU before its timer preempts it; kNever for "until it stops".
  virtual Tick time_slice(const Thread& /*thread*/, CpuId /*cpu*/, Tick /*now*/) { return kNever; }
  // Whether RUNNING on CPU should be preempted at NOW in favour of a ready thread. Asked after
  // every tick in which a thread became ready. RUNNING.remaining_burst is up to date.
  virtual bool should_preempt(const Thread& /*running*/, CpuId /*cpu*/, Tick /*now*/) { return false; }
  // THREAD stopped running on CPU after RAN ticks (excluding the context switch), for WHY.
  virtual void on_stop(Thread& /*thread*/, CpuId /*cpu*/, Tick /*ran*/, StopKind /*why*/, Tick /*now*/) {}
  // THREAD was dispatched on CPU.
  virtual void on_dispatch(Thread& /*thread*/, CpuId /*cpu*/, Tick /*now*/) {}
  virtual void on_exit(Thread& /*thread*/, Tick /*now*/) {}
  // When the policy next wants on_periodic() (kNever: never), and the call itself.
  virtual Tick next_periodic(Tick /*now*/) const { return kNever; }
  virtual void on_periodic(Tick /*now*/) {}

  virtual std::size_t ready_count() const = 0;
  virtual SchedulerView view() const = 0;
};

}  // namespace ks
