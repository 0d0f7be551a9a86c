// The composition root: makes the kernel's parts, wires them, and hands the front ends' calls to
// the part that does the work (kernel/kernel.h lists them). Interrupts arrive here from the
// machine: the timer's preempts the thread on its CPU; a device's goes to its driver.
#include "kernel/kernel.h"

#include <algorithm>
#include <utility>

#include "kernel/drivers/console.h"
#include "kernel/drivers/disk.h"
#include "kernel/drivers/io.h"
#include "kernel/exec/burst_executor.h"
#include "kernel/exec/user_executor.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/pager.h"
#include "kernel/mm/replacement.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/sched/dispatcher.h"
#include "kernel/sync/kernel_tasks.h"
#include "kernel/sync/wait.h"
#include "kernel/trap/trap.h"
#include "sim-core/error.h"

namespace ks {

void apply_tie_rule(MachineConfig& config, TieRule rule) {
  if (rule == TieRule::ArrivalFirst) {
    config.io_phase = 1;
    config.timer_phase = 3;
  } else {
    config.timer_phase = 1;
    config.io_phase = 2;
  }
}

Kernel::Kernel(Machine& machine, KernelConfig config, const PolicyInfo& policy, const PolicyParams& params)
    : machine_(machine),
      config_(std::move(config)),
      table_(std::make_unique<ProcessTable>()),
      fs_(std::make_unique<Vfs>()),
      console_(std::make_unique<ConsoleDriver>(*this)),
      io_(std::make_unique<IoDriver>(*this)),
      bursts_(std::make_unique<BurstExecutor>(*this)),
      waits_(std::make_unique<Waits>(*this)),
      processes_(std::make_unique<Processes>(*this)),
      trap_(std::make_unique<Trap>(*this)),
      tasks_(std::make_unique<KernelTasks>(*this)) {
  dispatcher_ = std::make_unique<Dispatcher>(*this, policy, params);
  machine_.interrupts().attach(*this);
}

Kernel::~Kernel() = default;

UserExecutor& Kernel::user() {
  if (!user_) {
    user_ = std::make_unique<UserExecutor>(*this);
    DiskDrive* swap = machine_.swap_disk();
    if (swap != nullptr && config_.paging == PagingMode::Demand) {
      const ReplacementInfo* policy = replacement_registry().find(config_.replacement);
      KS_ASSERT(policy != nullptr, "the scenario checked the replacement policy's name");
      disk_ = std::make_unique<DiskDriver>(*swap);
      pager_ = std::make_unique<Pager>(*this, user_->frames(), machine_.memory(), *disk_, *policy,
                                       config_.replacement_params, config_.seed);
    }
  }
  return *user_;
}

void Kernel::reserve(std::size_t count, std::size_t bursts) {
  processes_->reserve(count);
  bursts_->reserve(count, bursts);
  machine_.trace().reserve_names(count, 8);
}

Pid Kernel::add_burst_process(const BurstProcessSpec& spec) {
  KS_ASSERT(!started_, "processes are added before the run starts");
  return processes_->add_burst_process(spec);
}

Pid Kernel::add_user_process(const UserProcessSpec& spec) {
  KS_ASSERT(!started_, "processes are added before the run starts");
  return processes_->add_user_process(spec);
}

void Kernel::start() {
  started_ = true;
  for (CpuId cpu = 0; cpu < static_cast<CpuId>(dispatcher_->cpu_count()); ++cpu) {
    emit(EventKind::CpuOnline, cpu, nullptr, machine_.cpu_speed(cpu), machine_.is_big_core(cpu) ? 1 : 0);
    if (machine_.has_energy_model())
      emit(EventKind::CpuEnergy, cpu, nullptr, machine_.busy_energy(cpu), machine_.idle_energy(cpu));
  }
  const bool any = processes_->start();
  dispatcher_->start();
  if (!any) finished_ = true;
}

bool Kernel::advance(Tick until, bool one_event) {
  if (!started_) start();
  if (finished_ || deadlocked_) return true;
  if (one_event) {
    machine_.queue().step(until);
  } else {
    machine_.queue().run_until(until);
  }
  return finished_ || deadlocked_;
}

RunResult Kernel::end_run(Tick end) {
  RunResult result;
  result.all_exited = finished_;
  result.deadlocked = deadlocked_;
  result.end_time = finished_ || deadlocked_ ? machine_.now() : std::max(machine_.now(), end);
  result.events_run = machine_.queue().events_run();
  if (!ended_ && machine_.trace().recording()) {
    machine_.trace().emit({result.end_time, EventKind::RunEnd, kNoCpu, kNoPid, 0, finished_ ? 1 : 0, 0});
  }
  ended_ = true;
  return result;
}

RunResult Kernel::run(Tick until) {
  advance(until);
  // A run cut short by UNTIL ends at UNTIL, even if nothing happened in its last ticks.
  return end_run(until == kNever ? machine_.now() : until);
}

void Kernel::all_exited() {
  finished_ = true;
  machine_.queue().stop();
}

void Kernel::on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) {
  if (line == InterruptLine::Timer) {
    if (dispatcher_->cpu(cpu).running != kNoTid) dispatcher_->preempt(cpu, PreemptReason::QuantumExpired);
    return;
  }
  if (line == InterruptLine::Disk && disk_) {
    disk_->complete(payload);  // PAYLOAD: the driver's tag of the request
    return;
  }
  KS_ASSERT(line == machine_.io_device().line(), "the kernel has a driver for each device's line");
  io_->complete(payload);  // PAYLOAD: the driver's tag of the request
}

// The front ends' view.
const std::string& Kernel::console_output() const { return console_->output(); }
Vfs& Kernel::file_system() { return *fs_; }
void Kernel::console_input(std::string_view text) { console_->input(text); }
void Kernel::console_open_input() { console_->open_input(); }
void Kernel::console_close_input() { console_->close_input(); }
bool Kernel::console_waiting_for_input() const { return console_->waiting_for_input(); }
std::string Kernel::deadlock_report() const { return waits_->deadlock_report(); }
const Scheduler& Kernel::scheduler() const { return dispatcher_->scheduler(); }
const Thread& Kernel::thread(Tid tid) const { return table_->thread(tid); }
const Process& Kernel::process(Pid pid) const { return table_->process(pid); }
std::size_t Kernel::process_count() const { return table_->process_end() - 1; }
Tid Kernel::running_on(CpuId cpu) const { return dispatcher_->cpu(cpu).running; }

Kernel::UserStats Kernel::user_stats() const {
  UserStats stats;
  stats.syscalls = trap_->syscalls();
  // Every page fault taken: those the memory manager resolved and the fatal ones (which, with
  // the other fatal faults, trap_->faults() counts).
  stats.minor_faults = trap_->resolved_faults(PageFaultKind::Minor);
  stats.major_faults = trap_->resolved_faults(PageFaultKind::Major);
  stats.cow_faults = trap_->resolved_faults(PageFaultKind::Cow);
  stats.cow_copies = trap_->cow_copies();
  stats.oom_kills = trap_->oom_kills();
  stats.faults = trap_->faults() + stats.minor_faults + stats.major_faults + stats.cow_faults;
  if (!user_) return stats;
  stats.peak_resident_pages = user_->frames().peak_user_pages();
  if (pager_) {
    stats.evictions = pager_->counts().evictions;
    stats.swap_outs = pager_->counts().swap_outs;
    stats.swap_ins = pager_->counts().swap_ins;
    stats.peak_swap_slots = pager_->slots().peak_in_use();
  }
  const Rv32imaModel& harts = user_->harts();
  stats.instructions = user_->ended_instructions();
  stats.cycles = user_->ended_cycles();
  for (Tid tid = 1; tid < table_->thread_end(); ++tid) {
    const Thread& thread = table_->thread(tid);
    if (!thread.user_code || thread.state == ProcessState::Exited) continue;
    stats.instructions += harts.instructions_retired(thread.context);
    stats.cycles += harts.cycles(thread.context);
  }
  for (CpuId hart = 0; hart < harts.hart_count(); ++hart) {
    stats.tlb_hits += harts.tlb(hart).hits();
    stats.tlb_misses += harts.tlb(hart).misses();
  }
  return stats;
}

}  // namespace ks
