// The user executor (design: user_executor.h): RISC-V code runs ahead one slice at a time; the
// end of a slice is an event at the virtual time its cycles take, where a trap goes to the trap
// path and a plain end runs the next slice (or the preemption that waited for it).
#include "kernel/exec/user_executor.h"

#include <algorithm>

#include "kernel/kernel.h"
#include "kernel/mm/pager.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/processes.h"
#include "kernel/sched/dispatcher.h"
#include "kernel/tick_phases.h"
#include "kernel/trap/trap.h"
#include "sim-core/error.h"

namespace ks {
// The modelled TLB's misses and flushes, as trace events of the thread running on the hart. A
// slice runs ahead (see above), so they carry the time the slice began: the trace stays in time
// order, and a miss is placed within its slice, not at its exact cycle.
class UserExecutor::TlbTracer final : public TlbObserver {
 public:
  TlbTracer(Kernel& kernel, CpuId hart) : kernel_(kernel), hart_(hart) {}
  void tlb_missed(std::uint32_t vpn, std::uint16_t asid) override { record(EventKind::TlbMiss, vpn, asid); }
  void tlb_flushed(TlbFlushScope scope, std::uint32_t target) override {
    record(EventKind::TlbFlush, static_cast<std::int64_t>(scope), target);
  }

 private:
  void record(EventKind kind, std::int64_t a, std::int64_t b) {
    if (!kernel_.machine_.trace().recording()) return;
    const Tid running = kernel_.dispatcher_->cpu(hart_).running;
    kernel_.emit(kind, hart_, running == kNoTid ? nullptr : &kernel_.table_->thread(running), a, b);
  }
  Kernel& kernel_;
  CpuId hart_;
};

UserExecutor::UserExecutor(Kernel& kernel)
    : kernel_(kernel),
      memory_(kernel.machine_.memory()),
      cpu_(kernel.machine_.harts()),
      frames_(0, kernel.machine_.memory_frames()) {
  for (CpuId hart = 0; hart < cpu_.hart_count(); ++hart) {
    tlb_tracers_.push_back(std::make_unique<TlbTracer>(kernel, hart));
    cpu_.set_tlb_observer(hart, tlb_tracers_.back().get());
  }
  if (kernel.config_.chaos.enabled) {
    chaos_ = std::make_unique<Chaos>(kernel.config_.chaos, kernel.config_.user_slice * kWorkPerTick);
    chaos_preempt_.assign(cpu_.hart_count(), false);
  }
}

// The harts outlive the executor (they are the machine's): they must not keep its tracers.
UserExecutor::~UserExecutor() {
  for (CpuId hart = 0; hart < cpu_.hart_count(); ++hart) cpu_.set_tlb_observer(hart, nullptr);
}

std::optional<std::uint16_t> UserExecutor::take_asid() {
  for (std::uint16_t asid = 1; asid < kAsidCount; ++asid) {
    if (asid_used_[asid]) continue;
    asid_used_[asid] = true;
    return asid;
  }
  return std::nullopt;
}

void UserExecutor::flush_asid(std::uint16_t asid) {
  for (CpuId hart = 0; hart < cpu_.hart_count(); ++hart) cpu_.flush_tlb_asid(hart, asid);
}

void UserExecutor::free_asid(std::uint16_t asid) {
  flush_asid(asid);
  asid_used_[asid] = false;
}

void UserExecutor::attach(AddressSpace& space, std::uint16_t asid, Pid pid) {
  if (kernel_.pager_) kernel_.pager_->set_owner(space.id(), pid);
  space.set_shootdown([this, asid](std::uint32_t va) {
    for (CpuId hart = 0; hart < cpu_.hart_count(); ++hart) cpu_.flush_tlb_page(hart, va, asid);
  });
  Trap& trap = *kernel_.trap_;
  space.set_fault_observer(
      [&trap](std::uint32_t va, PageFaultKind kind, bool copied) { trap.fault_resolved(va, kind, copied); });
}

// User code: the timer ends the slice; the program runs ahead in short slices meanwhile.
void UserExecutor::start(CpuId cpu, Thread& /*thread*/, Tick slice) {
  TimerDevice& timer = kernel_.machine_.timer();
  if (slice != kNever) {
    timer.program(cpu, kernel_.dispatcher_->cpu(cpu).run_start + slice);
  } else if (timer.deadline(cpu) != kNever) {
    timer.cancel(cpu);
  }
  run_slice(cpu);
}

void UserExecutor::run_slice(CpuId cpu) {
  Dispatcher& dispatcher = *kernel_.dispatcher_;
  Dispatcher::Cpu& state = dispatcher.cpu(cpu);
  Thread& thread = kernel_.table_->thread(state.running);
  if (kernel_.processes_->end_if_killed(cpu, thread)) return;
  const Tick start = std::max(kernel_.machine_.now(), state.run_start);
  Tick limit = kernel_.config_.user_slice;
  const Tick deadline = kernel_.machine_.timer().deadline(cpu);
  if (deadline != kNever) limit = std::min(limit, deadline - start);
  if (limit <= 0) return;  // the quantum is over: the timer interrupt preempts the thread now
  cpu_.set_time(static_cast<std::uint64_t>(start));
  const Cycles full = limit * dispatcher.cycles_per_tick(cpu);
  state.pending = cpu_.run(cpu, thread.context, chaos_ ? chaos_->next_budget(full) : full);
  state.slice_start = start;
  const Tick took = std::max<Tick>(1, ticks_for(state.pending.used, dispatcher.cycles_per_tick(cpu)));
  Tick stall = 0;
  if (chaos_) {
    const ChaosAction action = chaos_->slice_ran(state.pending.used);
    chaos_preempt_[cpu] = action.preempt;
    stall = action.stall;  // never past the timer's deadline: the slice's end comes before the interrupt
    if (deadline != kNever) stall = std::min(stall, std::max<Tick>(0, deadline - start - took));
  }
  dispatcher.schedule_run_end(cpu, start + took + stall);
}

void UserExecutor::run_ended(CpuId cpu) {
  Dispatcher::Cpu& state = kernel_.dispatcher_->cpu(cpu);
  Thread& thread = kernel_.table_->thread(state.running);
  if (kernel_.processes_->end_if_killed(cpu, thread)) return;
  const StopInfo stop = state.pending;
  if (stop.reason != StopReason::BudgetSpent) {
    kernel_.trap_->user_trap(cpu, thread, stop);
    return;
  }
  resume(cpu);
}

void UserExecutor::resume(CpuId cpu) {
  if (kernel_.dispatcher_->cpu(cpu).preempt_requested) {
    kernel_.dispatcher_->preempt(cpu, PreemptReason::HigherPriority);
    return;
  }
  if (chaos_ && chaos_preempt_[cpu]) {
    chaos_preempt_[cpu] = false;
    kernel_.dispatcher_->preempt(cpu, PreemptReason::Chaos);
    return;
  }
  run_slice(cpu);
}

void UserExecutor::thread_gone(const Thread& thread) {
  ended_instructions_ += cpu_.instructions_retired(thread.context);
  ended_cycles_ += cpu_.cycles(thread.context);
  cpu_.release_context(thread.context);
}

}  // namespace ks
