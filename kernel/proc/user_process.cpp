// User programs as processes: loading, running in slices, system calls, blocking and waking,
// the end of threads and processes. The Kernel's members for user code (kernel/kernel.h).
//
// BLOCKING SYSTEM CALLS ARE RESTARTED. A call that must wait (a pipe is empty, the console has
// no input, wait4 finds no dead child, thread_join finds its thread running) leaves the pc AT
// the ecall and blocks the thread on a wait queue (block_on). Whoever changes the condition
// wakes the whole queue through the event queue, at the current virtual time (wake_all: one
// kWakeBlocked event per waiter). A woken thread is made ready; when it runs, it executes the
// ecall again, so the call starts afresh with the registers the program left, and finds its
// condition (or blocks again). A blocked call therefore keeps no state in the kernel (but for
// what a long pipe write has already moved: UserThread::call_progress, see syscalls.h), a
// spurious wake costs one more ecall and nothing else, and killing a blocked thread is just a
// wake: it ends at its next entry into the kernel. Each block bumps the thread's wait
// generation and a wake names the generation it is for, so a stale wake (from a queue the
// thread left long ago) finds nothing to do. Sleep is the one call that completes before it
// blocks (the pc moves past the ecall) and is woken by a timed kWakeBlocked event.
//
// KILLING. exit_group, kill() and faults mark the process as exiting; its threads end at their
// next entry into the kernel (the end of their slice, their next dispatch, or their wake), as
// signals are delivered in Unix on the way back to user mode. The last thread to end ends the
// process: its descriptors are closed, its memory freed, its children re-parented to pid 1, and
// its parent's wait4 woken. The process stays a zombie (Process::exited) until it is waited for.
#include <algorithm>
#include <cstdio>

#include "kernel/kernel.h"
#include "kernel/proc/elf_loader.h"
#include "kernel/proc/user_machine.h"
#include "sim-core/error.h"

namespace ks {
namespace {

// Exit statuses of programs killed by a fault, as a shell reports a death by signal (128 + N).
constexpr std::int32_t kSignalIllegal = 4;     // SIGILL
constexpr std::int32_t kSignalBreakpoint = 5;  // SIGTRAP
constexpr std::int32_t kSignalBus = 7;         // SIGBUS: misaligned access
constexpr std::int32_t kSignalSegfault = 11;   // SIGSEGV: page fault

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

Pid Kernel::new_process(Pid parent, std::uint32_t name_id) {
  const auto pid = static_cast<Pid>(processes_.size());
  Process process;
  process.pid = pid;
  process.parent = parent;
  process.name_id = name_id;
  processes_.push_back(process);
  return pid;
}

// The modelled TLB's misses and flushes, as trace events of the thread running on the hart. A
// slice runs ahead (see above), so they carry the time the slice began: the trace stays in time
// order, and a miss is placed within its slice, not at its exact cycle.
class Kernel::TlbTracer final : public TlbObserver {
 public:
  TlbTracer(Kernel& kernel, CpuId hart) : kernel_(kernel), hart_(hart) {}
  void tlb_missed(std::uint32_t vpn, std::uint16_t asid) override { record(EventKind::TlbMiss, vpn, asid); }
  void tlb_flushed(TlbFlushScope scope, std::uint32_t target) override {
    record(EventKind::TlbFlush, static_cast<std::int64_t>(scope), target);
  }

 private:
  void record(EventKind kind, std::int64_t a, std::int64_t b) {
    if (!kernel_.machine_.trace().recording()) return;
    const Tid running = kernel_.cpus_[hart_].running;
    kernel_.emit(kind, hart_, running == kNoTid ? nullptr : &kernel_.threads_[running], a, b);
  }
  Kernel& kernel_;
  CpuId hart_;
};

Pid Kernel::add_user_process(const UserProcessSpec& spec) {
  KS_ASSERT(!started_, "processes are added before the run starts");
  const ElfImage image = elf_parse(spec.image, spec.file);
  if (!user_) {
    user_ = std::make_unique<UserMachine>(config_.memory_frames, machine_.cpu_count());
    for (CpuId hart = 0; hart < user_->cpu.hart_count(); ++hart) {
      user_->tlb_tracers.push_back(std::make_unique<TlbTracer>(*this, hart));
      user_->cpu.set_tlb_observer(hart, user_->tlb_tracers.back().get());
    }
  }
  auto space = std::make_unique<AddressSpace>(user_->memory, user_->allocator);
  const std::optional<std::uint32_t> sp = space->load(image, spec.argv);
  if (!sp) {
    throw InputError({spec.file, 0, 0, {}}, "does not fit in the machine's memory (" +
                                                std::to_string(config_.memory_frames * kPageSize / 1024) + " KiB)");
  }
  const std::optional<std::uint16_t> asid = user_->take_asid();
  if (!asid) throw InputError({spec.file, 0, 0, {}}, "too many user programs at once (the TLB has 511 address-space identifiers)");
  const Pid pid = new_process(kNoPid, machine_.trace().add_name(spec.name));
  const auto tid = static_cast<Tid>(threads_.size());
  processes_[pid].main_thread = tid;
  UserProcess& process = user_->processes[pid];
  process.asid = *asid;
  for (int stream = 0; stream < 3; ++stream) process.fds.add(console_file(stream));
  fs_.open_inode(process.cwd);
  process.threads.push_back(tid);
  user_->threads[tid];

  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.user_code = true;
  thread.context = user_->cpu.create_context(image.entry, *sp, space->root_frame() << kPageShift, MmuMode::Sv32, *asid);
  thread.priority = spec.priority;
  thread.nice = spec.nice;
  thread.tickets = spec.tickets;
  thread.affinity = spec.affinity;
  thread.arrival = spec.arrival;
  threads_.push_back(thread);
  process.space = std::move(space);
  return pid;
}

// A new thread of user process PID running CONTEXT, with LIKE's scheduling attributes, made
// ready now. The first thread of a process (fork) reports the process's creation.
Tid Kernel::add_user_thread(Pid pid, ContextId context, const Thread& like) {
  const auto tid = static_cast<Tid>(threads_.size());
  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.user_code = true;
  thread.context = context;
  thread.priority = like.priority;
  thread.nice = like.nice;
  thread.tickets = like.tickets;
  thread.affinity = like.affinity;
  thread.arrival = machine_.now();
  threads_.push_back(thread);  // invalidates references into threads_ (LIKE is a copy)
  user_->processes.at(pid).threads.push_back(tid);
  user_->threads[tid];
  ++live_;
  Process& process = processes_[pid];
  if (process.main_thread == kNoTid) {
    process.main_thread = tid;
    emit(EventKind::ProcessCreated, kNoCpu, &threads_[tid], process.parent, process.name_id);
  }
  make_ready(threads_[tid], EnqueueReason::Arrival);
  return tid;
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

Tick Kernel::ran_so_far(CpuId cpu) const { return std::max<Tick>(0, machine_.now() - cpus_[cpu].run_start); }

// USER CODE RUNS AHEAD. A RISC-V program cannot say in advance when it will stop, so the hart
// executes it eagerly, one slice at a time (at most user_slice ticks, never past the timer's
// deadline), and the kernel handles the end of the slice (a system call, a fault, or nothing)
// at the virtual time the slice's cycles take. Harts therefore interleave slice by slice, in
// event order; a preemption decided in the middle of a slice happens at its end.
void Kernel::run_user_slice(CpuId cpu) {
  CpuState& state = cpus_[cpu];
  Thread& thread = threads_[state.running];
  if (end_if_killed(cpu, thread)) return;
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
  if (end_if_killed(cpu, thread)) return;
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

// The calls that change the kernel's tables are its members; the rest need only CALL.
SyscallOutcome Kernel::route_syscall(Tid tid, const SyscallContext& call) {
  switch (call.number) {
    case sys::kFork: return sys_fork(tid);
    case sys::kWait4: return sys_wait4(tid, call);
    case sys::kExecve: return sys_execve(tid, call);
    case sys::kKill: return sys_kill(tid, call);
    case sys::kThreadCreate: return sys_thread_create(tid, call);
    case sys::kThreadJoin: return sys_thread_join(tid, call);
    case sys::kProcessList: return sys_process_list(call);
    case sys::kExit: return {SyscallOutcome::Kind::Exit, call.arg_int(0)};
    case sys::kExitGroup: return {SyscallOutcome::Kind::ExitGroup, call.arg_int(0)};
    default: return do_syscall(call);
  }
}

// Handles the system call THREAD (running on CPU) stopped at, and what follows from it.
void Kernel::handle_syscall(CpuId cpu, Thread& current) {
  const Tid tid = current.tid;
  const Pid pid = current.pid;
  Rv32imaModel& hart = user_->cpu;
  SyscallContext call;
  call.number = hart.reg(current.context, rv32::kA7);
  for (unsigned i = 0; i < 6; ++i) call.args[i] = hart.reg(current.context, rv32::kA0 + i);
  call.process = &user_->processes.at(pid);
  call.fs = &fs_;
  call.console = &console_in_;
  call.pid = pid;
  call.parent = processes_[pid].parent;
  call.tid = tid;
  call.now = machine_.now();
  call.progress = &user_->threads.at(tid).call_progress;
  call.console_write = [this, tid](int stream, std::string_view text) { console_write(threads_[tid], stream, text); };
  call.wake = [this](WaitQueue& queue) { wake_all(queue); };
  const SyscallOutcome outcome = route_syscall(tid, call);
  Thread& thread = threads_[tid];  // fork and thread_create may have moved the thread table
  if (outcome.kind == SyscallOutcome::Kind::Block) {  // not counted: the call runs again on wake
    block_on(cpu, thread, outcome.queue, outcome.reason);
    return;
  }
  if (const auto user = user_->threads.find(tid); user != user_->threads.end()) user->second.call_progress = 0;
  ++syscalls_;
  const Tick ran = ran_so_far(cpu);
  switch (outcome.kind) {
    case SyscallOutcome::Kind::Exit:
    case SyscallOutcome::Kind::ExitGroup:
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      if (outcome.kind == SyscallOutcome::Kind::ExitGroup) kill_process(pid, outcome.value, 0);
      stop_running(cpu);
      exit_thread(cpu, thread, ran, outcome.value);
      return;
    case SyscallOutcome::Kind::Return:
      hart.finish_syscall(thread.context, static_cast<std::uint32_t>(outcome.value));
      emit(EventKind::Syscall, cpu, &thread, call.number, outcome.value);
      break;
    case SyscallOutcome::Kind::Continue:
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      break;
    case SyscallOutcome::Kind::Yield:
      hart.finish_syscall(thread.context, 0);
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      preempt(cpu, PreemptReason::Yield);
      return;
    case SyscallOutcome::Kind::Sleep:
      hart.finish_syscall(thread.context, 0);
      emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      block_on(cpu, thread, nullptr, BlockReason::Sleep, machine_.now() + std::max<std::int64_t>(outcome.value, 1));
      return;
    case SyscallOutcome::Kind::Block: break;  // handled above
  }
  if (cpus_[cpu].preempt_requested) {
    preempt(cpu, PreemptReason::HigherPriority);
    return;
  }
  run_user_slice(cpu);
}

// Blocks THREAD, running on CPU, on QUEUE (if any) for WHY; WAKE_AT: also wake it then.
void Kernel::block_on(CpuId cpu, Thread& thread, WaitQueue* queue, BlockReason why, Tick wake_at) {
  const Tick ran = ran_so_far(cpu);
  stop_running(cpu);
  UserThread& user = user_->threads.at(thread.tid);
  ++user.wait_generation;
  user.blocked_for = why;
  user.on_queue = queue != nullptr;
  if (queue != nullptr) {
    queue->waiters.push_back({thread.tid, user.wait_generation});
    ++queue_waiters_;
  }
  emit(EventKind::Blocked, cpu, &thread, static_cast<std::int64_t>(why), ran);
  set_state(thread, ProcessState::Blocked, cpu);
  scheduler_->on_stop(thread, cpu, ran, StopKind::Blocked, machine_.now());
  if (wake_at != kNever) schedule_wake(wake_at, thread.tid, user.wait_generation);
}

// Every wake goes through the event queue, and is counted until it runs (see DEADLOCK).
void Kernel::schedule_wake(Tick at, Tid tid, std::uint32_t generation) {
  ++wakes_pending_;
  machine_.queue().schedule(at, arrival_phase(), *this, kWakeBlocked, (std::uint64_t{generation} << 32) | tid);
}

void Kernel::wake_all(WaitQueue& queue) {
  for (const WaitQueue::Waiter& waiter : queue.waiters) schedule_wake(machine_.now(), waiter.tid, waiter.generation);
  queue.waiters.clear();
}

void Kernel::wake_blocked(Tid tid, std::uint32_t generation) {
  Thread& thread = threads_[tid];
  if (thread.state != ProcessState::Blocked) return;
  const auto user = user_->threads.find(tid);
  if (user == user_->threads.end() || user->second.wait_generation != generation) return;  // a stale wake
  if (user->second.on_queue) {
    user->second.on_queue = false;
    --queue_waiters_;
  }
  emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(user->second.blocked_for), 0);
  make_ready(thread, EnqueueReason::Wakeup);
}

// Ends THREAD (running on CPU) if its process is being killed or another thread ran exec.
bool Kernel::end_if_killed(CpuId cpu, Thread& thread) {
  const UserProcess& process = user_->processes.at(thread.pid);
  if (!process.exiting && !user_->threads.at(thread.tid).must_exit) return false;
  const Tick ran = ran_so_far(cpu);
  stop_running(cpu);
  exit_thread(cpu, thread, ran, process.exiting ? process.exit_status : 0);
  return true;
}

// Marks process PID as ending with STATUS (killed by SIGNAL when not 0); wakes its blocked
// threads so that they end too. The first kill wins.
void Kernel::kill_process(Pid pid, std::int64_t status, std::int32_t signal) {
  UserProcess& process = user_->processes.at(pid);
  if (process.exiting) return;
  process.exiting = true;
  process.exit_status = status;
  process.signal = signal;
  for (const Tid tid : process.threads) wake_soon(tid);
}

// Wakes TID, if it is blocked, through the event queue at the current time.
void Kernel::wake_soon(Tid tid) {
  if (threads_[tid].state != ProcessState::Blocked) return;
  schedule_wake(machine_.now(), tid, user_->threads.at(tid).wait_generation);
}

void Kernel::kill_for_fault(CpuId cpu, Thread& thread, const StopInfo& stop) {
  ++faults_;
  std::int32_t signal = kSignalSegfault;
  if (stop.reason == StopReason::IllegalInstruction) signal = kSignalIllegal;
  if (stop.reason == StopReason::Breakpoint) signal = kSignalBreakpoint;
  if (stop.reason == StopReason::MisalignedAccess) signal = kSignalBus;
  const std::int64_t address = stop.reason == StopReason::PageFault || stop.reason == StopReason::MisalignedAccess ? stop.detail : stop.pc;
  emit(EventKind::UserFault, cpu, &thread, address, static_cast<std::int64_t>(stop.reason));
  console_write(thread, 2, fault_message(thread.pid, stop, user_->cpu.last_fault(thread.context)));
  kill_process(thread.pid, 128 + signal, signal);
  const Tick ran = ran_so_far(cpu);
  stop_running(cpu);
  exit_thread(cpu, thread, ran, 128 + signal);
}

// THREAD has ended (exit_thread did the scheduler's part): free its context, wake its joiners,
// and end the process when it was the last thread.
void Kernel::user_thread_gone(Thread& thread, std::int64_t status) {
  exited_instructions_ += user_->cpu.instructions_retired(thread.context);
  exited_cycles_ += user_->cpu.cycles(thread.context);
  user_->cpu.release_context(thread.context);
  UserThread& user = user_->threads.at(thread.tid);
  user.exited = true;
  user.exit_status = status;
  wake_all(user.joiners);
  UserProcess& process = user_->processes.at(thread.pid);
  std::erase(process.threads, thread.tid);
  if (!process.threads.empty()) return;
  Process& record = processes_[thread.pid];
  record.exit_status = process.exiting ? process.exit_status : status;
  record.signal = process.signal;
  end_user_process(thread.pid);
}

void Kernel::end_user_process(Pid pid) {
  UserProcess& process = user_->processes.at(pid);
  const auto wake = [this](WaitQueue& queue) { wake_all(queue); };
  for (FileRef& file : process.fds.take_all()) release_file(std::move(file), fs_, wake);
  fs_.close_inode(process.cwd);
  process.space.reset();
  user_->free_asid(process.asid);
  for (auto it = user_->threads.begin(); it != user_->threads.end();) {
    it = threads_[it->first].pid == pid ? user_->threads.erase(it) : std::next(it);
  }
  user_->processes.erase(pid);
  processes_[pid].exited = true;
  reparent_children(pid);
  const Pid parent = processes_[pid].parent;
  if (parent != kNoPid && user_->processes.contains(parent)) {
    wake_all(user_->processes.at(parent).child_exited);
  } else {
    processes_[pid].reaped = true;  // nobody will wait for it
  }
}

// The children of PID, which ended, go to pid 1 (init) if it lives; otherwise nobody waits for
// them and they are reaped as soon as they end.
void Kernel::reparent_children(Pid pid) {
  const bool init_lives = pid != 1 && user_->processes.contains(1);
  bool moved = false;
  for (Process& child : processes_) {
    if (child.parent != pid || child.reaped) continue;
    child.parent = init_lives ? 1 : kNoPid;
    if (child.exited && !init_lives) child.reaped = true;
    moved = true;
  }
  if (init_lives && moved) wake_all(user_->processes.at(1).child_exited);
}

void Kernel::console_write(const Thread& thread, int stream, std::string_view text) {
  console_.append(text);
  Trace& trace = machine_.trace();
  if (!trace.recording()) return;
  emit(EventKind::ConsoleOutput, kNoCpu, &thread, stream, trace.add_name(text));
}

void Kernel::console_input(std::string_view text) {
  console_in_.input.append(text);
  if (user_) wake_all(console_in_.readers);
}

void Kernel::console_open_input() { console_in_.input_closed = false; }

void Kernel::console_close_input() {
  console_in_.input_closed = true;
  if (user_) wake_all(console_in_.readers);
}

bool Kernel::console_waiting_for_input() const {
  return std::any_of(console_in_.readers.waiters.begin(), console_in_.readers.waiters.end(),
                     [this](const WaitQueue::Waiter& waiter) { return threads_[waiter.tid].state == ProcessState::Blocked; });
}

}  // namespace ks
