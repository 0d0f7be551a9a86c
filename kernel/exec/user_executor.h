// kernel/exec/user_executor.h — running RISC-V programs: the harts, their memory, their TLBs.
//
// USER CODE RUNS AHEAD. A RISC-V program cannot say in advance when it will stop, so the hart
// executes it eagerly, one slice at a time (at most KernelConfig::user_slice ticks, never past
// the timer's deadline), and the kernel handles the end of the slice (a system call, a fault, or
// nothing) at the virtual time the slice's cycles take. Harts therefore interleave slice by
// slice, in event order; a preemption decided in the middle of a slice happens at its end. The
// end of a slice that stopped for a trap goes to the trap path (kernel/trap/trap.h). With
// KernelConfig::chaos, each slice's budget, a stall after it and a preemption at its end are
// chosen from a seed (kernel/exec/chaos.h); without it every slice has its full budget.
//
// Made when the first user program is added. The hardware is the machine's (machine/machine.h:
// the RAM and one rv32ima hart per CPU, powered on then); the executor keeps what the kernel
// knows of it: the frames it hands out (kernel/mm/frame_table.h), the address-space identifiers
// (ASIDs) of the TLBs, and a tracer per hart that puts the modelled TLB's misses and flushes into
// the trace.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "kernel/exec/chaos.h"
#include "kernel/exec/executor.h"
#include "kernel/mm/address_space.h"
#include "kernel/mm/frame_table.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {

class Kernel;

class UserExecutor final : public Executor {
 public:
  explicit UserExecutor(Kernel& kernel);
  ~UserExecutor() override;

  Rv32imaModel& harts() { return cpu_; }
  const Rv32imaModel& harts() const { return cpu_; }
  PhysicalMemory& memory() { return memory_; }
  FrameTable& frames() { return frames_; }

  // Runs the next slice of the thread on CPU (or ends it, if it is being killed).
  void run_slice(CpuId cpu);
  // After a system call: the thread on CPU goes on, unless a preemption waits for it.
  void resume(CpuId cpu);
  // THREAD has ended: count its instructions and free its context.
  void thread_gone(const Thread& thread);
  // Instructions and cycles of the threads that have ended.
  std::uint64_t ended_instructions() const { return ended_instructions_; }
  std::uint64_t ended_cycles() const { return ended_cycles_; }

  // Sv32 has 9-bit ASIDs; 0 is left unused. An ASID is flushed from every hart's TLB when its
  // space goes, so that a new space that takes it never sees the old translations.
  std::optional<std::uint16_t> take_asid();
  void flush_asid(std::uint16_t asid);
  void free_asid(std::uint16_t asid);
  // SPACE is PID's, used under ASID: a page it unmaps is flushed from every hart's TLB
  // (shoot-down), and the pager (if any) names PID as its owner.
  void attach(AddressSpace& space, std::uint16_t asid, Pid pid);

  Cycles remaining(const Thread& /*thread*/) const override { return kUnknownCycles; }
  void start(CpuId cpu, Thread& thread, Tick slice) override;
  StopInfo charge(CpuId /*cpu*/, Thread& /*thread*/, Tick /*ran*/) override { return {}; }  // it ran ahead
  void run_ended(CpuId cpu) override;
  bool runs_ahead() const override { return true; }

 private:
  class TlbTracer;
  static constexpr std::uint16_t kAsidCount = 512;

  Kernel& kernel_;
  PhysicalMemory& memory_;  // the machine's RAM
  Rv32imaModel& cpu_;       // the machine's harts
  FrameTable frames_;
  std::vector<std::unique_ptr<TlbObserver>> tlb_tracers_;  // one a hart
  std::array<bool, kAsidCount> asid_used_{};
  std::unique_ptr<Chaos> chaos_;     // only with KernelConfig::chaos
  std::vector<bool> chaos_preempt_;  // per hart: chaos preempts its thread at the slice's end
  std::uint64_t ended_instructions_ = 0, ended_cycles_ = 0;
};

}  // namespace ks
