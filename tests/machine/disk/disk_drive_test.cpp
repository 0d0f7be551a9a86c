// The data-holding disk: DMA (a write takes RAM's bytes when submitted, a read gives them when
// it completes), one request at a time in FIFO order, each model's time, and the Disk line.
#include "machine/disk/disk_drive.h"

#include <gtest/gtest.h>

#include <array>
#include <tuple>
#include <vector>

#include "sim-core/trace/trace.h"

namespace ks {
namespace {

struct Recorder : InterruptHandler {
  EventQueue* queue = nullptr;
  std::vector<std::tuple<Tick, InterruptLine, std::uint64_t>> seen;
  void on_interrupt(InterruptLine line, CpuId /*cpu*/, std::uint64_t payload) override {
    seen.emplace_back(queue->now(), line, payload);
  }
};

struct Rig {
  EventQueue queue;
  InterruptController irq;
  Trace trace;
  PhysicalMemory memory{4};
  Recorder recorder;
  explicit Rig() {
    recorder.queue = &queue;
    irq.attach(recorder);
  }
  IoRequest request(IoDirection direction, std::uint64_t sector, std::uint32_t count, std::uint64_t buffer,
                    std::uint64_t tag) {
    IoRequest r;
    r.direction = direction;
    r.sector = sector;
    r.count = count;
    r.buffer = buffer;
    r.tag = tag;
    return r;
  }
};

TEST(DiskDrive, AWriteTakesItsBytesWhenSubmittedAndAReadGivesThemWhenItCompletes) {
  Rig rig;
  DiskDrive drive(rig.queue, rig.irq, rig.trace, rig.memory, 1, DiskModel::Ram, 64, 1);
  rig.memory.fill(0, kPageSize, 0xAB);
  drive.submit(rig.request(IoDirection::Write, 8, 8, 0, 7));
  rig.memory.fill(0, kPageSize, 0xCD);  // after the submission: the drive already holds 0xAB
  drive.submit(rig.request(IoDirection::Read, 8, 8, kPageSize, 8));
  EXPECT_EQ(drive.in_flight(), 2U);
  rig.queue.run_until(1);  // the write (1 tick) has completed; the read has only started
  EXPECT_EQ(rig.memory.read8(kPageSize), 0);
  rig.queue.run_until(kNever);
  EXPECT_EQ(rig.memory.read8(kPageSize), 0xAB);
  EXPECT_EQ(rig.memory.read8(2 * kPageSize - 1), 0xAB);
  EXPECT_EQ(rig.memory.read8(0), 0xCD);
  using Seen = std::tuple<Tick, InterruptLine, std::uint64_t>;
  EXPECT_EQ(rig.recorder.seen, (std::vector<Seen>{{1, InterruptLine::Disk, 7}, {2, InterruptLine::Disk, 8}}));
  EXPECT_EQ(drive.reads(), 1U);
  EXPECT_EQ(drive.writes(), 1U);
}

TEST(DiskDrive, SectorsNeverWrittenReadAsZeros) {
  Rig rig;
  DiskDrive drive(rig.queue, rig.irq, rig.trace, rig.memory, 1, DiskModel::Ram, 64, 1);
  rig.memory.fill(0, kPageSize, 0x11);
  drive.submit(rig.request(IoDirection::Read, 40, 8, 0, 1));
  rig.queue.run_until(kNever);
  for (PhysAddr at = 0; at < kPageSize; at += 512) EXPECT_EQ(rig.memory.read8(at), 0) << at;
  std::array<std::uint8_t, 512> sector{};
  sector.fill(0x55);
  drive.peek(63, sector);
  EXPECT_EQ(sector[0], 0);
}

// The flash model's times (ssd_model.h defaults): a page read 25 µs, a page program 200 µs, with
// no garbage collection while the disk is this empty. A request waits for the one ahead.
TEST(DiskDrive, AFlashDiskTakesTheModelsReadAndProgramTimesOneAfterAnother) {
  Rig rig;
  DiskDrive drive(rig.queue, rig.irq, rig.trace, rig.memory, 1, DiskModel::Ssd, 1024, 1);
  drive.submit(rig.request(IoDirection::Write, 0, 8, 0, 1));  // one 4 KiB page: 200
  drive.submit(rig.request(IoDirection::Read, 0, 8, 0, 2));   // then 25
  drive.submit(rig.request(IoDirection::Read, 0, 16, 0, 3));  // two pages: 50
  rig.queue.run_until(kNever);
  using Seen = std::tuple<Tick, InterruptLine, std::uint64_t>;
  EXPECT_EQ(
      rig.recorder.seen,
      (std::vector<Seen>{{200, InterruptLine::Disk, 1}, {225, InterruptLine::Disk, 2}, {275, InterruptLine::Disk, 3}}));
  EXPECT_EQ(drive.busy_time(), 275);
}

TEST(DiskDrive, NamesItsModelsAndRefusesOthers) {
  EXPECT_EQ(disk_model_from_string("hdd"), DiskModel::Hdd);
  EXPECT_EQ(disk_model_from_string("ssd"), DiskModel::Ssd);
  EXPECT_EQ(disk_model_from_string("ram"), DiskModel::Ram);
  EXPECT_FALSE(disk_model_from_string("floppy").has_value());
  EXPECT_EQ(to_string(DiskModel::Hdd), "hdd");
  // The default flash geometry: 58,000 logical pages of 8 sectors.
  EXPECT_EQ(DiskDrive::capacity(DiskModel::Ssd), 58'000U * 8U);
}

}  // namespace
}  // namespace ks
