// The flash model's FTL, followed write by write on a tiny flash: 4 erase blocks of 4 pages,
// 8 logical pages (the most GC leaves room for: (4 − 1 reserve − 1) × 4), one sector a page.
// Latencies: read 25 µs, program 200 µs, erase 1500 µs.
#include "machine/disk/ssd_model.h"

#include <gtest/gtest.h>

#include "sim-core/error.h"

namespace ks {
namespace {

SsdGeometry tiny() {
  SsdGeometry g;
  g.blocks = 4;
  g.pages_per_block = 4;
  g.logical_pages = 8;
  g.sectors_per_page = 1;
  g.reserve = 1;
  g.read_latency = 25;
  g.program_latency = 200;
  g.erase_latency = 1500;
  return g;
}

TEST(SsdModel, WritesGoOutOfPlaceAndGreedyGcCopiesTheValidPages) {
  SsdModel ssd(tiny());
  // Logical pages 0..7 fill blocks 0 and 1; no GC: 200 µs each.
  for (std::uint64_t lpn = 0; lpn < 8; ++lpn) EXPECT_EQ(ssd.write(lpn, 1), 200);
  EXPECT_EQ(ssd.physical_page(5), 5u);  // block 1, page 1
  // Overwrite 0, 4, 1, 5: block 2 (two free blocks are left, more than the reserve of 1).
  for (const std::uint64_t lpn : {0, 4, 1, 5}) EXPECT_EQ(ssd.write(lpn, 1), 200);
  EXPECT_EQ(ssd.valid_pages(0), 2u);  // 2 and 3 still valid there
  EXPECT_EQ(ssd.valid_pages(1), 2u);  // 6 and 7
  EXPECT_EQ(ssd.valid_pages(2), 4u);
  EXPECT_EQ(ssd.free_blocks(), 1u);
  // Writing 2: block 2 is full and only the reserve is free: GC. Victim: the fewest valid pages,
  // blocks 0 and 1 tie at 2, the lower wins: 0. Its pages 2 and 3 are copied into block 3 (2 ×
  // (25 + 200)), block 0 is erased (1500), then 2 is programmed (200): 450 + 1500 + 200 = 2150.
  EXPECT_EQ(ssd.write(2, 1), 2150);
  EXPECT_EQ(ssd.physical_page(3), 13u);  // block 3, page 1 (the copy)
  EXPECT_EQ(ssd.physical_page(2), 14u);  // block 3, page 2 (the host's write; the copy at 12 is stale)
  EXPECT_EQ(ssd.valid_pages(3), 2u);
  EXPECT_EQ(ssd.valid_pages(0), 0u);
  EXPECT_EQ(ssd.erase_counts(), (std::vector<std::uint32_t>{1, 0, 0, 0}));
  EXPECT_EQ(ssd.free_blocks(), 1u);
  const SsdCounters& c = ssd.counters();
  EXPECT_EQ(c.host_writes, 13u);     // 8 + 4 + 1
  EXPECT_EQ(c.flash_programs, 15u);  // those and the 2 copies
  EXPECT_EQ(c.gc_copies, 2u);
  EXPECT_EQ(c.erases, 1u);
  EXPECT_DOUBLE_EQ(c.write_amplification(), 15.0 / 13.0);
}

TEST(SsdModel, ReadsCostOnePageReadPerPageTouched) {
  SsdGeometry g = tiny();
  g.sectors_per_page = 2;
  SsdModel ssd(g);
  EXPECT_EQ(ssd.sectors(), 16u);
  EXPECT_EQ(ssd.read(0, 1), 25);
  EXPECT_EQ(ssd.read(1, 2), 50);  // sectors 1 and 2: pages 0 and 1
  EXPECT_EQ(ssd.counters().host_reads, 3u);
}

TEST(SsdModel, RefusesAFlashThatLeavesGcNoRoom) {
  SsdGeometry full = tiny();
  full.logical_pages = 9;  // above (4 − 1 − 1) × 4 = 8
  try {
    SsdModel ssd(full);
    FAIL() << "a flash with no room for GC was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "logical_pages");
  }
  SsdGeometry tiny_flash = tiny();
  tiny_flash.blocks = 2;
  EXPECT_THROW(SsdModel{tiny_flash}, InputError);
}

TEST(SsdModel, RandomOverwritesKeepEveryPageMappedOnce) {
  SsdModel ssd(tiny());
  std::uint64_t state = 5;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    ssd.write((state >> 33) % 8, 1);
  }
  // Every logical page written, each on its own physical page, the valid counts adding up to 8.
  std::vector<bool> used(16, false);
  for (std::uint32_t lpn = 0; lpn < 8; ++lpn) {
    const std::uint32_t page = ssd.physical_page(lpn);
    ASSERT_NE(page, SsdModel::kUnmapped);
    EXPECT_FALSE(used[page]);
    used[page] = true;
  }
  std::uint32_t valid = 0;
  for (std::uint32_t b = 0; b < 4; ++b) valid += ssd.valid_pages(b);
  EXPECT_EQ(valid, 8u);
  EXPECT_GE(ssd.counters().write_amplification(), 1.0);
  EXPECT_EQ(ssd.counters().flash_programs, ssd.counters().host_writes + ssd.counters().gc_copies);
}

}  // namespace
}  // namespace ks
