// machine/disk/hdd_device.h — a hard disk on the machine: one request at a time, timed by the
// HDD model, its completion an interrupt on the Disk line. THIS IS THE MACHINE, NOT THE KERNEL.
//
// The device serves ONE request at a time, as a disk's single arm does. A request submitted while
// the disk is idle starts at once: its service time is HddModel::service from the head's cylinder
// at the current virtual time, so the rotational wait depends on when it starts; its completion
// is scheduled in the event queue, and when it comes the head is left on the request's last
// cylinder and the device raises InterruptLine::Disk with the request's tag as payload.
//
// The queue of waiting requests belongs to the kernel's block layer (kernel/blk/: it orders them
// with a disk scheduler and submits the next one when the last completes). If a driver submits
// while the disk is busy anyway, the request waits here in arrival order (FIFO) and starts as soon
// as the one ahead completes; the disk itself never reorders.
//
// The trace records each request as IoRequest when it starts (b: its service time, seek +
// rotation + transfer) and IoComplete when it ends, with the device's id.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "machine/disk/hdd_model.h"
#include "sim-core/devices.h"

namespace ks {

class HddDevice : public BlockDevice, private EventHandler {
 public:
  HddDevice(EventQueue& queue, InterruptController& irq, Trace& trace, std::uint32_t device_id, HddModel model,
            std::uint8_t phase);

  // REQUEST's sectors must lie inside the disk and its count be at least 1 (the driver checks).
  void submit(const IoRequest& request) override;
  // The request being served plus those waiting behind it.
  std::size_t in_flight() const override { return (current_ ? 1 : 0) + waiting_.size(); }
  InterruptLine line() const override { return InterruptLine::Disk; }

  const HddModel& model() const { return model_; }
  std::uint32_t head_cylinder() const { return head_cylinder_; }
  // The timing of the request being served, when there is one.
  const std::optional<HddService>& current_service() const { return current_service_; }
  Tick busy_time() const { return busy_time_; }  // ticks spent serving, over the whole run

 private:
  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void start(const IoRequest& request);

  EventQueue& queue_;
  InterruptController& irq_;
  Trace& trace_;
  std::uint32_t device_id_;
  HddModel model_;
  std::uint8_t phase_;
  std::uint32_t head_cylinder_ = 0;
  std::optional<IoRequest> current_;
  std::optional<HddService> current_service_;
  std::deque<IoRequest> waiting_;
  Tick busy_time_ = 0;
};

}  // namespace ks
