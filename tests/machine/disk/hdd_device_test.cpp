// The hard disk as a device: one request at a time, timed by the model, completions on the Disk
// line. The disk is hdd_model_test.cpp's (6000 RPM, 100 sectors a track, 2 heads; seek 1000 +
// 100 × √D µs below 400 cylinders).
#include "machine/disk/hdd_device.h"

#include <gtest/gtest.h>

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

HddModel small_disk() {
  HddGeometry g;
  g.cylinders = 1000;
  g.heads = 2;
  g.sectors_per_track = 100;
  g.rpm = 6000;
  g.settle = 1000;
  g.short_per_sqrt = 100;
  g.long_from = 400;
  g.long_base = 3000;
  g.long_per_cylinder = 5;
  return HddModel(g);
}

TEST(HddDevice, ServesOneRequestAtATimeAndRaisesTheDiskLine) {
  EventQueue queue;
  InterruptController irq;
  Trace trace;
  MemoryTrace memory;
  trace.add_sink(memory);
  Recorder recorder;
  recorder.queue = &queue;
  irq.attach(recorder);
  HddDevice disk(queue, irq, trace, 3, small_disk(), 1);
  EXPECT_EQ(disk.line(), InterruptLine::Disk);
  IoRequest first;
  first.tag = 7;
  first.direction = IoDirection::Read;
  first.sector = 12345;  // cylinder 61, sector 45
  first.count = 8;
  IoRequest second;
  second.tag = 8;
  second.direction = IoDirection::Write;
  second.sector = 0;  // cylinder 0, sector 0
  second.count = 1;
  disk.submit(first);
  disk.submit(second);  // the disk is busy: it waits in the device
  EXPECT_EQ(disk.in_flight(), 2u);
  queue.run_until(kNever);
  // First: seek 1781 + rotation 2719 + transfer 800 = 5300 (hdd_model_test.cpp). The head is on
  // cylinder 61. Second starts at 5300: seek 61 back = 1781, ending at 7081, when the head is
  // 70.81 sectors into the turn; sector 0 comes at 10,000: rotation 2919; transfer 100. Done at
  // 5300 + 1781 + 2919 + 100 = 10,100.
  ASSERT_EQ(recorder.seen.size(), 2u);
  EXPECT_EQ(recorder.seen[0], std::make_tuple(Tick{5300}, InterruptLine::Disk, std::uint64_t{7}));
  EXPECT_EQ(recorder.seen[1], std::make_tuple(Tick{10'100}, InterruptLine::Disk, std::uint64_t{8}));
  EXPECT_EQ(disk.in_flight(), 0u);
  EXPECT_EQ(disk.head_cylinder(), 0u);
  EXPECT_EQ(disk.busy_time(), 10'100);
  EXPECT_EQ(irq.raised(InterruptLine::Disk), 2u);
  std::vector<std::tuple<Tick, EventKind, std::int64_t, std::int64_t>> events;
  for (const TraceEvent& e : memory.events()) events.emplace_back(e.time, e.kind, e.a, e.b);
  const std::vector<std::tuple<Tick, EventKind, std::int64_t, std::int64_t>> expected = {
      {0, EventKind::IoRequest, 3, 5300},
      {5300, EventKind::IoComplete, 3, 5300},
      {5300, EventKind::IoRequest, 3, 4800},  // 1781 + 2919 + 100
      {10'100, EventKind::IoComplete, 3, 4800}};
  EXPECT_EQ(events, expected);
}

TEST(HddDevice, ARequestSubmittedWhileIdleStartsAtOnceFromTheHeadsCylinder) {
  EventQueue queue;
  InterruptController irq;
  Trace trace;
  Recorder recorder;
  recorder.queue = &queue;
  irq.attach(recorder);
  HddDevice disk(queue, irq, trace, 0, small_disk(), 1);
  IoRequest request;
  request.tag = 1;
  request.sector = 25;  // cylinder 0, sector 25: no seek; rotation 2500; transfer 100
  request.count = 1;
  disk.submit(request);
  ASSERT_TRUE(disk.current_service().has_value());
  EXPECT_EQ(disk.current_service()->seek, 0);
  EXPECT_EQ(disk.current_service()->rotation, 2500);
  queue.run_until(kNever);
  ASSERT_EQ(recorder.seen.size(), 1u);
  EXPECT_EQ(std::get<0>(recorder.seen[0]), 2600);
}

}  // namespace
}  // namespace ks
