// Deadlock: the live threads all wait for one another, and nothing else can happen.
//
// THE RULE (Kernel::deadlocked in kernel/kernel.h). A thread blocked on a wait queue (a pipe,
// wait4, thread_join) is woken only by another thread doing something: writing, reading,
// closing, exiting. A sleeping thread, a thread waiting for a device, a process still to arrive
// and a wake already on its way are events that will happen by themselves. So when every live
// thread is blocked on a wait queue, and no such event is pending, no thread can ever run again:
// the run is deadlocked, and it stops there instead of running to a time limit that nobody set.
// A console with readers and open input is the exception: the person at the terminal may type.
//
// The kernel keeps two counters so that the test costs O(1) at each decision: the user threads
// blocked on a queue (block_on counts them in, wake_blocked out) and the wakes scheduled and not
// yet run. The report is built only once the run has stopped, from the blocked threads'
// registers: a blocked call's pc stays at its ecall, so a7 and a0..a2 still say what it asked.
#include <string>

#include "kernel/kernel.h"
#include "kernel/proc/user_machine.h"

namespace ks {

void Kernel::check_deadlock() {
  if (deadlocked_ || finished_ || !user_ || live_ == 0 || queue_waiters_ != live_ || wakes_pending_ != 0) return;
  if (next_arrival_ != arrivals_.size()) return;
  if (!console_in_.input_closed && console_waiting_for_input()) return;  // the terminal may yet type
  deadlocked_ = true;
  machine_.queue().stop();
}

// "read(fd 3): data in an empty pipe": the call thread TID is blocked in, and what it waits for.
std::string Kernel::describe_wait(Tid tid) const {
  const Thread& thread = threads_[tid];
  const Rv32imaModel& hart = user_->cpu;
  const std::uint32_t number = hart.reg(thread.context, rv32::kA7);
  const auto arg = [&](unsigned i) { return static_cast<std::int32_t>(hart.reg(thread.context, rv32::kA0 + i)); };
  const std::string call(syscall_name(number));
  switch (number) {
    case sys::kRead:
      return call + "(fd " + std::to_string(arg(0)) + "): data in an empty pipe that only blocked threads hold open for writing";
    case sys::kWrite:
      return call + "(fd " + std::to_string(arg(0)) + ", " + std::to_string(static_cast<std::uint32_t>(arg(2))) +
             " bytes): room in a full pipe that only blocked threads hold open for reading";
    case sys::kWait4: return call + "(" + std::to_string(arg(0)) + "): " + (arg(0) > 0 ? "that child" : "a child") + " to exit";
    case sys::kThreadJoin: return call + "(" + std::to_string(arg(0)) + "): thread " + std::to_string(arg(0)) + " to exit";
    default: return call + ": another thread";
  }
}

std::string Kernel::deadlock_report() const {
  if (!deadlocked_) return {};
  std::string report = "deadlock at time " + std::to_string(machine_.now()) +
                       ": every live thread waits for another blocked thread, so none can go on\n";
  for (const auto& [tid, user] : user_->threads) {
    const Thread& thread = threads_[tid];
    if (user.exited || thread.state != ProcessState::Blocked) continue;
    report += "  pid " + std::to_string(thread.pid) + " (" + std::string(machine_.trace().name(processes_[thread.pid].name_id)) +
              ") thread " + std::to_string(tid) + ": " + describe_wait(tid) + "\n";
  }
  return report;
}

}  // namespace ks
