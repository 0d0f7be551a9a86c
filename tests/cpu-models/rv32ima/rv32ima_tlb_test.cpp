// The modelled TLB under the interpreter: its statistics on the page-strided program, predicted
// from the access pattern alone (the fast paths must count exactly what the pattern implies, with
// and without them), and the D bit a store sets through an entry that a load filled.
#include <gtest/gtest.h>

#include <string>

#include "tests/cpu-models/rv32ima/rv32_page_stride_program.h"
#include "tests/cpu-models/rv32ima/rv32_program_harness.h"

namespace ks::test_rv32 {
namespace {

struct Counts {
  std::uint64_t hits = 0, misses = 0, evictions = 0, flushes = 0, retired = 0;
};

Counts run(const PageStrideShape& shape, bool fast_paths, TlbReplacement replacement = TlbReplacement::Lru) {
  Rv32Config config;  // 64 entries, 4 ways: 16 sets
  config.fast_paths = fast_paths;
  config.tlb.replacement = replacement;
  config.tlb.seed = 7;
  ProgramHarness harness(page_stride_elf(shape), "page_stride", MmuMode::Sv32, config);
  const ProgramResult result = harness.run(4099);
  EXPECT_TRUE(result.exited) << to_string(result.last_stop.reason) << " at pc " << result.last_stop.pc;
  const Tlb& tlb = harness.model().tlb(0);
  return Counts{tlb.hits(), tlb.misses(), tlb.evictions(), tlb.flushes(), result.instructions};
}

// The code is one page (VPN 0x10, set 0); data page i has VPN 0x100 + i, so the data pages fall
// into the 16 sets in turn, pages / 16 to a set, and set 0 also holds the code page.

TEST(Rv32TlbStatistics, PagesThatFitMissOnceEach) {
  PageStrideShape shape;
  shape.pages = 32;  // two data pages a set, three in set 0 with the code: all fit in 4 ways
  shape.passes = 5;
  for (bool fast : {true, false}) {
    SCOPED_TRACE(fast ? "fast paths" : "reference");
    const Counts c = run(shape, fast);
    EXPECT_EQ(c.retired, shape.retired());
    EXPECT_EQ(c.misses, 1u + shape.pages);
    EXPECT_EQ(c.hits, shape.fetches() + shape.data_accesses() - c.misses);
    EXPECT_EQ(c.evictions, 0u);
    EXPECT_EQ(c.flushes, 0u);
  }
}

TEST(Rv32TlbStatistics, MorePagesThanWaysMissOnEveryDataAccessUnderLru) {
  for (bool store : {false, true}) {
    PageStrideShape shape;
    shape.pages = 128;  // eight data pages a set cycle through four ways: LRU always evicts the next
    shape.passes = 3;
    shape.work = 2;
    shape.store = store;  // the store hits the entry its load just filled
    for (bool fast : {true, false}) {
      SCOPED_TRACE(std::string(fast ? "fast paths" : "reference") + (store ? ", load and store" : ", load"));
      const Counts c = run(shape, fast);
      // The code page is used by every fetch, so LRU never picks it: it misses once.
      EXPECT_EQ(c.misses, 1u + std::uint64_t{shape.pages} * shape.passes);
      EXPECT_EQ(c.hits, shape.fetches() + shape.data_accesses() - c.misses);
      EXPECT_EQ(c.evictions, c.misses - 64u);  // every way filled once, then each miss replaces one
    }
  }
}

TEST(Rv32TlbStatistics, FastPathsCountAsTheReferenceUnderEveryPolicy) {
  PageStrideShape shape;
  shape.pages = 80;
  shape.passes = 3;
  shape.store = true;
  for (TlbReplacement policy : {TlbReplacement::Lru, TlbReplacement::Fifo, TlbReplacement::Random}) {
    SCOPED_TRACE(std::string(to_string(policy)));
    const Counts fast = run(shape, true, policy);
    const Counts reference = run(shape, false, policy);
    EXPECT_EQ(fast.hits, reference.hits);
    EXPECT_EQ(fast.misses, reference.misses);
    EXPECT_EQ(fast.evictions, reference.evictions);
    EXPECT_EQ(fast.hits + fast.misses, shape.fetches() + shape.data_accesses());
  }
}

// --- the D bit ----------------------------------------------------------------------------------

constexpr std::uint32_t kCodeVa = 0x10000, kDataVa = 0x20000;
constexpr std::uint32_t kRoot = 100, kCodeFrame = 20, kDataFrame = 21;
constexpr std::uint32_t kUserData = pte::kUser | pte::kRead | pte::kWrite;

// Code at kCodeVa, one data page at kDataVa, and the page tables, in 256 frames.
struct DirtyMachine {
  explicit DirtyMachine(bool fast_paths) : memory(256), model(memory, config(fast_paths)) {
    map(kCodeVa, kCodeFrame, pte::kUser | pte::kRead | pte::kExecute);
    map(kDataVa, kDataFrame, kUserData);
  }
  static Rv32Config config(bool fast_paths) {
    Rv32Config c;
    c.fast_paths = fast_paths;
    return c;
  }
  void map(std::uint32_t va, std::uint32_t frame, std::uint32_t flags) {
    sv32_map_page(memory, kRoot, va, frame, flags, [this] { return next_table++; });
  }
  std::uint32_t data_leaf() { return sv32_walk(memory, kRoot, kDataVa, AccessType::Load, false).leaf; }
  // Runs CODE (then ebreak) from kCodeVa until its first stop.
  StopInfo start(const std::vector<std::uint32_t>& code) {
    std::uint32_t at = kCodeFrame << kPageShift;
    for (std::uint32_t word : code) {
      memory.write32(at, word);
      at += 4;
    }
    memory.write32(at, kEbreak);
    context = model.create_context(kCodeVa, 0, kRoot << kPageShift, MmuMode::Sv32, 1);
    return model.run(0, context, 1000);
  }
  StopInfo resume_after_ecall() {
    model.finish_syscall(context, 0);
    return model.run(0, context, 1000);
  }

  PhysicalMemory memory;
  Rv32imaModel model;
  ContextId context = 0;
  std::uint32_t next_table = 150;
};

// lw x6, 0(x5) fills the data page's entry with A only; sw x6, 4(x5) then hits it.
const std::vector<std::uint32_t> kLoadThenStore =
    li(5, kDataVa) + std::vector<std::uint32_t>{load(2, 6, 5, 0), store(2, 6, 5, 4)};

TEST(Rv32TlbDirtyBit, AStoreHittingAnEntryALoadFilledSetsDirtyInMemory) {
  for (bool fast : {true, false}) {
    SCOPED_TRACE(fast ? "fast paths" : "reference");
    DirtyMachine m(fast);
    EXPECT_EQ(m.start(kLoadThenStore).reason, StopReason::Breakpoint);
    EXPECT_EQ(m.data_leaf() & (pte::kAccessed | pte::kDirty), pte::kAccessed | pte::kDirty);
    EXPECT_EQ(m.model.tlb(0).misses(), 2u);  // the code page and the load: the store was a hit
  }
}

TEST(Rv32TlbDirtyBit, TheEntryRemembersDirtySoALaterStoreDoesNotWalk) {
  for (bool fast : {true, false}) {
    SCOPED_TRACE(fast ? "fast paths" : "reference");
    DirtyMachine m(fast);
    EXPECT_EQ(m.start(kLoadThenStore + std::vector<std::uint32_t>{kEcall, store(2, 6, 5, 8)}).reason,
              StopReason::Syscall);
    m.map(kDataVa, kDataFrame, kUserData | pte::kAccessed);  // D cleared in memory, no flush
    EXPECT_EQ(m.resume_after_ecall().reason, StopReason::Breakpoint);
    EXPECT_EQ(m.data_leaf() & pte::kDirty, 0u);  // the TLB never snoops: D was already in the entry
    EXPECT_EQ(m.model.tlb(0).misses(), 2u);
  }
}

TEST(Rv32TlbDirtyBit, SettingDirtyWalksAgainAndSeesAPermissionTakenAway) {
  for (bool fast : {true, false}) {
    SCOPED_TRACE(fast ? "fast paths" : "reference");
    DirtyMachine m(fast);
    EXPECT_EQ(m.start(li(5, kDataVa) + std::vector<std::uint32_t>{load(2, 6, 5, 0), kEcall, store(2, 6, 5, 4)}).reason,
              StopReason::Syscall);
    m.map(kDataVa, kDataFrame, pte::kUser | pte::kRead | pte::kAccessed);  // read-only now, not flushed yet
    const StopInfo stop = m.resume_after_ecall();
    EXPECT_EQ(stop.reason, StopReason::PageFault);
    EXPECT_EQ(m.model.last_fault(m.context).access, AccessType::Store);
    EXPECT_EQ(m.model.last_fault(m.context).kind, FaultKind::Protection);
    EXPECT_EQ(m.data_leaf() & pte::kDirty, 0u);  // never D on a page the store may not write
  }
}

}  // namespace
}  // namespace ks::test_rv32
