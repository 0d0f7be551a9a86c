// sim-core/devices.cpp — the interrupt controller, the per-CPU timers and the fixed-latency device
// (what each promises: devices.h).
//
// Events cannot be taken back out of the queue, only outlived. A timer therefore keeps a
// generation number per CPU: programming or cancelling it bumps the generation, and an expiry that
// arrives with an older one does nothing. The fixed-latency device keeps each request in flight in
// a slot, reused from a free list so the table never grows beyond the most requests ever in
// flight at once; when a request's service time is up it raises the I/O line with the request's
// tag.
#include "sim-core/devices.h"

#include "sim-core/error.h"

namespace ks {

void InterruptController::raise(InterruptLine line, CpuId cpu, std::uint64_t payload) {
  KS_ASSERT(handler_ != nullptr, "an interrupt is raised only after a kernel attached its handler");
  KS_ASSERT(static_cast<std::size_t>(line) < kInterruptLines, "an interrupt line exists");
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
  irq_.raise(line(), kNoCpu, done.tag);
}

}  // namespace ks
