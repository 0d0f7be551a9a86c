// cpu-models/rv32ima/rv32_execute.cpp — the interpreter loop: one decoded page at a time.
//
// run_block() executes the context from a decoded page (see the decode cache in
// rv32ima_model.h) until control leaves the page. Inside a block the pc is not kept: it is the
// page's virtual base plus four times the position of `ip` in the page. Each handler does its
// work, charges its cycles, and jumps straight to the next instruction's handler:
//
//   - with GCC or Clang, through a table of label addresses ("computed goto", a GNU extension:
//     one indirect jump per instruction, each with its own branch-predictor history);
//   - elsewhere, or when KS_RV32_SWITCH_DISPATCH is defined (to test it), through a portable
//     `switch` (same handlers, a bit slower).
//
// A block ends when a jump or branch leaves the page (or targets a misaligned address), when the
// PageEnd sentinel after the last slot is reached, when the budget is spent, when a slow-path
// memory access says the block's assumptions broke (a write into decoded code, the code page's
// TLB entry evicted), or when the instruction stops the context (ecall, fault, ...).
//
// TLB bookkeeping inside a block (MMU on): the block's first fetch was looked up in the modelled
// TLB by fetch_page(); every later fetch is a hit on that same entry, counted here in bulk. For
// exact LRU order, a local copy of the TLB's clock ticks once per fetch and once per soft-TLB
// data hit; the code entry's stamp is written back before any slow path consults the model and
// when the block ends, so the model sees the same stamps as if it had served every access.
#include <cstring>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "sim-core/error.h"

#if defined(__GNUC__) && !defined(KS_RV32_SWITCH_DISPATCH)
#define KS_RV32_COMPUTED_GOTO 1
#pragma GCC diagnostic ignored "-Wpedantic"  // label addresses (&&label, goto *p) are a GNU extension
#endif

namespace ks {
namespace {

using rv32::Op;

enum class Outcome : std::uint8_t { Ok, Fault, EndBlock };

std::uint32_t mul_high(std::uint32_t a, std::uint32_t b) {
  const std::int64_t product = std::int64_t{static_cast<std::int32_t>(a)} * std::int64_t{static_cast<std::int32_t>(b)};
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(product) >> 32);
}
std::uint32_t mul_high_signed_unsigned(std::uint32_t a, std::uint32_t b) {
  const std::int64_t product = std::int64_t{static_cast<std::int32_t>(a)} * std::int64_t{b};
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(product) >> 32);
}
std::uint32_t mul_high_unsigned(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::uint32_t>((std::uint64_t{a} * std::uint64_t{b}) >> 32);
}
// Division by zero and signed overflow do not trap on RISC-V; they give these fixed results.
std::uint32_t divide_signed(std::uint32_t a, std::uint32_t b) {
  if (b == 0) return 0xffffffffu;
  if (a == 0x80000000u && b == 0xffffffffu) return a;
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(a) / static_cast<std::int32_t>(b));
}
std::uint32_t divide_unsigned(std::uint32_t a, std::uint32_t b) { return b == 0 ? 0xffffffffu : a / b; }
std::uint32_t remainder_signed(std::uint32_t a, std::uint32_t b) {
  if (b == 0) return a;
  if (a == 0x80000000u && b == 0xffffffffu) return 0;
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(a) % static_cast<std::int32_t>(b));
}
std::uint32_t remainder_unsigned(std::uint32_t a, std::uint32_t b) { return b == 0 ? a : a % b; }
std::uint32_t shift_right_arithmetic(std::uint32_t a, std::uint32_t amount) {
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(a) >> (amount & 31));
}
std::uint32_t less_signed(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int32_t>(a) < static_cast<std::int32_t>(b) ? 1u : 0u;
}
std::uint32_t sign_extend_byte(std::uint32_t v) { return static_cast<std::uint32_t>(static_cast<std::int8_t>(v)); }
std::uint32_t sign_extend_half(std::uint32_t v) { return static_cast<std::uint32_t>(static_cast<std::int16_t>(v)); }

std::uint32_t load_host(const std::uint8_t* p, unsigned size) {
  return size == 4 ? load_le32(p) : size == 2 ? load_le16(p) : *p;
}
void store_host(std::uint8_t* p, unsigned size, std::uint32_t value) {
  if (size == 4) store_le32(p, value);
  else if (size == 2) store_le16(p, static_cast<std::uint16_t>(value));
  else *p = static_cast<std::uint8_t>(value);
}

}  // namespace

// KS_DISPATCH() is a statement (a jump), so its body cannot be put in parentheses.
#if defined(KS_RV32_COMPUTED_GOTO)
#define KS_CASE(name) op_##name:
#define KS_DISPATCH() goto* kLabels[static_cast<std::uint8_t>(ip->op)]  // NOLINT(bugprone-macro-parentheses)
#else
#define KS_CASE(name) case Op::name:
#define KS_DISPATCH() goto dispatch
#endif
// Counts the fetch of the instruction at ip and runs it.
#define KS_FETCH()                \
  do {                            \
    ++executed;                   \
    previous_fetch = fetch_stamp; \
    fetch_stamp = ++clock;        \
    KS_DISPATCH();                \
  } while (false)
// Charges COST and goes on with the next instruction in the page.
#define KS_NEXT(cost)      \
  do {                     \
    remaining -= (cost);   \
    ++ip;                  \
    if (remaining <= 0) {  \
      next_pc = pc_of(ip); \
      goto leave;          \
    }                      \
    KS_FETCH();            \
  } while (false)
// Charges COST and continues at TARGET: in this page directly, elsewhere through run().
#define KS_JUMP(target, cost)                                                         \
  do {                                                                                \
    const std::uint32_t to_ = (target);                                               \
    remaining -= (cost);                                                              \
    if ((((to_ ^ page_va) & ~kPageOffsetMask) | (to_ & 3u)) != 0 || remaining <= 0) { \
      next_pc = to_;                                                                  \
      goto leave;                                                                     \
    }                                                                                 \
    ip = base + ((to_ & kPageOffsetMask) >> 2);                                       \
    KS_FETCH();                                                                       \
  } while (false)
// After a memory access that did not fault: go on, or end the block if a slow path said so.
#define KS_CONTINUE(outcome, cost)        \
  do {                                    \
    if ((outcome) == Outcome::EndBlock) { \
      remaining -= (cost);                \
      next_pc = pc_of(ip) + 4;            \
      goto leave;                         \
    }                                     \
    KS_NEXT(cost);                        \
  } while (false)
#define KS_ALU(expression)              \
  {                                     \
    const std::uint32_t a = x[ip->rs1]; \
    const std::uint32_t b = x[ip->rs2]; \
    x[ip->rd] = (expression);           \
    KS_NEXT(base_cost);                 \
  }
#define KS_ALU_IMM(expression)                                   \
  {                                                              \
    const std::uint32_t a = x[ip->rs1];                          \
    const std::uint32_t i = static_cast<std::uint32_t>(ip->imm); \
    x[ip->rd] = (expression);                                    \
    KS_NEXT(base_cost);                                          \
  }
#define KS_BRANCH(condition)                                                            \
  {                                                                                     \
    const std::uint32_t a = x[ip->rs1];                                                 \
    const std::uint32_t b = x[ip->rs2];                                                 \
    if (condition) KS_JUMP(pc_of(ip) + static_cast<std::uint32_t>(ip->imm), base_cost); \
    KS_NEXT(base_cost);                                                                 \
  }
#define KS_LOAD(size, extend)                                                  \
  {                                                                            \
    const std::uint32_t va = x[ip->rs1] + static_cast<std::uint32_t>(ip->imm); \
    if ((va & ((size)-1u)) != 0) {                                             \
      fault_address = va;                                                      \
      fault_access = AccessType::Load;                                         \
      goto misaligned;                                                         \
    }                                                                          \
    std::uint32_t value = 0;                                                   \
    const Outcome outcome = load(va, size, value);                             \
    if (outcome == Outcome::Fault) goto page_fault;                            \
    x[ip->rd] = extend(value);                                                 \
    KS_CONTINUE(outcome, base_cost);                                           \
  }
#define KS_STORE(size)                                                         \
  {                                                                            \
    const std::uint32_t va = x[ip->rs1] + static_cast<std::uint32_t>(ip->imm); \
    if ((va & ((size)-1u)) != 0) {                                             \
      fault_address = va;                                                      \
      fault_access = AccessType::Store;                                        \
      goto misaligned;                                                         \
    }                                                                          \
    const Outcome outcome = store(va, size, x[ip->rs2]);                       \
    if (outcome == Outcome::Fault) goto page_fault;                            \
    KS_CONTINUE(outcome, base_cost);                                           \
  }
#define KS_ATOMIC(operation)                                                        \
  {                                                                                 \
    const std::uint32_t va = x[ip->rs1];                                            \
    if ((va & 3u) != 0) {                                                           \
      fault_address = va;                                                           \
      fault_access = (operation) == Op::LrW ? AccessType::Load : AccessType::Store; \
      goto misaligned;                                                              \
    }                                                                               \
    std::uint32_t old_value = 0;                                                    \
    const Outcome outcome = atomic(va, operation, x[ip->rs2], old_value);           \
    if (outcome == Outcome::Fault) goto page_fault;                                 \
    x[ip->rd] = old_value;                                                          \
    KS_CONTINUE(outcome, atomic_cost);                                              \
  }

bool Rv32imaModel::run_block(CpuId hart_id, Context& context, DecodedPage& page, Cycles& remaining, StopInfo& stop) {
#if defined(KS_RV32_COMPUTED_GOTO)
#define KS_LABEL_ADDRESS(name) &&op_##name,
  static const void* const kLabels[] = {KS_RV32_OPERATIONS(KS_LABEL_ADDRESS)};
#undef KS_LABEL_ADDRESS
#endif
  Hart& hart = harts_[hart_id];
  const bool model_tlb = context.mode == MmuMode::Sv32;
  const bool lru = model_tlb && hart.tlb.config().replacement == TlbReplacement::Lru;
  const Cycles base_cost = cost_.base, multiply_cost = cost_.multiply, divide_cost = cost_.divide,
               atomic_cost = cost_.atomic;
  std::uint32_t* const x = context.regs.data();
  rv32::DecodedInstruction* const base = page.code.data();
  const std::uint8_t* const code_host = memory_.frame_data(page.frame);
  const std::uint32_t page_va = context.pc & ~kPageOffsetMask;
  rv32::DecodedInstruction* ip = base + ((context.pc & kPageOffsetMask) >> 2);
  const Cycles start_remaining = remaining;
  std::uint64_t executed = 0, data_hits = 0;
  std::uint64_t clock = hart.tlb.clock(), fetch_stamp = 0, previous_fetch = 0;
  std::uint32_t next_pc = 0, fault_address = 0;
  AccessType fault_access = AccessType::Load;
  bool stopped = false;
  hart.block_must_end = false;

  const auto pc_of = [&](const rv32::DecodedInstruction* at) {
    return page_va + static_cast<std::uint32_t>(at - base) * 4;
  };
  const auto sync_out = [&] {
    hart.tlb.clock() = clock;
    if (lru && hart.code_entry != Tlb::kNone) hart.tlb.stamp_of(hart.code_entry) = fetch_stamp;
  };
  const auto load = [&](std::uint32_t va, unsigned size, std::uint32_t& value) {
    const SoftEntry& e = hart.load[(va >> kPageShift) % kSoftSize];
    if (e.tag == (va >> kPageShift)) [[likely]] {
      ++data_hits;
      *e.stamp = ++clock;
      value = load_host(e.host + (va & kPageOffsetMask), size);
      return Outcome::Ok;
    }
    sync_out();
    const bool ok = load_slow(hart, context, va, size, value);
    clock = hart.tlb.clock();
    return !ok ? Outcome::Fault : hart.block_must_end ? Outcome::EndBlock : Outcome::Ok;
  };
  const auto store = [&](std::uint32_t va, unsigned size, std::uint32_t value) {
    const SoftEntry& e = hart.store[(va >> kPageShift) % kSoftSize];
    if (e.tag == (va >> kPageShift)) [[likely]] {
      ++data_hits;
      *e.stamp = ++clock;
      store_host(e.host + (va & kPageOffsetMask), size, value);
      if (reservations_ != 0) break_reservations(hart_id, (PhysAddr{e.frame} << kPageShift) | (va & kPageOffsetMask));
      return Outcome::Ok;
    }
    sync_out();
    const bool ok = store_slow(hart_id, context, va, size, value);
    clock = hart.tlb.clock();
    return !ok ? Outcome::Fault : hart.block_must_end ? Outcome::EndBlock : Outcome::Ok;
  };
  const auto atomic = [&](std::uint32_t va, Op op, std::uint32_t operand, std::uint32_t& old_value) {
    const SoftEntry& e = hart.store[(va >> kPageShift) % kSoftSize];
    if (e.tag == (va >> kPageShift) && op != Op::LrW && op != Op::ScW) {
      ++data_hits;
      *e.stamp = ++clock;
      std::uint8_t* p = e.host + (va & kPageOffsetMask);
      old_value = load_le32(p);
      store_le32(p, rv32::atomic_result(op, old_value, operand));
      if (reservations_ != 0) break_reservations(hart_id, (PhysAddr{e.frame} << kPageShift) | (va & kPageOffsetMask));
      return Outcome::Ok;
    }
    sync_out();
    const bool ok = atomic_slow(hart_id, context, va, op, operand, old_value);
    clock = hart.tlb.clock();
    return !ok ? Outcome::Fault : hart.block_must_end ? Outcome::EndBlock : Outcome::Ok;
  };

  KS_FETCH();
#if !defined(KS_RV32_COMPUTED_GOTO)
dispatch:
  switch (ip->op) {
#endif
    // The instructions, one case each; clang-format cannot read KS_CASE as a label, so it keeps out.
    // clang-format off
  // --- the decode cache's own ---------------------------------------------------------------------
  KS_CASE(Undecoded) {
    *ip = rv32::decode(load_le32(code_host + static_cast<std::size_t>(ip - base) * 4));
    KS_DISPATCH();
  }
  KS_CASE(PageEnd) {
    --executed;  // the sentinel is not an instruction
    fetch_stamp = previous_fetch;
    next_pc = page_va + kPageSize;
    goto leave;
  }
  KS_CASE(Illegal) {
    stop.reason = StopReason::IllegalInstruction;
    stop.instruction = static_cast<std::uint32_t>(ip->imm);
    goto stop_here;
  }
  // --- upper immediates, jumps and branches -------------------------------------------------------
  KS_CASE(Lui) {
    x[ip->rd] = static_cast<std::uint32_t>(ip->imm);
    KS_NEXT(base_cost);
  }
  KS_CASE(Auipc) {
    x[ip->rd] = pc_of(ip) + static_cast<std::uint32_t>(ip->imm);
    KS_NEXT(base_cost);
  }
  KS_CASE(Jal) {
    const std::uint32_t here = pc_of(ip);
    x[ip->rd] = here + 4;
    KS_JUMP(here + static_cast<std::uint32_t>(ip->imm), base_cost);
  }
  KS_CASE(Jalr) {
    const std::uint32_t target = (x[ip->rs1] + static_cast<std::uint32_t>(ip->imm)) & ~1u;
    x[ip->rd] = pc_of(ip) + 4;
    KS_JUMP(target, base_cost);
  }
  KS_CASE(Beq) KS_BRANCH(a == b)
  KS_CASE(Bne) KS_BRANCH(a != b)
  KS_CASE(Blt) KS_BRANCH(less_signed(a, b) != 0)
  KS_CASE(Bge) KS_BRANCH(less_signed(a, b) == 0)
  KS_CASE(Bltu) KS_BRANCH(a < b)
  KS_CASE(Bgeu) KS_BRANCH(a >= b)
  // --- loads and stores ---------------------------------------------------------------------------
  KS_CASE(Lb) KS_LOAD(1u, sign_extend_byte)
  KS_CASE(Lh) KS_LOAD(2u, sign_extend_half)
  KS_CASE(Lw) KS_LOAD(4u, )
  KS_CASE(Lbu) KS_LOAD(1u, )
  KS_CASE(Lhu) KS_LOAD(2u, )
  KS_CASE(Sb) KS_STORE(1u)
  KS_CASE(Sh) KS_STORE(2u)
  KS_CASE(Sw) KS_STORE(4u)
  // --- integer computation ------------------------------------------------------------------------
  KS_CASE(Addi) KS_ALU_IMM(a + i)
  KS_CASE(Slti) KS_ALU_IMM(less_signed(a, i))
  KS_CASE(Sltiu) KS_ALU_IMM(a < i ? 1u : 0u)
  KS_CASE(Xori) KS_ALU_IMM(a ^ i)
  KS_CASE(Ori) KS_ALU_IMM(a | i)
  KS_CASE(Andi) KS_ALU_IMM(a & i)
  KS_CASE(Slli) KS_ALU_IMM(a << (i & 31))
  KS_CASE(Srli) KS_ALU_IMM(a >> (i & 31))
  KS_CASE(Srai) KS_ALU_IMM(shift_right_arithmetic(a, i))
  KS_CASE(Add) KS_ALU(a + b)
  KS_CASE(Sub) KS_ALU(a - b)
  KS_CASE(Sll) KS_ALU(a << (b & 31))
  KS_CASE(Slt) KS_ALU(less_signed(a, b))
  KS_CASE(Sltu) KS_ALU(a < b ? 1u : 0u)
  KS_CASE(Xor) KS_ALU(a ^ b)
  KS_CASE(Srl) KS_ALU(a >> (b & 31))
  KS_CASE(Sra) KS_ALU(shift_right_arithmetic(a, b))
  KS_CASE(Or) KS_ALU(a | b)
  KS_CASE(And) KS_ALU(a & b)
  // --- M: multiply and divide ---------------------------------------------------------------------
  KS_CASE(Mul) { x[ip->rd] = x[ip->rs1] * x[ip->rs2]; KS_NEXT(multiply_cost); }
  KS_CASE(Mulh) { x[ip->rd] = mul_high(x[ip->rs1], x[ip->rs2]); KS_NEXT(multiply_cost); }
  KS_CASE(Mulhsu) { x[ip->rd] = mul_high_signed_unsigned(x[ip->rs1], x[ip->rs2]); KS_NEXT(multiply_cost); }
  KS_CASE(Mulhu) { x[ip->rd] = mul_high_unsigned(x[ip->rs1], x[ip->rs2]); KS_NEXT(multiply_cost); }
  KS_CASE(Div) { x[ip->rd] = divide_signed(x[ip->rs1], x[ip->rs2]); KS_NEXT(divide_cost); }
  KS_CASE(Divu) { x[ip->rd] = divide_unsigned(x[ip->rs1], x[ip->rs2]); KS_NEXT(divide_cost); }
  KS_CASE(Rem) { x[ip->rd] = remainder_signed(x[ip->rs1], x[ip->rs2]); KS_NEXT(divide_cost); }
  KS_CASE(Remu) { x[ip->rd] = remainder_unsigned(x[ip->rs1], x[ip->rs2]); KS_NEXT(divide_cost); }
  // --- A: atomics ---------------------------------------------------------------------------------
  KS_CASE(LrW) KS_ATOMIC(Op::LrW)
  KS_CASE(ScW) KS_ATOMIC(Op::ScW)
  KS_CASE(AmoSwap) KS_ATOMIC(Op::AmoSwap)
  KS_CASE(AmoAdd) KS_ATOMIC(Op::AmoAdd)
  KS_CASE(AmoXor) KS_ATOMIC(Op::AmoXor)
  KS_CASE(AmoAnd) KS_ATOMIC(Op::AmoAnd)
  KS_CASE(AmoOr) KS_ATOMIC(Op::AmoOr)
  KS_CASE(AmoMin) KS_ATOMIC(Op::AmoMin)
  KS_CASE(AmoMax) KS_ATOMIC(Op::AmoMax)
  KS_CASE(AmoMinu) KS_ATOMIC(Op::AmoMinu)
  KS_CASE(AmoMaxu) KS_ATOMIC(Op::AmoMaxu)
  // --- system -------------------------------------------------------------------------------------
  KS_CASE(Fence) KS_NEXT(base_cost);
  KS_CASE(FenceI) KS_NEXT(base_cost);  // the decode cache already follows every write
  KS_CASE(Ecall) {
    remaining -= base_cost;
    stop.reason = StopReason::Syscall;
    stop.detail = x[rv32::kA7];
    stop.instruction = 0x00000073u;
    goto stop_here;
  }
  KS_CASE(Ebreak) {
    remaining -= base_cost;
    stop.reason = StopReason::Breakpoint;
    stop.instruction = 0x00100073u;
    goto stop_here;
  }
  KS_CASE(Csr) {
    const auto cycles_now = context.cycles + static_cast<std::uint64_t>(start_remaining - remaining);
    const std::uint64_t instret_now = context.instret + executed - 1;
    std::uint64_t value = 0;
    switch (static_cast<std::uint32_t>(ip->imm)) {
      case rv32::kCsrCycle: value = cycles_now; break;
      case rv32::kCsrCycleHigh: value = cycles_now >> 32; break;
      case rv32::kCsrTime: value = time_; break;
      case rv32::kCsrTimeHigh: value = time_ >> 32; break;
      case rv32::kCsrInstret: value = instret_now; break;
      default: value = instret_now >> 32; break;
    }
    x[ip->rd] = static_cast<std::uint32_t>(value);
    KS_NEXT(base_cost);
  }
    // clang-format on
#if !defined(KS_RV32_COMPUTED_GOTO)
  }
#endif

misaligned:
  context.fault = Rv32Fault{fault_access, FaultKind::None, fault_address};
  stop.reason = StopReason::MisalignedAccess;
  stop.detail = fault_address;
  goto stop_here;
page_fault:
  stop.reason = StopReason::PageFault;
  stop.detail = context.fault.address;
stop_here:
  stopped = true;
  next_pc = pc_of(ip);
  stop.pc = next_pc;
  if (stop.instruction == 0) stop.instruction = load_le32(code_host + static_cast<std::size_t>(ip - base) * 4);
leave:
  context.pc = next_pc;
  sync_out();
  if (model_tlb) hart.tlb.add_hits(executed - 1 + data_hits);
  context.instret += executed - (stopped ? 1 : 0);
  context.cycles += static_cast<std::uint64_t>(start_remaining - remaining);
  hart.code_entry = Tlb::kNone;
  return stopped;
}

}  // namespace ks
