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
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernel/mm/frame_allocator.h"
#include "kernel/proc/elf_loader.h"
#include "sim-core/mem/physical_memory.h"

namespace ks {

inline constexpr std::uint32_t kUserStackTop = 0x80000000u;
inline constexpr std::uint32_t kUserStackPages = 32;
inline constexpr std::uint32_t kUserHeapLimit = kUserStackTop - kUserStackPages * kPageSize - 16 * kPageSize;

class AddressSpace {
 public:
  AddressSpace(PhysicalMemory& memory, FrameAllocator& frames);
  AddressSpace(const AddressSpace&) = delete;
  AddressSpace& operator=(const AddressSpace&) = delete;
  AddressSpace(AddressSpace&&) = default;
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

  std::uint32_t root_frame() const { return root_; }
  std::uint32_t page_count() const { return static_cast<std::uint32_t>(owned_.size()); }

 private:
  bool map_zeroed(std::uint32_t va, std::uint32_t flags);
  bool translate(std::uint32_t va, bool write, PhysAddr& physical) const;

  PhysicalMemory* memory_;
  FrameAllocator* frames_;
  std::uint32_t root_ = 0;
  std::vector<std::uint32_t> owned_;  // every frame of this space: tables and pages
  struct Page {
    std::uint32_t flags = 0;  // PTE permission bits
    std::uint32_t frame = 0;
  };
  std::map<std::uint32_t, Page> pages_;  // by user page address, for copy_from
  std::uint32_t brk_start_ = 0;
  std::uint32_t brk_ = 0;
};

}  // namespace ks
