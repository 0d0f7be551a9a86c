// The life of processes and threads (design: processes.h): creation (the scenario's arrivals,
// fork, thread_create), the end of threads and processes, reaping and re-parenting. exit_thread
// is the one place a thread ends, whatever ended it.
#include "kernel/proc/processes.h"

#include <algorithm>

#include "kernel/exec/burst_executor.h"
#include "kernel/exec/user_executor.h"
#include "kernel/kernel.h"
#include "kernel/mm/pager.h"
#include "kernel/proc/elf_loader.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/resources.h"
#include "kernel/sched/dispatcher.h"
#include "kernel/sync/wait.h"
#include "kernel/tick_phases.h"
#include "sim-core/error.h"

namespace ks {

Process::Process() = default;
Process::Process(Process&&) noexcept = default;
Process& Process::operator=(Process&&) noexcept = default;
Process::~Process() = default;

void Processes::reserve(std::size_t count) {
  ProcessTable& table = *kernel_.table_;
  table.reserve(count, count);
  arrivals_.reserve(table.thread_end() + count);
}

std::uint8_t Processes::arrival_phase() const {
  return kernel_.config_.tie_rule == TieRule::ArrivalFirst ? phase::kArrivalFirst : phase::kArrivalLast;
}

Pid Processes::new_process(Pid parent, std::uint32_t name_id) {
  ProcessTable& table = *kernel_.table_;
  Process process;
  process.pid = table.process_end();
  process.parent = parent;
  process.name_id = name_id;
  return table.add_process(std::move(process)).pid;
}

Pid Processes::add_burst_process(const BurstProcessSpec& spec) {
  ProcessTable& table = *kernel_.table_;
  const Pid pid = new_process(kNoPid, kernel_.machine_.trace().add_name(spec.name));
  const Tid tid = table.thread_end();
  table.process(pid).main_thread = tid;

  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.context = kernel_.bursts_->add_context(spec.bursts);
  thread.priority = spec.priority;
  thread.nice = spec.nice;
  thread.tickets = spec.tickets;
  thread.affinity = spec.affinity;
  thread.arrival = spec.arrival;
  thread.period = spec.period;
  thread.relative_deadline = spec.period > 0 ? (spec.relative_deadline > 0 ? spec.relative_deadline : spec.period) : 0;
  thread.remaining_burst = kernel_.bursts_->remaining(thread);
  table.add_thread(thread);
  return pid;
}

Pid Processes::add_user_process(const UserProcessSpec& spec) {
  ProcessTable& table = *kernel_.table_;
  const ElfImage image = elf_parse(spec.image, spec.file);
  UserExecutor& user = kernel_.user();
  std::unique_ptr<AddressSpace> space = AddressSpace::create(user.memory(), user.frames(), kernel_.config_.paging);
  if (!space) throw InputError({}, "out of physical memory: no frame for a page table");
  const std::optional<std::uint32_t> sp = space->load(image, spec.argv);
  if (!sp) {
    throw InputError({spec.file, 0, 0, {}}, "does not fit in the machine's memory (" +
                                                std::to_string(kernel_.machine_.memory_frames() * kPageSize / 1024) +
                                                " KiB)");
  }
  const std::optional<std::uint16_t> asid = user.take_asid();
  if (!asid)
    throw InputError({spec.file, 0, 0, {}},
                     "too many user programs at once (the TLB has 511 address-space identifiers)");
  const Pid pid = new_process(kNoPid, kernel_.machine_.trace().add_name(spec.name));
  const Tid tid = table.thread_end();
  Process& process = table.process(pid);
  process.main_thread = tid;
  process.resources = std::make_unique<ProcessResources>();
  ++live_user_processes_;
  ProcessResources& resources = *process.resources;
  resources.asid = *asid;
  user.attach(*space, *asid, pid);
  for (int stream = 0; stream < 3; ++stream) resources.fds.add(console_file(stream));
  resources.cwd = kernel_.fs_->root();
  kernel_.fs_->open_inode(resources.cwd);
  resources.threads.push_back(tid);

  Thread thread;
  thread.tid = tid;
  thread.pid = pid;
  thread.user_code = true;
  thread.context =
      user.harts().create_context(image.entry, *sp, space->root_frame() << kPageShift, MmuMode::Sv32, *asid);
  thread.priority = spec.priority;
  thread.nice = spec.nice;
  thread.tickets = spec.tickets;
  thread.affinity = spec.affinity;
  thread.arrival = spec.arrival;
  table.add_thread(thread);
  resources.space = std::move(space);
  return pid;
}

bool Processes::start() {
  ProcessTable& table = *kernel_.table_;
  arrivals_.reserve(table.thread_end() - 1);
  for (Tid tid = 1; tid < table.thread_end(); ++tid) arrivals_.push_back(tid);
  // By arrival, ties in tid order. Workloads mostly list processes in arrival order already, and
  // then the sort (a stable one, which would leave them as they are) is skipped.
  const auto earlier = [&table](Tid x, Tid y) { return table.thread(x).arrival < table.thread(y).arrival; };
  if (!std::is_sorted(arrivals_.begin(), arrivals_.end(), earlier))
    std::stable_sort(arrivals_.begin(), arrivals_.end(), earlier);
  if (arrivals_.empty()) return false;
  kernel_.machine_.queue().schedule(table.thread(arrivals_[0]).arrival, arrival_phase(), *this, kArrival, 0);
  return true;
}

void Processes::on_event(std::uint32_t kind, std::uint64_t /*arg*/) {
  KS_ASSERT(kind == kArrival, "the process table receives only arrivals");
  admit(arrivals_[next_arrival_++]);
  if (next_arrival_ < arrivals_.size()) {
    kernel_.machine_.queue().schedule(kernel_.table_->thread(arrivals_[next_arrival_]).arrival, arrival_phase(), *this,
                                      kArrival, 0);
  }
}

void Processes::admit(Tid tid) {
  Thread& thread = kernel_.table_->thread(tid);
  ++live_;
  kernel_.emit(EventKind::ProcessCreated, kNoCpu, &thread, static_cast<std::int64_t>(kNoPid),
               kernel_.table_->process(thread.pid).name_id);
  if (thread.period > 0) {
    kernel_.bursts_->release_job(thread, false);
  } else {
    kernel_.dispatcher_->make_ready(thread, EnqueueReason::Arrival);
  }
}

// A new thread of user process PID running CONTEXT, with LIKE's scheduling attributes, made
// ready now. The first thread of a process (fork) reports the process's creation.
Tid Processes::add_user_thread(Pid pid, ContextId context, const Thread& like) {
  ProcessTable& table = *kernel_.table_;
  Thread thread;
  thread.tid = table.thread_end();
  thread.pid = pid;
  thread.user_code = true;
  thread.context = context;
  thread.priority = like.priority;
  thread.nice = like.nice;
  thread.tickets = like.tickets;
  thread.affinity = like.affinity;
  thread.arrival = kernel_.machine_.now();
  Thread& added = table.add_thread(thread);
  Process& process = table.process(pid);
  process.resources->threads.push_back(added.tid);
  ++live_;
  if (process.main_thread == kNoTid) {
    process.main_thread = added.tid;
    kernel_.emit(EventKind::ProcessCreated, kNoCpu, &added, process.parent, process.name_id);
  }
  kernel_.dispatcher_->make_ready(added, EnqueueReason::Arrival);
  return added.tid;
}

void Processes::exit_thread(CpuId cpu, Thread& thread, Tick ran, std::int64_t status) {
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  const Tick now = kernel_.machine_.now();
  thread.last_burst = thread.burst_ran;
  thread.burst_ran = 0;
  ++thread.jobs_done;
  kernel_.emit(EventKind::Exited, cpu, &thread, status, ran);
  dispatcher.set_state(thread, ProcessState::Exited, cpu);
  dispatcher.scheduler().on_stop(thread, cpu, ran, StopKind::Exited, now);
  dispatcher.scheduler().on_exit(thread, now);
  thread.exit_status = status;
  if (thread.user_code) {
    user_thread_gone(thread, status);
  } else {
    Process& process = kernel_.table_->process(thread.pid);
    process.exited = true;
    process.exit_status = status;
  }
  --live_;
  if (live_ == 0 && all_arrived()) kernel_.all_exited();
}

bool Processes::end_if_killed(CpuId cpu, Thread& thread) {
  const Process& process = kernel_.table_->process(thread.pid);
  if (!process.exiting && !thread.must_exit) return false;
  const Tick ran = kernel_.dispatcher_->ran_so_far(cpu);
  kernel_.dispatcher_->stop_running(cpu);
  exit_thread(cpu, thread, ran, process.exiting ? process.exit_status : 0);
  return true;
}

void Processes::kill_process(Pid pid, std::int64_t status, std::int32_t signal) {
  Process& process = kernel_.table_->process(pid);
  if (process.exiting) return;
  process.exiting = true;
  process.exit_status = status;
  process.signal = signal;
  for (const Tid tid : process.resources->threads) kernel_.waits_->wake_soon(tid);
}

// THREAD has ended (exit_thread did the scheduler's part): free its context, wake its joiners,
// and end the process when it was the last thread.
void Processes::user_thread_gone(Thread& thread, std::int64_t status) {
  kernel_.user().thread_gone(thread);
  if (kernel_.pager_) kernel_.pager_->forget(thread.tid);
  Process& process = kernel_.table_->process(thread.pid);
  ProcessResources& resources = *process.resources;
  if (const auto joiners = resources.joiners.find(thread.tid); joiners != resources.joiners.end()) {
    kernel_.waits_->wake_all(joiners->second);
    resources.joiners.erase(joiners);
  }
  resources.futexes.forget(thread.tid);
  std::erase(resources.threads, thread.tid);
  if (!resources.threads.empty()) return;
  if (!process.exiting) process.exit_status = status;
  end_user_process(thread.pid);
}

void Processes::end_user_process(Pid pid) {
  ProcessTable& table = *kernel_.table_;
  Process& process = table.process(pid);
  ProcessResources& resources = *process.resources;
  Waits& waits = *kernel_.waits_;
  const auto wake = [&waits](WaitQueue& queue) { waits.wake_all(queue); };
  for (FileRef& file : resources.fds.take_all()) release_file(std::move(file), wake);
  kernel_.fs_->close_inode(resources.cwd);
  resources.space.reset();
  kernel_.user().free_asid(resources.asid);
  process.resources.reset();
  --live_user_processes_;
  process.exited = true;
  reparent_children(pid);
  const Pid parent = process.parent;
  if (parent != kNoPid && table.process(parent).live_user_process()) {
    waits.wake_all(table.process(parent).resources->child_exited);
  } else {
    process.reaped = true;  // nobody will wait for it
  }
}

// The children of PID, which ended, go to pid 1 (init) if it lives; otherwise nobody waits for
// them and they are reaped as soon as they end.
void Processes::reparent_children(Pid pid) {
  ProcessTable& table = *kernel_.table_;
  constexpr Pid kInit = 1;
  const bool init_lives = pid != kInit && table.process_end() > kInit && table.process(kInit).live_user_process();
  bool moved = false;
  for (Pid other = 0; other < table.process_end(); ++other) {
    Process& child = table.process(other);
    if (child.parent != pid || child.reaped) continue;
    child.parent = init_lives ? kInit : kNoPid;
    if (child.exited && !init_lives) child.reaped = true;
    moved = true;
  }
  if (init_lives && moved) kernel_.waits_->wake_all(table.process(kInit).resources->child_exited);
}

}  // namespace ks
