#include "sim-core/devices.h"

#include "sim-core/error.h"

namespace ks {

void InterruptController::raise(InterruptLine line, CpuId cpu, std::uint64_t payload) {
  KS_ASSERT(handler_ != nullptr, "an interrupt is raised only after a kernel attached its handler");
  ++counts_[static_cast<std::size_t>(line)];
  handler_->on_interrupt(line, cpu, payload);
}

TimerDevice::TimerDevice(EventQueue& queue, InterruptController& irq, Trace& trace, int cpus, std::uint8_t phase)
    : queue_(queue), irq_(irq), trace_(trace), phase_(phase), deadlines_(cpus, kNever), generations_(cpus, 0) {}

void TimerDevice::program(CpuId cpu, Tick deadline) {
  KS_ASSERT(cpu < deadlines_.size(), "a timer exists for every CPU");
  ++generations_[cpu];
  deadlines_[cpu] = deadline;
  if (deadline == kNever) return;
  queue_.schedule(deadline, phase_, *this, cpu, generations_[cpu]);
}

void TimerDevice::cancel(CpuId cpu) { program(cpu, kNever); }

void TimerDevice::on_event(std::uint32_t kind, std::uint64_t arg) {
  const auto cpu = static_cast<CpuId>(kind);
  if (arg != generations_[cpu]) return;  // reprogrammed since: this expiry no longer exists
  deadlines_[cpu] = kNever;
  if (trace_.recording()) trace_.emit({queue_.now(), EventKind::TimerInterrupt, cpu, kNoPid, 0, 0, 0});
  irq_.raise(InterruptLine::Timer, cpu, 0);
}

FixedLatencyDevice::FixedLatencyDevice(EventQueue& queue, InterruptController& irq, Trace& trace,
                                       std::uint32_t device_id, Tick latency, std::uint8_t phase)
    : queue_(queue), irq_(irq), trace_(trace), device_id_(device_id), latency_(latency), phase_(phase) {}

void FixedLatencyDevice::submit(const IoRequest& request) {
  const Tick service = request.service > 0 ? request.service : latency_;
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(request);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = request;
  }
  slots_[slot].service = service;
  ++in_flight_;
  if (trace_.recording()) {
    trace_.emit({queue_.now(), EventKind::IoRequest, kNoCpu, request.pid, request.tid, device_id_, service});
  }
  queue_.schedule(queue_.now() + service, phase_, *this, 0, slot);
}

void FixedLatencyDevice::on_event(std::uint32_t /*kind*/, std::uint64_t arg) {
  const auto slot = static_cast<std::uint32_t>(arg);
  const IoRequest done = slots_[slot];
  free_slots_.push_back(slot);
  --in_flight_;
  if (trace_.recording()) {
    trace_.emit({queue_.now(), EventKind::IoComplete, kNoCpu, done.pid, done.tid, device_id_, done.service});
  }
  irq_.raise(InterruptLine::Io, kNoCpu, done.tag);
}

}  // namespace ks
