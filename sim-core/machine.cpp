// sim-core/machine.cpp — the machine built from its configuration: one speed per CPU (all 1.0
// when none is given) and an energy model that covers every CPU or none, checked here; the parts
// themselves live in devices.cpp and event_queue.cpp.
#include "sim-core/machine.h"

#include "sim-core/error.h"

namespace ks {
namespace {

std::vector<std::int32_t> speeds_for(const MachineConfig& config) {
  KS_ASSERT(config.cpus >= 1 && config.cpus < kNoCpu, "a machine has at least one CPU");
  if (config.cpu_speeds.empty()) return std::vector<std::int32_t>(config.cpus, kSpeedOne);
  KS_ASSERT(static_cast<int>(config.cpu_speeds.size()) == config.cpus, "one speed per CPU");
  for (const auto speed : config.cpu_speeds) KS_ASSERT(speed > 0, "CPU speeds are positive");
  return config.cpu_speeds;
}

}  // namespace

Machine::Machine(const MachineConfig& config)
    : speeds_(speeds_for(config)),
      big_(config.big_cores),
      busy_energy_(config.busy_energy),
      idle_energy_(config.idle_energy),
      timer_(queue_, interrupts_, trace_, config.cpus, config.timer_phase),
      io_(queue_, interrupts_, trace_, 0, config.io_latency, config.io_phase) {
  KS_ASSERT(busy_energy_.empty() || (busy_energy_.size() == speeds_.size() && idle_energy_.size() == speeds_.size()),
            "an energy model gives busy and idle energy for every CPU");
}

}  // namespace ks
