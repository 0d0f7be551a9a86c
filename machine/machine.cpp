// machine/machine.cpp — the machine built from its configuration: one speed per CPU (all 1.0
// when none is given) and an energy model that covers every CPU or none, checked here; RAM and
// harts at their first use. The parts themselves live in sim-core/ and cpu-models/.
#include "machine/machine.h"

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
      io_(queue_, interrupts_, trace_, 0, config.io_latency, config.io_phase),
      memory_frames_(config.memory_frames),
      tlb_(config.tlb),
      swap_bytes_(config.swap_bytes),
      swap_model_(config.swap_model),
      disk_phase_(config.io_phase) {
  KS_ASSERT(memory_frames_ > 0, "a machine has RAM");
  KS_ASSERT(swap_bytes_ % kPageSize == 0 && swap_bytes_ / kSectorSize <= DiskDrive::capacity(swap_model_),
            "a swap disk holds whole pages, within its model's capacity");
  KS_ASSERT(busy_energy_.empty() || (busy_energy_.size() == speeds_.size() && idle_energy_.size() == speeds_.size()),
            "an energy model gives busy and idle energy for every CPU");
}

Machine::~Machine() = default;

PhysicalMemory& Machine::memory() {
  if (!memory_) memory_ = std::make_unique<PhysicalMemory>(memory_frames_);
  return *memory_;
}

Rv32imaModel& Machine::harts() {
  if (!harts_) {
    Rv32Config config;
    config.harts = static_cast<std::uint16_t>(cpu_count());
    config.tlb = tlb_;
    harts_ = std::make_unique<Rv32imaModel>(memory(), config);
  }
  return *harts_;
}

// The swap disk delivers in the I/O device's phase: its completions are I/O completions for the
// kernel's tie rule.
DiskDrive* Machine::swap_disk() {
  if (swap_bytes_ == 0) return nullptr;
  if (!swap_) {
    swap_ = std::make_unique<DiskDrive>(queue_, interrupts_, trace_, memory(), 1, swap_model_,
                                        swap_bytes_ / kSectorSize, disk_phase_);
  }
  return swap_.get();
}

const Rv32imaModel& Machine::harts() const {
  KS_ASSERT(harts_ != nullptr, "the harts are read only after they are powered on");
  return *harts_;
}

}  // namespace ks
