// machine/disk/disk_drive.h — a disk that holds data: sectors in host memory, moved to and from
// RAM by DMA, timed by one of the disk models. THIS IS THE MACHINE, NOT THE KERNEL.
//
// The swap device (issue: virtual memory) is one of these. It serves ONE request at a time, in
// the order they were submitted (FIFO: ordering requests is the kernel's block layer's job,
// kernel/blk/), and raises InterruptLine::Disk with the request's tag when a request completes.
//
// DMA. The drive reads and writes the machine's RAM itself: a WRITE takes its bytes from RAM
// when it is submitted (the drive's buffer holds them from then on, so the kernel may reuse the
// frame once the write completes, and a read of the same sectors submitted later, which the FIFO
// serves after the write, sees them); a READ puts its bytes into RAM when it completes. Sectors
// that were never written read as zeros.
//
// TIMING (one tick = one µs, as the models'):
//   ram  every request takes `ram_latency` ticks (machine/disk/ram_disk.h);
//   ssd  the flash model's read or program time, garbage collection included (ssd_model.h);
//   hdd  seek, rotation and transfer from where the head is, when the request starts (hdd_model.h).
// The trace records each request as IoRequest when it starts (a: the device id; b: its service
// time) and IoComplete when it ends.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "machine/disk/hdd_model.h"
#include "machine/disk/ram_disk.h"
#include "machine/disk/ssd_model.h"
#include "sim-core/devices.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {

inline constexpr std::uint32_t kSectorSize = 512;

enum class DiskModel : std::uint8_t { Ram, Ssd, Hdd };
std::string_view to_string(DiskModel model);
std::optional<DiskModel> disk_model_from_string(std::string_view name);

class DiskDrive : public BlockDevice, private EventHandler {
 public:
  // A drive of SECTORS sectors (at most the model's capacity: the caller checks, with
  // capacity()) on the machine's RAM, delivering in PHASE.
  DiskDrive(EventQueue& queue, InterruptController& irq, Trace& trace, PhysicalMemory& memory, std::uint32_t device_id,
            DiskModel model, std::uint64_t sectors, std::uint8_t phase);

  // The most sectors a drive of MODEL (with its default geometry) holds.
  static std::uint64_t capacity(DiskModel model);

  // REQUEST: direction Read or Write, COUNT >= 1 sectors inside the drive, BUFFER a physical
  // address with COUNT sectors of RAM behind it (the driver checks all three).
  void submit(const IoRequest& request) override;
  std::size_t in_flight() const override { return (current_ ? 1 : 0) + waiting_.size(); }
  InterruptLine line() const override { return InterruptLine::Disk; }

  DiskModel model() const { return model_; }
  std::uint64_t sectors() const { return sectors_; }
  std::uint64_t reads() const { return reads_; }    // requests completed
  std::uint64_t writes() const { return writes_; }  // requests completed
  Tick busy_time() const { return busy_time_; }
  // The bytes of sector SECTOR as the drive holds them now (for tests, and for the kernel's
  // documented shortcut, kernel/mm/pager.h). OUT.size() is a multiple of the sector size.
  void peek(std::uint64_t sector, std::span<std::uint8_t> out) const;
  void poke(std::uint64_t sector, std::span<const std::uint8_t> bytes);

 private:
  void on_event(std::uint32_t kind, std::uint64_t arg) override;
  void start(const IoRequest& request);
  Tick service_time(const IoRequest& request);

  EventQueue& queue_;
  InterruptController& irq_;
  Trace& trace_;
  PhysicalMemory& memory_;
  std::uint32_t device_id_;
  DiskModel model_;
  std::uint64_t sectors_;
  std::uint8_t phase_;
  RamDiskModel ram_;
  std::optional<SsdModel> ssd_;
  std::optional<HddModel> hdd_;
  std::uint32_t head_cylinder_ = 0;
  std::vector<std::uint8_t> data_;  // grown to the highest sector written
  std::optional<IoRequest> current_;
  std::deque<IoRequest> waiting_;
  std::uint64_t reads_ = 0, writes_ = 0;
  Tick busy_time_ = 0;
};

}  // namespace ks
