// kernel/kernel.h — the teaching kernel's composition root, and its interface to the front ends.
//
// One Kernel object is attached to one Machine (sim-core/machine.h) and holds the kernel's
// parts, each of which does one thing (docs/architecture.md has the picture):
//
//   kernel/sched/dispatcher.h   dispatch, preemption and the scheduler's decisions; the CPUs
//   kernel/exec/                running threads: burst scripts (burst_executor.h) and RISC-V
//                               programs on the harts (user_executor.h)
//   kernel/trap/trap.h          the trap path: system calls, page faults, fatal faults
//   kernel/proc/processes.h     the process table and the life of processes and threads
//   kernel/sync/wait.h          sleep and wake-up: wait queues, timed sleeps, deadlock
//   kernel/drivers/            the console driver, the I/O driver, the disk driver
//   kernel/sync/kernel_tasks.h the kernel paths that wait more than once (a swap-in), as tasks
//   kernel/mm/, kernel/fs/      memory (address spaces, frames) and the file system
//
// The Kernel wires them and does none of their work; front ends (scenario/, apps/, the
// visualizer, the grader) see only the members below. Everything the kernel does is reported to
// the machine's trace.
//
// THE EXECUTION MODEL. Kernel code runs atomically between events, like a uniprocessor kernel
// holding a big lock, and takes no virtual time (a context-switch cost can be charged; see
// KernelConfig). A CPU runs a thread from a dispatch until one of: its CPU burst ends (the
// model says IoRequest or Exit), its timer fires (quantum expired), or the scheduler preempts
// it for a better thread. Only then is the CPU model asked to run, with the cycles the elapsed
// time allows, so a run costs one call however long it lasts.
//
// THE TIE RULES. Everything that happens at one tick is applied before the scheduler decides
// for that tick, in this order (see docs/scheduling.md):
//   1. runs that end by themselves (a burst finishes: the thread blocks or exits);
//   2. with tie_rule "arrival_first" (default): I/O completions, then arrivals, then quantum
//      expiries (so an arriving job is queued ahead of the job whose quantum just expired);
//      with "preempted_first": quantum expiries, then I/O completions, then arrivals;
//   3. the scheduler's periodic work (MLFQ boost, load balancing);
//   4. the decision: every idle CPU, in CPU order, takes the thread pick_next() gives it; then
//      every running CPU is asked whether it should be preempted.
// Within one step, events are applied in the order they were scheduled (arrivals: by arrival
// time, then by their order in the scenario).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cpu-models/burst/burst_model.h"
#include "kernel/exec/chaos.h"
#include "kernel/mm/paging_mode.h"
#include "kernel/policy/params.h"
#include "kernel/proc/process.h"
#include "kernel/proc/thread.h"
#include "kernel/sched/per_cpu.h"
#include "kernel/sched/registry.h"
#include "kernel/sched/scheduler.h"
#include "machine/machine.h"

namespace ks {

enum class TieRule : std::uint8_t { ArrivalFirst, PreemptedFirst };

// A user program (RISC-V ELF) to run as a process.
struct UserProcessSpec {
  std::string name;
  Tick arrival = 0;
  std::string file;                 // where the ELF came from (for messages)
  std::vector<std::uint8_t> image;  // the ELF file's bytes
  std::vector<std::string> argv;    // argv[0] first
  std::int32_t priority = 0;
  std::int32_t nice = 0;
  std::int64_t tickets = 100;
  std::uint64_t affinity = ~std::uint64_t{0};
};

struct KernelConfig {
  Tick context_switch_cost = 0;  // ticks a CPU spends switching before a dispatched thread runs
  Tick migration_cost = 0;       // extra switch ticks when a thread runs on another CPU than last time
  bool per_cpu_queues = false;   // one ready queue per CPU (sched/per_cpu.h) instead of a global one
  PerCpuOptions per_cpu;
  Tick user_slice = 10;  // ticks a hart runs user code before other harts interleave
  TieRule tie_rule = TieRule::ArrivalFirst;
  std::uint64_t seed = 0;  // for policies that draw random numbers
  // How user address spaces are filled (kernel/mm/address_space.h): every page at once (eager,
  // the default) or at first touch, with copy-on-write fork (demand).
  PagingMode paging = PagingMode::Eager;
  // With demand paging and a swap disk (MachineConfig::swap_bytes): the page-replacement policy
  // (kernel/mm/replace/; one Pager::kernel_problem accepts) and its parameters (all declared ones).
  std::string replacement = "clock";
  PolicyParams replacement_params;
  // Seeded chaos (kernel/exec/chaos.h): where user slices end and which threads are set back;
  // off by default (every slice its full length, as without it).
  ChaosConfig chaos;
};

// Sets the device phases of CONFIG so that the machine delivers events in RULE's order.
void apply_tie_rule(MachineConfig& config, TieRule rule);

// A process of the burst model: the scheduling textbook's job.
struct BurstProcessSpec {
  std::string name;
  Tick arrival = 0;
  std::vector<Burst> bursts;  // alternating CPU and I/O, starting and ending with CPU
  std::int32_t priority = 0;
  std::int32_t nice = 0;
  std::int64_t tickets = 100;
  std::uint64_t affinity = ~std::uint64_t{0};
  // A periodic real-time task: PERIOD > 0. Its bursts are its jobs (each a CPU burst, separated
  // by placeholder I/O bursts); job k is released at arrival + k * period and is due
  // RELATIVE_DEADLINE later.
  Tick period = 0;
  Tick relative_deadline = 0;
};

struct RunResult {
  Tick end_time = 0;
  bool all_exited = false;
  bool deadlocked = false;  // stopped because every live thread waits for another (Kernel::deadlock_report)
  std::uint64_t events_run = 0;
};

class Vfs;
class ProcessTable;
class Dispatcher;
class BurstExecutor;
class UserExecutor;
class Trap;
class Processes;
class Waits;
class ConsoleDriver;
class IoDriver;
class DiskDriver;
class Pager;
class KernelTasks;

class Kernel : private InterruptHandler {
 public:
  ~Kernel() override;
  Kernel(Machine& machine, KernelConfig config, const PolicyInfo& policy, const PolicyParams& params);
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // Adds a process that will arrive at SPEC.arrival. Call before run(). Returns its pid.
  Pid add_burst_process(const BurstProcessSpec& spec);
  // Adds a user program that will arrive at SPEC.arrival. Throws InputError for a bad ELF file
  // or when physical memory cannot hold it. Returns its pid.
  Pid add_user_process(const UserProcessSpec& spec);
  // Everything user programs wrote to the console, in order.
  const std::string& console_output() const;

  // The file systems user programs see, behind the VFS (fill them before run()).
  Vfs& file_system();
  // Console input: TEXT is appended to what fd 0 will read, waking a blocked reader.
  void console_input(std::string_view text);
  // Opens the console for input that arrives while the simulation runs (a terminal); without
  // it, reads from the console return what console_input() gave and then end of file.
  void console_open_input();
  // No more input will come: readers get what is left, then end of file.
  void console_close_input();
  // True while a thread is blocked reading the console (the driver may feed it).
  bool console_waiting_for_input() const;
  // Counters of the user-program machine (zero when no program ran).
  struct UserStats {
    std::uint64_t instructions = 0, cycles = 0, tlb_hits = 0, tlb_misses = 0, faults = 0, syscalls = 0;
    // Page faults the kernel resolved, by kind (PageFaultKind), the copies copy-on-write made,
    // the processes killed for want of memory, and the most user pages resident at once.
    std::uint64_t minor_faults = 0, major_faults = 0, cow_faults = 0, cow_copies = 0, oom_kills = 0;
    std::uint64_t peak_resident_pages = 0;
    // With swap (kernel/mm/pager.h): pages that left memory, pages written to and read from
    // swap, and the most swap slots in use at once.
    std::uint64_t evictions = 0, swap_outs = 0, swap_ins = 0, peak_swap_slots = 0;
  };
  UserStats user_stats() const;

  // Makes room for COUNT more processes with BURSTS bursts in all (saves memory and time).
  void reserve(std::size_t count, std::size_t bursts);

  // Runs until every process has exited or time UNTIL, whichever is first, and ends the trace
  // with a run_end event. Equivalent to advance(UNTIL) followed by end_run().
  RunResult run(Tick until);

  // Step by step (the visualizer's live mode): advance() applies every event at or before
  // UNTIL (or only the next event when ONE_EVENT) and returns true once the run can go no
  // further: every process has exited, or the live threads are deadlocked; end_run() records
  // the end of the run at time END (ignored if already ended).
  bool advance(Tick until, bool one_event = false);
  RunResult end_run(Tick end);
  bool finished() const { return finished_; }
  // DEADLOCK (kernel/sync/deadlock.cpp). The run stops when every live thread is blocked on a
  // wait queue (a pipe, wait4, thread_join, a closed console) and no event can wake any of them.
  // deadlock_report() names each thread and what it waits for, one line each
  // ("pid 1 (sh) thread 1: wait4(-1): a child to exit").
  bool deadlocked() const { return deadlocked_; }
  std::string deadlock_report() const;
  Tick now() const { return machine_.now(); }

  const Scheduler& scheduler() const;
  const Thread& thread(Tid tid) const;
  const Process& process(Pid pid) const;
  std::size_t process_count() const;
  Tid running_on(CpuId cpu) const;
  Machine& machine() { return machine_; }

 private:
  // The parts work on one another through the root, as the parts of Nachos's kernel do through
  // its global kernel object: each reaches the others through these members.
  friend class Dispatcher;
  friend class BurstExecutor;
  friend class UserExecutor;
  friend class Trap;
  friend class Processes;
  friend class Waits;
  friend class ConsoleDriver;
  friend class IoDriver;
  friend class Pager;
  friend class KernelTasks;

  void on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) override;
  void start();
  // Every live thread has exited: the run is over.
  void all_exited();
  // Emits an event of KIND at the current time, on CPU, for THREAD (may be null). Inline, as the
  // dispatcher's other one-liners are: every part of the kernel calls it on its hot paths, and a
  // run without a trace must pay one test for it.
  void emit(EventKind kind, CpuId cpu, const Thread* thread, std::int64_t a, std::int64_t b) {
    Trace& trace = machine_.trace();
    if (!trace.recording()) return;
    trace.emit({machine_.now(), kind, cpu, thread ? thread->pid : kNoPid, thread ? thread->tid : 0, a, b});
  }
  // The user-program machine, made when the first user program is added.
  UserExecutor& user();

  Machine& machine_;
  KernelConfig config_;
  // Made when the first user program is added. Declared before the table, whose address spaces
  // hold its frames, so that it is destroyed after them; so are the swap disk's driver and the
  // pager (made with it when the machine has a swap disk and paging is on demand).
  std::unique_ptr<UserExecutor> user_;
  std::unique_ptr<DiskDriver> disk_;
  std::unique_ptr<Pager> pager_;
  std::unique_ptr<ProcessTable> table_;
  std::unique_ptr<Vfs> fs_;
  std::unique_ptr<ConsoleDriver> console_;
  std::unique_ptr<IoDriver> io_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<BurstExecutor> bursts_;
  std::unique_ptr<Waits> waits_;
  std::unique_ptr<Processes> processes_;
  std::unique_ptr<Trap> trap_;
  // The kernel tasks of blocked threads (kernel/sync/kernel_tasks.h). Last, so that it is
  // destroyed first: a task's frame refers to the parts above.
  std::unique_ptr<KernelTasks> tasks_;
  bool deadlocked_ = false;
  bool finished_ = false;
  bool started_ = false;
  bool ended_ = false;
};

}  // namespace ks
