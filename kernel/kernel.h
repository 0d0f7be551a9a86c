// kernel/kernel.h — the teaching kernel's composition root.
//
// One Kernel object holds the scheduler, the CPU models, the process and thread tables and the
// per-CPU state, and is attached to one Machine (sim-core/machine.h), whose interrupts it
// handles. Everything the kernel does is reported to the machine's trace.
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
#include "kernel/fs/file.h"
#include "kernel/fs/memfs.h"
#include "kernel/proc/syscalls.h"
#include "kernel/process.h"
#include "kernel/sched/per_cpu.h"
#include "kernel/sched/registry.h"
#include "kernel/sched/scheduler.h"
#include "sim-core/machine.h"

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
  std::uint32_t memory_frames = 16384;  // physical memory for user programs (4 KiB frames; 64 MiB)
  Tick user_slice = 10;                 // ticks a hart runs user code before other harts interleave
  TieRule tie_rule = TieRule::ArrivalFirst;
  std::uint64_t seed = 0;        // for policies that draw random numbers
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

struct UserMachine;  // kernel/proc/user_machine.h

class Kernel : private EventHandler, private InterruptHandler {
 public:
  ~Kernel() override;
  Kernel(Machine& machine, const KernelConfig& config, const PolicyInfo& policy, const PolicyParams& params);
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // Adds a process that will arrive at SPEC.arrival. Call before run(). Returns its pid.
  Pid add_burst_process(const BurstProcessSpec& spec);
  // Adds a user program that will arrive at SPEC.arrival. Throws InputError for a bad ELF file
  // or when physical memory cannot hold it. Returns its pid.
  Pid add_user_process(const UserProcessSpec& spec);
  // Everything user programs wrote to the console, in order.
  const std::string& console_output() const { return console_; }

  // The in-memory file system user programs see (fill it before run()).
  MemFs& file_system() { return fs_; }
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
  // DEADLOCK. The run stops when every live thread is blocked on a wait queue (a pipe, wait4,
  // thread_join, a closed console) and no event can wake any of them: no thread is ready or
  // running, none sleeps or waits for a device, no process is still to arrive, no wake is on its
  // way, and no reader waits on a console that may yet get input. Only another of the blocked
  // threads could end such a wait, so none ever ends. deadlock_report() names each thread and
  // what it waits for, one line each ("pid 1 (sh) thread 1: wait4(-1): a child to exit").
  bool deadlocked() const { return deadlocked_; }
  std::string deadlock_report() const;
  Tick now() const { return machine_.now(); }

  const Scheduler& scheduler() const { return *scheduler_; }
  const Thread& thread(Tid tid) const { return threads_[tid]; }
  const Process& process(Pid pid) const { return processes_[pid]; }
  std::size_t process_count() const { return processes_.size() - 1; }
  Tid running_on(CpuId cpu) const { return cpus_[cpu].running; }
  Machine& machine() { return machine_; }

 private:
  struct CpuState {
    StopInfo pending;               // user code: how the slice executed ahead ends
    Tick slice_start = 0;           // user code: when the current slice began
    bool preempt_requested = false; // user code: preempt at the end of the slice
    Tid running = kNoTid;
    Tick run_start = 0;             // when the thread began executing (after the switch)
    Cycles remaining_at_start = 0;  // what the model said was left of its burst then
    std::uint32_t generation = 0;   // invalidates run-end events of earlier dispatches
    bool idle_reported = false;
  };

  // The kernel's own events, and the phases of one tick it uses (see the tie rules above; the
  // devices' phases come from apply_tie_rule).
  enum Event : std::uint32_t { kArrival, kRunEnd, kDecide, kPeriodic, kRelease, kDeadline, kWakeBlocked };
  static constexpr std::uint8_t kPhaseRunEnd = 0;
  static constexpr std::uint8_t kPhaseArrivalFirst = 2;  // arrivals under arrival_first
  static constexpr std::uint8_t kPhaseArrivalLast = 3;   // arrivals under preempted_first
  static constexpr std::uint8_t kPhasePeriodic = 4;
  static constexpr std::uint8_t kPhaseDeadline = 5;  // after every completion of the tick: finishing at the deadline is in time
  static std::uint64_t run_end_arg(CpuId cpu, std::uint32_t generation) { return (std::uint64_t{generation} << 16) | cpu; }
  static Tick ceil_div(Cycles cycles, Cycles per_tick) { return (cycles + per_tick - 1) / per_tick; }

  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) override;

  void start();
  void admit(Tid tid);
  // FROM_CPU: the CPU it was running on, when it was running.
  void make_ready(Thread& thread, EnqueueReason why, CpuId from_cpu = kNoCpu);
  void dispatch(CpuId cpu, Tid tid);
  StopInfo stop_running(CpuId cpu);
  void preempt(CpuId cpu, PreemptReason reason);
  void finish_run(CpuId cpu);
  void block_for_io(CpuId cpu, Thread& thread, Tick ran, Tick service);
  void finish_job(CpuId cpu, Thread& thread, Tick ran);
  void release_job(Thread& thread, bool woken);
  void exit_thread(CpuId cpu, Thread& thread, Tick ran, std::int64_t status);
  void decide();

  // User programs (kernel/proc/user_process.cpp).
  void run_user_slice(CpuId cpu);
  void finish_user_slice(CpuId cpu);
  void handle_syscall(CpuId cpu, Thread& thread);
  SyscallOutcome route_syscall(Tid tid, const SyscallContext& call);
  void kill_for_fault(CpuId cpu, Thread& thread, const StopInfo& stop);
  void console_write(const Thread& thread, int stream, std::string_view text);
  bool end_if_killed(CpuId cpu, Thread& thread);
  void block_on(CpuId cpu, Thread& thread, WaitQueue* queue, BlockReason why, Tick wake_at = kNever);
  void wake_all(WaitQueue& queue);
  void wake_blocked(Tid tid, std::uint32_t generation);
  void wake_soon(Tid tid);
  void schedule_wake(Tick at, Tid tid, std::uint32_t generation);
  void check_deadlock();
  std::string describe_wait(Tid tid) const;
  void user_thread_gone(Thread& thread, std::int64_t status);
  void end_user_process(Pid pid);
  void reparent_children(Pid pid);
  void kill_process(Pid pid, std::int64_t status, std::int32_t signal);
  Tid add_user_thread(Pid pid, ContextId context, const Thread& like);
  Pid new_process(Pid parent, std::uint32_t name_id);
  Tick ran_so_far(CpuId cpu) const;
  // System calls that change the process and thread tables (kernel/proc/syscalls_process.cpp,
  // kernel/proc/syscalls_threads.cpp).
  // Each gets the caller's tid: they may add threads, which moves the thread table.
  SyscallOutcome sys_fork(Tid tid);
  SyscallOutcome sys_wait4(Tid tid, const SyscallContext& call);
  SyscallOutcome sys_execve(Tid tid, const SyscallContext& call);
  SyscallOutcome sys_kill(Tid tid, const SyscallContext& call);
  SyscallOutcome sys_thread_create(Tid tid, const SyscallContext& call);
  SyscallOutcome sys_thread_join(Tid tid, const SyscallContext& call);
  SyscallOutcome sys_process_list(const SyscallContext& call);
  Cycles known_remaining(const Thread& thread) const;
  void request_decision();
  void schedule_periodic();
  void set_state(Thread& thread, ProcessState to, CpuId cpu);
  void emit(EventKind kind, CpuId cpu, const Thread* thread, std::int64_t a, std::int64_t b);
  // Puts HART's TLB misses and flushes into the trace, for the thread running there then.
  class TlbTracer;
  friend class TlbTracer;
  Cycles cycles_per_tick(CpuId cpu) const;
  std::uint8_t arrival_phase() const;  // arrivals and job releases, by the tie rule

  Machine& machine_;
  KernelConfig config_;
  BurstModel burst_model_;
  std::unique_ptr<UserMachine> user_;  // made when the first user program is added (user_machine.h)
  MemFs fs_;
  Console console_in_;
  std::string console_;
  std::uint64_t syscalls_ = 0, faults_ = 0;
  std::uint64_t exited_instructions_ = 0, exited_cycles_ = 0;  // of user threads that exited
  std::unique_ptr<Scheduler> scheduler_;
  std::vector<Process> processes_;  // indexed by pid; slot 0 unused
  std::vector<Thread> threads_;     // indexed by tid; slot 0 unused
  std::vector<CpuState> cpus_;
  std::vector<Tid> arrivals_;       // tids in order of arrival
  std::size_t next_arrival_ = 0;
  std::size_t live_ = 0;            // admitted and not exited
  std::size_t queue_waiters_ = 0;   // user threads blocked on a wait queue (see DEADLOCK)
  std::size_t wakes_pending_ = 0;   // kWakeBlocked events scheduled and not yet run
  bool deadlocked_ = false;
  bool decision_pending_ = false;
  bool enqueued_since_decision_ = false;
  bool finished_ = false;
  bool started_ = false;
  bool ended_ = false;
};

}  // namespace ks
