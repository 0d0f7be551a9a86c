// kernel/proc/resources.h — what a process of a user program owns while it lives.
//
// Its memory (an address space with its TLB identifier), its open files (a descriptor table and
// a working directory), its live threads, and the queues its threads wait on in wait4 and
// thread_join. Made with the process (add_user_process, fork), dropped when its last thread
// ends (Processes::end_user_process); the Process record outlives it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "kernel/fs/file.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/address_space.h"
#include "kernel/proc/process.h"
#include "kernel/sync/futex.h"
#include "kernel/sync/wait_queue.h"

namespace ks {

struct ProcessResources {
  std::unique_ptr<AddressSpace> space;  // exec replaces it
  std::uint16_t asid = 0;               // the TLB's identifier of this process's space
  FdTable fds;
  Vnode cwd;                         // the working directory (the root at first)
  std::vector<Tid> threads;          // live threads, in creation order
  WaitQueue child_exited;            // threads in wait4
  std::map<Tid, WaitQueue> joiners;  // threads in thread_join, by the thread they wait for
  Futexes futexes;                   // threads in futex's FUTEX_WAIT (kernel/sync/futex.h)
};

}  // namespace ks
