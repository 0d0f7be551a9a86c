// The kernel's TaskDriver (design: kernel_tasks.h): a blocked thread's task, kept by tid, resumed
// by events of the queue, finished by its path's FINISH.
#include "kernel/sync/kernel_tasks.h"

#include <utility>

#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/sync/wait.h"
#include "sim-core/error.h"

namespace ks {

std::optional<std::int64_t> KernelTasks::run(CpuId cpu, Thread& thread, KernelTask<std::int64_t> task, BlockReason why,
                                             Finish finish) {
  KS_ASSERT(!tasks_.contains(thread.tid), "a thread runs one kernel task at a time");
  task.start(*this, thread.tid);
  if (task.done()) return task.result();
  kernel_.waits_->block(cpu, thread, nullptr, why);
  tasks_.emplace(thread.tid, Entry{std::move(task), std::move(finish)});
  return std::nullopt;
}

bool KernelTasks::cancel(Tid tid) {
  const auto found = tasks_.find(tid);
  if (found == tasks_.end()) return true;
  if (!found->second.task.interruptible()) return false;
  tasks_.erase(found);  // destroys the task's frames (and takes it off its wait queue)
  return true;
}

void KernelTasks::schedule_resume(Tick when, WakeToken token) {
  kernel_.machine_.queue().schedule(when, kernel_.processes_->arrival_phase(), *this, 0, token.bits());
}

Tick KernelTasks::now() const { return kernel_.machine_.now(); }

void KernelTasks::on_event(std::uint32_t /*kind*/, std::uint64_t arg) {
  const WakeToken token = WakeToken::from_bits(arg);
  const auto found = tasks_.find(token.task());
  if (found == tasks_.end()) return;  // its thread was killed and the task destroyed
  if (!found->second.task.resume(token) || !found->second.task.done()) return;
  const std::int64_t result = found->second.task.result();
  Finish finish = std::move(found->second.finish);
  tasks_.erase(found);
  finish(kernel_.table_->thread(token.task()), result);
}

}  // namespace ks
