// cpu-models/rv32ima/rv32_decode.cpp — RV32IMA's instruction formats undone, once per instruction
// (the decoded form: rv32_decode.h).
//
// decode() looks at the major opcode, picks the operation from funct3/funct7 (tables where the
// ISA's encoding is regular), and reassembles the immediate of the I, S, B, U or J format with
// its sign. Anything RV32IMA does not define, with the reserved encodings and every CSR access
// but a read of the user counters (cycle, time, instret), becomes Illegal and keeps the raw bits,
// so the kernel can report which instruction it was.
#include "cpu-models/rv32ima/rv32_decode.h"

namespace ks::rv32 {
namespace {

std::int32_t imm_i(std::uint32_t bits) { return static_cast<std::int32_t>(bits) >> 20; }

std::int32_t imm_s(std::uint32_t bits) {
  return ((static_cast<std::int32_t>(bits) >> 25) * 32) | static_cast<std::int32_t>((bits >> 7) & 0x1f);
}

std::int32_t imm_b(std::uint32_t bits) {
  const std::uint32_t low = (((bits >> 7) & 1u) << 11) | (((bits >> 25) & 0x3fu) << 5) | (((bits >> 8) & 0xfu) << 1);
  return ((static_cast<std::int32_t>(bits) >> 31) * 4096) | static_cast<std::int32_t>(low);
}

std::int32_t imm_j(std::uint32_t bits) {
  const std::uint32_t low = (bits & 0xff000u) | (((bits >> 20) & 1u) << 11) | (((bits >> 21) & 0x3ffu) << 1);
  return ((static_cast<std::int32_t>(bits) >> 31) * 1048576) | static_cast<std::int32_t>(low);
}

DecodedInstruction illegal(std::uint32_t bits) {
  DecodedInstruction d;
  d.op = Op::Illegal;
  d.imm = static_cast<std::int32_t>(bits);
  return d;
}

Op branch_op(std::uint32_t funct3) {
  constexpr Op kOps[8] = {Op::Beq, Op::Bne, Op::Illegal, Op::Illegal, Op::Blt, Op::Bge, Op::Bltu, Op::Bgeu};
  return kOps[funct3];
}

Op load_op(std::uint32_t funct3) {
  constexpr Op kOps[8] = {Op::Lb, Op::Lh, Op::Lw, Op::Illegal, Op::Lbu, Op::Lhu, Op::Illegal, Op::Illegal};
  return kOps[funct3];
}

Op store_op(std::uint32_t funct3) {
  return funct3 <= 2 ? (funct3 == 0 ? Op::Sb : funct3 == 1 ? Op::Sh : Op::Sw) : Op::Illegal;
}

Op op_imm(std::uint32_t funct3, std::uint32_t funct7) {
  switch (funct3) {
    case 0: return Op::Addi;
    case 1: return funct7 == 0 ? Op::Slli : Op::Illegal;
    case 2: return Op::Slti;
    case 3: return Op::Sltiu;
    case 4: return Op::Xori;
    case 5: return funct7 == 0 ? Op::Srli : funct7 == 0x20 ? Op::Srai : Op::Illegal;
    case 6: return Op::Ori;
    default: return Op::Andi;
  }
}

Op op_reg(std::uint32_t funct3, std::uint32_t funct7) {
  constexpr Op kBase[8] = {Op::Add, Op::Sll, Op::Slt, Op::Sltu, Op::Xor, Op::Srl, Op::Or, Op::And};
  constexpr Op kMul[8] = {Op::Mul, Op::Mulh, Op::Mulhsu, Op::Mulhu, Op::Div, Op::Divu, Op::Rem, Op::Remu};
  if (funct7 == 0) return kBase[funct3];
  if (funct7 == 1) return kMul[funct3];
  if (funct7 == 0x20 && funct3 == 0) return Op::Sub;
  if (funct7 == 0x20 && funct3 == 5) return Op::Sra;
  return Op::Illegal;
}

Op amo_op(std::uint32_t funct5, std::uint32_t rs2) {
  switch (funct5) {
    case 0x02: return rs2 == 0 ? Op::LrW : Op::Illegal;
    case 0x03: return Op::ScW;
    case 0x01: return Op::AmoSwap;
    case 0x00: return Op::AmoAdd;
    case 0x04: return Op::AmoXor;
    case 0x0c: return Op::AmoAnd;
    case 0x08: return Op::AmoOr;
    case 0x10: return Op::AmoMin;
    case 0x14: return Op::AmoMax;
    case 0x18: return Op::AmoMinu;
    case 0x1c: return Op::AmoMaxu;
    default: return Op::Illegal;
  }
}

// SYSTEM: ecall, ebreak, and reads of the user counters (csrrs/csrrc/csrrsi/csrrci with x0/0).
DecodedInstruction decode_system(std::uint32_t bits, DecodedInstruction d) {
  if (bits == 0x00000073u) return DecodedInstruction{Op::Ecall, 0, 0, 0, 0};
  if (bits == 0x00100073u) return DecodedInstruction{Op::Ebreak, 0, 0, 0, 0};
  const std::uint32_t funct3 = (bits >> 12) & 7;
  const std::uint32_t csr = bits >> 20;
  const bool read_only = (funct3 == 2 || funct3 == 3 || funct3 == 6 || funct3 == 7) && d.rs1 == 0;
  const bool counter = csr == kCsrCycle || csr == kCsrTime || csr == kCsrInstret || csr == kCsrCycleHigh ||
                       csr == kCsrTimeHigh || csr == kCsrInstretHigh;
  if (!read_only || !counter) return illegal(bits);
  d.op = Op::Csr;
  d.imm = static_cast<std::int32_t>(csr);
  return d;
}

}  // namespace

DecodedInstruction decode(std::uint32_t bits) {
  DecodedInstruction d;
  const std::uint32_t rd = (bits >> 7) & 0x1f;
  const std::uint32_t funct3 = (bits >> 12) & 7;
  const std::uint32_t funct7 = bits >> 25;
  d.rd = static_cast<std::uint8_t>(rd == 0 ? kSinkRegister : rd);
  d.rs1 = static_cast<std::uint8_t>((bits >> 15) & 0x1f);
  d.rs2 = static_cast<std::uint8_t>((bits >> 20) & 0x1f);
  d.imm = imm_i(bits);
  switch (bits & 0x7f) {
    case 0x37:
      d.op = Op::Lui;
      d.imm = static_cast<std::int32_t>(bits & 0xfffff000u);
      break;
    case 0x17:
      d.op = Op::Auipc;
      d.imm = static_cast<std::int32_t>(bits & 0xfffff000u);
      break;
    case 0x6f:
      d.op = Op::Jal;
      d.imm = imm_j(bits);
      break;
    case 0x67: d.op = funct3 == 0 ? Op::Jalr : Op::Illegal; break;
    case 0x63:
      d.op = branch_op(funct3);
      d.imm = imm_b(bits);
      break;
    case 0x03: d.op = load_op(funct3); break;
    case 0x23:
      d.op = store_op(funct3);
      d.imm = imm_s(bits);
      break;
    case 0x13: d.op = op_imm(funct3, funct7); break;
    case 0x33: d.op = op_reg(funct3, funct7); break;
    case 0x0f: d.op = funct3 == 0 ? Op::Fence : funct3 == 1 ? Op::FenceI : Op::Illegal; break;
    case 0x73: return decode_system(bits, d);
    case 0x2f:
      d.op = funct3 == 2 ? amo_op(bits >> 27, d.rs2) : Op::Illegal;
      d.imm = 0;
      break;
    default: d.op = Op::Illegal; break;
  }
  if (d.op == Op::Illegal) return illegal(bits);
  return d;
}

std::string_view to_string(Op op) {
  switch (op) {
#define KS_RV32_NAME(name) \
  case Op::name: return #name;
    KS_RV32_OPERATIONS(KS_RV32_NAME)
#undef KS_RV32_NAME
  }
  return "unknown";
}

}  // namespace ks::rv32
