// kernel/mm as a unit: the frame table's reverse map, address spaces built, copied, unmapped and
// destroyed on a small machine, with running out of memory answered rather than thrown.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
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
  PageFaultKind kind = PageFaultKind::Minor;
  EXPECT_EQ(handle_page_fault(*space, 0x1234, AccessType::Load, kind), FaultResolution::Fatal);
  EXPECT_EQ(kind, PageFaultKind::Protection);
}

// Demand paging, as a unit: what a space holds before and after each kind of fault.

// The user pages a space maps, by address.
std::vector<std::uint32_t> mapped_pages(const AddressSpace& space) {
  std::vector<std::uint32_t> pages;
  space.for_each_page([&pages](std::uint32_t va, std::uint32_t, std::uint32_t) { pages.push_back(va); });
  return pages;
}

struct FaultLog {
  std::vector<std::pair<std::uint32_t, PageFaultKind>> faults;
  int copies = 0;
  void watch(AddressSpace& space) {
    space.set_fault_observer([this](std::uint32_t va, PageFaultKind kind, bool copied) {
      faults.emplace_back(va, kind);
      copies += copied ? 1 : 0;
    });
  }
};

TEST(DemandPaging, LoadMapsOnlyTheStackPageTheArgumentsUse) {
  PhysicalMemory memory(64);
  FrameTable frames(0, 64);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames, PagingMode::Demand);
  const std::vector<std::uint8_t> code(2 * kPageSize + 10, 0x13);
  ASSERT_TRUE(space->load(image_with(0x10000, code, kElfSegmentRead | kElfSegmentExecute), {"p"}).has_value());
  // "p" and argc/argv fit in the top stack page: one page, nothing of the program yet.
  EXPECT_EQ(mapped_pages(*space), std::vector<std::uint32_t>{kUserStackTop - kPageSize});
  // Regions: the code's three pages (R+X, from the image), then the 32 stack pages.
  ASSERT_EQ(space->regions().size(), 2u);
  EXPECT_EQ(space->regions()[0].start, 0x10000u);
  EXPECT_EQ(space->regions()[0].end, 0x13000u);
  EXPECT_TRUE(space->regions()[0].from_image);
  EXPECT_EQ(space->regions()[1].end - space->regions()[1].start, kUserStackPages * kPageSize);
  // Root + the stack's table + one stack page.
  EXPECT_EQ(space->page_count(), 3u);
}

TEST(DemandPaging, FirstTouchLoadsFromTheImageOrZeroFills) {
  PhysicalMemory memory(64);
  FrameTable frames(0, 64);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames, PagingMode::Demand);
  FaultLog log;
  log.watch(*space);
  // One R+W segment: 5 bytes of data at 0x10ffe (crossing into the next page), memsz 2 pages.
  ElfImage image;
  const std::vector<std::uint8_t> data = {1, 2, 3, 4, 5};
  ElfSegment segment;
  segment.vaddr = 0x10ffe;
  segment.memsz = kPageSize + 2;  // up to 0x12000: pages 0x10000 and 0x11000
  segment.flags = kElfSegmentRead | kElfSegmentWrite;
  segment.bytes = data;
  image.segments.push_back(segment);
  image.entry = 0x10ffe;
  ASSERT_TRUE(space->load(image, {"p"}).has_value());
  PageFaultKind kind = PageFaultKind::Protection;
  // A load from the second page: filled from the image (bytes 3, 4, 5 at its start), then zeros.
  ASSERT_EQ(handle_page_fault(*space, 0x11001, AccessType::Load, kind), FaultResolution::Resolved);
  EXPECT_EQ(kind, PageFaultKind::Minor);
  std::array<std::uint8_t, 4> seen{};
  ASSERT_TRUE(space->copy_in(0x11000, seen));
  EXPECT_EQ(seen, (std::array<std::uint8_t, 4>{3, 4, 5, 0}));
  // The heap starts at the page after the segment (0x12000): brk grows it without mapping.
  const std::uint32_t brk = space->set_break(0);
  EXPECT_EQ(brk, 0x12000u);
  EXPECT_EQ(space->set_break(brk + 3 * kPageSize), brk + 3 * kPageSize);
  EXPECT_EQ(mapped_pages(*space).size(), 2u);  // the stack page and 0x11000
  ASSERT_EQ(handle_page_fault(*space, brk + 2 * kPageSize + 8, AccessType::Store, kind), FaultResolution::Resolved);
  EXPECT_EQ(kind, PageFaultKind::Minor);
  ASSERT_TRUE(space->copy_in(brk + 2 * kPageSize, seen));
  EXPECT_EQ(seen, (std::array<std::uint8_t, 4>{0, 0, 0, 0}));
  // Three faults reported, each at its page's first byte: the stack page the arguments went to
  // (the observer was watching before load), then the two above. Reading 0x11000 again took none.
  ASSERT_EQ(log.faults.size(), 3u);
  EXPECT_EQ(log.faults[0].first, kUserStackTop - kPageSize);
  EXPECT_EQ(log.faults[1].first, 0x11000u);
  EXPECT_EQ(log.faults[2].first, brk + 2 * kPageSize);
}

TEST(DemandPaging, AccessesOutsideTheRegionsOrAgainstTheirPermissionsAreFatal) {
  PhysicalMemory memory(64);
  FrameTable frames(0, 64);
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames, PagingMode::Demand);
  const std::vector<std::uint8_t> code = {0x13, 0, 0, 0};
  ASSERT_TRUE(space->load(image_with(0x10000, code, kElfSegmentRead | kElfSegmentExecute), {"p"}).has_value());
  PageFaultKind kind = PageFaultKind::Minor;
  EXPECT_EQ(handle_page_fault(*space, 0x10000, AccessType::Store, kind), FaultResolution::Fatal);  // code is R+X
  EXPECT_EQ(kind, PageFaultKind::Protection);
  EXPECT_EQ(handle_page_fault(*space, 0x0, AccessType::Load, kind), FaultResolution::Fatal);  // no region
  EXPECT_EQ(handle_page_fault(*space, kUserStackTop - kPageSize, AccessType::Fetch, kind),
            FaultResolution::Fatal);  // the stack is not executable
  // Past the break: not the heap until brk says so.
  EXPECT_EQ(handle_page_fault(*space, space->set_break(0) + 16, AccessType::Load, kind), FaultResolution::Fatal);
  // A fetch that the code's region allows, twice: mapped once, then a stale-TLB fault that maps
  // nothing new.
  ASSERT_EQ(handle_page_fault(*space, 0x10000, AccessType::Fetch, kind), FaultResolution::Resolved);
  const std::uint32_t pages = space->page_count();
  ASSERT_EQ(handle_page_fault(*space, 0x10000, AccessType::Fetch, kind), FaultResolution::Resolved);
  EXPECT_EQ(space->page_count(), pages);
  // The kernel's copies check the regions too.
  EXPECT_TRUE(space->can_access(0x10000, 4, false));
  EXPECT_FALSE(space->can_access(0x10000, 4, true));
  std::array<std::uint8_t, 1> byte{};
  EXPECT_FALSE(space->copy_out(0x10000, byte));
}

TEST(DemandPaging, ForkSharesPagesAndTheFirstStoreCopiesThem) {
  PhysicalMemory memory(128);
  FrameTable frames(0, 128);
  const std::size_t all = frames.free_count();
  {
    std::unique_ptr<AddressSpace> parent = AddressSpace::create(memory, frames, PagingMode::Demand);
    const std::vector<std::uint8_t> data = {9, 9};
    ASSERT_TRUE(parent->load(image_with(0x10000, data, kElfSegmentRead | kElfSegmentWrite), {"p"}).has_value());
    std::array<std::uint8_t, 1> seen{};
    ASSERT_TRUE(parent->copy_in(0x10000, seen));  // maps the data page
    EXPECT_EQ(seen[0], 9);
    const std::size_t free_before_fork = frames.free_count();
    std::unique_ptr<AddressSpace> child = AddressSpace::create(memory, frames, PagingMode::Demand);
    std::vector<std::uint32_t> parent_shot;
    parent->set_shootdown([&parent_shot](std::uint32_t va) { parent_shot.push_back(va); });
    ASSERT_TRUE(child->copy_from(*parent));
    // The child's root and its two second-level tables are new; its two pages are shared.
    EXPECT_EQ(free_before_fork - frames.free_count(), 3u);
    EXPECT_EQ(mapped_pages(*child), mapped_pages(*parent));
    const std::uint32_t data_frame = pte::ppn(parent->entry(0x10000));
    EXPECT_EQ(pte::ppn(child->entry(0x10000)), data_frame);
    EXPECT_EQ(frames.refs(data_frame), 2u);
    // Both entries lost W and carry the copy-on-write mark; the parent's TLBs were told.
    EXPECT_EQ(parent->entry(0x10000) & (pte::kWrite | kPteCow), kPteCow);
    EXPECT_EQ(child->entry(0x10000) & (pte::kWrite | kPteCow), kPteCow);
    EXPECT_NE(std::find(parent_shot.begin(), parent_shot.end(), 0x10000u), parent_shot.end());

    // The child writes: it gets a copy; the parent keeps 9 and the shared frame has one user.
    FaultLog log;
    log.watch(*child);
    PageFaultKind kind = PageFaultKind::Minor;
    ASSERT_EQ(handle_page_fault(*child, 0x10000, AccessType::Store, kind), FaultResolution::Resolved);
    EXPECT_EQ(kind, PageFaultKind::Cow);
    EXPECT_EQ(log.copies, 1);
    const std::array<std::uint8_t, 1> seven = {7};
    ASSERT_TRUE(child->copy_out(0x10000, seven));
    ASSERT_TRUE(parent->copy_in(0x10000, seen));
    EXPECT_EQ(seen[0], 9);
    EXPECT_NE(pte::ppn(child->entry(0x10000)), data_frame);
    EXPECT_EQ(frames.refs(data_frame), 1u);
    // The parent writes next: the frame is its alone now, so no copy, just W back.
    FaultLog parent_log;
    parent_log.watch(*parent);
    const std::size_t free_before_store = frames.free_count();
    ASSERT_EQ(handle_page_fault(*parent, 0x10000, AccessType::Store, kind), FaultResolution::Resolved);
    EXPECT_EQ(kind, PageFaultKind::Cow);
    EXPECT_EQ(parent_log.copies, 0);
    EXPECT_EQ(frames.free_count(), free_before_store);
    EXPECT_EQ(parent->entry(0x10000) & (pte::kWrite | kPteCow), pte::kWrite);
    EXPECT_EQ(pte::ppn(parent->entry(0x10000)), data_frame);
  }
  EXPECT_EQ(frames.free_count(), all);  // every frame back, shared or not
}

TEST(DemandPaging, ACopyThroughTheKernelBreaksCopyOnWriteToo) {
  PhysicalMemory memory(128);
  FrameTable frames(0, 128);
  std::unique_ptr<AddressSpace> parent = AddressSpace::create(memory, frames, PagingMode::Demand);
  const std::vector<std::uint8_t> data = {5};
  ASSERT_TRUE(parent->load(image_with(0x10000, data, kElfSegmentRead | kElfSegmentWrite), {"p"}).has_value());
  std::array<std::uint8_t, 1> seen{};
  ASSERT_TRUE(parent->copy_in(0x10000, seen));
  std::unique_ptr<AddressSpace> child = AddressSpace::create(memory, frames, PagingMode::Demand);
  ASSERT_TRUE(child->copy_from(*parent));
  const std::array<std::uint8_t, 1> one = {1};
  ASSERT_TRUE(parent->copy_out(0x10000, one));  // as read() into the parent's buffer would
  ASSERT_TRUE(child->copy_in(0x10000, seen));
  EXPECT_EQ(seen[0], 5);
  // The kernel's store set D, as the program's own would (page replacement must see it dirty).
  EXPECT_NE(parent->entry(0x10000) & pte::kDirty, 0u);
}

TEST(DemandPaging, RunningOutOfFramesIsAnAnswerAndMapsNothing) {
  PhysicalMemory memory(8);
  FrameTable frames(0, 4);  // the root, the stack's table and page, one more
  std::unique_ptr<AddressSpace> space = AddressSpace::create(memory, frames, PagingMode::Demand);
  const std::vector<std::uint8_t> data(2 * kPageSize, 1);
  ASSERT_TRUE(space->load(image_with(0x10000, data, kElfSegmentRead | kElfSegmentWrite), {"p"}).has_value());
  EXPECT_EQ(frames.free_count(), 1u);
  PageFaultKind kind = PageFaultKind::Minor;
  // The data's page needs a second-level table and a page: only one frame is free.
  EXPECT_EQ(handle_page_fault(*space, 0x10000, AccessType::Load, kind), FaultResolution::OutOfMemory);
  EXPECT_EQ(frames.free_count(), 1u);
  EXPECT_EQ(space->entry(0x10000), 0u);
  // A kernel copy that runs out says so once.
  std::array<std::uint8_t, 1> seen{};
  EXPECT_FALSE(space->copy_in(0x10000, seen));
  EXPECT_EQ(space->take_out_of_memory(), std::optional<std::uint32_t>(0x10000));  // the page that needed a frame
  EXPECT_FALSE(space->take_out_of_memory().has_value());
}

}  // namespace
}  // namespace ks
