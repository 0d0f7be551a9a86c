#include "sim-core/devices.h"

#include <gtest/gtest.h>

#include "machine/machine.h"

namespace ks {
namespace {

struct Interrupts : InterruptHandler {
  EventQueue* queue = nullptr;
  std::vector<std::tuple<Tick, InterruptLine, CpuId, std::uint64_t>> seen;
  void on_interrupt(InterruptLine line, CpuId cpu, std::uint64_t payload) override {
    seen.emplace_back(queue->now(), line, cpu, payload);
  }
};

TEST(TimerDevice, FiresAtItsDeadlineAndReprogrammingReplacesIt) {
  MachineConfig config;
  config.cpus = 2;
  Machine machine(config);
  Interrupts irq;
  irq.queue = &machine.queue();
  machine.interrupts().attach(irq);
  machine.timer().program(0, 10);
  machine.timer().program(0, 15);  // replaces 10
  machine.timer().program(1, 12);
  machine.timer().program(1, kNever);  // cancelled
  machine.queue().run_until(kNever);
  ASSERT_EQ(irq.seen.size(), 1u);
  EXPECT_EQ(std::get<0>(irq.seen[0]), 15);
  EXPECT_EQ(std::get<1>(irq.seen[0]), InterruptLine::Timer);
  EXPECT_EQ(std::get<2>(irq.seen[0]), 0);
  EXPECT_EQ(machine.timer().deadline(0), kNever);
}

TEST(FixedLatencyDevice, ServesRequestsInParallelForTheirOwnServiceTime) {
  MachineConfig config;
  config.io_latency = 7;
  Machine machine(config);
  Interrupts irq;
  irq.queue = &machine.queue();
  machine.interrupts().attach(irq);
  MemoryTrace memory;
  machine.trace().add_sink(memory);
  machine.io_device().submit({1, 1, 5, 100});
  machine.io_device().submit({2, 2, 3, 200});
  machine.io_device().submit({3, 3, 0, 300});  // device latency
  EXPECT_EQ(machine.io_device().in_flight(), 3u);
  machine.queue().run_until(kNever);
  ASSERT_EQ(irq.seen.size(), 3u);
  EXPECT_EQ(irq.seen[0], std::make_tuple(Tick{3}, InterruptLine::Io, kNoCpu, std::uint64_t{200}));
  EXPECT_EQ(irq.seen[1], std::make_tuple(Tick{5}, InterruptLine::Io, kNoCpu, std::uint64_t{100}));
  EXPECT_EQ(irq.seen[2], std::make_tuple(Tick{7}, InterruptLine::Io, kNoCpu, std::uint64_t{300}));
  EXPECT_EQ(machine.io_device().in_flight(), 0u);
  int requests = 0, completions = 0;
  for (const auto& e : memory.events()) {
    requests += e.kind == EventKind::IoRequest;
    completions += e.kind == EventKind::IoComplete;
  }
  EXPECT_EQ(requests, 3);
  EXPECT_EQ(completions, 3);
}

}  // namespace
}  // namespace ks
