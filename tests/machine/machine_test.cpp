// The machine owns its hardware and is built from its configuration: RAM of the configured
// size and one hart per CPU with the configured TLB, both only at their first use.
#include "machine/machine.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(Machine, PowersOnRamAndHartsAtTheirFirstUse) {
  MachineConfig config;
  config.cpus = 3;
  config.memory_frames = 40;
  Machine machine(config);
  EXPECT_FALSE(machine.harts_on());
  EXPECT_EQ(machine.memory_frames(), 40u);
  EXPECT_EQ(machine.memory().frame_count(), 40u);
  EXPECT_FALSE(machine.harts_on()) << "RAM alone does not power the harts";
  Rv32imaModel& harts = machine.harts();
  EXPECT_TRUE(machine.harts_on());
  EXPECT_EQ(harts.hart_count(), 3);
  EXPECT_EQ(&machine.harts(), &harts) << "one set of harts";
}

TEST(Machine, EveryHartHasTheConfiguredTlb) {
  MachineConfig config;
  config.cpus = 2;
  config.tlb.entries = 8;
  config.tlb.ways = 2;
  config.tlb.replacement = TlbReplacement::Fifo;
  Machine machine(config);
  for (CpuId hart = 0; hart < 2; ++hart) {
    EXPECT_EQ(machine.harts().tlb(hart).config().entries, 8u);
    EXPECT_EQ(machine.harts().tlb(hart).config().ways, 2u);
    EXPECT_EQ(machine.harts().tlb(hart).config().replacement, TlbReplacement::Fifo);
  }
}

TEST(Machine, TheDefaultIsTheDocumentedOne) {
  Machine machine(MachineConfig{});
  EXPECT_EQ(machine.memory_frames(), 16384u) << "64 MiB, as docs/scenario-format.md says";
  EXPECT_EQ(machine.harts().tlb(0).config().entries, 64u);
}

}  // namespace
}  // namespace ks
