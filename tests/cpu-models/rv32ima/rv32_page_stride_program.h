// tests/cpu-models/rv32ima/rv32_page_stride_program.h — a program whose every data access is on a
// new page: the worst case of the TLB, for the TLB-miss benchmark (bench/rv32_bench.cpp) and for
// the tests that count its hits and misses exactly. Header-only.
//
// PASSES times, it makes PAGES accesses STRIDE bytes apart in zero-filled memory (.bss from
// kPageStrideData); a stride of one page up to two pages less a byte puts every access on a new
// page. (One page exactly also puts every access at the same offset of its page, which on the
// host means the same cache set; a page and a cache line does not.)
//
//     s1 = data; a2 = data + PAGES * STRIDE; t1 = STRIDE; s2 = PASSES
//   pass:   a0 = s1
//   page:   lw t0, 0(a0)            (one load; with STORE also  sw t0, 4(a0))
//           WORK times  add s3..s6, s3..s6, t0
//           add s0, s0, t0; add a0, a0, t1; bne a0, a2, page
//           s2 -= 1; bne s2, zero, pass
//           a0 = 0; a7 = 93; ecall  (exit(0))
//
// The count functions below give what the program executes, from its structure alone, so a test
// can predict the TLB's hits and misses without running anything.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/cpu-models/rv32ima/rv32_assembler.h"
#include "tests/cpu-models/rv32ima/rv32_elf_writer.h"

namespace ks::test_rv32 {

inline constexpr std::uint32_t kPageStrideData = 0x100000;

struct PageStrideShape {
  std::uint32_t pages = 1024;        // accesses a pass, each on its own page (all below 0x580000)
  std::uint32_t stride = kPageSize;  // bytes from one access to the next, kPageSize .. 2 * kPageSize - 1
  std::uint32_t passes = 1;
  std::uint32_t work = 0;  // ALU instructions after each load
  bool store = false;      // a store to the same page after each load

  std::uint32_t body() const { return 4 + work + (store ? 1u : 0u); }  // instructions per page
  // Instructions before the first pass: four two-instruction constants.
  static constexpr std::uint64_t kSetup = 8;
  // Retired instructions up to the exit ecall (which does not retire).
  std::uint64_t retired() const { return kSetup + std::uint64_t{passes} * (1 + std::uint64_t{pages} * body() + 2) + 2; }
  // Instruction fetches: the retired ones and the ecall, each one TLB access.
  std::uint64_t fetches() const { return retired() + 1; }
  std::uint64_t data_accesses() const { return std::uint64_t{passes} * pages * (store ? 2u : 1u); }
};

inline std::vector<std::uint8_t> page_stride_elf(const PageStrideShape& shape) {
  using Code = std::vector<std::uint32_t>;
  constexpr std::uint32_t kT0 = 5, kT1 = 6, kS0 = 8, kS1 = 9, kA0 = 10, kA2 = 12, kA7 = 17, kS2 = 18, kS3 = 19;
  Code code = li(kS1, kPageStrideData) + li(kA2, kPageStrideData + shape.pages * shape.stride) + li(kT1, shape.stride) +
              li(kS2, shape.passes);
  code.push_back(addi(kA0, kS1, 0));     // pass:
  code.push_back(load(2, kT0, kA0, 0));  // page:
  if (shape.store) code.push_back(store(2, kT0, kA0, 4));
  for (std::uint32_t i = 0; i < shape.work; ++i) code.push_back(op(0, 0, kS3 + i % 4, kS3 + i % 4, kT0));
  code.push_back(op(0, 0, kS0, kS0, kT0));
  code.push_back(op(0, 0, kA0, kA0, kT1));
  code.push_back(b_type(-4 * static_cast<std::int32_t>(shape.body() - 1), kA2, kA0, 1));  // bne a0, a2, page
  code.push_back(addi(kS2, kS2, -1));
  code.push_back(b_type(-4 * static_cast<std::int32_t>(shape.body() + 2), 0, kS2, 1));  // bne s2, zero, pass
  code = code + Code{addi(kA0, 0, 0), addi(kA7, 0, 93), kEcall};
  ElfProgram program;
  program.code = code;
  program.data_address = kPageStrideData;
  program.data_zero_tail = shape.pages * shape.stride + kPageSize;
  return write_elf(program);
}

}  // namespace ks::test_rv32
