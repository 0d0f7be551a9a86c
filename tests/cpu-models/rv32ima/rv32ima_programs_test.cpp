// End-to-end: the prebuilt userland benchmarks run to their exit system call, bare and under
// Sv32, print the checksum qemu-riscv32 prints, and keep the TLB statistics of the model exact.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include "tests/cpu-models/rv32ima/rv32_program_harness.h"

namespace ks::test_rv32 {
namespace {

struct Expected {
  const char* name;
  const char* output;
};

// Produced by `qemu-riscv32 userland/prebuilt/NAME.elf`; the differential test re-checks them.
constexpr std::array<Expected, 4> kPrograms = {{
    {"crc32", "crc32 checksum=0xdcb97a20\n"},
    {"list_walk", "list_walk checksum=0x43ff1860\n"},
    {"matmul", "matmul checksum=0x6aedb2ed\n"},
    {"state_machine", "state_machine checksum=0x7a344e45\n"},
}};

std::string elf_path(const std::string& name) {
  return std::string(KS_SOURCE_DIR) + "/userland/prebuilt/" + name + ".elf";
}

class Rv32Programs : public ::testing::TestWithParam<Expected> {};

TEST_P(Rv32Programs, RunsBareToExitWithTheChecksum) {
  const std::string name = GetParam().name;
  ProgramHarness harness(read_file(elf_path(name)), name + ".elf", MmuMode::Bare);
  const ProgramResult result = harness.run();
  ASSERT_TRUE(result.exited) << to_string(result.last_stop.reason) << " at pc " << result.last_stop.pc;
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_EQ(result.output, GetParam().output);
}

TEST_P(Rv32Programs, RunsUnderSv32WithTheSameResult) {
  const std::string name = GetParam().name;
  Rv32Config config;
  config.tlb.entries = 32;
  config.tlb.ways = 4;
  ProgramHarness harness(read_file(elf_path(name)), name + ".elf", MmuMode::Sv32, config);
  const ProgramResult result = harness.run(100000);
  ASSERT_TRUE(result.exited) << to_string(result.last_stop.reason) << " at pc " << result.last_stop.pc;
  EXPECT_EQ(result.output, GetParam().output);
  const Tlb& tlb = harness.model().tlb(0);
  EXPECT_GT(tlb.misses(), 0u);
  // One TLB access per fetch (retired instructions plus the non-retiring ecalls) and per data access.
  EXPECT_GE(tlb.hits() + tlb.misses(), result.instructions);
}

INSTANTIATE_TEST_SUITE_P(Prebuilt, Rv32Programs, ::testing::ValuesIn(kPrograms),
                         [](const auto& test_info) { return std::string(test_info.param.name); });

// The soft TLB and block execution must not change any TLB statistic: compare against the
// reference mode (every access through the modelled TLB, one instruction per block) under each
// replacement policy with a TLB small enough to thrash.
TEST(Rv32ProgramsTlb, FastPathsKeepTlbStatisticsExact) {
  const std::vector<std::uint8_t> elf = read_file(elf_path("list_walk"));
  for (TlbReplacement policy : {TlbReplacement::Lru, TlbReplacement::Fifo, TlbReplacement::Random}) {
    for (std::uint32_t ways : {1u, 2u, 8u}) {
      Rv32Config config;
      config.tlb.entries = 8;
      config.tlb.ways = ways;
      config.tlb.replacement = policy;
      config.tlb.seed = 42;
      Rv32Config reference_config = config;
      reference_config.fast_paths = false;
      ProgramHarness fast(elf, "list_walk.elf", MmuMode::Sv32, config);
      ProgramHarness reference(elf, "list_walk.elf", MmuMode::Sv32, reference_config);
      const ProgramResult a = fast.run(7919, 3000000);
      const ProgramResult b = reference.run(7919, 3000000);
      SCOPED_TRACE(std::string(to_string(policy)) + " ways " + std::to_string(ways));
      EXPECT_EQ(a.instructions, b.instructions);
      EXPECT_EQ(fast.model().tlb(0).hits(), reference.model().tlb(0).hits());
      EXPECT_EQ(fast.model().tlb(0).misses(), reference.model().tlb(0).misses());
      EXPECT_EQ(fast.model().tlb(0).evictions(), reference.model().tlb(0).evictions());
    }
  }
}

// Differential: qemu-riscv32 must print what the model prints for each prebuilt program.
TEST(Rv32ProgramsDifferential, MatchesQemuRiscv32) {
  if (std::system("command -v qemu-riscv32 > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "qemu-riscv32 is not installed (apt-get install qemu-user)";
  }
  for (const Expected& program : kPrograms) {
    const std::string command = "qemu-riscv32 " + elf_path(program.name);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    ASSERT_NE(pipe, nullptr);
    std::string qemu_output;
    std::array<char, 256> chunk{};
    while (std::fgets(chunk.data(), static_cast<int>(chunk.size()), pipe.get()) != nullptr) qemu_output += chunk.data();
    ProgramHarness harness(read_file(elf_path(program.name)), program.name, MmuMode::Sv32);
    const ProgramResult result = harness.run();
    EXPECT_EQ(result.output, qemu_output) << program.name;
  }
}

}  // namespace
}  // namespace ks::test_rv32
