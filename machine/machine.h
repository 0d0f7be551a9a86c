// machine/machine.h — the simulated computer as one object. THIS IS THE MACHINE, NOT THE KERNEL.
//
// The machine owns its hardware: the virtual clock with its event queue, the interrupt
// controller, a timer per CPU, the I/O device, the swap disk if it has one, the RAM, the RISC-V harts (one per CPU,
// each with its TLB, configured here) and the trace. Its parts are built in sim-core/ (clock, devices, memory, TLB,
// trace) and cpu-models/ (the harts); this folder puts them together. The kernel receives a Machine (Kernel's
// constructor) and drives it only through these parts, as the kernel of Nachos drives the machine of its machine/
// folder: it never builds hardware, and a test or a tool can give it a machine of any size.
//
// RAM and the harts are powered on at their first use (memory(), harts()): a scenario of CPU
// bursts runs no program, and zeroing 64 MiB would cost it more than its whole run. Power-on
// depends only on what the run does, so it happens at the same point on every host.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "machine/disk/disk_drive.h"
#include "sim-core/devices.h"
#include "sim-core/event_queue.h"
#include "sim-core/mem/physical_memory.h"
#include "sim-core/mem/tlb.h"
#include "sim-core/trace/trace.h"

namespace ks {

struct MachineConfig {
  int cpus = 1;
  std::vector<std::int32_t> cpu_speeds;   // thousandths of speed 1.0, one per CPU; empty = all 1.0
  std::vector<bool> big_cores;            // which CPUs are "big" in a big.LITTLE set; may be empty
  Tick io_latency = 1;                    // the fixed-latency device's service time when a request names none
  std::vector<std::int64_t> busy_energy;  // energy units per busy tick, one per CPU; empty = no energy model
  std::vector<std::int64_t> idle_energy;  // energy units per idle tick, one per CPU
  std::uint32_t memory_frames = 16384;    // RAM for user programs, in 4 KiB frames (64 MiB)
  TlbConfig tlb;                          // every hart's TLB
  // The swap disk (machine/disk/disk_drive.h): none when SWAP_BYTES is 0 (the default).
  std::uint64_t swap_bytes = 0;  // a multiple of the page size, at most the model's capacity
  DiskModel swap_model = DiskModel::Ssd;
  // The phases (see event_queue.h) in which the devices deliver: chosen by the kernel's tie rule.
  std::uint8_t timer_phase = 3;
  std::uint8_t io_phase = 1;
};

class Machine {
 public:
  explicit Machine(const MachineConfig& config);
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  int cpu_count() const { return static_cast<int>(speeds_.size()); }
  std::int32_t cpu_speed(CpuId cpu) const { return speeds_[cpu]; }
  bool is_big_core(CpuId cpu) const { return cpu < big_.size() && big_[cpu]; }
  bool has_energy_model() const { return !busy_energy_.empty(); }
  std::int64_t busy_energy(CpuId cpu) const { return busy_energy_[cpu]; }
  std::int64_t idle_energy(CpuId cpu) const { return idle_energy_[cpu]; }

  EventQueue& queue() { return queue_; }
  InterruptController& interrupts() { return interrupts_; }
  TimerDevice& timer() { return timer_; }
  BlockDevice& io_device() { return io_; }
  Trace& trace() { return trace_; }
  const Trace& trace() const { return trace_; }
  Tick now() const { return queue_.now(); }

  // The RAM (memory_frames() frames) and the harts over it, powered on at the first call.
  PhysicalMemory& memory();
  Rv32imaModel& harts();
  // True once harts() has been called: until then no program has run and no hart has a count.
  bool harts_on() const { return harts_ != nullptr; }
  const Rv32imaModel& harts() const;  // only when harts_on()
  std::uint32_t memory_frames() const { return memory_frames_; }
  // The swap disk, made (on the RAM) at the first call; null when the machine has none.
  DiskDrive* swap_disk();
  std::uint64_t swap_bytes() const { return swap_bytes_; }

 private:
  std::vector<std::int32_t> speeds_;
  std::vector<bool> big_;
  std::vector<std::int64_t> busy_energy_, idle_energy_;
  EventQueue queue_;
  InterruptController interrupts_;
  Trace trace_;
  TimerDevice timer_;
  FixedLatencyDevice io_;
  std::uint32_t memory_frames_;
  TlbConfig tlb_;
  std::unique_ptr<PhysicalMemory> memory_;
  std::unique_ptr<Rv32imaModel> harts_;
  std::uint64_t swap_bytes_;
  DiskModel swap_model_;
  std::uint8_t disk_phase_;
  std::unique_ptr<DiskDrive> swap_;
};

}  // namespace ks
