// Swap slots: the lowest free one first, counted once per page table that holds it.
#include "kernel/mm/swap_slots.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(SwapSlots, HandsOutTheLowestFreeSlotAndTakesItBackWhenNoTableHoldsIt) {
  SwapSlots slots(3);
  EXPECT_EQ(slots.allocate(), 0U);
  EXPECT_EQ(slots.allocate(), 1U);
  slots.share(0);  // a fork: two tables name slot 0
  EXPECT_EQ(slots.refs(0), 2U);
  slots.release(0);
  EXPECT_EQ(slots.allocate(), 2U);  // 0 is still held once
  EXPECT_FALSE(slots.allocate().has_value());
  EXPECT_EQ(slots.in_use(), 3U);
  slots.release(1);
  slots.release(0);
  EXPECT_EQ(slots.in_use(), 1U);
  EXPECT_EQ(slots.allocate(), 0U);  // the lowest again, though 1 was freed first
  EXPECT_EQ(slots.allocate(), 1U);
  EXPECT_EQ(slots.peak_in_use(), 3U);
}

}  // namespace
}  // namespace ks
