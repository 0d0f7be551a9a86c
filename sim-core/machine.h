// sim-core/machine.h — the simulated machine as one object: clock, interrupt controller, per-CPU
// timers, the I/O device and the trace. THIS IS THE MACHINE, NOT THE KERNEL: the kernel is
// attached to it (Kernel's constructor) and drives it through these parts.
#pragma once

#include <cstdint>
#include <vector>

#include "sim-core/devices.h"
#include "sim-core/event_queue.h"
#include "sim-core/trace/trace.h"

namespace ks {

struct MachineConfig {
  int cpus = 1;
  std::vector<std::int32_t> cpu_speeds;   // thousandths of speed 1.0, one per CPU; empty = all 1.0
  std::vector<bool> big_cores;            // which CPUs are "big" in a big.LITTLE set; may be empty
  Tick io_latency = 1;                    // the fixed-latency device's service time when a request names none
  std::vector<std::int64_t> busy_energy;  // energy units per busy tick, one per CPU; empty = no energy model
  std::vector<std::int64_t> idle_energy;  // energy units per idle tick, one per CPU
  // The phases (see event_queue.h) in which the devices deliver: chosen by the kernel's tie rule.
  std::uint8_t timer_phase = 3;
  std::uint8_t io_phase = 1;
};

class Machine {
 public:
  explicit Machine(const MachineConfig& config);
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

 private:
  std::vector<std::int32_t> speeds_;
  std::vector<bool> big_;
  std::vector<std::int64_t> busy_energy_, idle_energy_;
  EventQueue queue_;
  InterruptController interrupts_;
  Trace trace_;
  TimerDevice timer_;
  FixedLatencyDevice io_;
};

}  // namespace ks
