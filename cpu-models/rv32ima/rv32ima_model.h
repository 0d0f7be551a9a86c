// cpu-models/rv32ima/rv32ima_model.h — an interpreter of RV32IMA user code through the MMU.
//
// This is the machine, not the kernel. Each context is one user thread's hart state: 32
// registers, the pc, and its address space (bare, or Sv32 with a root page table and an ASID).
// The kernel creates contexts, reads and writes their registers, and asks run(hart, context,
// budget) to execute; run() stops at the first of: the budget is spent, ecall (Syscall, detail =
// a7), ebreak, an illegal instruction, a misaligned access, or a page fault. Every stop leaves
// the pc AT the instruction that stopped (as RISC-V's sepc does): after handling a system call
// the kernel advances the pc itself (finish_syscall does both steps); after mapping a faulting
// page it simply runs the context again and the instruction is retried.
//
// TIME. Every instruction costs Rv32CostModel::base cycles (1), multiply/divide/atomic ones
// their own. An instruction starts when at least one cycle of budget is left; cycles beyond the
// budget become a DEBT that the context pays first on its next run, so `used` never exceeds the
// budget and the total is exact. ecall and ebreak cost their cycles but, as in the ISA, do not
// retire (instret does not count them); a faulting instruction costs nothing (it is retried).
//
// THE DECODE CACHE. Instructions are decoded on first execution into per-frame pages of
// DecodedInstruction (1024 slots plus a PageEnd sentinel, so running off the page needs no
// bounds test). A block runs from one decoded page until control leaves the page; the pc is
// implied by the position in the page. The model asks PhysicalMemory to watch every decoded
// frame: any write into it (by the program, another hart, or the kernel loading a new image)
// bumps the frame's epoch and the page is decoded afresh on its next use.
//
// TWO TLBS. Each hart has the modelled Tlb (sim-core/mem/tlb.h) whose hits, misses and LRU order
// are the statistics a lecture shows, and in front of it a small direct-mapped "soft TLB" per
// access kind (load, store, fetch) holding host pointers. The soft TLB only holds pages that the
// modelled TLB holds; every soft hit is recorded as a modelled hit and, under LRU, stamps the
// modelled entry, so the statistics and replacement decisions are exactly those of the model
// alone. A fetch is one TLB access per instruction; a load, store or AMO is one more. Store
// entries are cached only once D is set and only for frames not holding decoded code. A store
// that hits a modelled entry whose D is clear (a load or fetch filled it) walks the table again,
// as the spec's atomic A/D update asks: the walk sets D in the PTE, or faults if the PTE no
// longer allows the store, and the entry takes what the walk found (still a hit, no miss).
//
// THE MISS PATH. A page-strided program misses on every access, so a miss is kept cheap without
// changing what is counted: the modelled lookup and insert are inline (tlb.h), the walk reads
// PTEs from the table frames' host bytes, and the host pointer of the page is computed once for
// the access and the soft TLB.
//
// LR/SC. A reservation belongs to a hart and covers one aligned word of physical memory. It is
// broken by any other hart's store or AMO to that word, by SC, and when the hart switches to
// another context.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "cpu-models/cpu_model.h"
#include "cpu-models/rv32ima/rv32_decode.h"
#include "sim-core/mem/physical_memory.h"
#include "sim-core/mem/sv32.h"
#include "sim-core/mem/tlb.h"

namespace ks {

enum class MmuMode : std::uint8_t { Bare, Sv32 };

struct Rv32CostModel {
  Cycles base = 1;      // every instruction not listed below
  Cycles multiply = 1;  // mul, mulh, mulhsu, mulhu
  Cycles divide = 1;    // div, divu, rem, remu
  Cycles atomic = 1;    // lr.w, sc.w, amo*.w
};

struct Rv32Config {
  std::uint16_t harts = 1;
  TlbConfig tlb;  // each hart has its own; hart N's random stream is tlb.stream + ".hart" + N
  Rv32CostModel cost;
  std::uint32_t decode_cache_pages = 256;  // decoded 4 KiB pages kept (about 8 KiB each)
  // false: no soft TLB and one instruction per block, so every access goes through the modelled
  // TLB. Slow; the reference against which tests check that the fast paths change no statistic.
  bool fast_paths = true;
};

// Why the last PageFault or MisalignedAccess stop happened.
struct Rv32Fault {
  AccessType access = AccessType::Load;
  FaultKind kind = FaultKind::None;  // None for a misaligned access
  std::uint32_t address = 0;
};

namespace rv32 {
// Register numbers of the RISC-V calling convention that the kernel uses.
inline constexpr unsigned kRa = 1, kSp = 2, kA0 = 10, kA1 = 11, kA2 = 12, kA3 = 13, kA4 = 14, kA5 = 15, kA7 = 17;
}  // namespace rv32

class Rv32imaModel final : public CpuModel {
 public:
  // A model executing out of MEMORY (which must outlive it) with CONFIG.
  Rv32imaModel(PhysicalMemory& memory, const Rv32Config& config = {});

  std::string_view name() const override { return "rv32ima"; }
  StopInfo run(CpuId hart_id, ContextId id, Cycles budget) override;

  // --- contexts -----------------------------------------------------------------------------
  // A new context: all registers zero except sp = STACK_POINTER, pc = ENTRY_PC, and the address
  // space MODE with the root page table at physical address PAGE_TABLE_ROOT (4 KiB aligned;
  // ignored when bare) tagged with ASID. Reuses released context numbers.
  ContextId create_context(std::uint32_t entry_pc, std::uint32_t stack_pointer, std::uint32_t page_table_root,
                           MmuMode mode = MmuMode::Sv32, std::uint16_t asid = 0);
  // A copy of SOURCE's registers, pc and address space (fork: then set a0 and the new space).
  ContextId clone_context(ContextId source);
  // Frees CONTEXT's number for reuse; it must not be run again.
  void release_context(ContextId context);
  std::size_t context_count() const { return contexts_.size(); }

  std::uint32_t reg(ContextId context, unsigned n) const;
  // Sets register N (1..31) of CONTEXT; writes to x0 are ignored.
  void set_reg(ContextId context, unsigned n, std::uint32_t value);
  std::uint32_t pc(ContextId context) const { return live(context).pc; }
  void set_pc(ContextId context, std::uint32_t value) { live(context).pc = value; }
  // Completes a system call: a0 = RESULT and the pc moves past the ecall.
  void finish_syscall(ContextId context, std::uint32_t result);
  // Gives CONTEXT another address space (exec). Without ASIDs the hart's TLB is flushed when it
  // next switches spaces; with ASIDs the kernel flushes an ASID (flush_tlb_asid) before reusing it.
  void set_address_space(ContextId context, MmuMode mode, std::uint32_t page_table_root, std::uint16_t asid);
  MmuMode mmu_mode(ContextId context) const { return live(context).mode; }
  const Rv32Fault& last_fault(ContextId context) const { return live(context).fault; }
  std::uint64_t instructions_retired(ContextId context) const { return live(context).instret; }
  std::uint64_t cycles(ContextId context) const { return live(context).cycles; }

  // --- the machine --------------------------------------------------------------------------
  std::uint16_t hart_count() const { return static_cast<std::uint16_t>(harts_.size()); }
  const Tlb& tlb(CpuId hart) const { return harts_[hart].tlb; }
  // sfence.vma on HART: everything, one ASID's non-global entries, or one page.
  void flush_tlb(CpuId hart);
  void flush_tlb_asid(CpuId hart, std::uint16_t asid);
  // OBSERVER is told of the misses and flushes of HART's modelled TLB (for the event trace).
  void set_tlb_observer(CpuId hart, TlbObserver* observer) { harts_[hart].tlb.set_observer(observer); }
  void flush_tlb_page(CpuId hart, std::uint32_t va, std::uint16_t asid);
  // The value rdtime returns (the kernel sets virtual time before running a context).
  void set_time(std::uint64_t ticks) { time_ = ticks; }
  std::uint64_t decoded_pages() const { return pages_decoded_; }

 private:
  static constexpr std::uint32_t kSoftSize = 64;
  static constexpr std::uint32_t kNoTag = 0xffffffffu;
  static constexpr ContextId kNoContext = 0xffffffffu;
  static constexpr std::uint32_t kSlots = kPageSize / 4;

  struct Context {
    std::array<std::uint32_t, rv32::kRegisterSlots> regs{};
    std::uint32_t pc = 0;
    std::uint32_t root_frame = 0;
    std::uint16_t asid = 0;
    MmuMode mode = MmuMode::Bare;
    bool live = false;
    Cycles debt = 0;
    std::uint64_t cycles = 0;
    std::uint64_t instret = 0;
    Rv32Fault fault;
  };
  struct SoftEntry {
    std::uint32_t tag = kNoTag;  // virtual page number
    std::uint32_t frame = 0;
    std::uint8_t* host = nullptr;
    std::uint64_t* stamp = nullptr;  // the modelled entry's LRU stamp (or a dummy)
    std::uint32_t tlb_index = Tlb::kNone;
  };
  using SoftTlb = std::array<SoftEntry, kSoftSize>;
  struct Hart {
    explicit Hart(const TlbConfig& config) : tlb(config) {}
    Tlb tlb;
    SoftTlb load, store, fetch;
    ContextId current = kNoContext;
    bool has_space = false;  // the address space below is that of the last context run here
    MmuMode mode = MmuMode::Bare;
    std::uint32_t root_frame = 0;
    std::uint16_t asid = 0;
    std::uint64_t tlb_generation = 0;
    bool reserved = false;
    PhysAddr reservation = 0;
    bool block_must_end = false;            // a slow path invalidated what the running block assumes
    std::uint32_t code_entry = Tlb::kNone;  // the modelled TLB entry of the running block's page
    std::uint64_t dummy_stamp = 0;
  };
  struct DecodedPage {
    std::uint32_t frame = 0;
    std::uint32_t epoch = 0;
    std::array<rv32::DecodedInstruction, kSlots + 1> code{};
  };
  // Where a translated access goes: HOST (the byte) and FRAME_HOST (its frame) are null when it
  // must go through PhysicalMemory (a frame of decoded code, whose writes are watched).
  struct Access {
    PhysAddr physical = 0;
    std::uint8_t* host = nullptr;
    std::uint8_t* frame_host = nullptr;
  };
  struct BlockResult;

  Context& live(ContextId context);
  const Context& live(ContextId context) const;
  void switch_to(Hart& hart, ContextId id, Context& context);
  static void clear_soft(Hart& hart);
  void drop_soft(Hart& hart, std::uint32_t vpn);
  // Translates VA for ACCESS (filling the soft TLB); false with CONTEXT.fault set on a fault.
  bool translate(Hart& hart, Context& context, std::uint32_t va, AccessType access, Access& out);
  bool translate_sv32(Hart& hart, Context& context, std::uint32_t va, AccessType access, Access& out);
  // A store hit TLB entry INDEX, filled by a load or fetch, whose D is clear: walks again (setting
  // D in the PTE in memory) and refreshes the entry; false with CONTEXT.fault set on a fault.
  bool set_dirty(Hart& hart, Context& context, std::uint32_t va, std::uint32_t index);
  void point_to(std::uint32_t va, std::uint32_t frame, Access& out);
  // Caches VA -> FRAME (host bytes FRAME_HOST, null for a watched frame) in the soft TLB of ACCESS.
  void fill_soft(Hart& hart, std::uint32_t va, AccessType access, std::uint32_t frame, std::uint8_t* frame_host,
                 std::uint32_t tlb_index);
  bool load_slow(Hart& hart, Context& context, std::uint32_t va, unsigned size, std::uint32_t& value);
  bool store_slow(CpuId hart_id, Context& context, std::uint32_t va, unsigned size, std::uint32_t value);
  bool atomic_slow(CpuId hart_id, Context& context, std::uint32_t va, rv32::Op op, std::uint32_t operand,
                   std::uint32_t& old_value);
  void write_through(CpuId hart_id, PhysAddr physical, unsigned size, std::uint32_t value);
  void break_reservations(CpuId writer, PhysAddr physical);
  DecodedPage* fetch_page(Hart& hart, Context& context, StopInfo& stop);
  DecodedPage& decoded_page(std::uint32_t frame);
  // Runs CONTEXT from PAGE until control leaves the page (false) or it stops (true, STOP set).
  bool run_block(CpuId hart_id, Context& context, DecodedPage& page, Cycles& remaining, StopInfo& stop);

  PhysicalMemory& memory_;
  Rv32CostModel cost_;
  std::vector<Hart> harts_;
  std::vector<Context> contexts_;
  std::vector<ContextId> free_contexts_;
  std::vector<DecodedPage> pages_;
  std::vector<std::int32_t> frame_page_;  // frame -> index in pages_, or -1
  std::uint32_t page_capacity_;
  bool fast_paths_;
  std::uint32_t next_victim_ = 0;
  std::uint32_t reservations_ = 0;  // harts holding a reservation
  std::uint64_t time_ = 0;
  std::uint64_t pages_decoded_ = 0;
};

}  // namespace ks
