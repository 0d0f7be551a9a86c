// sim-core/trace/event.h — the vocabulary of the event trace.
//
// THE TRACE IS THE SPINE OF KERNSIM. Every observable happening in the machine or the kernel is
// one TraceEvent: what happened (kind), when (virtual time), where (cpu), to whom (pid, tid) and
// two integer payload words whose meaning depends on the kind (listed below and, for users, in
// docs/trace-format.md). Metrics, the visualizer's pictures and the grader's verdicts are all
// computed from these events and from nothing else, so a program cannot fake a result by printing.
//
// Process states are part of the trace's vocabulary (the kernel reports them); sim-core itself
// does not know what a process is.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sim-core/types.h"

namespace ks {

enum class ProcessState : std::uint8_t { New, Ready, Running, Blocked, Exited };

// Why a running thread left its CPU without blocking or exiting (payload a of Preempted).
// Chaos: a preemption point chosen by seeded chaos (--chaos SEED; docs/concurrency.md).
enum class PreemptReason : std::uint8_t { QuantumExpired, HigherPriority, Yield, Migration, Boost, Chaos };

// Why a thread blocked (payload a of Blocked).
enum class BlockReason : std::uint8_t { Io, Sleep, Wait, Lock, Pipe, Paging };

enum class EventKind : std::uint16_t {
  CpuOnline,       // a: speed in thousandths; b: 1 if this CPU is a "big" core in a big.LITTLE set, else 0
  ProcessCreated,  // a: parent pid (kNoPid when none); b: name id (Trace::name)
  StateChanged,    // a: from ProcessState; b: to ProcessState
  Dispatched,      // cpu: where; a: slice length in ticks (kNever when unlimited); b: context-switch ticks
  Preempted,       // cpu: where; a: PreemptReason; b: ticks it ran in this dispatch
  Blocked,         // cpu: where it ran; a: BlockReason; b: ticks it ran in this dispatch
  Woken,           // a: BlockReason it was woken from
  Exited,          // cpu: where it ran; a: exit status; b: ticks it ran in this dispatch
  TimerInterrupt,  // cpu: whose timer fired
  IoRequest,       // a: device id; b: requested service time in ticks
  IoComplete,      // a: device id; b: request's service time in ticks
  Migrated,        // a: from cpu; b: to cpu
  DeadlineMiss,    // a: the job's absolute deadline; b: job number within the task
  CpuIdle,         // cpu: the CPU found nothing to run
  RunEnd,          // the run stopped; a: 1 if every process exited, 0 if it hit the time limit
  CpuEnergy,       // cpu: energy model of this CPU; a: energy per busy tick; b: energy per idle tick
  Syscall,         // a user program's system call returned; a: its number; b: the result (a0)
  ConsoleOutput,   // a program wrote to the console; a: file descriptor (1, 2); b: text id (Trace::name)
  UserFault,       // a program faulted and was killed; a: the address (or pc); b: the StopReason code
  ProcessExec,     // a process replaced its program (execve); b: its new name id (Trace::name)
  TlbMiss,    // cpu: the hart whose modelled TLB missed, for the thread running there; a: virtual page number; b: ASID
  TlbFlush,   // cpu: the hart; a: TlbFlushScope (0 all, 1 one ASID, 2 one page); b: the ASID or the virtual page number
  PageFault,  // a page fault of a demand-paged space; a: the virtual address; b: 0 minor, 1 major, 2 cow, 3 protection
  CowCopy,    // a copy-on-write fault copied the page into a frame of its own; a: the page's virtual address
  OomKill,    // the process was killed for want of memory; a: the address that needed a frame; b: frames it held
  PageEvicted,  // the process's page left memory; a: its virtual address; b: frame × 2 + 1 if it was dirty
  SwapOut,      // the page was written to swap; a: its virtual address; b: the swap slot
  SwapIn,       // the page was read back from swap; a: its virtual address; b: the swap slot
};

inline constexpr int kEventKindCount = static_cast<int>(EventKind::SwapIn) + 1;

struct TraceEvent {
  Tick time = 0;
  EventKind kind = EventKind::CpuOnline;
  CpuId cpu = kNoCpu;
  Pid pid = kNoPid;
  std::uint32_t tid = 0;
  std::int64_t a = 0;
  std::int64_t b = 0;

  friend bool operator==(const TraceEvent&, const TraceEvent&) = default;
};

std::string_view to_string(EventKind kind);
std::string_view to_string(ProcessState state);
std::string_view to_string(PreemptReason reason);
std::string_view to_string(BlockReason reason);
std::optional<EventKind> event_kind_from_string(std::string_view name);
std::optional<ProcessState> process_state_from_string(std::string_view name);
std::optional<PreemptReason> preempt_reason_from_string(std::string_view name);
std::optional<BlockReason> block_reason_from_string(std::string_view name);

}  // namespace ks
