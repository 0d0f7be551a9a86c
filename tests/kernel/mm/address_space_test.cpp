// kernel/mm as a unit: the frame table's reverse map, address spaces built, copied, unmapped and
// destroyed on a small machine, with running out of memory answered rather than thrown.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "kernel/mm/address_space.h"
#include "kernel/mm/frame_table.h"
#include "kernel/mm/page_fault.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {
namespace {

// An image of one segment at VADDR holding BYTES (which must outlive it).
ElfImage image_with(std::uint32_t vaddr, const std::vector<std::uint8_t>& bytes, std::uint32_t flags) {
  ElfImage image;
  image.entry = vaddr;
  ElfSegment segment;
  segment.vaddr = vaddr;
  segment.memsz = static_cast<std::uint32_t>(bytes.size());
  segment.flags = flags;
  segment.bytes = bytes;
  image.segments.push_back(segment);
  return image;
}

TEST(FrameTable, HandsOutTheLowestFrameFirstAndKeepsTheReverseMap) {
  FrameTable frames(10, 4);
  const auto first = frames.allocate(FrameUse::UserPage, 7, 0x10000);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, 10u);
  EXPECT_EQ(frames.info(10).use, FrameUse::UserPage);
  EXPECT_EQ(frames.info(10).owner, 7u);
  EXPECT_EQ(frames.info(10).va, 0x10000u);
  EXPECT_EQ(frames.info(11).use, FrameUse::Free);
  frames.free(10);
  EXPECT_EQ(frames.info(10).use, FrameUse::Free);
  EXPECT_EQ(frames.free_count(), 4u);
}

TEST(FrameTable, RunningOutIsAnAnswerNotAnException) {
  FrameTable frames(0, 1);
  EXPECT_TRUE(frames.allocate().has_value());
  EXPECT_FALSE(frames.allocate().has_value());
}

TEST(AddressSpace, LoadMapsSegmentsAndStackWithTheirOwnerInTheFrameTable) {
  PhysicalMemory memory(64);
  FrameTable frames(0, 64);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames);
  ASSERT_NE(space, nullptr);
  const std::vector<std::uint8_t> code_bytes = {1, 2, 3, 4};
  const auto sp = space->load(image_with(0x10000, code_bytes, kElfSegmentRead | kElfSegmentExecute), {"prog", "x"});
  ASSERT_TRUE(sp.has_value());
  std::vector<std::uint32_t> pages;
  space->for_each_page([&](std::uint32_t va, std::uint32_t flags, std::uint32_t frame) {
    pages.push_back(va);
    EXPECT_EQ(frames.info(frame).use, FrameUse::UserPage);
    EXPECT_EQ(frames.info(frame).owner, space->id());
    EXPECT_EQ(frames.info(frame).va, va);
    if (va == 0x10000) {
      EXPECT_EQ(flags, pte::kRead | pte::kExecute);
    }
  });
  ASSERT_EQ(pages.size(), 1u + kUserStackPages);  // the code page and the stack
  EXPECT_EQ(pages.front(), 0x10000u);
  EXPECT_EQ(pages.back(), kUserStackTop - kPageSize);
  std::array<std::uint8_t, 4> code{};
  ASSERT_TRUE(space->copy_in(0x10000, code));
  EXPECT_EQ(code[2], 3);
  EXPECT_FALSE(space->can_access(0x10000, 4, true));  // read-only code
}

TEST(AddressSpace, ForkCopiesEveryPageAndDestructionGivesEveryFrameBack) {
  PhysicalMemory memory(128);
  FrameTable frames(0, 128);
  const std::size_t all = frames.free_count();
  {
    std::unique_ptr<AddressSpace> parent = AddressSpace::create(memory, frames);
    const std::vector<std::uint8_t> data = {9, 9};
    ASSERT_TRUE(parent->load(image_with(0x10000, data, kElfSegmentRead | kElfSegmentWrite), {"p"}).has_value());
    std::unique_ptr<AddressSpace> child = AddressSpace::create(memory, frames);
    ASSERT_TRUE(child->copy_from(*parent));
    EXPECT_EQ(child->page_count(), parent->page_count());
    const std::array<std::uint8_t, 1> seven = {7};
    ASSERT_TRUE(child->copy_out(0x10000, seven));
    std::array<std::uint8_t, 1> seen{};
    ASSERT_TRUE(parent->copy_in(0x10000, seen));
    EXPECT_EQ(seen[0], 9);  // a copy, not a share
  }
  EXPECT_EQ(frames.free_count(), all);
}

TEST(AddressSpace, UnmapShootsDownBeforeTheFrameIsFreed) {
  PhysicalMemory memory(64);
  FrameTable frames(0, 64);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames);
  const std::vector<std::uint8_t> data = {1};
  ASSERT_TRUE(space->load(image_with(0x10000, data, kElfSegmentRead | kElfSegmentWrite), {"p"}).has_value());
  const std::size_t free_before = frames.free_count();
  std::vector<std::uint32_t> shot;
  std::size_t free_at_shootdown = 0;
  space->set_shootdown([&](std::uint32_t va) {
    shot.push_back(va);
    free_at_shootdown = frames.free_count();
  });
  EXPECT_TRUE(space->unmap(0x10000));
  EXPECT_EQ(shot, std::vector<std::uint32_t>{0x10000});
  EXPECT_EQ(free_at_shootdown, free_before);  // the frame was still held when the TLBs were told
  EXPECT_EQ(frames.free_count(), free_before + 1);
  EXPECT_FALSE(space->can_access(0x10000, 1, false));
  EXPECT_FALSE(space->unmap(0x10000));     // nothing left there
  EXPECT_FALSE(space->unmap(0x40000000));  // no table there at all
}

TEST(AddressSpace, RunningOutOfMemoryLeavesNothingHalfMapped) {
  PhysicalMemory memory(8);
  FrameTable frames(0, 3);  // a root, one table, one page
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames);
  ASSERT_NE(space, nullptr);
  const std::vector<std::uint8_t> big(3 * kPageSize, 1);
  EXPECT_FALSE(space->load(image_with(0x10000, big, kElfSegmentRead), {"p"}).has_value());
  space.reset();
  EXPECT_EQ(frames.free_count(), 3u);
  FrameTable none(0, 0);
  EXPECT_EQ(AddressSpace::create(memory, none), nullptr);
}

TEST(PageFault, EveryFaultIsFatalWhileSpacesAreMappedEagerly) {
  PhysicalMemory memory(16);
  FrameTable frames(0, 16);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames);
  EXPECT_EQ(handle_page_fault(*space, 0x1234, AccessType::Load), FaultResolution::Fatal);
}

}  // namespace
}  // namespace ks
