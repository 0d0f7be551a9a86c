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
// the reverse map, frame -> (space, virtual address). Running out of frames is an answer
// (nullopt, nullptr or false) that the caller turns into -ENOMEM or -EAGAIN, never an exception.
//
// UNMAPPING changes a page table, which makes what the TLBs cached stale: the space calls its
// shoot-down (set by the kernel: flush that page of this space's ASID from every hart) before it
// frees the frame.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernel/mm/frame_table.h"
#include "kernel/proc/elf_loader.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {

inline constexpr std::uint32_t kUserStackTop = 0x80000000u;
inline constexpr std::uint32_t kUserStackPages = 32;
inline constexpr std::uint32_t kUserHeapLimit = kUserStackTop - kUserStackPages * kPageSize - 16 * kPageSize;

class AddressSpace {
 public:
  // An empty space (a root page table only) in MEMORY with frames from FRAMES; null when no
  // frame is free for the root.
  static std::unique_ptr<AddressSpace> create(PhysicalMemory& memory, FrameTable& frames);
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
  // space; false, copying nothing, if any byte is not mapped for user read (or write).
  bool copy_in(std::uint32_t address, std::span<std::uint8_t> out) const;
  // LOADING (the kernel filling read-only pages of a new image) skips the write permission.
  bool copy_out(std::uint32_t address, std::span<const std::uint8_t> bytes, bool loading = false);

  // True when every byte of [ADDRESS, ADDRESS + LENGTH) is mapped for user read (and WRITE).
  bool can_access(std::uint32_t address, std::uint32_t length, bool write) const;

  // fork: makes this (new, empty) space an eager copy of SOURCE: the same pages with the same
  // permissions and contents, and the same break. False when memory ran out (destroy it then).
  bool copy_from(const AddressSpace& source);

  // Removes the mapping of the page at VA (page aligned), if any: the TLBs are shot down, then
  // the frame is freed. True if a page was mapped there.
  bool unmap(std::uint32_t va);
  // Called with the address of every page unmapped, before its frame is freed.
  void set_shootdown(std::function<void(std::uint32_t va)> shootdown) { shootdown_ = std::move(shootdown); }

  // Calls VISIT(va, flags, frame) for every user page, in increasing address order (FLAGS: the
  // R, W and X bits of its entry).
  void for_each_page(
      const std::function<void(std::uint32_t va, std::uint32_t flags, std::uint32_t frame)>& visit) const;

  std::uint32_t root_frame() const { return root_; }
  std::uint32_t id() const { return id_; }                    // its owner number in the frame table
  std::uint32_t page_count() const { return frames_owned_; }  // frames it owns: tables and pages

 private:
  AddressSpace(PhysicalMemory& memory, FrameTable& frames, std::uint32_t id, std::uint32_t root);
  bool map_zeroed(std::uint32_t va, std::uint32_t flags);
  bool translate(std::uint32_t va, bool write, PhysAddr& physical) const;

  PhysicalMemory* memory_;
  FrameTable* frames_;
  std::uint32_t id_;
  std::uint32_t root_;
  std::uint32_t frames_owned_ = 1;  // the root
  std::uint32_t brk_start_ = 0;
  std::uint32_t brk_ = 0;
  std::function<void(std::uint32_t va)> shootdown_;
};

}  // namespace ks
