// The system calls of threads: thread_create and thread_join, members of Processes
// (kernel/proc/processes.h). gettid is in syscalls.cpp, as are exit of one thread and exit_group
// of all, whose ends the trap path carries out (kernel/trap/trap.cpp).
//
// The threads of a process share its address space, its descriptors and its working directory;
// each has its own rv32ima context (registers and pc) and is scheduled like any thread. A thread
// that ends stays joinable until some thread of its process joins it (once) or the process ends.
#include "kernel/exec/user_executor.h"
#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/proc/resources.h"

namespace ks {
namespace {

constexpr std::size_t kMaxThreadsPerProcess = 64;

}  // namespace

// thread_create(entry, arg, stack_top): a new thread of the caller's process starting at
// ENTRY with a0 = ARG and sp = STACK_TOP.
SyscallOutcome Processes::sys_thread_create(Thread& caller, const SyscallContext& call) {
  const std::uint32_t entry = call.args[0], arg = call.args[1], stack_top = call.args[2];
  if (entry == 0 || entry % 4 != 0 || stack_top % 4 != 0) return syscall_error(err::kInvalid);
  if (stack_top < 16 || !call.space().can_access(stack_top - 16, 16, true)) return syscall_error(err::kFault);
  ProcessResources& process = *call.process;
  Rv32imaModel& harts = kernel_.user().harts();
  if (process.threads.size() >= kMaxThreadsPerProcess) return syscall_error(err::kAgain);
  const ContextId context =
      harts.create_context(entry, stack_top, process.space->root_frame() << kPageShift, MmuMode::Sv32, process.asid);
  harts.set_reg(context, rv32::kA0, arg);
  return syscall_result(add_user_thread(caller.pid, context, caller));
}

// thread_join(tid): the exit status of thread TID of the caller's process, waiting for its end.
SyscallOutcome Processes::sys_thread_join(Thread& caller, const SyscallContext& call) {
  ProcessTable& table = *kernel_.table_;
  const auto target = static_cast<Tid>(call.args[0]);
  if (target == caller.tid) return syscall_error(err::kInvalid);
  // Only threads of the caller's process (which lives: the caller is in it) can be joined.
  if (target == 0 || target >= table.thread_end() || table.thread(target).pid != caller.pid)
    return syscall_error(err::kNoProcess);
  Thread& joined = table.thread(target);
  if (joined.joined) return syscall_error(err::kInvalid);
  if (joined.state != ProcessState::Exited) return syscall_block(call.process->joiners[target], BlockReason::Wait);
  joined.joined = true;
  return syscall_result(joined.exit_status);
}

}  // namespace ks
