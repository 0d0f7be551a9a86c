// sim-core/devices.h — the machine's interrupt controller, per-CPU timers and a simple I/O device.
//
// THIS IS THE MACHINE, NOT THE KERNEL. Devices act on virtual time only: a device schedules its
// own completion in the event queue and, when it happens, raises an interrupt line; the kernel
// attached to the controller handles it. Each device records what it does in the trace.
//
// The fixed-latency device serves every request independently (as many at once as are asked
// for), taking the request's own service time, or the device's fixed latency when the request
// names none. It is the textbook's "the process does I/O for N ticks". The hard disk with a
// timing model (seek, rotation, transfer; machine/disk/hdd_device.h) implements the same
// BlockDevice interface and raises line Disk.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim-core/event_queue.h"
#include "sim-core/trace/trace.h"

namespace ks {

// Each device raises its own line. The timers share line Timer (the payload-free interrupt names
// its CPU); the fixed-latency device raises Io; a disk, a NIC or a second device gets a line of
// its own below kInterruptLines, so the kernel knows which driver a completion is for.
enum class InterruptLine : std::uint8_t { Timer = 0, Io = 1, Disk = 2 };
inline constexpr std::size_t kInterruptLines = 8;

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
  std::array<std::uint64_t, kInterruptLines> counts_{};
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

enum class IoDirection : std::uint8_t { None, Read, Write };

// A request to a block device. A disk moves COUNT sectors starting at SECTOR between itself and
// physical memory at BUFFER (DMA: the device reads or writes RAM itself, the CPU is free
// meanwhile); the fixed-latency device moves no data (direction None) and only takes time. The
// completion interrupt carries TAG, the driver's name for the request; PID and TID are for the
// trace.
struct IoRequest {
  Pid pid = kNoPid;
  std::uint32_t tid = 0;
  Tick service = 0;       // ticks the request needs; 0 means "the device's own latency"
  std::uint64_t tag = 0;  // returned with the completion interrupt
  IoDirection direction = IoDirection::None;
  std::uint64_t sector = 0;
  std::uint32_t count = 0;   // sectors
  std::uint64_t buffer = 0;  // a physical address
};

class BlockDevice {
 public:
  virtual ~BlockDevice() = default;
  // Starts REQUEST; its completion is an interrupt on line() with REQUEST.tag as payload.
  virtual void submit(const IoRequest& request) = 0;
  virtual std::size_t in_flight() const = 0;
  virtual InterruptLine line() const = 0;
};

class FixedLatencyDevice : public BlockDevice, private EventHandler {
 public:
  FixedLatencyDevice(EventQueue& queue, InterruptController& irq, Trace& trace, std::uint32_t device_id, Tick latency,
                     std::uint8_t phase);
  void submit(const IoRequest& request) override;
  std::size_t in_flight() const override { return in_flight_; }
  InterruptLine line() const override { return InterruptLine::Io; }

 private:
  void on_event(std::uint32_t kind, std::uint64_t arg) override;

  EventQueue& queue_;
  InterruptController& irq_;
  Trace& trace_;
  std::uint32_t device_id_;
  Tick latency_;
  std::uint8_t phase_;
  std::size_t in_flight_ = 0;
  std::vector<IoRequest> slots_;           // requests in flight, by slot
  std::vector<std::uint32_t> free_slots_;  // reused so the table stays small
};

}  // namespace ks
