// kernel/mm/address_space.h — a user process's memory: Sv32 page tables in simulated memory.
//
// THE LAYOUT of a user address space (all user pages have U set; nothing else is mapped):
//
//   0x00010000 ...        the ELF's loadable segments, with the permissions they ask for
//   after the highest     the heap: from brk_start up to brk, grown and shrunk by brk()
//   0x7ffe0000-0x7fffffff the stack (32 pages), growing down from 0x80000000
//
// The stack starts with argc, the argv pointers and the argument strings, as the RISC-V psABI
// lays them out (sp points at argc; sp is 16-byte aligned). The kernel reads and writes user
// memory only through copy_in() / copy_out(), which walk the page table and refuse any byte
// that is not mapped for user access (a bad pointer from a program is an error code, never a
// crash of the simulator).
//
// ONE SOURCE OF TRUTH. The page tables, in simulated memory, are the mappings: translations,
// fork's copy, unmapping and the destructor all walk them. The frame table (frame_table.h) keeps
// the reverse map, frame -> (space, virtual address), and how many page tables map each frame.
// Running out of frames is an answer (nullopt, nullptr, false or OutOfMemory) that the caller
// turns into -ENOMEM, -EAGAIN or the death of a process, never an exception.
//
// TWO WAYS TO FILL A SPACE (PagingMode, the scenario's `kernel.paging`):
//   eager   every page of the program, its heap and its stack is mapped when it is made, and
//           fork copies every page (as kernsim did before virtual memory; the default);
//   demand  a space only records its REGIONS (the ELF's segments, the heap up to the break, the
//           stack) and maps a page at its first touch, in the page-fault handler
//           (kernel/mm/page_fault.h): a page of a segment is
//           filled from the program's bytes (lazy loading), any other page with zeros
//           (demand-zero). fork shares every page with the child: a writable page becomes
//           read-only in both spaces, marked copy-on-write (kPteCow, a bit the hardware leaves to
//           software), and the first store to it copies it (or, when no other space maps the
//           frame any more, makes it writable again). The kernel's own copies (copy_in and
//           copy_out, for system calls) resolve pages the same way, as Linux's copy_from_user
//           does.
//
// UNMAPPING changes a page table, which makes what the TLBs cached stale: the space calls its
// shoot-down (set by the kernel: flush that page of this space's ASID from every hart) before it
// frees the frame, and whenever a page loses a permission (fork's copy-on-write) or gains one
// (the copy is made).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kernel/mm/frame_table.h"
#include "kernel/mm/paging_mode.h"
#include "kernel/proc/elf_loader.h"
#include "sim-core/mem/physical_memory.h"
#include "sim-core/mem/sv32.h"

namespace ks {

inline constexpr std::uint32_t kUserStackTop = 0x80000000u;
inline constexpr std::uint32_t kUserStackPages = 32;
inline constexpr std::uint32_t kUserHeapLimit = kUserStackTop - kUserStackPages * kPageSize - 16 * kPageSize;

// The page-table entry bit (one of the two Sv32 leaves to software) of a copy-on-write page.
inline constexpr std::uint32_t kPteCow = 1u << 8;
// SWAP ENTRIES (with a pager, kernel/mm/pager.h): a leaf entry that is not valid, has the other
// software bit set and holds a swap slot where a valid entry holds its frame number: the page is
// on the swap disk. The MMU sees an invalid entry and faults; the fault is a major one.
inline constexpr std::uint32_t kPteSwapped = 1u << 9;
inline constexpr bool is_swap_entry(std::uint32_t entry) {
  return (entry & pte::kValid) == 0 && (entry & kPteSwapped) != 0;
}
inline constexpr std::uint32_t swap_slot(std::uint32_t entry) { return entry >> 10; }
inline constexpr std::uint32_t swap_entry(std::uint32_t slot) { return (slot << 10) | kPteSwapped; }

class Pager;

// May an ACCESS touch a page whose entry (or region) has the R/W/X bits FLAGS?
bool region_allows(std::uint32_t flags, AccessType access);

// A run of pages [start, end) that the program may use, with the R/W/X permissions of its page
// table entries, filled from the program's bytes (a segment) or with zeros (heap, stack, bss).
struct Region {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t flags = 0;
  bool from_image = false;
};

// The loadable bytes of a program, kept while a demand-paged space may still load pages from
// them (shared by a space and its forks).
struct ProgramBytes {
  struct Segment {
    std::uint32_t vaddr = 0;
    std::vector<std::uint8_t> bytes;  // FILESZ bytes; the rest of the segment is zero
  };
  std::vector<Segment> segments;
};

// The counts of one space's faults (the kernel also counts them for the whole run).
struct FaultCounts {
  std::uint64_t minor = 0;
  std::uint64_t cow = 0;
};

class AddressSpace {
 public:
  // An empty space (a root page table only) in MEMORY with frames from FRAMES, filled in MODE;
  // null when no frame is free for the root.
  static std::unique_ptr<AddressSpace> create(PhysicalMemory& memory, FrameTable& frames,
                                              PagingMode mode = PagingMode::Eager);
  AddressSpace(const AddressSpace&) = delete;
  AddressSpace& operator=(const AddressSpace&) = delete;
  ~AddressSpace();

  // Maps IMAGE's segments and a stack holding ARGV. Returns the initial stack pointer, or
  // nullopt when memory ran out (the space is then partly built; destroy it).
  std::optional<std::uint32_t> load(const ElfImage& image, const std::vector<std::string>& argv);

  // brk(2): moves the end of the heap to NEW_END (0: just ask). Returns the end after the call
  // (unchanged when NEW_END is out of range or memory ran out).
  std::uint32_t set_break(std::uint32_t new_end);

  // Copies LENGTH bytes at user address ADDRESS out of (copy_in) or into (copy_out) the
  // space; false, copying nothing, if any byte is not mapped for user read (or write). In demand
  // mode the pages are resolved first (which may map pages, and fails when memory ran out).
  bool copy_in(std::uint32_t address, std::span<std::uint8_t> out);
  // LOADING (the kernel filling read-only pages of a new image) skips the write permission.
  bool copy_out(std::uint32_t address, std::span<const std::uint8_t> bytes, bool loading = false);

  // True when every byte of [ADDRESS, ADDRESS + LENGTH) may be read (and, if WRITE, written) by
  // the program: mapped so in eager mode, inside regions that allow it in demand mode.
  bool can_access(std::uint32_t address, std::uint32_t length, bool write) const;

  // fork: makes this (new, empty) space a copy of SOURCE: the same pages with the same
  // permissions and contents, and the same break. Eager: every page copied. Demand: every page
  // shared copy-on-write (SOURCE's writable pages become read-only, so SOURCE is changed too).
  // False when memory ran out (destroy it then).
  bool copy_from(AddressSpace& source);

  // FOR THE PAGE-FAULT HANDLER (kernel/mm/page_fault.h), page by page (VA page aligned):
  // the region holding VA (demand mode; eager spaces have none)
  std::optional<Region> region_at(std::uint32_t va) const;
  // VA's leaf page-table entry (0 when there is none)
  std::uint32_t entry(std::uint32_t va) const;
  // replaces VA's leaf entry, which exists, with LEAF, and shoots VA down
  void set_entry(std::uint32_t va, std::uint32_t leaf);
  // maps a new frame at VA with FLAGS, zero-filled, then filled from the program's bytes when
  // FROM_IMAGE; false, changing nothing, when memory ran out
  bool map_new_page(std::uint32_t va, std::uint32_t flags, bool from_image);
  // counts the fault and tells the observer (COPIED: a copy-on-write fault copied the page)
  void report(std::uint32_t va, PageFaultKind kind, bool copied = false);

  // FOR THE PAGER (kernel/mm/pager.h): replaces VA's valid leaf with REPLACEMENT (0, or a swap
  // entry), shooting VA down; the frame stays allocated (the pager frees it)
  void replace_mapping(std::uint32_t va, std::uint32_t replacement);
  // puts the valid LEAF where VA's swap entry is (the slot is the pager's to give up)
  void install_page(std::uint32_t va, std::uint32_t leaf);
  // the pager this space's frames are replaced by, or null (no swap)
  Pager* pager() const { return pager_; }
  // Once, after a kernel copy (copy_in, copy_out) failed because memory ran out: the address
  // that needed a frame (the kernel then treats the system call as the program's own fault
  // would be treated); nullopt otherwise.
  std::optional<std::uint32_t> take_out_of_memory() { return std::exchange(out_of_memory_, std::nullopt); }
  FrameTable& frames() { return *frames_; }
  PhysicalMemory& memory() { return *memory_; }

  // Removes the mapping of the page at VA (page aligned), if any: the TLBs are shot down, then
  // the frame is freed. True if a page was mapped there.
  bool unmap(std::uint32_t va);
  // Called with the address of every page unmapped, before its frame is freed, and of every
  // page whose entry changed in a way a TLB may have cached.
  void set_shootdown(std::function<void(std::uint32_t va)> shootdown) { shootdown_ = std::move(shootdown); }
  // Called for every fault the handler resolved (the kernel traces and counts them).
  void set_fault_observer(std::function<void(std::uint32_t va, PageFaultKind kind, bool copied)> observer) {
    fault_observer_ = std::move(observer);
  }

  // Calls VISIT(va, flags, frame) for every user page, in increasing address order (FLAGS: the
  // R, W and X bits of its entry).
  void for_each_page(
      const std::function<void(std::uint32_t va, std::uint32_t flags, std::uint32_t frame)>& visit) const;

  std::uint32_t root_frame() const { return root_; }
  std::uint32_t id() const { return id_; }                    // its owner number in the frame table
  std::uint32_t page_count() const { return frames_owned_; }  // frames it maps: tables and pages
  PagingMode mode() const { return mode_; }
  const std::vector<Region>& regions() const { return regions_; }  // demand mode, by address
  const FaultCounts& fault_counts() const { return faults_; }

 private:
  AddressSpace(PhysicalMemory& memory, FrameTable& frames, std::uint32_t id, std::uint32_t root, PagingMode mode);
  bool map_zeroed(std::uint32_t va, std::uint32_t flags);
  bool map_frame(std::uint32_t va, std::uint32_t frame, std::uint32_t flags);
  bool translate(std::uint32_t va, bool write, PhysAddr& physical) const;
  // The leaf entry's address for VA, or 0 when VA has no second-level table.
  PhysAddr leaf_address(std::uint32_t va) const;
  std::optional<std::uint32_t> load_on_demand(const ElfImage& image, const std::vector<std::string>& argv);
  std::optional<std::uint32_t> push_arguments(const std::vector<std::string>& argv);
  bool share_from(AddressSpace& source);
  void fill_from_image(std::uint32_t va, std::uint32_t frame) const;
  // Resolves the page at VA for a kernel copy (demand mode).
  bool resolve_page(std::uint32_t va, bool write);
  // A kernel copy in demand mode: page by page, each resolved just before its bytes move (so that
  // resolving a later page, which may evict, never takes an earlier one away from the copy).
  bool copy_demand(std::uint32_t address, std::size_t length, bool write,
                   const std::function<void(PhysAddr physical, std::size_t offset, std::size_t count)>& move);

  PhysicalMemory* memory_;
  FrameTable* frames_;
  std::uint32_t id_;
  std::uint32_t root_;
  PagingMode mode_;
  std::uint32_t frames_owned_ = 1;  // the root
  std::uint32_t brk_start_ = 0;
  std::uint32_t brk_ = 0;
  std::vector<Region> regions_;                  // demand mode: what the program may touch
  std::shared_ptr<const ProgramBytes> program_;  // demand mode: where segment pages come from
  FaultCounts faults_;
  std::function<void(std::uint32_t va)> shootdown_;
  std::function<void(std::uint32_t va, PageFaultKind kind, bool copied)> fault_observer_;
  std::optional<std::uint32_t> out_of_memory_;
  Pager* pager_ = nullptr;
};

}  // namespace ks
