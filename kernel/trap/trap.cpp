// The trap path (design: trap.h): a system call is read from the registers (number in a7,
// arguments in a0..a5), routed, and its outcome applied (return to user, block, yield, sleep,
// exit); a page fault goes to the memory manager; any other fault kills the process.
#include "kernel/trap/trap.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "kernel/drivers/console.h"
#include "kernel/exec/user_executor.h"
#include "kernel/kernel.h"
#include "kernel/mm/page_fault.h"
#include "kernel/mm/pager.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/proc/resources.h"
#include "kernel/sched/dispatcher.h"
#include "kernel/sync/kernel_tasks.h"
#include "kernel/sync/wait.h"
#include "kernel/trap/syscall_table.h"
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
      what = "page fault (" + std::string(to_string(fault.access)) + ", " + std::string(to_string(fault.kind)) +
             ") at " + hex(fault.address);
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

void Trap::user_trap(CpuId cpu, Thread& thread, const StopInfo& stop) {
  trap_cpu_ = cpu;
  trap_thread_ = &thread;
  switch (stop.reason) {
    case StopReason::Syscall: syscall(cpu, thread); return;
    case StopReason::PageFault: page_fault(cpu, thread, stop); return;
    case StopReason::BudgetSpent:
    case StopReason::IoRequest:
    case StopReason::Exit: KS_ASSERT(false, "the rv32ima model traps only for system calls and faults"); return;
    default: fatal_fault(cpu, thread, stop); return;
  }
}

// The call's entry in the system-call table (kernel/trap/syscall_table.h) names its handler: a
// plain function of CALL, or a member of Processes for the calls that change the process and
// thread tables. A number with no entry is no system call.
SyscallOutcome Trap::route_syscall(Thread& thread, const SyscallContext& call) {
  const SyscallEntry* entry = find_syscall(call.number);
  if (entry == nullptr) return syscall_error(err::kNoSystemCall);
  if (entry->handler != nullptr) return entry->handler(call);
  Processes& processes = *kernel_.processes_;
  return (processes.*entry->process_handler)(thread, call);
}

// Handles the system call THREAD (running on CPU) stopped at, and what follows from it.
void Trap::syscall(CpuId cpu, Thread& thread) {
  const Tid tid = thread.tid;
  const Pid pid = thread.pid;
  Machine& machine = kernel_.machine_;
  UserExecutor& user = kernel_.user();
  Rv32imaModel& hart = user.harts();
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  Waits& waits = *kernel_.waits_;
  ConsoleDriver& console = *kernel_.console_;
  Process& process = kernel_.table_->process(pid);
  SyscallContext call;
  call.number = hart.reg(thread.context, rv32::kA7);
  for (unsigned i = 0; i < 6; ++i) call.args[i] = hart.reg(thread.context, rv32::kA0 + i);
  call.process = process.resources.get();
  call.fs = kernel_.fs_.get();
  call.console = &console.state();
  call.pid = pid;
  call.parent = process.parent;
  call.tid = tid;
  call.now = machine.now();
  call.progress = &thread.call_progress;
  call.console_write = [&console, &thread](int stream, std::string_view text) { console.write(thread, stream, text); };
  call.wake = [&waits](WaitQueue& queue) { waits.wake_all(queue); };
  const SyscallOutcome outcome = route_syscall(thread, call);
  if (const std::optional<std::uint32_t> page =
          process.resources ? process.resources->space->take_out_of_memory() : std::nullopt) {
    // A copy of user memory for the call needed a frame and found none: the process dies as
    // it would had it touched the page itself.
    out_of_memory(cpu, thread, nullptr, *page);
    return;
  }
  if (outcome.kind == SyscallOutcome::Kind::Block) {  // not counted: the call runs again on wake
    waits.block(cpu, thread, outcome.queue, outcome.reason, outcome.wake_at);
    return;
  }
  thread.call_progress = 0;
  ++syscalls_;
  const Tick ran = dispatcher.ran_so_far(cpu);
  switch (outcome.kind) {
    case SyscallOutcome::Kind::Exit:
    case SyscallOutcome::Kind::ExitGroup:
      kernel_.emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      if (outcome.kind == SyscallOutcome::Kind::ExitGroup) kernel_.processes_->kill_process(pid, outcome.value, 0);
      dispatcher.stop_running(cpu);
      kernel_.processes_->exit_thread(cpu, thread, ran, outcome.value);
      return;
    case SyscallOutcome::Kind::Return:
      hart.finish_syscall(thread.context, static_cast<std::uint32_t>(outcome.value));
      kernel_.emit(EventKind::Syscall, cpu, &thread, call.number, outcome.value);
      break;
    case SyscallOutcome::Kind::Continue: kernel_.emit(EventKind::Syscall, cpu, &thread, call.number, 0); break;
    case SyscallOutcome::Kind::Yield:
      hart.finish_syscall(thread.context, 0);
      kernel_.emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      dispatcher.preempt(cpu, PreemptReason::Yield);
      return;
    case SyscallOutcome::Kind::Sleep:
      hart.finish_syscall(thread.context, 0);
      kernel_.emit(EventKind::Syscall, cpu, &thread, call.number, 0);
      waits.block(cpu, thread, nullptr, BlockReason::Sleep, machine.now() + std::max<std::int64_t>(outcome.value, 1));
      return;
    case SyscallOutcome::Kind::Block: break;  // handled above
  }
  user.resume(cpu);
}

void Trap::page_fault(CpuId cpu, Thread& thread, const StopInfo& stop) {
  AddressSpace& space = *kernel_.table_->process(thread.pid).resources->space;
  const Rv32Fault& fault = kernel_.user().harts().last_fault(thread.context);
  if (Pager* pager = space.pager()) {
    // With swap, the fault may wait for the disk: it runs as the pager's task, and the thread
    // blocks while it waits (kernel/mm/pager.h).
    const Tid tid = thread.tid;
    const std::optional<std::int64_t> outcome = kernel_.tasks_->run(
        cpu, thread, pager->fault(cpu, tid, space.id(), fault.address, fault.access), BlockReason::Paging,
        [this, stop](Thread& blocked, std::int64_t result) { fault_handled(kNoCpu, blocked, stop, result); });
    if (outcome) fault_handled(cpu, thread, stop, *outcome);
    return;
  }
  PageFaultKind kind = PageFaultKind::Protection;
  fault_handled(cpu, thread, stop, encode_fault(handle_page_fault(space, fault.address, fault.access, kind), kind));
}

void Trap::fault_handled(CpuId cpu, Thread& thread, const StopInfo& stop, std::int64_t outcome) {
  if (cpu == kNoCpu && (thread.must_exit || kernel_.table_->process(thread.pid).exiting)) {
    // Killed, or ended by another thread's exec, while its task waited for the disk: whatever the
    // task found (perhaps that the old address space is gone), the thread now only ends.
    kernel_.waits_->wake_soon(thread.tid);
    return;
  }
  const std::uint32_t address = kernel_.user().harts().last_fault(thread.context).address;
  switch (fault_resolution(outcome)) {
    case FaultResolution::Resolved:  // the instruction runs again (fault_resolved traced it)
      if (cpu != kNoCpu) {
        kernel_.user().resume(cpu);
      } else {
        kernel_.waits_->wake_soon(thread.tid);
      }
      return;
    case FaultResolution::OutOfMemory: out_of_memory(cpu, thread, &stop, address); return;
    case FaultResolution::SwapIn:  // only the pager's task resolves these
    case FaultResolution::Fatal:
      if (kernel_.table_->process(thread.pid).resources->space->mode() == PagingMode::Demand) {
        // an eager space's faults are all fatal: user_fault says it
        kernel_.emit(EventKind::PageFault, cpu, &thread, address, static_cast<std::int64_t>(fault_kind(outcome)));
      }
      fatal_fault(cpu, thread, stop);
      return;
  }
}

void Trap::fault_resolved(std::uint32_t va, PageFaultKind kind, bool copied) {
  ++resolved_[static_cast<std::size_t>(kind)];
  kernel_.emit(EventKind::PageFault, trap_cpu_, trap_thread_, va, static_cast<std::int64_t>(kind));
  if (copied) {
    ++cow_copies_;
    kernel_.emit(EventKind::CowCopy, trap_cpu_, trap_thread_, va, 0);
  }
}

// Out of memory: a frame was needed at ADDRESS (for the instruction at STOP's pc, or for a system
// call's copy when STOP is null) and none is free. Without swap there is nothing to take a frame
// from, so the process that asked dies, as Linux's OOM killer's victim does (SIGKILL, status
// 137), with a message saying why; the simulation goes on.
void Trap::out_of_memory(CpuId cpu, Thread& thread, const StopInfo* stop, std::uint32_t address) {
  constexpr std::int32_t kSignalKill = 9;
  ++oom_kills_;
  const AddressSpace& space = *kernel_.table_->process(thread.pid).resources->space;
  kernel_.emit(EventKind::OomKill, cpu, &thread, address, space.page_count());
  const std::string name(kernel_.machine_.trace().name(kernel_.table_->process(thread.pid).name_id));
  std::string message = "kernsim: process " + std::to_string(thread.pid) + " (" + name +
                        ") killed: out of memory (no free frame for the page at " + hex(address & ~kPageOffsetMask) +
                        "; it held " + std::to_string(space.page_count()) + " frames)";
  message += stop != nullptr ? ", pc " + hex(stop->pc) + "\n" : ", in a system call\n";
  kernel_.console_->write(thread, 2, message);
  kill(cpu, thread, kSignalKill);
}

void Trap::kill(CpuId cpu, Thread& thread, std::int32_t signal) {
  kernel_.processes_->kill_process(thread.pid, 128 + signal, signal);
  if (cpu == kNoCpu) return;  // blocked: kill_process woke it, and it ends when it runs next
  const Tick ran = kernel_.dispatcher_->ran_so_far(cpu);
  kernel_.dispatcher_->stop_running(cpu);
  kernel_.processes_->exit_thread(cpu, thread, ran, 128 + signal);
}

void Trap::fatal_fault(CpuId cpu, Thread& thread, const StopInfo& stop) {
  ++faults_;
  std::int32_t signal = kSignalSegfault;
  if (stop.reason == StopReason::IllegalInstruction) signal = kSignalIllegal;
  if (stop.reason == StopReason::Breakpoint) signal = kSignalBreakpoint;
  if (stop.reason == StopReason::MisalignedAccess) signal = kSignalBus;
  const std::int64_t address =
      stop.reason == StopReason::PageFault || stop.reason == StopReason::MisalignedAccess ? stop.detail : stop.pc;
  kernel_.emit(EventKind::UserFault, cpu, &thread, address, static_cast<std::int64_t>(stop.reason));
  kernel_.console_->write(thread, 2,
                          fault_message(thread.pid, stop, kernel_.user().harts().last_fault(thread.context)));
  kill(cpu, thread, signal);
}

}  // namespace ks
