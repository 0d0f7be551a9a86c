// The system calls of threads: thread_create and thread_join (gettid is in syscalls.cpp; exit of
// one thread and exit_group of all are handled in Kernel::handle_syscall).
//
// The threads of a process share its address space, its descriptors and its working directory;
// each has its own rv32ima context (registers and pc) and is scheduled like any thread. A thread
// that ends stays joinable until some thread of its process joins it (once) or the process ends.
#include "kernel/kernel.h"
#include "kernel/proc/user_machine.h"

namespace ks {
namespace {

constexpr std::size_t kMaxThreadsPerProcess = 64;

}  // namespace

// thread_create(entry, arg, stack_top): a new thread of the caller's process starting at
// ENTRY with a0 = ARG and sp = STACK_TOP.
SyscallOutcome Kernel::sys_thread_create(Tid tid, const SyscallContext& call) {
  const Thread caller = threads_[tid];  // a copy: adding the thread moves the table
  const std::uint32_t entry = call.args[0], arg = call.args[1], stack_top = call.args[2];
  if (entry == 0 || entry % 4 != 0 || stack_top % 4 != 0) return syscall_error(err::kInvalid);
  if (stack_top < 16 || !call.space().can_access(stack_top - 16, 16, true)) return syscall_error(err::kFault);
  UserProcess& process = *call.process;
  if (process.threads.size() >= kMaxThreadsPerProcess) return syscall_error(err::kAgain);
  const ContextId context =
      user_->cpu.create_context(entry, stack_top, process.space->root_frame() << kPageShift, MmuMode::Sv32, process.asid);
  user_->cpu.set_reg(context, rv32::kA0, arg);
  return syscall_result(add_user_thread(caller.pid, context, caller));
}

// thread_join(tid): the exit status of thread TID of the caller's process, waiting for its end.
SyscallOutcome Kernel::sys_thread_join(Tid tid, const SyscallContext& call) {
  const auto target = static_cast<Tid>(call.args[0]);
  if (target == tid) return syscall_error(err::kInvalid);
  const auto it = user_->threads.find(target);
  if (it == user_->threads.end() || threads_[target].pid != threads_[tid].pid) return syscall_error(err::kNoProcess);
  UserThread& joined = it->second;
  if (joined.joined) return syscall_error(err::kInvalid);
  if (!joined.exited) return syscall_block(joined.joiners, BlockReason::Wait);
  joined.joined = true;
  return syscall_result(joined.exit_status);
}

}  // namespace ks
