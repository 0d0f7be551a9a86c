// kernel/drivers/io.h — the I/O driver: requests to the machine's I/O device and their completions.
//
// A thread that starts I/O blocks (its executor did that); the driver gives the device a request
// whose tag is the driver's own number for it, and remembers which thread waits for it. When the
// device raises its interrupt line, Kernel::on_interrupt hands the tag here, and the driver wakes
// that thread. The device never learns about threads, and a driver of a disk (with sectors, a
// direction and a buffer in physical memory, sim-core/devices.h) takes the same place.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/proc/thread.h"
#include "sim-core/devices.h"

namespace ks {

class Kernel;

class IoDriver {
 public:
  explicit IoDriver(Kernel& kernel) : kernel_(kernel) {}

  // THREAD (blocked) waits for an I/O burst of SERVICE ticks on the machine's I/O device.
  void submit(const Thread& thread, Tick service);
  // The device's interrupt for the request tagged TAG.
  void complete(std::uint64_t tag);

 private:
  Kernel& kernel_;
  std::vector<Tid> waiting_;         // by tag: the thread each request is for
  std::vector<std::uint64_t> free_;  // tags of completed requests, used again
};

}  // namespace ks
