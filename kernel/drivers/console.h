// kernel/drivers/console.h — the console driver: the terminal of user programs.
//
// Output: what programs write to fd 1 and 2 is appended to the console's text and recorded as
// console_output events (kernsim exec and boot echo them). Input: a buffer that the front end
// fills (workload.console_input, or lines typed at a terminal under kernsim boot); a read of
// fd 0 with nothing buffered waits on the console's queue, and new input or the end of input
// wakes every reader. The console's open files (kernel/fs/file.h) read and write through it.
#pragma once

#include <string>
#include <string_view>

#include "kernel/fs/file.h"
#include "kernel/proc/thread.h"

namespace ks {

class Kernel;

class ConsoleDriver {
 public:
  explicit ConsoleDriver(Kernel& kernel) : kernel_(kernel) {}

  // THREAD wrote TEXT to STREAM (1 stdout, 2 stderr).
  void write(const Thread& thread, int stream, std::string_view text);
  const std::string& output() const { return output_; }

  void input(std::string_view text);
  void open_input() { state_.input_closed = false; }
  void close_input();
  bool waiting_for_input() const;
  // True when a reader waits and the terminal may still type (so the run is not deadlocked).
  bool may_get_input() const { return !state_.input_closed && waiting_for_input(); }
  // What the console's open files read from.
  Console& state() { return state_; }

 private:
  Kernel& kernel_;
  Console state_;
  std::string output_;
};

}  // namespace ks
