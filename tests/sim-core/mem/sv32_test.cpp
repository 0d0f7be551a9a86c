// The Sv32 walk: translations, superpages, the kinds of fault, and hardware A/D updates.
#include "sim-core/mem/sv32.h"

#include <gtest/gtest.h>

#include "sim-core/error.h"

namespace ks {
namespace {

struct Tables {
  PhysicalMemory memory{256};
  std::uint32_t next = 200;
  std::uint32_t root = 199;
  std::uint32_t allocate() { return next++; }
  void map(std::uint32_t va, std::uint32_t frame, std::uint32_t flags) {
    sv32_map_page(memory, root, va, frame, flags, [this] { return allocate(); });
  }
  std::uint32_t leaf(std::uint32_t va) { return sv32_walk(memory, root, va, AccessType::Load, false).leaf; }
};

constexpr std::uint32_t kUserRw = pte::kUser | pte::kRead | pte::kWrite;

TEST(Sv32, TranslatesThroughTwoLevels) {
  Tables t;
  t.map(0x00401000, 17, kUserRw);
  const Sv32Walk walk = sv32_walk(t.memory, t.root, 0x00401abc, AccessType::Load);
  EXPECT_EQ(walk.fault, FaultKind::None);
  EXPECT_EQ(walk.physical, (17u << 12) | 0xabc);
  EXPECT_EQ(walk.frame, 17u);
  EXPECT_EQ(walk.level, 0u);
  EXPECT_EQ(walk.memory_reads, 2u);
}

TEST(Sv32, SetsAccessedOnLoadAndDirtyOnStore) {
  Tables t;
  t.map(0x1000, 5, kUserRw);
  EXPECT_EQ(t.leaf(0x1000) & (pte::kAccessed | pte::kDirty), 0u);
  sv32_walk(t.memory, t.root, 0x1000, AccessType::Load);
  EXPECT_EQ(t.leaf(0x1000) & (pte::kAccessed | pte::kDirty), pte::kAccessed);
  sv32_walk(t.memory, t.root, 0x1004, AccessType::Store);
  EXPECT_EQ(t.leaf(0x1000) & pte::kDirty, pte::kDirty);
}

TEST(Sv32, MissingEntriesAreNotPresent) {
  Tables t;
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x5000, AccessType::Load).fault, FaultKind::NotPresent);  // no table
  t.map(0x5000, 5, kUserRw);
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x6000, AccessType::Store).fault, FaultKind::NotPresent);  // no leaf
}

TEST(Sv32, PermissionViolationsAreProtectionFaultsAndSetNoBits) {
  Tables t;
  t.map(0x1000, 5, pte::kUser | pte::kRead);
  t.map(0x2000, 6, pte::kUser | pte::kRead | pte::kWrite);
  t.map(0x3000, 7, pte::kRead | pte::kExecute);  // supervisor page
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x1000, AccessType::Store).fault, FaultKind::Protection);
  EXPECT_EQ(t.leaf(0x1000) & pte::kAccessed, 0u);
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x2000, AccessType::Fetch).fault, FaultKind::Protection);
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x3000, AccessType::Fetch).fault, FaultKind::Protection);
  t.map(0x4000, 8, pte::kUser | pte::kWrite);  // W without R is reserved
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x4000, AccessType::Load).fault, FaultKind::Protection);
}

TEST(Sv32, SuperpagesMapFourMebibytes) {
  PhysicalMemory memory(2048);
  const std::uint32_t root = 3;
  sv32_map_superpage(memory, root, 0x00400000, 1024, pte::kUser | pte::kRead | pte::kExecute);
  const Sv32Walk walk = sv32_walk(memory, root, 0x00412344, AccessType::Fetch);
  EXPECT_EQ(walk.fault, FaultKind::None);
  EXPECT_EQ(walk.level, 1u);
  EXPECT_EQ(walk.physical, (PhysAddr{1024} << 12) + 0x12344);
  EXPECT_EQ(walk.frame, 1024u + 0x12);
  EXPECT_EQ(walk.memory_reads, 1u);
  memory.write32(PhysAddr{root} << 12 | 4, pte::make(1025, pte::kValid | pte::kUser | pte::kRead));  // misaligned
  EXPECT_EQ(sv32_walk(memory, root, 0x00400000, AccessType::Load).fault, FaultKind::Protection);
}

TEST(Sv32, TablesOrPagesOutsideMemoryAreAccessFaults) {
  Tables t;
  t.memory.write32(PhysAddr{t.root} << 12, pte::make(100000, pte::kValid));
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x1000, AccessType::Load).fault, FaultKind::Access);
  t.map(0x00400000, 90000, kUserRw);
  EXPECT_EQ(sv32_walk(t.memory, t.root, 0x00400000, AccessType::Load).fault, FaultKind::Access);
}

TEST(PhysicalMemory, BoundsAreCheckedAndValuesLittleEndian) {
  PhysicalMemory memory(2);
  memory.write32(0x1ffc, 0x11223344);
  EXPECT_EQ(memory.read8(0x1ffc), 0x44);
  EXPECT_EQ(memory.read16(0x1ffe), 0x1122);
  EXPECT_THROW(memory.read32(0x1ffe), InvariantError);
  EXPECT_THROW(memory.write8(0x2000, 1), InvariantError);
  EXPECT_FALSE(memory.contains(0x1fff, 2));
  EXPECT_TRUE(memory.contains(0x2000, 0));
}

TEST(PhysicalMemory, WritesToWatchedFramesBumpTheEpoch) {
  PhysicalMemory memory(4);
  memory.watch_frame(1);
  const std::uint32_t epoch = memory.frame_epoch(1);
  memory.write8(0x0fff, 1);
  EXPECT_EQ(memory.frame_epoch(1), epoch);
  memory.fill(0x0ffe, 4, 0);  // crosses into frame 1
  EXPECT_EQ(memory.frame_epoch(1), epoch + 1);
  EXPECT_FALSE(memory.is_watched(1));
  EXPECT_EQ(memory.code_writes(), 1u);
}

}  // namespace
}  // namespace ks
