// kernel/trap/trap.h — the trap path: where a user program's trip into the kernel is handled.
//
// As xv6's usertrap() is the one place where a system call, a device interrupt and a fault part
// ways, Trap::user_trap is where the end of a user slice that stopped for a reason other than
// its budget goes: a system call (ecall) to the handler the system-call table names
// (kernel/trap/syscall_table.h; the calls: kernel/proc/syscalls.h), a page fault to the memory
// manager (kernel/mm/page_fault.h), which resolves it, blocks the thread until it can be
// resolved, or says it is fatal; and every other fault (an illegal instruction,
// a misaligned access, a breakpoint) kills the process with the signal a Unix shell reports.
// Device interrupts (the timer, I/O completions) arrive at Kernel::on_interrupt.
#pragma once

#include <array>
#include <cstdint>

#include "cpu-models/cpu_model.h"
#include "kernel/mm/paging_mode.h"
#include "kernel/proc/syscalls.h"
#include "kernel/proc/thread.h"

namespace ks {

class Kernel;

class Trap {
 public:
  explicit Trap(Kernel& kernel) : kernel_(kernel) {}

  // THREAD, running on CPU, stopped at STOP (a system call or a fault).
  void user_trap(CpuId cpu, Thread& thread, const StopInfo& stop);
  std::uint64_t syscalls() const { return syscalls_; }
  std::uint64_t faults() const { return faults_; }
  // Page faults resolved, by PageFaultKind; copies made by copy-on-write; processes killed for
  // want of memory.
  std::uint64_t resolved_faults(PageFaultKind kind) const { return resolved_[static_cast<std::size_t>(kind)]; }
  std::uint64_t cow_copies() const { return cow_copies_; }
  std::uint64_t oom_kills() const { return oom_kills_; }

  // A fault the memory manager resolved at VA, during the trap of the thread it is handling (a
  // page fault, or a system call's copy of user memory): traced and counted.
  void fault_resolved(std::uint32_t va, PageFaultKind kind, bool copied);
  // The pager's fault task runs on after a wait, outside any trap: the faults it resolves are
  // THREAD's (on CPU, or kNoCpu once it has waited).
  void observe_faults_of(CpuId cpu, const Thread* thread) {
    trap_cpu_ = cpu;
    trap_thread_ = thread;
  }

 private:
  void syscall(CpuId cpu, Thread& thread);
  SyscallOutcome route_syscall(Thread& thread, const SyscallContext& call);
  void page_fault(CpuId cpu, Thread& thread, const StopInfo& stop);
  void fatal_fault(CpuId cpu, Thread& thread, const StopInfo& stop);
  void out_of_memory(CpuId cpu, Thread& thread, const StopInfo* stop, std::uint32_t address);
  // The fault of THREAD, which trapped at STOP, handled by the pager's task (swap); CPU is kNoCpu
  // when the task ended after THREAD had blocked for it.
  void fault_handled(CpuId cpu, Thread& thread, const StopInfo& stop, std::int64_t outcome);
  // Ends THREAD (running on CPU, or blocked when CPU is kNoCpu) and its process with SIGNAL.
  void kill(CpuId cpu, Thread& thread, std::int32_t signal);

  Kernel& kernel_;
  std::uint64_t syscalls_ = 0, faults_ = 0;
  std::array<std::uint64_t, kPageFaultKinds> resolved_{};
  std::uint64_t cow_copies_ = 0, oom_kills_ = 0;
  // The trap being handled: whose faults fault_resolved() reports.
  CpuId trap_cpu_ = kNoCpu;
  const Thread* trap_thread_ = nullptr;
};

}  // namespace ks
