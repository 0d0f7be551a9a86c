// tests/cpu-models/rv32ima/rv32_assembler.h — encoders for the RV32IMA instructions the tests
// write by hand, and a small machine (memory + model) that runs such code in bare mode.
#pragma once

#include <cstdint>
#include <vector>

#include "cpu-models/rv32ima/rv32ima_model.h"
#include "sim-core/mem/physical_memory.h"

namespace ks::test_rv32 {

inline std::uint32_t r_type(std::uint32_t f7, std::uint32_t rs2, std::uint32_t rs1, std::uint32_t f3, std::uint32_t rd,
                            std::uint32_t opcode) {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode;
}
inline std::uint32_t i_type(std::int32_t imm, std::uint32_t rs1, std::uint32_t f3, std::uint32_t rd,
                            std::uint32_t opcode) {
  return ((static_cast<std::uint32_t>(imm) & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode;
}
inline std::uint32_t s_type(std::int32_t imm, std::uint32_t rs2, std::uint32_t rs1, std::uint32_t f3) {
  const auto u = static_cast<std::uint32_t>(imm);
  return (((u >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) | 0x23;
}
inline std::uint32_t b_type(std::int32_t imm, std::uint32_t rs2, std::uint32_t rs1, std::uint32_t f3) {
  const auto u = static_cast<std::uint32_t>(imm);
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
         (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
inline std::uint32_t lui(std::uint32_t rd, std::uint32_t upper) { return (upper << 12) | (rd << 7) | 0x37; }
inline std::uint32_t auipc(std::uint32_t rd, std::uint32_t upper) { return (upper << 12) | (rd << 7) | 0x17; }
inline std::uint32_t jal(std::uint32_t rd, std::int32_t imm) {
  const auto u = static_cast<std::uint32_t>(imm);
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) | (u & 0xff000) | (rd << 7) |
         0x6f;
}
inline std::uint32_t jalr(std::uint32_t rd, std::uint32_t rs1, std::int32_t imm) {
  return i_type(imm, rs1, 0, rd, 0x67);
}
inline std::uint32_t addi(std::uint32_t rd, std::uint32_t rs1, std::int32_t imm) {
  return i_type(imm, rs1, 0, rd, 0x13);
}
inline std::uint32_t op(std::uint32_t f7, std::uint32_t f3, std::uint32_t rd, std::uint32_t rs1, std::uint32_t rs2) {
  return r_type(f7, rs2, rs1, f3, rd, 0x33);
}
inline std::uint32_t load(std::uint32_t f3, std::uint32_t rd, std::uint32_t rs1, std::int32_t imm) {
  return i_type(imm, rs1, f3, rd, 0x03);
}
inline std::uint32_t store(std::uint32_t f3, std::uint32_t rs2, std::uint32_t rs1, std::int32_t imm) {
  return s_type(imm, rs2, rs1, f3);
}
inline std::uint32_t amo(std::uint32_t funct5, std::uint32_t rd, std::uint32_t rs1, std::uint32_t rs2) {
  return r_type(funct5 << 2, rs2, rs1, 2, rd, 0x2f);
}
inline constexpr std::uint32_t kEcall = 0x00000073u;
inline constexpr std::uint32_t kEbreak = 0x00100073u;
inline std::uint32_t csr_read(std::uint32_t rd, std::uint32_t csr) {
  return (csr << 20) | (2u << 12) | (rd << 7) | 0x73;
}

// Loads X (a full 32-bit value) into register RD with lui + addi.
inline std::vector<std::uint32_t> li(std::uint32_t rd, std::uint32_t value) {
  const std::uint32_t low = value & 0xfff;
  const std::uint32_t upper = (value + (low >= 0x800 ? 0x1000u : 0u)) >> 12;
  return {lui(rd, upper & 0xfffff), addi(rd, rd, static_cast<std::int32_t>(low << 20) >> 20)};
}

// A bare-mode machine: 64 frames, code at kCodeBase, data at kDataBase, stack below kStackTop.
struct BareMachine {
  static constexpr std::uint32_t kCodeBase = 0x1000, kDataBase = 0x8000, kStackTop = 0x3f000;

  explicit BareMachine(Rv32Config config = {}, std::uint32_t frames = 64) : memory(frames), model(memory, config) {}

  // Writes CODE at kCodeBase followed by ebreak, and makes a context that starts there.
  ContextId load(const std::vector<std::uint32_t>& code) {
    std::uint32_t at = kCodeBase;
    for (std::uint32_t word : code) {
      memory.write32(at, word);
      at += 4;
    }
    memory.write32(at, kEbreak);
    return model.create_context(kCodeBase, kStackTop, 0, MmuMode::Bare);
  }
  // Runs CODE until it stops (the appended ebreak, at the latest).
  StopInfo run(const std::vector<std::uint32_t>& code, Cycles budget = 1000000) {
    context = load(code);
    return model.run(0, context, budget);
  }
  std::uint32_t x(unsigned n) const { return model.reg(context, n); }

  PhysicalMemory memory;
  Rv32imaModel model;
  ContextId context = 0;
};

inline std::vector<std::uint32_t> operator+(std::vector<std::uint32_t> a, const std::vector<std::uint32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace ks::test_rv32
