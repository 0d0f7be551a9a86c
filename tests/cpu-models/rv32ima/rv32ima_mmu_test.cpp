// The interpreter under Sv32: page faults of each kind, A/D bits, TLB statistics, ASIDs, and
// LR/SC reservations across harts.
#include <gtest/gtest.h>

#include "tests/cpu-models/rv32ima/rv32_assembler.h"

namespace ks::test_rv32 {
namespace {

using Code = std::vector<std::uint32_t>;

constexpr std::uint32_t kCodeVa = 0x10000, kDataVa = 0x20000, kOtherVa = 0x30000;
constexpr std::uint32_t kRoot = 100, kCodeFrame = 20, kDataFrame = 21, kOtherFrame = 22;
constexpr std::uint32_t kUserCode = pte::kUser | pte::kRead | pte::kExecute;
constexpr std::uint32_t kUserData = pte::kUser | pte::kRead | pte::kWrite;

struct Sv32Machine {
  explicit Sv32Machine(Rv32Config config = {}) : memory(256), model(memory, config) {}

  void map(std::uint32_t va, std::uint32_t frame, std::uint32_t flags, std::uint32_t root = kRoot) {
    sv32_map_page(memory, root, va, frame, flags, [this] { return next_table++; });
  }
  std::uint32_t leaf(std::uint32_t va) { return sv32_walk(memory, kRoot, va, AccessType::Load, false).leaf; }
  ContextId load(const Code& code, std::uint16_t asid = 1, std::uint32_t root = kRoot) {
    map(kCodeVa, kCodeFrame, kUserCode, root);
    std::uint32_t at = kCodeFrame << kPageShift;
    for (std::uint32_t word : code) {
      memory.write32(at, word);
      at += 4;
    }
    memory.write32(at, kEbreak);
    return model.create_context(kCodeVa, 0, root << kPageShift, MmuMode::Sv32, asid);
  }

  PhysicalMemory memory;
  Rv32imaModel model;
  std::uint32_t next_table = 150;
};

TEST(Rv32Mmu, LoadFromAnUnmappedPageFaultsAndRetriesAfterMapping) {
  Sv32Machine m;
  const ContextId c = m.load(li(5, kOtherVa + 8) + Code{load(2, 6, 5, 0)});
  StopInfo stop = m.model.run(0, c, 100);
  EXPECT_EQ(stop.reason, StopReason::PageFault);
  EXPECT_EQ(stop.detail, kOtherVa + 8);
  EXPECT_EQ(stop.pc, kCodeVa + 8);
  EXPECT_EQ(m.model.last_fault(c).access, AccessType::Load);
  EXPECT_EQ(m.model.last_fault(c).kind, FaultKind::NotPresent);
  EXPECT_EQ(m.model.instructions_retired(c), 2u);
  m.memory.write32((kOtherFrame << kPageShift) + 8, 1234);
  m.map(kOtherVa, kOtherFrame, kUserData);
  stop = m.model.run(0, c, 100);  // retried: no flush needed, a faulting walk caches nothing
  EXPECT_EQ(stop.reason, StopReason::Breakpoint);
  EXPECT_EQ(m.model.reg(c, 6), 1234u);
}

TEST(Rv32Mmu, StoreToReadOnlyPageIsAProtectionFault) {
  Sv32Machine m;
  m.map(kDataVa, kDataFrame, pte::kUser | pte::kRead);
  const ContextId c = m.load(li(5, kDataVa) + Code{load(2, 6, 5, 0), store(2, 6, 5, 4)});
  const StopInfo stop = m.model.run(0, c, 100);
  EXPECT_EQ(stop.reason, StopReason::PageFault);
  EXPECT_EQ(m.model.last_fault(c).access, AccessType::Store);
  EXPECT_EQ(m.model.last_fault(c).kind, FaultKind::Protection);
  EXPECT_EQ(m.leaf(kDataVa) & pte::kDirty, 0u);
}

TEST(Rv32Mmu, FetchFromADataPageIsAProtectionFault) {
  Sv32Machine m;
  m.map(kDataVa, kDataFrame, kUserData);
  const ContextId c = m.load(li(5, kDataVa) + Code{jalr(0, 5, 0)});
  const StopInfo stop = m.model.run(0, c, 100);
  EXPECT_EQ(stop.reason, StopReason::PageFault);
  EXPECT_EQ(stop.pc, kDataVa);
  EXPECT_EQ(m.model.last_fault(c).access, AccessType::Fetch);
  EXPECT_EQ(m.model.last_fault(c).kind, FaultKind::Protection);
}

TEST(Rv32Mmu, AccessedThenDirtyAfterAStoreThroughACachedEntry) {
  Sv32Machine m;
  m.map(kDataVa, kDataFrame, kUserData);
  const ContextId c = m.load(li(5, kDataVa) + Code{load(2, 6, 5, 0), kEcall, store(2, 6, 5, 0)});
  m.model.run(0, c, 100);
  EXPECT_EQ(m.leaf(kDataVa) & (pte::kAccessed | pte::kDirty), pte::kAccessed);
  EXPECT_NE(m.leaf(kCodeVa) & pte::kAccessed, 0u);
  m.model.finish_syscall(c, 0);
  m.model.run(0, c, 100);
  EXPECT_EQ(m.leaf(kDataVa) & pte::kDirty, pte::kDirty);
}

TEST(Rv32Mmu, TlbCountsOneAccessPerFetchAndPerData) {
  Rv32Config config;
  config.tlb.entries = 4;
  config.tlb.ways = 4;
  Sv32Machine m(config);
  m.map(kDataVa, kDataFrame, kUserData);
  m.map(kOtherVa, kOtherFrame, kUserData);
  // 2 (li) + 10 loads alternating pages + ebreak = 13 fetches, 10 data accesses.
  Code code = li(5, kDataVa) + li(6, kOtherVa);
  for (int i = 0; i < 5; ++i) code = code + Code{load(2, 7, 5, 0), load(2, 7, 6, 0)};
  const ContextId c = m.load(code);
  EXPECT_EQ(m.model.run(0, c, 1000).reason, StopReason::Breakpoint);
  const Tlb& tlb = m.model.tlb(0);
  EXPECT_EQ(tlb.misses(), 3u);
  EXPECT_EQ(tlb.hits() + tlb.misses(), 15u + 10u);
}

TEST(Rv32Mmu, AsidsKeepAddressSpacesApartWithoutFlushing) {
  for (bool use_asids : {true, false}) {
    Rv32Config config;
    config.tlb.use_asids = use_asids;
    Sv32Machine m(config);
    const std::uint32_t root_b = 101;
    m.map(kDataVa, kDataFrame, kUserData);
    m.map(kDataVa, kOtherFrame, kUserData, root_b);
    m.memory.write32(kDataFrame << kPageShift, 111);
    m.memory.write32(kOtherFrame << kPageShift, 222);
    const Code code = li(5, kDataVa) + Code{load(2, 6, 5, 0), kEcall, load(2, 7, 5, 0)};
    const ContextId a = m.load(code, 1);
    const ContextId b = m.load(code, 2, root_b);
    m.model.run(0, a, 100);
    m.model.run(0, b, 100);
    m.model.finish_syscall(a, 0);
    m.model.finish_syscall(b, 0);
    m.model.run(0, a, 100);
    m.model.run(0, b, 100);
    EXPECT_EQ(m.model.reg(a, 7), 111u);
    EXPECT_EQ(m.model.reg(b, 7), 222u);
    EXPECT_EQ(m.model.tlb(0).flushes(), use_asids ? 0u : 3u);
  }
}

TEST(Rv32Mmu, NewAddressSpaceForTheSameContextIsNotServedStaleEntries) {
  for (bool use_asids : {true, false}) {
    Rv32Config config;
    config.tlb.use_asids = use_asids;
    Sv32Machine m(config);
    const std::uint32_t root_b = 101;
    m.map(kDataVa, kDataFrame, kUserData);
    m.map(kDataVa, kOtherFrame, kUserData, root_b);
    m.map(kCodeVa, kCodeFrame, kUserCode, root_b);
    m.memory.write32(kDataFrame << kPageShift, 1);
    m.memory.write32(kOtherFrame << kPageShift, 2);
    const ContextId c = m.load(li(5, kDataVa) + Code{load(2, 6, 5, 0)}, 1);
    m.model.run(0, c, 100);
    EXPECT_EQ(m.model.reg(c, 6), 1u);
    m.model.set_address_space(c, MmuMode::Sv32, root_b << kPageShift, use_asids ? 2 : 1);  // exec
    m.model.set_pc(c, kCodeVa);
    m.model.run(0, c, 100);
    EXPECT_EQ(m.model.reg(c, 6), 2u);
  }
}

TEST(Rv32Mmu, StaleTranslationUntilTheKernelFlushes) {
  Sv32Machine m;
  m.map(kDataVa, kDataFrame, kUserData);
  m.memory.write32(kDataFrame << kPageShift, 1);
  m.memory.write32(kOtherFrame << kPageShift, 2);
  const ContextId c = m.load(li(5, kDataVa) + Code{load(2, 6, 5, 0), kEcall, load(2, 6, 5, 0), kEcall});
  m.model.run(0, c, 100);
  m.map(kDataVa, kOtherFrame, kUserData);  // remap without sfence: the TLB still says kDataFrame
  m.model.finish_syscall(c, 0);
  m.model.run(0, c, 100);
  EXPECT_EQ(m.model.reg(c, 6), 1u);
  m.model.flush_tlb_page(0, kDataVa, 1);
  m.model.set_pc(c, kCodeVa + 8);
  m.model.run(0, c, 100);
  EXPECT_EQ(m.model.reg(c, 6), 2u);
}

// --- LR/SC across harts (bare mode) -----------------------------------------------------------

struct TwoHarts {
  TwoHarts() : memory(64), model(memory, config()) {}
  static Rv32Config config() {
    Rv32Config c;
    c.harts = 2;
    return c;
  }
  ContextId load(std::uint32_t at, const Code& code) {
    std::uint32_t p = at;
    for (std::uint32_t word : code) {
      memory.write32(p, word);
      p += 4;
    }
    memory.write32(p, kEbreak);
    return model.create_context(at, 0, 0, MmuMode::Bare);
  }
  PhysicalMemory memory;
  Rv32imaModel model;
};

constexpr std::uint32_t kWord = 0x8000;

// lr.w x6,(x5); ecall; sc.w x7, x8, (x5)
Code lr_then_sc() { return li(5, kWord) + li(8, 77) + Code{amo(0x02, 6, 5, 0), kEcall, amo(0x03, 7, 5, 8)}; }

TEST(Rv32Atomics, StoreConditionalSucceedsWithoutInterference) {
  TwoHarts m;
  const ContextId a = m.load(0x1000, lr_then_sc());
  m.memory.write32(kWord, 5);
  m.model.run(0, a, 100);
  EXPECT_EQ(m.model.reg(a, 6), 5u);
  m.model.finish_syscall(a, 0);
  m.model.run(0, a, 100);
  EXPECT_EQ(m.model.reg(a, 7), 0u);
  EXPECT_EQ(m.memory.read32(kWord), 77u);
}

TEST(Rv32Atomics, AnotherHartsStoreBreaksTheReservation) {
  TwoHarts m;
  const ContextId a = m.load(0x1000, lr_then_sc());
  const ContextId b = m.load(0x2000, li(5, kWord) + Code{addi(9, 0, 9), store(2, 9, 5, 0)});
  m.model.run(0, a, 100);
  m.model.run(1, b, 100);
  m.model.finish_syscall(a, 0);
  m.model.run(0, a, 100);
  EXPECT_EQ(m.model.reg(a, 7), 1u);
  EXPECT_EQ(m.memory.read32(kWord), 9u);
}

TEST(Rv32Atomics, AnotherHartsAmoBreaksTheReservationButOtherWordsDoNot) {
  TwoHarts m;
  const ContextId a = m.load(0x1000, lr_then_sc());
  const ContextId near = m.load(0x2000, li(5, kWord + 4) + Code{store(2, 5, 5, 0)});
  const ContextId amo_b = m.load(0x3000, li(5, kWord) + Code{addi(9, 0, 1), amo(0x00, 10, 5, 9)});
  m.model.run(0, a, 100);
  m.model.run(1, near, 100);
  m.model.finish_syscall(a, 0);
  m.model.run(0, a, 100);
  EXPECT_EQ(m.model.reg(a, 7), 0u);  // a store to the next word does not break it
  m.model.set_pc(a, 0x1000);
  m.model.run(0, a, 100);
  m.model.run(1, amo_b, 100);
  m.model.finish_syscall(a, 0);
  m.model.run(0, a, 100);
  EXPECT_EQ(m.model.reg(a, 7), 1u);
}

TEST(Rv32Atomics, SwitchingContextsOnTheHartDropsTheReservation) {
  TwoHarts m;
  const ContextId a = m.load(0x1000, lr_then_sc());
  const ContextId other = m.load(0x2000, {addi(5, 0, 1)});
  m.model.run(0, a, 100);
  m.model.run(0, other, 100);
  m.model.finish_syscall(a, 0);
  m.model.run(0, a, 100);
  EXPECT_EQ(m.model.reg(a, 7), 1u);
}

}  // namespace
}  // namespace ks::test_rv32
