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

#include <cstdint>

#include "cpu-models/cpu_model.h"
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

 private:
  void syscall(CpuId cpu, Thread& thread);
  SyscallOutcome route_syscall(Thread& thread, const SyscallContext& call);
  void page_fault(CpuId cpu, Thread& thread, const StopInfo& stop);
  void fatal_fault(CpuId cpu, Thread& thread, const StopInfo& stop);

  Kernel& kernel_;
  std::uint64_t syscalls_ = 0, faults_ = 0;
};

}  // namespace ks
