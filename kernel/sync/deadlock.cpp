// Deadlock: the live threads all wait for one another, and nothing else can happen.
//
// THE RULE (Kernel::deadlocked in kernel/kernel.h; the counting in kernel/sync/wait.h). A thread blocked on a wait
// queue (a pipe, wait4, thread_join) is woken only by another thread doing something: writing, reading, closing,
// exiting. A sleeping thread, a thread waiting for a device, a process still to arrive and a wake already on its way
// are events that will happen by themselves. So when every live thread is blocked on a wait queue, and no such event is
// pending, no thread can ever run again: the run is deadlocked, and it stops there instead of running to a time limit
// that nobody set. A console with readers and open input is the exception: the person at the terminal may type.
//
// The wait service keeps two counters so that the test costs O(1) at each decision: the user
// threads blocked on a queue (block counts them in, wake out) and the wakes scheduled and not
// yet run. The report is built only once the run has stopped, from the blocked threads'
// registers: a blocked call's pc stays at its ecall, so a7 and a0..a2 still say what it asked.
#include <cstdio>
#include <string>

#include "kernel/drivers/console.h"
#include "kernel/exec/user_executor.h"
#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/sync/wait.h"
#include "kernel/trap/syscall_table.h"

namespace ks {

void Waits::check_deadlock() {
  if (kernel_.deadlocked_ || kernel_.finished_ || !kernel_.user_) return;
  const Processes& processes = *kernel_.processes_;
  if (processes.live_threads() == 0 || queue_waiters_ != processes.live_threads() || wakes_pending_ != 0) return;
  if (!processes.all_arrived()) return;
  if (kernel_.console_->may_get_input()) return;  // the terminal may yet type
  kernel_.deadlocked_ = true;
  kernel_.machine_.queue().stop();
}

// "read(fd 3): data in an empty pipe": the call thread TID is blocked in, and what it waits for.
std::string Waits::describe_wait(Tid tid) const {
  const Thread& thread = kernel_.table_->thread(tid);
  const Rv32imaModel& hart = kernel_.user_->harts();
  const std::uint32_t number = hart.reg(thread.context, rv32::kA7);
  const auto arg = [&](unsigned i) { return static_cast<std::int32_t>(hart.reg(thread.context, rv32::kA0 + i)); };
  const std::string call(syscall_name(number));
  switch (number) {
    case syscall_number("read"):
      return call + "(fd " + std::to_string(arg(0)) +
             "): data in an empty pipe that only blocked threads hold open for writing";
    case syscall_number("write"):
      return call + "(fd " + std::to_string(arg(0)) + ", " + std::to_string(static_cast<std::uint32_t>(arg(2))) +
             " bytes): room in a full pipe that only blocked threads hold open for reading";
    case syscall_number("wait4"):
      return call + "(" + std::to_string(arg(0)) + "): " + (arg(0) > 0 ? "that child" : "a child") + " to exit";
    case syscall_number("futex"): {
      char word[16];
      std::snprintf(word, sizeof word, "0x%08x", static_cast<unsigned>(arg(0)));
      return call + "(" + word + ", FUTEX_WAIT): a FUTEX_WAKE on that word";
    }
    case syscall_number("thread_join"):
      return call + "(" + std::to_string(arg(0)) + "): thread " + std::to_string(arg(0)) + " to exit";
    default: return call + ": another thread";
  }
}

std::string Waits::deadlock_report() const {
  if (!kernel_.deadlocked_) return {};
  const ProcessTable& table = *kernel_.table_;
  std::string report = "deadlock at time " + std::to_string(kernel_.machine_.now()) +
                       ": every live thread waits for another blocked thread, so none can go on\n";
  for (Tid tid = 1; tid < table.thread_end(); ++tid) {
    const Thread& thread = table.thread(tid);
    if (!thread.user_code || thread.state != ProcessState::Blocked || !table.process(thread.pid).live_user_process())
      continue;
    report += "  pid " + std::to_string(thread.pid) + " (" +
              std::string(kernel_.machine_.trace().name(table.process(thread.pid).name_id)) + ") thread " +
              std::to_string(tid) + ": " + describe_wait(tid) + "\n";
  }
  return report;
}

}  // namespace ks
