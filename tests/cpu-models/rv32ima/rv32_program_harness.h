// tests/cpu-models/rv32ima/rv32_program_harness.h — a test-only stand-in for the kernel: loads a
// static ELF into physical memory at its own addresses (bare mode, or Sv32 with an identity map
// built from the segments' permissions), runs it on hart 0, and serves write (64) and exit (93).
// Used by the end-to-end tests and by bench/rv32_bench.cpp. Header-only.
#pragma once

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "kernel/proc/elf_loader.h"
#include "sim-core/error.h"
#include "sim-core/mem/physical_memory.h"
#include "sim-core/mem/sv32.h"

namespace ks::test_rv32 {

inline std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(InputLocation{path, 0, 0, {}}, "cannot open the file");
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct ProgramResult {
  bool exited = false;
  int exit_status = 0;
  std::string output;
  StopInfo last_stop;
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
};

class ProgramHarness {
 public:
  static constexpr std::uint32_t kFrames = 2048;          // 8 MiB
  static constexpr std::uint32_t kStackTop = 0x00600000;  // stack pages just below
  static constexpr std::uint32_t kStackPages = 16;
  static constexpr std::uint32_t kFirstTableFrame = 0x700;  // page tables live from here up

  ProgramHarness(const std::vector<std::uint8_t>& elf, const std::string& name, MmuMode mode, Rv32Config config = {})
      : elf_(elf), memory_(kFrames), model_(memory_, config) {
    const ElfImage image = elf_parse(elf_, name);
    for (const ElfSegment& s : image.segments) {
      KS_ASSERT(std::uint64_t{s.vaddr} + s.memsz <= std::uint64_t{kFirstTableFrame} << kPageShift,
                "the test program fits below the page tables");
      memory_.write_bytes(s.vaddr, s.bytes);
    }
    std::uint32_t root = 0;
    if (mode == MmuMode::Sv32) {
      root = allocate();
      for (const ElfSegment& s : image.segments) map_range(root, s.vaddr, s.memsz, segment_flags(s.flags));
      map_range(root, kStackTop - kStackPages * kPageSize, kStackPages * kPageSize, pte::kRead | pte::kWrite);
    }
    context_ = model_.create_context(image.entry, kStackTop - 16, root << kPageShift, mode, 1);
  }

  // Runs until exit, a stop other than write/exit/budget, or MAX_CYCLES, in slices of SLICE.
  ProgramResult run(Cycles slice = 1000000, std::uint64_t max_cycles = 2000000000) {
    ProgramResult result;
    std::uint64_t spent = 0;
    while (spent < max_cycles) {
      const StopInfo stop = model_.run(0, context_, slice);
      spent += static_cast<std::uint64_t>(stop.used);
      result.last_stop = stop;
      if (stop.reason == StopReason::BudgetSpent) continue;
      if (stop.reason != StopReason::Syscall) break;
      if (stop.detail == 93) {
        result.exited = true;
        result.exit_status = static_cast<int>(model_.reg(context_, rv32::kA0));
        break;
      }
      std::uint32_t answer = static_cast<std::uint32_t>(-38);  // ENOSYS
      if (stop.detail == 64) answer = write(result.output);
      model_.finish_syscall(context_, answer);
    }
    result.instructions = model_.instructions_retired(context_);
    result.cycles = model_.cycles(context_);
    return result;
  }

  Rv32imaModel& model() { return model_; }
  ContextId context() const { return context_; }

 private:
  static std::uint32_t segment_flags(std::uint32_t elf_flags) {
    std::uint32_t flags = 0;
    if ((elf_flags & kElfSegmentRead) != 0) flags |= pte::kRead;
    if ((elf_flags & kElfSegmentWrite) != 0) flags |= pte::kWrite | pte::kRead;
    if ((elf_flags & kElfSegmentExecute) != 0) flags |= pte::kExecute;
    return flags;
  }
  std::uint32_t allocate() {
    const std::uint32_t frame = next_table_frame_++;
    KS_ASSERT(frame < kFrames, "the harness has frames left for page tables");
    memory_.fill(PhysAddr{frame} << kPageShift, kPageSize, 0);
    return frame;
  }
  // Identity-maps [VA, VA + LENGTH) for user code with FLAGS, OR-ing into pages already mapped.
  void map_range(std::uint32_t root, std::uint32_t va, std::uint32_t length, std::uint32_t flags) {
    for (std::uint32_t page = va >> kPageShift; page <= (va + length - 1) >> kPageShift; ++page) {
      const Sv32Walk existing = sv32_walk(memory_, root, page << kPageShift, AccessType::Load, false);
      const std::uint32_t old =
          existing.fault == FaultKind::None ? existing.leaf & (pte::kRead | pte::kWrite | pte::kExecute) : 0;
      sv32_map_page(memory_, root, page << kPageShift, page, flags | old | pte::kUser, [this] { return allocate(); });
    }
  }
  // Serves write(fd, buffer, length) for fd 1 and 2 by reading the (identity-mapped) buffer.
  std::uint32_t write(std::string& output) {
    const std::uint32_t fd = model_.reg(context_, rv32::kA0);
    const std::uint32_t buffer = model_.reg(context_, rv32::kA1);
    const std::uint32_t length = model_.reg(context_, rv32::kA2);
    if ((fd != 1 && fd != 2) || !memory_.contains(buffer, length)) return static_cast<std::uint32_t>(-9);
    for (std::uint32_t i = 0; i < length; ++i) output += static_cast<char>(memory_.read8(buffer + i));
    return length;
  }

  std::vector<std::uint8_t> elf_;
  PhysicalMemory memory_;
  Rv32imaModel model_;
  ContextId context_ = 0;
  std::uint32_t next_table_frame_ = kFirstTableFrame;
};

}  // namespace ks::test_rv32
