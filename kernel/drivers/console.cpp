// The console driver (design: console.h): output goes to the console text and the trace; input
// wakes every reader, who reads again.
#include "kernel/drivers/console.h"

#include <algorithm>

#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/sync/wait.h"

namespace ks {

void ConsoleDriver::write(const Thread& thread, int stream, std::string_view text) {
  output_.append(text);
  Trace& trace = kernel_.machine_.trace();
  if (!trace.recording()) return;
  kernel_.emit(EventKind::ConsoleOutput, kNoCpu, &thread, stream, trace.add_name(text));
}

void ConsoleDriver::input(std::string_view text) {
  state_.input.append(text);
  if (kernel_.user_) kernel_.waits_->wake_all(state_.readers);
}

void ConsoleDriver::close_input() {
  state_.input_closed = true;
  if (kernel_.user_) kernel_.waits_->wake_all(state_.readers);
}

bool ConsoleDriver::waiting_for_input() const {
  const ProcessTable& table = *kernel_.table_;
  return std::any_of(
      state_.readers.waiters.begin(), state_.readers.waiters.end(),
      [&table](const WaitQueue::Waiter& waiter) { return table.thread(waiter.tid).state == ProcessState::Blocked; });
}

}  // namespace ks
