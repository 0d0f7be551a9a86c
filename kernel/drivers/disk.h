// kernel/drivers/disk.h — the disk driver: requests to a data disk (machine/disk/disk_drive.h)
// and their completion interrupts.
//
// A kernel path that needs the disk (the pager's swap-out and swap-in, kernel/mm/pager.h; the
// buffer cache next) names the sectors, the direction and a physical buffer, and an IoCompletion
// (kernel/sync/task.h) that belongs to something outliving the path. The driver tags the request
// with its own number and submits it; when the drive raises InterruptLine::Disk with that tag,
// Kernel::on_interrupt hands it here and the driver completes the IoCompletion with the bytes
// moved, which wakes whatever task awaits it (its resume is an event at the current time). A
// request may have no IoCompletion: nobody waits for it.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/proc/thread.h"
#include "machine/disk/disk_drive.h"

namespace ks {

class IoCompletion;

class DiskDriver {
 public:
  explicit DiskDriver(DiskDrive& drive) : drive_(drive) {}

  // Moves COUNT sectors from SECTOR of the drive into RAM at BUFFER (Read) or from RAM to the
  // drive (Write); DONE (may be null) completes with the bytes moved. PID and TID: for whom (the
  // trace's request and completion name them).
  void submit(IoDirection direction, std::uint64_t sector, std::uint32_t count, std::uint64_t buffer,
              IoCompletion* done, Pid pid, Tid tid);
  // The drive's interrupt for the request tagged TAG.
  void complete(std::uint64_t tag);

  DiskDrive& drive() { return drive_; }
  std::size_t in_flight() const { return in_flight_; }

 private:
  struct Pending {
    IoCompletion* done = nullptr;
    std::int64_t bytes = 0;
    bool busy = false;
  };
  DiskDrive& drive_;
  std::vector<Pending> pending_;     // by tag
  std::vector<std::uint64_t> free_;  // tags of completed requests, used again
  std::size_t in_flight_ = 0;
};

}  // namespace ks
