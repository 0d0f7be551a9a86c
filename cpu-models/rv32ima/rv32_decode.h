// cpu-models/rv32ima/rv32_decode.h — RV32IMA instruction bits -> a pre-decoded form.
//
// The interpreter never looks at raw instruction bits while running: each instruction is decoded
// once into a DecodedInstruction (an operation number, three register numbers and a sign-extended
// immediate) and kept in the decode cache (see rv32ima_model.h). Decoding resolves everything
// that does not depend on register values: the immediate's scrambled bit fields, funct3/funct7,
// and writes to x0, which go to a "sink" register 32 that nobody reads, so no handler needs to
// test for rd == 0.
#pragma once

#include <cstdint>
#include <string_view>

namespace ks::rv32 {

// Every operation the interpreter knows. Undecoded and PageEnd are the decode cache's own: a
// slot not yet decoded, and the sentinel after a page's last instruction. One line per group of
// instructions (clang-format would run the groups together).
// clang-format off
#define KS_RV32_OPERATIONS(X)                                                                  \
  X(Undecoded) X(PageEnd) X(Illegal)                                                           \
  X(Lui) X(Auipc) X(Jal) X(Jalr)                                                               \
  X(Beq) X(Bne) X(Blt) X(Bge) X(Bltu) X(Bgeu)                                                  \
  X(Lb) X(Lh) X(Lw) X(Lbu) X(Lhu) X(Sb) X(Sh) X(Sw)                                            \
  X(Addi) X(Slti) X(Sltiu) X(Xori) X(Ori) X(Andi) X(Slli) X(Srli) X(Srai)                      \
  X(Add) X(Sub) X(Sll) X(Slt) X(Sltu) X(Xor) X(Srl) X(Sra) X(Or) X(And)                        \
  X(Mul) X(Mulh) X(Mulhsu) X(Mulhu) X(Div) X(Divu) X(Rem) X(Remu)                              \
  X(LrW) X(ScW) X(AmoSwap) X(AmoAdd) X(AmoXor) X(AmoAnd) X(AmoOr)                              \
  X(AmoMin) X(AmoMax) X(AmoMinu) X(AmoMaxu)                                                    \
  X(Fence) X(FenceI) X(Ecall) X(Ebreak) X(Csr)
// clang-format on

enum class Op : std::uint8_t {
#define KS_RV32_ENUM(name) name,
  KS_RV32_OPERATIONS(KS_RV32_ENUM)
#undef KS_RV32_ENUM
};

inline constexpr std::uint8_t kSinkRegister = 32;
inline constexpr unsigned kRegisterSlots = 33;

// CSR numbers readable from user mode (rdcycle, rdtime, rdinstret and their high halves).
inline constexpr std::uint32_t kCsrCycle = 0xc00, kCsrTime = 0xc01, kCsrInstret = 0xc02;
inline constexpr std::uint32_t kCsrCycleHigh = 0xc80, kCsrTimeHigh = 0xc81, kCsrInstretHigh = 0xc82;

struct DecodedInstruction {
  Op op = Op::Undecoded;
  std::uint8_t rd = 0;  // kSinkRegister when the instruction names x0
  std::uint8_t rs1 = 0;
  std::uint8_t rs2 = 0;  // shift amount for slli/srli/srai
  std::int32_t imm = 0;  // the immediate; the CSR number for Csr; the raw bits for Illegal
};

// Decodes the 32-bit instruction BITS. Anything outside RV32IMA user mode (compressed encodings,
// privileged instructions, CSR writes or CSRs other than the counters) decodes as Illegal.
DecodedInstruction decode(std::uint32_t bits);

std::string_view to_string(Op op);

// The value an AMO of kind OP writes, given the word OLD_VALUE in memory and OPERAND (rs2).
inline std::uint32_t atomic_result(Op op, std::uint32_t old_value, std::uint32_t operand) {
  const auto signed_old = static_cast<std::int32_t>(old_value);
  const auto signed_operand = static_cast<std::int32_t>(operand);
  switch (op) {
    case Op::AmoAdd: return old_value + operand;
    case Op::AmoXor: return old_value ^ operand;
    case Op::AmoAnd: return old_value & operand;
    case Op::AmoOr: return old_value | operand;
    case Op::AmoMin: return signed_old < signed_operand ? old_value : operand;
    case Op::AmoMax: return signed_old > signed_operand ? old_value : operand;
    case Op::AmoMinu: return old_value < operand ? old_value : operand;
    case Op::AmoMaxu: return old_value > operand ? old_value : operand;
    default: return operand;  // AmoSwap
  }
}

}  // namespace ks::rv32
