// kernel/proc/process.h — a process as the kernel keeps it.
//
// A process is a name, a parent, its threads and how it ended; a process of a user program
// also owns resources (ProcessResources, kernel/proc/resources.h): an address space with its
// TLB identifier, a table of file descriptors, a working directory, and the wait queues of
// wait4 and thread_join. Burst processes own none (a million of them stay small). The resources exist from the
// process's creation until its last thread ends; the Process record itself stays (a zombie until its parent's wait4
// reaps it, and after that for the trace's names and the front ends' reports).
#pragma once

#include <cstdint>
#include <memory>

#include "kernel/proc/thread.h"

namespace ks {

struct ProcessResources;  // kernel/proc/resources.h

struct Process {
  // How it ended, once EXITED: the status (a signal's death is 128 + signal) and the signal that
  // killed it (a fault or kill()), 0 if it exited. While EXITING (a user process being killed or
  // ending by exit_group) the status and signal it will end with.
  std::int64_t exit_status = 0;
  std::int32_t signal = 0;
  Pid pid = kNoPid;
  Pid parent = kNoPid;
  std::uint32_t name_id = 0;                    // in the trace's name table
  Tid main_thread = kNoTid;                     // its first thread (the only one in the burst world)
  bool exiting = false;                         // user programs: every thread ends at its next kernel entry
  bool exited = false;                          // every thread has ended (a user program is then a zombie until reaped)
  bool reaped = false;                          // its parent collected it with wait4 (or it had no parent to)
  std::unique_ptr<ProcessResources> resources;  // user programs, while they live

  Process();
  Process(Process&&) noexcept;
  Process& operator=(Process&&) noexcept;
  ~Process();

  bool live_user_process() const { return resources != nullptr; }
};

}  // namespace ks
