// kernel/proc/processes.h — the life of processes and threads: arrival, creation, exit, reaping.
//
// Processes keeps the process table (kernel/proc/process_table.h) and does what changes it:
// processes of the scenario arrive (an event at their arrival time), user programs fork, exec,
// make threads and exit. The system calls that create, replace, end, wait for and list processes
// and threads are its members (kernel/proc/syscalls_process.cpp, syscalls_threads.cpp); the
// others are plain functions of their caller's world (kernel/proc/syscalls.h).
//
// KILLING. exit_group, kill() and faults mark the process as exiting; its threads end at their
// next entry into the kernel (the end of their slice, their next dispatch, or their wake), as
// signals are delivered in Unix on the way back to user mode. The last thread to end ends the
// process: its descriptors are closed, its memory freed, its children re-parented to pid 1, and
// its parent's wait4 woken. The process stays a zombie (Process::exited) until it is waited for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernel/proc/syscalls.h"
#include "kernel/proc/thread.h"
#include "sim-core/event_queue.h"

namespace ks {

class Kernel;
struct BurstProcessSpec;
struct UserProcessSpec;

class Processes final : private EventHandler {
 public:
  explicit Processes(Kernel& kernel) : kernel_(kernel) {}

  Pid add_burst_process(const BurstProcessSpec& spec);
  Pid add_user_process(const UserProcessSpec& spec);
  void reserve(std::size_t count);
  // Sets up the first arrival. False when there is no process at all.
  bool start();

  // THREAD (which ran RAN ticks on CPU, and was stopped there) has ended with STATUS.
  void exit_thread(CpuId cpu, Thread& thread, Tick ran, std::int64_t status);
  // Ends THREAD (running on CPU) if its process is being killed or another thread ran exec.
  bool end_if_killed(CpuId cpu, Thread& thread);
  // Marks process PID as ending with STATUS (killed by SIGNAL when not 0); wakes its blocked
  // threads so that they end too. The first kill wins.
  void kill_process(Pid pid, std::int64_t status, std::int32_t signal);

  std::size_t live_threads() const { return live_; }
  bool all_arrived() const { return next_arrival_ == arrivals_.size(); }
  // The phase of arrivals, job releases and wakes, by the tie rule.
  std::uint8_t arrival_phase() const;

  // System calls (kernel/proc/syscalls_process.cpp, syscalls_threads.cpp), one signature for the
  // system-call table (kernel/trap/syscall_table.h). CALLER made them.
  SyscallOutcome sys_fork(Thread& caller, const SyscallContext& call);
  SyscallOutcome sys_wait4(Thread& caller, const SyscallContext& call);
  SyscallOutcome sys_execve(Thread& caller, const SyscallContext& call);
  SyscallOutcome sys_kill(Thread& caller, const SyscallContext& call);
  SyscallOutcome sys_process_list(Thread& caller, const SyscallContext& call);
  SyscallOutcome sys_thread_create(Thread& caller, const SyscallContext& call);
  SyscallOutcome sys_thread_join(Thread& caller, const SyscallContext& call);

 private:
  enum Event : std::uint32_t { kArrival };
  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void admit(Tid tid);
  Pid new_process(Pid parent, std::uint32_t name_id);
  Tid add_user_thread(Pid pid, ContextId context, const Thread& like);
  void user_thread_gone(Thread& thread, std::int64_t status);
  void end_user_process(Pid pid);
  void reparent_children(Pid pid);

  Kernel& kernel_;
  std::vector<Tid> arrivals_;  // tids in order of arrival
  std::size_t next_arrival_ = 0;
  std::size_t live_ = 0;  // admitted and not exited
  std::size_t live_user_processes_ = 0;
};

}  // namespace ks
