// machine/disk/hdd_device.cpp — the hard disk as a device of the event queue.
// THIS IS THE MACHINE, NOT THE KERNEL.
//
// hdd_device.h gives the contract. The device holds at most one request in service; its
// completion is one event, and the next waiting request (if a driver queued any here) starts in
// the same event, so the arm is never idle while a request waits.
#include "machine/disk/hdd_device.h"

#include <utility>

#include "sim-core/error.h"

namespace ks {

HddDevice::HddDevice(EventQueue& queue, InterruptController& irq, Trace& trace, std::uint32_t device_id, HddModel model,
                     std::uint8_t phase)
    : queue_(queue), irq_(irq), trace_(trace), device_id_(device_id), model_(std::move(model)), phase_(phase) {}

void HddDevice::submit(const IoRequest& request) {
  KS_ASSERT(request.count >= 1, "a disk request moves at least one sector");
  KS_ASSERT(request.sector < model_.sectors() && request.count <= model_.sectors() - request.sector,
            "a disk request lies inside the disk");
  if (current_) {
    waiting_.push_back(request);
    return;
  }
  start(request);
}

void HddDevice::start(const IoRequest& request) {
  const HddService service = model_.service(head_cylinder_, queue_.now(), request.sector, request.count);
  current_ = request;
  current_->service = service.total();
  current_service_ = service;
  busy_time_ += service.total();
  if (trace_.recording()) {
    trace_.emit({queue_.now(), EventKind::IoRequest, kNoCpu, request.pid, request.tid, device_id_, service.total()});
  }
  queue_.schedule(queue_.now() + service.total(), phase_, *this, 0, 0);
}

void HddDevice::on_event(std::uint32_t /*kind*/, std::uint64_t /*arg*/) {
  KS_ASSERT(current_.has_value(), "a disk completion follows a request in service");
  const IoRequest done = *current_;
  head_cylinder_ = current_service_->cylinder;
  current_.reset();
  current_service_.reset();
  if (trace_.recording()) {
    trace_.emit({queue_.now(), EventKind::IoComplete, kNoCpu, done.pid, done.tid, device_id_, done.service});
  }
  if (!waiting_.empty()) {
    const IoRequest next = waiting_.front();
    waiting_.pop_front();
    start(next);
  }
  irq_.raise(InterruptLine::Disk, kNoCpu, done.tag);
}

}  // namespace ks
