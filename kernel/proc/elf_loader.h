// kernel/proc/elf_loader.h — reading a static RISC-V ELF32 executable.
//
// A user program arrives as the bytes of an ELF file: a 52-byte header, a table of program
// headers, and the bytes they point to. Only the program headers matter for running it: each
// PT_LOAD header says "map MEMSZ bytes at virtual address VADDR with permissions FLAGS; the first
// FILESZ of them come from the file at OFFSET, the rest are zero" (the zero tail is .bss).
//
// elf_parse() trusts nothing. Every header field that can be wrong is checked — magic, class,
// byte order, version, type (only ET_EXEC: static, not position-independent), machine (EM_RISCV),
// flags (no compressed instructions, soft-float ABI), header sizes, the bounds of the program-
// and section-header tables, each segment's file range, filesz <= memsz, that no segment wraps
// past 4 GiB, reaches into the user stack or overlaps another, the total size, and that the
// entry point is a 4-byte-aligned address inside an executable segment. A problem becomes an
// InputError naming the file, the byte offset of the offending field, and what is wrong; nothing
// in a hostile file can crash the simulator.
//
// It is a pure function over the bytes: it maps nothing and allocates no frames. Segments refer
// into the caller's byte span, which must outlive the result. Two segments may share a 4 KiB page
// (never a byte); whoever maps them gives that page the union of their permissions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ks {

inline constexpr std::uint32_t kElfSegmentExecute = 1;  // PF_X
inline constexpr std::uint32_t kElfSegmentWrite = 2;    // PF_W
inline constexpr std::uint32_t kElfSegmentRead = 4;     // PF_R

struct ElfSegment {
  std::uint32_t vaddr = 0;
  std::uint32_t memsz = 0;  // bytes of memory, >= bytes.size(); the tail is zero
  std::uint32_t flags = 0;  // kElfSegmentRead | kElfSegmentWrite | kElfSegmentExecute
  std::uint32_t file_offset = 0;
  std::span<const std::uint8_t> bytes;  // the FILESZ bytes from the file
};

struct ElfImage {
  std::uint32_t entry = 0;
  std::vector<ElfSegment> segments;   // PT_LOAD segments with memsz > 0, in file order
  std::uint32_t highest_address = 0;  // one past the last byte of the highest segment (0 = 4 GiB)
};

struct ElfLimits {
  std::uint32_t max_segments = 16;
  std::uint64_t max_total_bytes = 256u << 20;  // sum of memsz
  // Every segment must end at or below END_ADDRESS. kernsim's user stack starts there
  // (kUserStackTop - kUserStackPages pages, kernel/mm/address_space.h): a segment reaching
  // into it would be overwritten by the argument strings, or would make the stack read-only.
  std::uint64_t end_address = 0x7ffe0000u;
};

// Parses the ELF32 RISC-V executable in FILE (named FILE_NAME in errors). Throws InputError.
ElfImage elf_parse(std::span<const std::uint8_t> file, std::string_view file_name, const ElfLimits& limits = {});

}  // namespace ks
