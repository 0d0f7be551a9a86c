// fuzz/rv32_decode_fuzz.cpp — arbitrary 32-bit words through the RV32IMA decoder and the
// interpreter (libFuzzer target ks-fuzz-rv32-decode; see fuzz/README.md).
//
// INPUT: byte 0 chooses the machine (bit 0: two harts; bits 1-2: the cost of multiply, divide
// and atomic instructions; bits 3-5: the slice pattern; bit 6: Sv32 instead of bare, and then
// byte 1 chooses the page permissions and byte 2 the TLB's ways, replacement and ASIDs); the rest
// is little-endian instruction words (a short last word is zero-padded).
//
// WHAT IT CHECKS. Every word is decoded and the result must be well-formed (an operation the
// interpreter knows, register numbers in range, writes to x0 sent to the sink, Illegal keeping
// the raw bits). Then the words run as code from 0x1000 over 64 KiB of physical memory, in bare
// mode or (bit 6) under Sv32 with an identity map whose pages have input-chosen permissions (the
// page table itself mapped writable at 0xe000, so code can change its own PTEs) and a small TLB.
// The registers point into memory (so loads, stores and AMOs hit, code included) or hold input
// words; each context runs in slices of a few cycles, a few thousand cycles in all. Two machines
// run in lock step: one with the fast paths (soft TLB, blocks) and the reference with every
// access through the modelled TLB and one instruction per block. Both must report the same stops,
// registers, counters, TLB statistics and memory (the fast paths may not change what is
// reported), and every stop must be consistent with the word at the pc. Nothing may crash, raise
// an InvariantError (KS_ASSERT) or hang. A violated check aborts with a message; with
// KS_FUZZ_VERBOSE set, replaying an input prints every stop of hart 0 and 1.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cpu-models/rv32ima/rv32_decode.h"
#include "cpu-models/rv32ima/rv32ima_model.h"
#include "sim-core/mem/physical_memory.h"
#include "sim-core/mem/sv32.h"
#include "sim-core/mem/tlb.h"

namespace {

using ks::rv32::DecodedInstruction;
using ks::rv32::Op;

constexpr std::uint32_t kFrames = 16;  // 64 KiB
constexpr std::uint32_t kCodeBase = 0x1000;
constexpr std::uint32_t kMaxWords = (kFrames - 3) * (ks::kPageSize / 4);  // frames 14 and 15: Sv32 tables
constexpr std::uint32_t kTableFrame = 14, kRootFrame = 15;
constexpr ks::Cycles kTotalBudget = 3000;  // per context
constexpr int kMaxRuns = 200;              // per context: stops that cost nothing (faults) are bounded too

void check(bool condition, const char* what, std::uint64_t value = 0) {
  if (condition) return;
  std::fprintf(stderr, "rv32_decode_fuzz: check failed: %s (0x%llx)\n", what, static_cast<unsigned long long>(value));
  std::abort();
}

void check_decoded(std::uint32_t bits) {
  const DecodedInstruction d = ks::rv32::decode(bits);
  check(static_cast<unsigned>(d.op) <= static_cast<unsigned>(Op::Csr), "the operation is known", bits);
  check(d.op != Op::Undecoded && d.op != Op::PageEnd, "decode never yields the cache's own operations", bits);
  check(ks::rv32::to_string(d.op) != "unknown", "the operation has a name", bits);
  check(d.rd <= ks::rv32::kSinkRegister && d.rs1 < 32 && d.rs2 < 32, "register numbers are in range", bits);
  check(ks::rv32::decode(bits).op == d.op, "decoding is a function of the bits", bits);
  if (d.op == Op::Illegal) {
    check(static_cast<std::uint32_t>(d.imm) == bits, "an illegal instruction keeps its bits", bits);
    return;
  }
  check((bits & 3) == 3, "only 32-bit encodings decode (no compressed instructions)", bits);
  if (d.op != Op::Ecall && d.op != Op::Ebreak) {
    const std::uint32_t rd = (bits >> 7) & 0x1f;
    check(d.rd == (rd == 0 ? ks::rv32::kSinkRegister : rd), "rd comes from bits 7-11, x0 goes to the sink", bits);
  }
}

std::uint32_t word_at(const std::uint8_t* data, std::size_t size, std::size_t at) {
  std::uint32_t w = 0;
  for (std::size_t i = 0; i < 4 && at + i < size; ++i) w |= std::uint32_t{data[at + i]} << (8 * i);
  return w;
}

// The leaf flags of virtual page PAGE under Sv32: usable (R, W, X, U) unless bit PAGE % 8 of
// PERMISSIONS is set, which gives it one of the faulting or special kinds. The code's first page
// is always usable, the page table writable, the root read-only.
std::uint32_t page_flags(std::uint8_t permissions, std::uint32_t page) {
  namespace pte = ks::pte;
  const std::uint32_t all = pte::kValid | pte::kUser | pte::kRead | pte::kWrite | pte::kExecute;
  if (page == 1) return all;
  if (page == kTableFrame) return pte::kValid | pte::kUser | pte::kRead | pte::kWrite;
  if (page == kRootFrame) return pte::kValid | pte::kUser | pte::kRead;
  if (((permissions >> (page % 8)) & 1) == 0) return all;
  switch ((permissions + page) % 6) {
    case 0: return pte::kValid | pte::kUser | pte::kRead;
    case 1: return pte::kValid | pte::kUser | pte::kExecute;
    case 2: return 0;                                       // not present
    case 3: return pte::kValid | pte::kRead | pte::kWrite;  // no U: protection
    case 4: return all | pte::kAccessed | pte::kDirty;
    default: return all | pte::kAccessed;
  }
}

// One machine: memory, model and a context per hart, all built from the same input.
struct Machine {
  Machine(const std::vector<std::uint32_t>& words, const ks::Rv32Config& config, bool sv32, std::uint8_t permissions)
      : memory(kFrames), model(memory, config) {
    std::uint32_t at = kCodeBase;
    for (std::uint32_t w : words) {
      memory.write32(at, w);
      at += 4;
    }
    if (sv32) {  // identity map of the 16 pages through one level-0 table
      memory.write32(ks::PhysAddr{kRootFrame} << ks::kPageShift, ks::pte::make(kTableFrame, ks::pte::kValid));
      for (std::uint32_t page = 0; page < kFrames; ++page) {
        memory.write32((ks::PhysAddr{kTableFrame} << ks::kPageShift) + 4 * page,
                       ks::pte::make(page, page_flags(permissions, page)));
      }
    }
    for (std::uint16_t hart = 0; hart < config.harts; ++hart) {
      const ks::ContextId c =
          model.create_context(kCodeBase, kFrames * ks::kPageSize - 16 * (hart + 1u), kRootFrame << ks::kPageShift,
                               sv32 ? ks::MmuMode::Sv32 : ks::MmuMode::Bare, 1);
      for (unsigned r = 1; r < 32; ++r) {
        // Odd registers point into memory (aligned or not); even ones hold input words.
        const std::uint32_t value = (r & 1) != 0
                                        ? (r * 0x7f3u + hart * 0x100u) % (kFrames * ks::kPageSize) + (r & 2 ? 0 : 1)
                                        : (words.empty() ? r : words[(r + hart) % words.size()]);
        model.set_reg(c, r, value);
      }
      contexts.push_back(c);
    }
  }
  ks::PhysicalMemory memory;
  ks::Rv32imaModel model;
  std::vector<ks::ContextId> contexts;
};

// The checks every stop must pass, on the machine that reported it.
void check_stop(Machine& m, ks::ContextId c, const ks::StopInfo& stop, ks::Cycles budget) {
  check(stop.used >= 0 && stop.used <= budget, "0 <= used <= budget", static_cast<std::uint32_t>(stop.used));
  check(m.model.reg(c, 0) == 0, "x0 stays zero");
  const std::uint32_t pc = m.model.pc(c);
  check(stop.pc == pc, "the stop reports the context's pc", pc);
  switch (stop.reason) {
    case ks::StopReason::BudgetSpent: check(stop.used == budget, "a spent budget is used up", pc); break;
    case ks::StopReason::Syscall:
      check(m.memory.read32(pc) == 0x00000073u, "a system call stops at an ecall", pc);
      check(stop.detail == m.model.reg(c, ks::rv32::kA7), "a system call reports a7", pc);
      break;
    case ks::StopReason::Breakpoint:
      check(m.memory.read32(pc) == 0x00100073u, "a breakpoint stops at ebreak", pc);
      break;
    case ks::StopReason::IllegalInstruction:
      check(stop.instruction == m.memory.read32(pc), "an illegal instruction reports the bits at the pc", pc);
      check(ks::rv32::decode(stop.instruction).op == Op::Illegal, "the reported bits do not decode", pc);
      break;
    case ks::StopReason::MisalignedAccess:
      check((stop.detail & 3) != 0, "a misaligned address is misaligned", pc);
      break;
    case ks::StopReason::PageFault: {
      const auto address = static_cast<std::uint32_t>(stop.detail);
      check(m.model.last_fault(c).address == address, "a page fault reports its address", address);
      if (m.model.mmu_mode(c) == ks::MmuMode::Sv32) {
        check(m.model.last_fault(c).kind != ks::FaultKind::None, "an Sv32 page fault has a kind", address);
        break;
      }
      check(!m.memory.contains(address, 1), "a bare-mode fault is outside memory", address);
      check(m.model.last_fault(c).kind == ks::FaultKind::Access, "a bare-mode fault is an access fault", address);
      break;
    }
    default: check(false, "rv32ima stops only for the reasons above", static_cast<std::uint32_t>(stop.reason));
  }
}

// Moves C past the instruction that stopped it, as a kernel would after handling it (or to
// skip it); false when there is nothing left to run.
bool step_past(Machine& m, ks::ContextId c, const ks::StopInfo& stop) {
  switch (stop.reason) {
    case ks::StopReason::BudgetSpent: return true;
    case ks::StopReason::Syscall: m.model.finish_syscall(c, m.model.reg(c, ks::rv32::kA0) ^ 0x5a5a5a5au); return true;
    case ks::StopReason::PageFault:
      if (m.model.last_fault(c).access == ks::AccessType::Fetch) return false;
      [[fallthrough]];
    default: m.model.set_pc(c, (m.model.pc(c) & ~3u) + 4); return true;
  }
}

void check_same_registers(const Machine& fast, const Machine& reference, std::size_t h) {
  for (unsigned r = 0; r < 32; ++r) {
    check(fast.model.reg(fast.contexts[h], r) == reference.model.reg(reference.contexts[h], r),
          "the fast paths compute the registers the reference computes", r);
  }
  const ks::Tlb& a = fast.model.tlb(static_cast<ks::CpuId>(h));
  const ks::Tlb& b = reference.model.tlb(static_cast<ks::CpuId>(h));
  check(a.hits() == b.hits(), "the fast paths count the TLB hits of the reference", a.hits());
  check(a.misses() == b.misses(), "the fast paths count the TLB misses of the reference", a.misses());
  check(a.evictions() == b.evictions(), "the fast paths count the TLB evictions of the reference", a.evictions());
}

bool same_stop(const ks::StopInfo& a, const ks::StopInfo& b) {
  return a.used == b.used && a.reason == b.reason && a.detail == b.detail && a.pc == b.pc &&
         a.instruction == b.instruction;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const bool verbose = std::getenv("KS_FUZZ_VERBOSE") != nullptr;  // replaying: print every stop
  const std::uint8_t options = data[0];
  const bool sv32 = (options & 0x40) != 0;
  const std::uint8_t permissions = sv32 && size > 1 ? data[1] : 0;
  const std::uint8_t tlb = sv32 && size > 2 ? data[2] : 0;
  std::vector<std::uint32_t> words;
  for (std::size_t at = sv32 ? 3 : 1; at < size && words.size() < kMaxWords; at += 4)
    words.push_back(word_at(data, size, at));
  for (std::uint32_t w : words) check_decoded(w);

  ks::Rv32Config config;
  config.harts = (options & 1) != 0 ? 2 : 1;
  const ks::Cycles cost = 1 + ((options >> 1) & 3);
  config.cost.multiply = cost;
  config.cost.divide = cost + 1;
  config.cost.atomic = cost;
  config.decode_cache_pages = 4;                        // small, so that decoded pages are evicted and decoded again
  config.tlb.entries = 4;                               // small, so that entries are evicted (the code page's too)
  config.tlb.ways = std::uint32_t{1} << (tlb & 3) % 3;  // direct-mapped, 2-way or fully associative
  config.tlb.replacement = static_cast<ks::TlbReplacement>((tlb >> 2) % 3);
  config.tlb.use_asids = (tlb & 0x10) == 0;
  config.tlb.seed = tlb;
  ks::Rv32Config reference_config = config;
  reference_config.fast_paths = false;
  Machine fast(words, config, sv32, permissions);
  Machine reference(words, reference_config, sv32, permissions);

  constexpr ks::Cycles kSlices[8][4] = {
      {1, 1, 1, 1},    {1, 2, 3, 5}, {7, 1, 13, 2},  {64, 1, 64, 3}, {1000, 1000, 1000, 1000},
      {3, 100, 1, 30}, {2, 2, 9, 1}, {500, 1, 50, 5}};
  const ks::Cycles* slices = kSlices[(options >> 3) & 7];
  std::vector<ks::Cycles> spent(config.harts, 0), used(config.harts, 0);
  std::vector<bool> alive(config.harts, true);
  for (int run = 0; run < kMaxRuns * config.harts; ++run) {
    const std::size_t h = static_cast<std::size_t>(run) % config.harts;
    if (!alive[h] || spent[h] >= kTotalBudget) continue;
    const ks::Cycles budget = slices[run % 4];
    const auto hart = static_cast<ks::CpuId>(h);
    const ks::StopInfo a = fast.model.run(hart, fast.contexts[h], budget);
    const ks::StopInfo b = reference.model.run(hart, reference.contexts[h], budget);
    check_stop(fast, fast.contexts[h], a, budget);
    check_stop(reference, reference.contexts[h], b, budget);
    check(same_stop(a, b), "the fast paths stop as the reference does", a.pc);
    if (run % 8 == 0) check_same_registers(fast, reference, h);
    check(fast.model.instructions_retired(fast.contexts[h]) ==
              reference.model.instructions_retired(reference.contexts[h]),
          "the same instructions retire", a.pc);
    const std::uint64_t cycles = fast.model.cycles(fast.contexts[h]);
    check(cycles == reference.model.cycles(reference.contexts[h]), "the same cycles are spent", a.pc);
    spent[h] += budget;
    used[h] += a.used;
    // What a context executed beyond its budgets is a debt of less than one instruction.
    const auto executed = static_cast<ks::Cycles>(cycles);
    check(executed >= used[h] && executed - used[h] < config.cost.divide, "cycles = used + debt (< one instruction)",
          static_cast<std::uint32_t>(executed - used[h]));
    if (verbose && a.reason != ks::StopReason::BudgetSpent) {
      std::fprintf(stderr, "hart %zu: %s at pc %#x (detail %#llx, bits %#010x) after %lld of %lld cycles\n", h,
                   std::string(ks::to_string(a.reason)).c_str(), a.pc, static_cast<unsigned long long>(a.detail),
                   a.instruction, static_cast<long long>(a.used), static_cast<long long>(budget));
    }
    alive[h] = step_past(fast, fast.contexts[h], a);
    step_past(reference, reference.contexts[h], b);
  }
  for (std::size_t h = 0; h < config.harts; ++h) check_same_registers(fast, reference, h);
  for (std::uint32_t frame = 0; frame < kFrames; ++frame) {
    check(std::memcmp(fast.memory.frame_data(frame), reference.memory.frame_data(frame), ks::kPageSize) == 0,
          "the fast paths leave memory as the reference does", frame);
  }
  return 0;
}
