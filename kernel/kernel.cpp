#include "kernel/kernel.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "kernel/mm/frame_allocator.h"
#include "kernel/proc/address_space.h"
#include "kernel/proc/elf_loader.h"
#include "kernel/proc/syscalls.h"
#include "sim-core/error.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {
namespace {

// The kernel's own events.
enum KernelEvent : std::uint32_t { kArrival, kRunEnd, kDecide, kPeriodic, kRelease, kDeadline, kWakeSleeper };

// Exit statuses of programs killed by a fault, as a shell reports a death by signal (128 + N).
constexpr std::int64_t kKilledIllegal = 128 + 4;     // SIGILL
constexpr std::int64_t kKilledBreakpoint = 128 + 5;  // SIGTRAP
constexpr std::int64_t kKilledBus = 128 + 7;         // SIGBUS: misaligned access
constexpr std::int64_t kKilledSegfault = 128 + 11;   // SIGSEGV: page fault

// Phases of one tick (see the tie rules in kernel.h). The devices' phases come from apply_tie_rule.
constexpr std::uint8_t kPhaseRunEnd = 0;
constexpr std::uint8_t kPhaseArrivalFirst = 2;     // arrivals under arrival_first
constexpr std::uint8_t kPhaseArrivalLast = 3;      // arrivals under preempted_first
constexpr std::uint8_t kPhasePeriodic = 4;
constexpr std::uint8_t kPhaseDeadline = 5;  // after every completion of the tick: finishing at the deadline is in time

std::uint64_t run_end_arg(CpuId cpu, std::uint32_t generation) { return (std::uint64_t{generation} << 16) | cpu; }

Tick ceil_div(Cycles cycles, Cycles per_tick) { return (cycles + per_tick - 1) / per_tick; }

std::string hex(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(value));
  return text;
}

// "kernsim: process 3 killed: page fault (store, not present) at 0x00000040, pc 0x000100a4"
std::string fault_message(Pid pid, const StopInfo& stop, const Rv32Fault& fault) {
  std::string what;
  switch (stop.reason) {
    case StopReason::PageFault:
      what = "page fault (" + std::string(to_string(fault.access)) + ", " + std::string(to_string(fault.kind)) + ") at " +
             hex(fault.address);
      break;
    case StopReason::MisalignedAccess:
      what = "misaligned " + std::string(to_string(fault.access)) + " at " + hex(fault.address);
      break;
    case StopReason::IllegalInstruction: what = "illegal instruction " + hex(stop.instruction); break;
    case StopReason::Breakpoint: what = "breakpoint (ebreak)"; break;
    default: what = std::string(to_string(stop.reason)); break;
  }
  return "kernsim: process " + std::to_string(pid) + " killed: " + what + ", pc " + hex(stop.pc) + "\n";
}

}  // namespace

// The machine for user programs, made when the first one is added: its RAM, the frames the
// kernel hands out, the RISC-V model (one hart per CPU) and each process's address space.
struct Kernel::UserMachine {
  UserMachine(std::uint32_t frames, int harts)
      : memory(frames), allocator(0, frames), cpu(memory, Rv32Config{static_cast<std::uint16_t>(harts)}) {}
  PhysicalMemory memory;
  FrameAllocator allocator;
  Rv32imaModel cpu;
  std::map<Pid, AddressSpace> spaces;
  std::map<Pid, std::uint16_t> asids;  // the TLB's address-space identifier of each live space

  // Sv32 has 9-bit ASIDs; 0 is left unused. An ASID is flushed from every hart's TLB when its
  // space goes, so that a new space that takes it never sees the old translations.
  std::optional<std::uint16_t> take_asid(Pid pid) {
    for (std::uint16_t asid = 1; asid < kAsidCount; ++asid) {
      if (used[asid]) continue;
      used[asid] = true;
      asids[pid] = asid;
      return asid;
    }
    return std::nullopt;
  }
  void drop_space(Pid pid) {
    if (const auto it = asids.find(pid); it != asids.end()) {
      for (CpuId hart = 0; hart < cpu.hart_count(); ++hart) cpu.flush_tlb_asid(hart, it->second);
      used[it->second] = false;
      asids.erase(it);
    }
    spaces.erase(pid);
  }
  static constexpr std::uint16_t kAsidCount = 512;
  std::array<bool, kAsidCount> used{};
};

Kernel::~Kernel() = default;

void apply_tie_rule(MachineConfig& config, TieRule rule) {
  if (rule == TieRule::ArrivalFirst) {
    config.io_phase = 1;
    config.timer_phase = 3;
  } else {
    config.timer_phase = 1;
    config.io_phase = 2;
  }
}

Kernel::Kernel(Machine& machine, const KernelConfig& config, const PolicyInfo& policy, const PolicyParams& params)
    : machine_(machine), config_(config), processes_(1), threads_(1), cpus_(machine.cpu_count()) {
  SchedulerContext context;
  context.cpus = machine.cpu_count();
  context.seed = config.seed;
  context.thread = [this](Tid tid) -> const Thread& { return threads_[tid]; };
  context.mutable_thread = [this](Tid tid) -> Thread& { return threads_[tid]; };
  context.cpu_speed = [this](CpuId cpu) { return machine_.cpu_speed(cpu); };
  scheduler_ = config.per_cpu_queues && machine.cpu_count() > 1 ? make_per_cpu_scheduler(policy, params, context, config.per_cpu)
                                                                 : policy.make(params, context);
  machine_.interrupts().attach(*this);
}

void Kernel::reserve(std::size_t count, std::size_t bursts) {
  processes_.reserve(processes_.size() + count);
  threads_.reserve(threads_.size() + count);
  arrivals_.reserve(threads_.size() + count);
  burst_model_.reserve(count, bursts);
  machine_.trace().reserve_names(count, 8);
}

Pid Kernel::add_burst_process(const BurstProcessSpec& spec) {
  KS_ASSERT(!started_, "processes are added before the run starts");
  const auto pid = static_cast<Pid>(processes_.size());
  const auto tid = static_cast<Tid>(threads_.size());
  Process process;
  process.pid = pid;
  process.name_id = machine_.trace().add_name(spec.name);
  process.main_thread = tid;
  processes_.push_back(std::move(process));

  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.context = burst_model_.add_context(spec.bursts);
  thread.priority = spec.priority;
  thread.nice = spec.nice;
  thread.tickets = spec.tickets;
  thread.affinity = spec.affinity;
  thread.arrival = spec.arrival;
  thread.period = spec.period;
  thread.relative_deadline = spec.period > 0 ? (spec.relative_deadline > 0 ? spec.relative_deadline : spec.period) : 0;
  thread.remaining_burst = burst_model_.cycles_until_stop(thread.context);
  threads_.push_back(thread);
  return pid;
}

Pid Kernel::add_user_process(const UserProcessSpec& spec) {
  KS_ASSERT(!started_, "processes are added before the run starts");
  const ElfImage image = elf_parse(spec.image, spec.file);
  if (!user_) user_ = std::make_unique<UserMachine>(config_.memory_frames, machine_.cpu_count());
  const auto pid = static_cast<Pid>(processes_.size());
  const auto tid = static_cast<Tid>(threads_.size());
  auto [space, inserted] = user_->spaces.try_emplace(pid, user_->memory, user_->allocator);
  KS_ASSERT(inserted, "a pid has one address space");
  const std::optional<std::uint32_t> sp = space->second.load(image, spec.argv);
  if (!sp) {
    user_->spaces.erase(space);
    throw InputError({spec.file, 0, 0, {}}, "does not fit in the machine's memory (" +
                                                std::to_string(config_.memory_frames * kPageSize / 1024) + " KiB)");
  }
  const std::optional<std::uint16_t> asid = user_->take_asid(pid);
  if (!asid) {
    user_->spaces.erase(space);
    throw InputError({spec.file, 0, 0, {}}, "too many user programs at once (the TLB has 511 address-space identifiers)");
  }
  Process process;
  process.pid = pid;
  process.name_id = machine_.trace().add_name(spec.name);
  process.main_thread = tid;
  processes_.push_back(process);

  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.user_code = true;
  thread.context = user_->cpu.create_context(image.entry, *sp, space->second.root_frame() << kPageShift, MmuMode::Sv32, *asid);
  thread.priority = spec.priority;
  thread.nice = spec.nice;
  thread.tickets = spec.tickets;
  thread.affinity = spec.affinity;
  thread.arrival = spec.arrival;
  threads_.push_back(thread);
  return pid;
}

Kernel::UserStats Kernel::user_stats() const {
  UserStats stats;
  stats.syscalls = syscalls_;
  stats.faults = faults_;
  if (!user_) return stats;
  stats.instructions = exited_instructions_;
  stats.cycles = exited_cycles_;
  for (Tid tid = 1; tid < threads_.size(); ++tid) {
    if (!threads_[tid].user_code || threads_[tid].state == ProcessState::Exited) continue;
    stats.instructions += user_->cpu.instructions_retired(threads_[tid].context);
    stats.cycles += user_->cpu.cycles(threads_[tid].context);
  }
  for (CpuId hart = 0; hart < user_->cpu.hart_count(); ++hart) {
    stats.tlb_hits += user_->cpu.tlb(hart).hits();
    stats.tlb_misses += user_->cpu.tlb(hart).misses();
  }
  return stats;
}

Cycles Kernel::known_remaining(const Thread& thread) const {
  return thread.user_code ? kUnknownCycles : burst_model_.cycles_until_stop(thread.context);
}

void Kernel::start() {
  started_ = true;
  for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
    emit(EventKind::CpuOnline, cpu, nullptr, machine_.cpu_speed(cpu), machine_.is_big_core(cpu) ? 1 : 0);
    if (machine_.has_energy_model()) emit(EventKind::CpuEnergy, cpu, nullptr, machine_.busy_energy(cpu), machine_.idle_energy(cpu));
  }
  arrivals_.reserve(threads_.size() - 1);
  for (Tid tid = 1; tid < threads_.size(); ++tid) arrivals_.push_back(tid);
  std::stable_sort(arrivals_.begin(), arrivals_.end(),
                   [this](Tid x, Tid y) { return threads_[x].arrival < threads_[y].arrival; });
  if (!arrivals_.empty()) machine_.queue().schedule(threads_[arrivals_[0]].arrival, arrival_phase(), *this, kArrival, 0);
  schedule_periodic();
  if (arrivals_.empty()) finished_ = true;
}

bool Kernel::advance(Tick until, bool one_event) {
  if (!started_) start();
  if (finished_) return true;
  if (one_event) {
    machine_.queue().step(until);
  } else {
    machine_.queue().run_until(until);
  }
  return finished_;
}

RunResult Kernel::end_run(Tick end) {
  RunResult result;
  result.all_exited = finished_;
  result.end_time = finished_ ? machine_.now() : std::max(machine_.now(), end);
  result.events_run = machine_.queue().events_run();
  if (!ended_ && machine_.trace().recording()) {
    machine_.trace().emit({result.end_time, EventKind::RunEnd, kNoCpu, kNoPid, 0, finished_ ? 1 : 0, 0});
  }
  ended_ = true;
  return result;
}

RunResult Kernel::run(Tick until) {
  advance(until);
  // A run cut short by UNTIL ends at UNTIL, even if nothing happened in its last ticks.
  return end_run(until == kNever ? machine_.now() : until);
}

void Kernel::on_event(std::uint32_t kind, std::uint64_t arg) {
  switch (kind) {
    case kArrival: {
      admit(arrivals_[next_arrival_++]);
      if (next_arrival_ < arrivals_.size()) {
        machine_.queue().schedule(threads_[arrivals_[next_arrival_]].arrival, arrival_phase(), *this, kArrival, 0);
      }
      break;
    }
    case kRunEnd: {
      const auto cpu = static_cast<CpuId>(arg & 0xffff);
      if (cpus_[cpu].generation != static_cast<std::uint32_t>(arg >> 16) || cpus_[cpu].running == kNoTid) break;
      if (threads_[cpus_[cpu].running].user_code) {
        finish_user_slice(cpu);
      } else {
        finish_run(cpu);
      }
      break;
    }
    case kDecide:
      decide();
      break;
    case kRelease:
      release_job(threads_[static_cast<Tid>(arg)], true);
      break;
    case kWakeSleeper: {
      Thread& thread = threads_[static_cast<Tid>(arg)];
      emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), 0);
      make_ready(thread, EnqueueReason::Wakeup);
      break;
    }
    case kDeadline: {
      // ARG: tid in the low 32 bits, job number above. Missed if that job is not complete.
      const auto tid = static_cast<Tid>(arg & 0xffffffffU);
      const auto job = static_cast<std::uint32_t>(arg >> 32);
      if (threads_[tid].jobs_done <= job) emit(EventKind::DeadlineMiss, kNoCpu, &threads_[tid], machine_.now(), job);
      break;
    }
    case kPeriodic:
      scheduler_->on_periodic(machine_.now());
      schedule_periodic();
      enqueued_since_decision_ = true;
      request_decision();
      break;
    default:
      KS_ASSERT(false, "the kernel receives only its own event kinds");
  }
}

void Kernel::on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) {
  if (line == InterruptLine::Timer) {
    if (cpus_[cpu].running != kNoTid) preempt(cpu, PreemptReason::QuantumExpired);
    return;
  }
  // I/O completion: PAYLOAD is the tid that asked for it.
  Thread& thread = threads_[static_cast<Tid>(payload)];
  KS_ASSERT(thread.state == ProcessState::Blocked, "an I/O completion wakes a blocked thread");
  emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Io), 0);
  make_ready(thread, EnqueueReason::Wakeup);
}

void Kernel::admit(Tid tid) {
  Thread& thread = threads_[tid];
  ++live_;
  emit(EventKind::ProcessCreated, kNoCpu, &thread, static_cast<std::int64_t>(kNoPid),
       processes_[thread.pid].name_id);
  if (thread.period > 0) {
    release_job(thread, false);
  } else {
    make_ready(thread, EnqueueReason::Arrival);
  }
}

// Releases the next job of periodic THREAD (number jobs_done_): sets its deadline, watches it,
// and makes the thread ready (WOKEN: it was sleeping until this release).
void Kernel::release_job(Thread& thread, bool woken) {
  const std::uint32_t job = thread.jobs_done;
  const Tick release = thread.arrival + static_cast<Tick>(job) * thread.period;
  thread.absolute_deadline = release + thread.relative_deadline;
  machine_.queue().schedule(thread.absolute_deadline, kPhaseDeadline, *this, kDeadline,
                            (std::uint64_t{job} << 32) | thread.tid);
  if (woken) emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), 0);
  make_ready(thread, job == 0 ? EnqueueReason::Arrival : EnqueueReason::Wakeup);
}

// A periodic task finished a job: it sleeps until its next release (or, if that release has
// already passed because the job overran, goes on at once).
void Kernel::finish_job(CpuId cpu, Thread& thread, Tick ran) {
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  ++thread.jobs_done;
  const Tick next_release = thread.arrival + static_cast<Tick>(thread.jobs_done) * thread.period;
  emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), ran);
  set_state(thread, ProcessState::Blocked, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Blocked, machine_.now());
  machine_.queue().schedule(std::max(next_release, machine_.now()), arrival_phase(), *this, kRelease, thread.tid);
}

void Kernel::make_ready(Thread& thread, EnqueueReason why, CpuId from_cpu) {
  set_state(thread, ProcessState::Ready, from_cpu);
  thread.ready_since = machine_.now();
  thread.remaining_burst = known_remaining(thread);
  scheduler_->enqueue(thread, why, machine_.now());
  enqueued_since_decision_ = true;
  request_decision();
}

void Kernel::dispatch(CpuId cpu, Tid tid) {
  Thread& thread = threads_[tid];
  CpuState& state = cpus_[cpu];
  KS_ASSERT(thread.state == ProcessState::Ready, "only a ready thread is dispatched");
  KS_ASSERT(thread.may_run_on(cpu), "a thread runs only on CPUs its affinity allows");
  const Tick now = machine_.now();
  Tick switch_cost = config_.context_switch_cost;
  if (thread.cpu != kNoCpu && thread.cpu != cpu) {
    emit(EventKind::Migrated, cpu, &thread, thread.cpu, cpu);
    switch_cost += config_.migration_cost;
  }
  const Tick slice = scheduler_->time_slice(thread, cpu, now);
  KS_ASSERT(slice > 0, "a time slice is positive (or kNever)");
  state.running = tid;
  state.run_start = now + switch_cost;
  state.remaining_at_start = known_remaining(thread);
  state.idle_reported = false;
  state.preempt_requested = false;
  ++state.generation;
  emit(EventKind::Dispatched, cpu, &thread, slice, switch_cost);
  set_state(thread, ProcessState::Running, cpu);
  thread.cpu = cpu;
  thread.run_start = state.run_start;
  scheduler_->on_dispatch(thread, cpu, now);

  if (thread.user_code) {
    // User code: the timer ends the slice; the program runs ahead in short slices meanwhile.
    if (slice != kNever) {
      machine_.timer().program(cpu, state.run_start + slice);
    } else if (machine_.timer().deadline(cpu) != kNever) {
      machine_.timer().cancel(cpu);
    }
    run_user_slice(cpu);
    return;
  }
  // One of two things ends this run first: the timer (quantum expiry) or the end of the burst.
  // Only that one is set up, so no stale event is left behind.
  const Tick natural_end = state.run_start + ceil_div(state.remaining_at_start, cycles_per_tick(cpu));
  if (slice != kNever && state.run_start + slice < natural_end) {
    machine_.timer().program(cpu, state.run_start + slice);
  } else {
    if (machine_.timer().deadline(cpu) != kNever) machine_.timer().cancel(cpu);
    machine_.queue().schedule(natural_end, kPhaseRunEnd, *this, kRunEnd, run_end_arg(cpu, state.generation));
  }
}

// Charges the time CPU's thread has run since its dispatch to the CPU model and frees the CPU.
StopInfo Kernel::stop_running(CpuId cpu) {
  CpuState& state = cpus_[cpu];
  Thread& thread = threads_[state.running];
  const Tick ran = std::max<Tick>(0, machine_.now() - state.run_start);
  // User code already executed its slice (run_user_slice); a burst is charged now.
  StopInfo stop = thread.user_code ? StopInfo{} : burst_model_.run(cpu, thread.context, ran * cycles_per_tick(cpu));
  thread.burst_ran += ran;
  stop.used = ran;  // from here on: ticks, not cycles
  state.running = kNoTid;
  ++state.generation;
  if (machine_.timer().deadline(cpu) != kNever) machine_.timer().cancel(cpu);
  request_decision();
  return stop;
}

void Kernel::preempt(CpuId cpu, PreemptReason reason) {
  Thread& thread = threads_[cpus_[cpu].running];
  const StopInfo stop = stop_running(cpu);
  KS_ASSERT(stop.reason == StopReason::BudgetSpent, "a preempted burst had work left");
  emit(EventKind::Preempted, cpu, &thread, static_cast<std::int64_t>(reason), stop.used);
  const bool expired = reason == PreemptReason::QuantumExpired;
  scheduler_->on_stop(thread, cpu, stop.used, expired ? StopKind::QuantumExpired : StopKind::Preempted, machine_.now());
  make_ready(thread, expired ? EnqueueReason::QuantumExpired : EnqueueReason::Preempted, cpu);
}

void Kernel::finish_run(CpuId cpu) {
  Thread& thread = threads_[cpus_[cpu].running];
  const StopInfo stop = stop_running(cpu);
  switch (stop.reason) {
    case StopReason::IoRequest:
      if (thread.period > 0) {
        finish_job(cpu, thread, stop.used);
      } else {
        block_for_io(cpu, thread, stop.used, stop.detail);
      }
      break;
    case StopReason::Exit:
      exit_thread(cpu, thread, stop.used, stop.detail);
      break;
    default:
      KS_ASSERT(false, "a burst run ends in I/O or exit");
  }
}

void Kernel::block_for_io(CpuId cpu, Thread& thread, Tick ran, Tick service) {
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Io), ran);
  set_state(thread, ProcessState::Blocked, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Blocked, machine_.now());
  machine_.io_device().submit({thread.pid, thread.tid, service, thread.tid});
}

void Kernel::exit_thread(CpuId cpu, Thread& thread, Tick ran, std::int64_t status) {
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  ++thread.jobs_done;
  emit(EventKind::Exited, cpu, &thread, status, ran);
  set_state(thread, ProcessState::Exited, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Exited, machine_.now());
  scheduler_->on_exit(thread, machine_.now());
  Process& process = processes_[thread.pid];
  process.exited = true;
  process.exit_status = status;
  if (thread.user_code) {
    exited_instructions_ += user_->cpu.instructions_retired(thread.context);
    exited_cycles_ += user_->cpu.cycles(thread.context);
    user_->cpu.release_context(thread.context);
    user_->drop_space(thread.pid);
  }
  --live_;
  if (live_ == 0 && next_arrival_ == arrivals_.size()) {
    finished_ = true;
    machine_.queue().stop();
  }
}

void Kernel::request_decision() {
  if (decision_pending_ || finished_) return;
  decision_pending_ = true;
  machine_.queue().at_end_of_tick(*this, kDecide);
}

void Kernel::decide() {
  decision_pending_ = false;
  const Tick now = machine_.now();
  for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
    if (cpus_[cpu].running != kNoTid) continue;
    const Tid next = scheduler_->pick_next(cpu, now);
    if (next != kNoTid) {
      dispatch(cpu, next);
    } else if (!cpus_[cpu].idle_reported) {
      cpus_[cpu].idle_reported = true;
      emit(EventKind::CpuIdle, cpu, nullptr, 0, 0);
    }
  }
  if (!enqueued_since_decision_) return;
  enqueued_since_decision_ = false;
  for (CpuId cpu = 0; cpu < cpus_.size(); ++cpu) {
    CpuState& state = cpus_[cpu];
    if (state.running == kNoTid || scheduler_->ready_count() == 0) continue;
    Thread& running = threads_[state.running];
    const Tick ran = std::max<Tick>(0, now - state.run_start);
    running.remaining_burst = running.user_code ? kUnknownCycles : state.remaining_at_start - ran * cycles_per_tick(cpu);
    if (!scheduler_->should_preempt(running, cpu, now)) continue;
    if (running.user_code) {  // it has executed ahead to the end of its slice: preempt it there
      state.preempt_requested = true;
      continue;
    }
    preempt(cpu, PreemptReason::HigherPriority);
    const Tid next = scheduler_->pick_next(cpu, now);
    KS_ASSERT(next != kNoTid, "a scheduler that preempts has a thread to run instead");
    dispatch(cpu, next);
  }
  enqueued_since_decision_ = false;
}

void Kernel::schedule_periodic() {
  const Tick next = scheduler_->next_periodic(machine_.now());
  if (next != kNever) machine_.queue().schedule(std::max(next, machine_.now()), kPhasePeriodic, *this, kPeriodic, 0);
}

void Kernel::set_state(Thread& thread, ProcessState to, CpuId cpu) {
  emit(EventKind::StateChanged, cpu, &thread, static_cast<std::int64_t>(thread.state), static_cast<std::int64_t>(to));
  thread.state = to;
}

void Kernel::emit(EventKind kind, CpuId cpu, const Thread* thread, std::int64_t a, std::int64_t b) {
  Trace& trace = machine_.trace();
  if (!trace.recording()) return;
  trace.emit({machine_.now(), kind, cpu, thread ? thread->pid : kNoPid, thread ? thread->tid : 0, a, b});
}

// USER CODE RUNS AHEAD. A RISC-V program cannot say in advance when it will stop, so the hart
// executes it eagerly, one slice at a time (at most user_slice ticks, never past the timer's
// deadline), and the kernel handles the end of the slice (a system call, a fault, or nothing)
// at the virtual time the slice's cycles take. Harts therefore interleave slice by slice, in
// event order; a preemption decided in the middle of a slice happens at its end.
void Kernel::run_user_slice(CpuId cpu) {
  CpuState& state = cpus_[cpu];
  Thread& thread = threads_[state.running];
  const Tick start = std::max(machine_.now(), state.run_start);
  Tick limit = config_.user_slice;
  const Tick deadline = machine_.timer().deadline(cpu);
  if (deadline != kNever) limit = std::min(limit, deadline - start);
  if (limit <= 0) return;  // the quantum is over: the timer interrupt preempts the thread now
  user_->cpu.set_time(static_cast<std::uint64_t>(start));
  state.pending = user_->cpu.run(cpu, thread.context, limit * cycles_per_tick(cpu));
  state.slice_start = start;
  const Tick took = std::max<Tick>(1, ceil_div(state.pending.used, cycles_per_tick(cpu)));
  machine_.queue().schedule(start + took, kPhaseRunEnd, *this, kRunEnd, run_end_arg(cpu, state.generation));
}

void Kernel::finish_user_slice(CpuId cpu) {
  CpuState& state = cpus_[cpu];
  Thread& thread = threads_[state.running];
  const StopInfo stop = state.pending;
  switch (stop.reason) {
    case StopReason::Syscall:
      handle_syscall(cpu, thread);
      return;
    case StopReason::BudgetSpent:
      break;
    case StopReason::IoRequest:
    case StopReason::Exit:
      KS_ASSERT(false, "the rv32ima model stops only for budget, system calls and faults");
      break;
    default:
      kill_for_fault(cpu, thread, stop);
      return;
  }
  if (state.preempt_requested) {
    preempt(cpu, PreemptReason::HigherPriority);
    return;
  }
  run_user_slice(cpu);
}

void Kernel::handle_syscall(CpuId cpu, Thread& thread) {
  CpuState& state = cpus_[cpu];
  Rv32imaModel& hart = user_->cpu;
  SyscallContext call;
  call.number = hart.reg(thread.context, 17);
  for (unsigned i = 0; i < 6; ++i) call.args[i] = hart.reg(thread.context, 10 + i);
  call.space = &user_->spaces.at(thread.pid);
  call.pid = thread.pid;
  call.parent = processes_[thread.pid].parent;
  call.now = machine_.now();
  call.console_write = [this, &thread](int fd, std::string_view text) { console_write(thread, fd, text); };
  const SyscallOutcome outcome = do_syscall(call);
  ++syscalls_;
  const Tick ran = std::max<Tick>(0, machine_.now() - state.run_start);
  switch (outcome.kind) {
    case SyscallOutcome::Kind::Exit:
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      stop_running(cpu);
      exit_thread(cpu, thread, ran, outcome.value);
      return;
    case SyscallOutcome::Kind::Return:
      hart.finish_syscall(thread.context, static_cast<std::uint32_t>(outcome.value));
      emit(EventKind::Syscall, cpu, &thread, call.number, outcome.value);
      break;
    case SyscallOutcome::Kind::Yield:
      hart.finish_syscall(thread.context, 0);
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      preempt(cpu, PreemptReason::Yield);
      return;
    case SyscallOutcome::Kind::Sleep: {
      hart.finish_syscall(thread.context, 0);
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      stop_running(cpu);
      emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(BlockReason::Sleep), ran);
      set_state(thread, ProcessState::Blocked, cpu);
      scheduler_->on_stop(thread, cpu, ran, StopKind::Blocked, machine_.now());
      machine_.queue().schedule(machine_.now() + std::max<std::int64_t>(outcome.value, 1), arrival_phase(), *this, kWakeSleeper, thread.tid);
      return;
    }
  }
  if (state.preempt_requested) {
    preempt(cpu, PreemptReason::HigherPriority);
    return;
  }
  run_user_slice(cpu);
}

void Kernel::kill_for_fault(CpuId cpu, Thread& thread, const StopInfo& stop) {
  ++faults_;
  std::int64_t status = kKilledSegfault;
  if (stop.reason == StopReason::IllegalInstruction) status = kKilledIllegal;
  if (stop.reason == StopReason::Breakpoint) status = kKilledBreakpoint;
  if (stop.reason == StopReason::MisalignedAccess) status = kKilledBus;
  const std::int64_t address = stop.reason == StopReason::PageFault || stop.reason == StopReason::MisalignedAccess ? stop.detail : stop.pc;
  emit(EventKind::UserFault, cpu, &thread, address, static_cast<std::int64_t>(stop.reason));
  console_write(thread, 2, fault_message(thread.pid, stop, user_->cpu.last_fault(thread.context)));
  const Tick ran = std::max<Tick>(0, machine_.now() - cpus_[cpu].run_start);
  stop_running(cpu);
  exit_thread(cpu, thread, ran, status);
}

void Kernel::console_write(const Thread& thread, int fd, std::string_view text) {
  console_.append(text);
  Trace& trace = machine_.trace();
  if (!trace.recording()) return;
  emit(EventKind::ConsoleOutput, kNoCpu, &thread, fd, trace.add_name(text));
}

std::uint8_t Kernel::arrival_phase() const {
  return config_.tie_rule == TieRule::ArrivalFirst ? kPhaseArrivalFirst : kPhaseArrivalLast;
}

Cycles Kernel::cycles_per_tick(CpuId cpu) const {
  return Cycles{machine_.cpu_speed(cpu)} * kWorkPerTick / kSpeedOne;
}

}  // namespace ks
