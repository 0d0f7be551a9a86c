// sim-core/devices.h — the machine's interrupt controller, per-CPU timers and a simple I/O device.
//
// THIS IS THE MACHINE, NOT THE KERNEL. Devices act on virtual time only: a device schedules its
// own completion in the event queue and, when it happens, raises an interrupt line; the kernel
// attached to the controller handles it. Each device records what it does in the trace.
//
// The fixed-latency device serves every request independently (as many at once as are asked
// for), taking the request's own service time, or the device's fixed latency when the request
// names none. It is the textbook's "the process does I/O for N ticks". The disk with a timing
// model (seek, rotation, transfer, a queue and a disk scheduler) implements the same
// BlockDevice interface later.
#pragma once

#include <cstdint>
#include <vector>

#include "sim-core/event_queue.h"
#include "sim-core/trace/trace.h"

namespace ks {

enum class InterruptLine : std::uint8_t { Timer, Io };

class InterruptHandler {
 public:
  virtual void on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) = 0;

  virtual ~InterruptHandler() = default;
};

class InterruptController {
 public:
  void attach(InterruptHandler& handler) { handler_ = &handler; }
  // Delivers LINE to the attached handler at once (the simulated kernel runs atomically).
  void raise(InterruptLine line, CpuId cpu, std::uint64_t payload);
  std::uint64_t raised(InterruptLine line) const { return counts_[static_cast<std::size_t>(line)]; }

 private:
  InterruptHandler* handler_ = nullptr;
  std::uint64_t counts_[2] = {0, 0};
};

// One one-shot timer per CPU. Programming a timer replaces its previous deadline.
class TimerDevice : private EventHandler {
 public:
  TimerDevice(EventQueue& queue, InterruptController& irq, Trace& trace, int cpus, std::uint8_t phase);
  void program(CpuId cpu, Tick deadline);
  void cancel(CpuId cpu);
  Tick deadline(CpuId cpu) const { return deadlines_[cpu]; }

 private:
  void on_event(std::uint32_t kind, std::uint64_t arg) override;

  EventQueue& queue_;
  InterruptController& irq_;
  Trace& trace_;
  std::uint8_t phase_;
  std::vector<Tick> deadlines_;
  std::vector<std::uint32_t> generations_;
};

struct IoRequest {
  Pid pid = kNoPid;
  std::uint32_t tid = 0;
  Tick service = 0;       // ticks the request needs; 0 means "the device's own latency"
  std::uint64_t tag = 0;  // returned with the completion interrupt
};

class BlockDevice {
 public:
  virtual ~BlockDevice() = default;
  virtual void submit(const IoRequest& request) = 0;
  virtual std::size_t in_flight() const = 0;
};

class FixedLatencyDevice : public BlockDevice, private EventHandler {
 public:
  FixedLatencyDevice(EventQueue& queue, InterruptController& irq, Trace& trace, std::uint32_t device_id,
                     Tick latency, std::uint8_t phase);
  void submit(const IoRequest& request) override;
  std::size_t in_flight() const override { return in_flight_; }

 private:
  void on_event(std::uint32_t kind, std::uint64_t arg) override;

  EventQueue& queue_;
  InterruptController& irq_;
  Trace& trace_;
  std::uint32_t device_id_;
  Tick latency_;
  std::uint8_t phase_;
  std::size_t in_flight_ = 0;
  std::vector<IoRequest> slots_;            // requests in flight, by slot
  std::vector<std::uint32_t> free_slots_;   // reused so the table stays small
};

}  // namespace ks
