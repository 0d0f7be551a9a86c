// kernel/mm/frame_table.h — every physical frame: free or not, and who uses it for what.
//
// The kernel hands out the machine's 4 KiB frames to page tables and user pages. Free frames
// are kept on a stack, lowest numbers handed out first, so allocation order (and therefore
// every physical address) is the same on every run. For each frame in use the table keeps its
// REVERSE MAP: which address space uses it (an owner number, AddressSpace::id) and, for a user
// page, the virtual address it is mapped at. The page tables say where each virtual page is; the
// frame table says, from the other side, what each frame holds, which page replacement needs
// to choose a victim and find the page table entry to clear. Nothing else keeps a copy of the
// mappings.
//
// SHARING. A frame may be mapped by several page tables at once: after a demand-paged fork, parent
// and child map each page at the same virtual address, copy-on-write, until one of them writes.
// The table counts the mappings (refs); free() drops one and returns the frame to the free stack
// only when none is left. The reverse map of a shared frame names the space that mapped it first
// (owner 0 once that space has let go while others still map it) and the virtual address all of
// them use.
//
// PINS. A frame the disk is reading or writing, or that is being filled before it is mapped, is
// pinned: page replacement (kernel/mm/pager.h) never chooses it. With a pager, an allocation that
// finds no free frame first asks the pager to free one (its shortcut), except inside a fault
// task, which frees one itself, taking the disk's time.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ks {

enum class FrameUse : std::uint8_t { Free, PageTable, UserPage };

struct FrameInfo {
  FrameUse use = FrameUse::Free;
  std::uint32_t owner = 0;  // the address space's id (AddressSpace::id)
  std::uint32_t va = 0;     // user pages: the virtual address of the page
  std::uint32_t refs = 0;   // the page tables that map it (1 unless shared)
  std::uint32_t pins = 0;   // page replacement must leave it alone while > 0
};

class Pager;

class FrameTable {
 public:
  // Manages frames FIRST .. FIRST + COUNT - 1.
  FrameTable(std::uint32_t first, std::uint32_t count);
  // A free frame, now used for USE by OWNER (at VA), or nullopt when memory is full.
  std::optional<std::uint32_t> allocate(FrameUse use = FrameUse::UserPage, std::uint32_t owner = 0,
                                        std::uint32_t va = 0);
  // One more page table maps FRAME (a user page).
  void share(std::uint32_t frame);
  // OWNER's page table no longer maps FRAME, which must have come from allocate(); the frame
  // becomes free when no page table maps it any more.
  void free(std::uint32_t frame, std::uint32_t owner = 0);
  std::uint32_t refs(std::uint32_t frame) const { return info(frame).refs; }
  void pin(std::uint32_t frame);
  void unpin(std::uint32_t frame);
  // The pager told of every user page added and freed, and asked for a frame when none is free.
  void set_pager(Pager* pager) { pager_ = pager; }
  Pager* pager() const { return pager_; }
  std::uint32_t first() const { return first_; }
  std::uint32_t count() const { return static_cast<std::uint32_t>(frames_.size()); }
  std::size_t free_count() const { return free_.size(); }
  // User pages in frames now, and the most there have been at once.
  std::uint32_t user_pages() const { return user_pages_; }
  std::uint32_t peak_user_pages() const { return peak_user_pages_; }
  // What FRAME (one of this table's) holds.
  const FrameInfo& info(std::uint32_t frame) const;
  // A new owner number for an address space (never 0, never reused in a run).
  std::uint32_t new_owner() { return ++owners_; }

 private:
  std::vector<std::uint32_t> free_;
  std::vector<FrameInfo> frames_;
  std::uint32_t first_;
  Pager* pager_ = nullptr;
  std::uint32_t owners_ = 0;
  std::uint32_t user_pages_ = 0;
  std::uint32_t peak_user_pages_ = 0;
};

}  // namespace ks
