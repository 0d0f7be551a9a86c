// Instruction-level tests of the rv32ima interpreter in bare mode: one opcode class a test.
#include <gtest/gtest.h>

#include "tests/cpu-models/rv32ima/rv32_assembler.h"

namespace ks::test_rv32 {
namespace {

using Code = std::vector<std::uint32_t>;

TEST(Rv32Instructions, RegisterArithmeticAndLogic) {
  BareMachine m;
  const Code code = li(5, 0xfffffff0u) + li(6, 3) + Code{op(0, 0, 7, 5, 6),    op(0x20, 0, 8, 5, 6), op(0, 7, 9, 5, 6),
                                                         op(0, 6, 10, 5, 6),   op(0, 4, 11, 5, 6),   op(0, 2, 12, 5, 6),
                                                         op(0, 3, 13, 5, 6),   op(0, 1, 14, 5, 6),   op(0, 5, 15, 5, 6),
                                                         op(0x20, 5, 16, 5, 6)};
  EXPECT_EQ(m.run(code).reason, StopReason::Breakpoint);
  EXPECT_EQ(m.x(7), 0xfffffff3u);   // add
  EXPECT_EQ(m.x(8), 0xffffffedu);   // sub
  EXPECT_EQ(m.x(9), 0u);            // and
  EXPECT_EQ(m.x(10), 0xfffffff3u);  // or
  EXPECT_EQ(m.x(11), 0xfffffff3u);  // xor
  EXPECT_EQ(m.x(12), 1u);           // slt: -16 < 3
  EXPECT_EQ(m.x(13), 0u);           // sltu: 0xfffffff0 > 3
  EXPECT_EQ(m.x(14), 0xffffff80u);  // sll
  EXPECT_EQ(m.x(15), 0x1ffffffeu);  // srl
  EXPECT_EQ(m.x(16), 0xfffffffeu);  // sra
}

TEST(Rv32Instructions, ImmediateArithmeticSignExtends) {
  BareMachine m;
  const Code code = {addi(5, 0, -1),
                     i_type(-1, 5, 3, 6, 0x13) /* sltiu x6 = 0xffffffff < 0xffffffff */,
                     i_type(-1, 0, 2, 7, 0x13) /* slti 0 < -1 */,
                     i_type(0x7ff, 5, 4, 8, 0x13) /* xori */,
                     i_type(0x0f0, 0, 6, 9, 0x13),
                     i_type(-16, 5, 7, 10, 0x13),
                     i_type(4, 5, 1, 11, 0x13),
                     i_type(4, 5, 5, 12, 0x13),
                     i_type(0x400 | 4, 5, 5, 13, 0x13)};
  m.run(code);
  EXPECT_EQ(m.x(5), 0xffffffffu);
  EXPECT_EQ(m.x(6), 0u);
  EXPECT_EQ(m.x(7), 0u);
  EXPECT_EQ(m.x(8), 0xfffff800u);
  EXPECT_EQ(m.x(9), 0xf0u);
  EXPECT_EQ(m.x(10), 0xfffffff0u);
  EXPECT_EQ(m.x(11), 0xfffffff0u);  // slli
  EXPECT_EQ(m.x(12), 0x0fffffffu);  // srli
  EXPECT_EQ(m.x(13), 0xffffffffu);  // srai
}

TEST(Rv32Instructions, UpperImmediates) {
  BareMachine m;
  m.run({lui(5, 0xabcde), auipc(6, 1)});
  EXPECT_EQ(m.x(5), 0xabcde000u);
  EXPECT_EQ(m.x(6), BareMachine::kCodeBase + 4 + 0x1000);
}

TEST(Rv32Instructions, ZeroRegisterIsHardwired) {
  BareMachine m;
  m.memory.write32(BareMachine::kDataBase, 0x1234);
  const Code code = li(5, BareMachine::kDataBase) + Code{addi(0, 0, 5), lui(0, 7), load(2, 0, 5, 0), addi(6, 0, 0)};
  m.run(code);
  EXPECT_EQ(m.x(0), 0u);
  EXPECT_EQ(m.x(6), 0u);
}

TEST(Rv32Instructions, LoadsSignOrZeroExtend) {
  BareMachine m;
  m.memory.write32(BareMachine::kDataBase, 0x8081f2f3u);
  const Code code = li(5, BareMachine::kDataBase) + Code{load(0, 6, 5, 0), load(4, 7, 5, 0),  load(1, 8, 5, 2),
                                                         load(5, 9, 5, 2), load(2, 10, 5, 0), load(0, 11, 5, 1)};
  m.run(code);
  EXPECT_EQ(m.x(6), 0xfffffff3u);   // lb
  EXPECT_EQ(m.x(7), 0xf3u);         // lbu
  EXPECT_EQ(m.x(8), 0xffff8081u);   // lh
  EXPECT_EQ(m.x(9), 0x8081u);       // lhu
  EXPECT_EQ(m.x(10), 0x8081f2f3u);  // lw
  EXPECT_EQ(m.x(11), 0xfffffff2u);
}

TEST(Rv32Instructions, StoresAreLittleEndian) {
  BareMachine m;
  const Code code = li(5, BareMachine::kDataBase) + li(6, 0x11223344) +
                    Code{store(2, 6, 5, 0), store(1, 6, 5, 4), store(0, 6, 5, 7), store(0, 6, 5, -1)};
  m.run(code);
  EXPECT_EQ(m.memory.read32(BareMachine::kDataBase), 0x11223344u);
  EXPECT_EQ(m.memory.read8(BareMachine::kDataBase), 0x44u);
  EXPECT_EQ(m.memory.read32(BareMachine::kDataBase + 4), 0x44003344u);
  EXPECT_EQ(m.memory.read8(BareMachine::kDataBase - 1), 0x44u);
}

TEST(Rv32Instructions, BranchesTakenAndNotTaken) {
  // For each branch kind: x7 counts taken branches; each taken branch skips an addi x8 += 1.
  BareMachine m;
  Code code = li(5, 0xffffffffu) + li(6, 1);
  for (std::uint32_t f3 : {0u, 1u, 4u, 5u, 6u, 7u}) {
    code.push_back(b_type(8, 6, 5, f3));  // branch x5 ? x6 over the next instruction
    code.push_back(addi(8, 8, 1));        // not taken path
  }
  m.run(code);
  // -1 vs 1: beq no, bne yes, blt yes (signed), bge no, bltu no (unsigned huge), bgeu yes
  EXPECT_EQ(m.x(8), 3u);
}

TEST(Rv32Instructions, BackwardBranchLoops) {
  BareMachine m;
  const Code code = {addi(5, 0, 10), addi(6, 6, 3), addi(5, 5, -1), b_type(-8, 0, 5, 1)};
  m.run(code);
  EXPECT_EQ(m.x(6), 30u);
  EXPECT_EQ(m.model.instructions_retired(m.context), 1u + 30u);
}

TEST(Rv32Instructions, JumpsLinkAndJalrClearsBitZero) {
  BareMachine m;
  const std::uint32_t base = BareMachine::kCodeBase;
  // 0: jal +8   4: skipped   8,12: x5 = base+25   16: jalr to base+24 (bit 0 cleared)   20: skipped
  const Code code = {jal(1, 8),     addi(9, 0, 99), li(5, base + 25)[0], li(5, base + 25)[1],
                     jalr(6, 5, 0), addi(9, 0, 77), addi(10, 0, 1)};
  m.run(code);
  EXPECT_EQ(m.x(1), base + 4);
  EXPECT_EQ(m.x(9), 0u);
  EXPECT_EQ(m.x(6), base + 20);
  EXPECT_EQ(m.x(10), 1u);
}

TEST(Rv32Instructions, MultiplyHighHalves) {
  BareMachine m;
  const Code code =
      li(5, 0x80000000u) + li(6, 0xffffffffu) + Code{op(1, 0, 7, 5, 6),  op(1, 1, 8, 5, 6),  op(1, 2, 9, 5, 6),
                                                     op(1, 3, 10, 5, 6), op(1, 1, 11, 6, 6), op(1, 2, 12, 6, 5)};
  m.run(code);
  EXPECT_EQ(m.x(7), 0x80000000u);   // mul
  EXPECT_EQ(m.x(8), 0u);            // mulh: -2^31 * -1 = 2^31
  EXPECT_EQ(m.x(9), 0x80000000u);   // mulhsu: -2^31 * (2^32-1)
  EXPECT_EQ(m.x(10), 0x7fffffffu);  // mulhu
  EXPECT_EQ(m.x(11), 0u);           // mulh -1 * -1 = 1
  EXPECT_EQ(m.x(12), 0xffffffffu);  // mulhsu -1 * 2^31
}

TEST(Rv32Instructions, DivisionByZeroAndOverflowFollowTheSpec) {
  BareMachine m;
  const Code code = li(5, 0x80000000u) + li(6, 0xffffffffu) + li(7, 7) +
                    Code{op(1, 4, 10, 7, 0),
                         op(1, 5, 11, 7, 0),
                         op(1, 6, 12, 7, 0),
                         op(1, 7, 13, 7, 0),
                         op(1, 4, 14, 5, 6),
                         op(1, 6, 15, 5, 6),
                         op(1, 4, 16, 6, 7) /* -1/7 */,
                         op(1, 6, 17, 6, 7) /* -1%7 */,
                         op(1, 5, 18, 6, 7)};
  m.run(code);
  EXPECT_EQ(m.x(10), 0xffffffffu);  // div by 0
  EXPECT_EQ(m.x(11), 0xffffffffu);  // divu by 0
  EXPECT_EQ(m.x(12), 7u);           // rem by 0
  EXPECT_EQ(m.x(13), 7u);           // remu by 0
  EXPECT_EQ(m.x(14), 0x80000000u);  // overflow
  EXPECT_EQ(m.x(15), 0u);
  EXPECT_EQ(m.x(16), 0u);
  EXPECT_EQ(m.x(17), 0xffffffffu);
  EXPECT_EQ(m.x(18), 0xffffffffu / 7);
}

TEST(Rv32Instructions, AtomicMemoryOperations) {
  BareMachine m;
  const std::uint32_t d = BareMachine::kDataBase;
  m.memory.write32(d, 5);
  m.memory.write32(d + 4, 0xfffffffbu);  // -5
  const Code code =
      li(5, d) + li(6, d + 4) + li(7, 3) +
      Code{amo(0x00, 10, 5, 7), amo(0x01, 11, 5, 7), amo(0x10, 12, 6, 7), amo(0x18, 13, 6, 7), amo(0x14, 14, 6, 7)};
  m.run(code);
  EXPECT_EQ(m.x(10), 5u);             // amoadd old
  EXPECT_EQ(m.x(11), 8u);             // amoswap old (5 + 3)
  EXPECT_EQ(m.memory.read32(d), 3u);  // swapped in
  EXPECT_EQ(m.x(12), 0xfffffffbu);    // amomin old; min(-5, 3) = -5 stays
  EXPECT_EQ(m.x(13), 0xfffffffbu);    // amominu old; minu = 3
  EXPECT_EQ(m.x(14), 3u);             // amomax old; max(3, 3)
  EXPECT_EQ(m.memory.read32(d + 4), 3u);
}

TEST(Rv32Instructions, EcallStopsAtTheEcallWithA7) {
  BareMachine m;
  const ContextId c = m.load({addi(17, 0, 93), addi(10, 0, 42), kEcall, addi(11, 10, 1)});
  const StopInfo stop = m.model.run(0, c, 100);
  EXPECT_EQ(stop.reason, StopReason::Syscall);
  EXPECT_EQ(stop.detail, 93);
  EXPECT_EQ(stop.pc, BareMachine::kCodeBase + 8);
  EXPECT_EQ(m.model.pc(c), BareMachine::kCodeBase + 8);
  EXPECT_EQ(stop.used, 3);
  m.model.finish_syscall(c, 7);
  EXPECT_EQ(m.model.run(0, c, 100).reason, StopReason::Breakpoint);
  EXPECT_EQ(m.model.reg(c, 11), 8u);
}

TEST(Rv32Instructions, IllegalInstructionReportsPcAndBits) {
  BareMachine m;
  const StopInfo stop = m.run({addi(5, 0, 1), 0xffffffffu});
  EXPECT_EQ(stop.reason, StopReason::IllegalInstruction);
  EXPECT_EQ(stop.pc, BareMachine::kCodeBase + 4);
  EXPECT_EQ(stop.instruction, 0xffffffffu);
  EXPECT_EQ(m.run({0x00000000u}).reason, StopReason::IllegalInstruction);
  EXPECT_EQ(m.run({0x30200073u}).reason, StopReason::IllegalInstruction);  // mret
}

TEST(Rv32Instructions, MisalignedAccessesStop) {
  BareMachine m;
  const StopInfo stop = m.run(li(5, BareMachine::kDataBase + 2) + Code{load(2, 6, 5, 0)});
  EXPECT_EQ(stop.reason, StopReason::MisalignedAccess);
  EXPECT_EQ(stop.detail, BareMachine::kDataBase + 2);
  EXPECT_EQ(m.run(li(5, BareMachine::kDataBase + 1) + Code{store(1, 6, 5, 0)}).reason, StopReason::MisalignedAccess);
  EXPECT_EQ(m.run(li(5, BareMachine::kDataBase + 1) + Code{load(5, 6, 5, 0)}).reason, StopReason::MisalignedAccess);
  EXPECT_EQ(m.run(li(5, BareMachine::kDataBase + 1) + Code{load(0, 6, 5, 0)}).reason, StopReason::Breakpoint);
}

TEST(Rv32Instructions, CounterCsrsReadCyclesAndInstret) {
  BareMachine m;
  m.model.set_time(12345);
  m.run({addi(5, 0, 1), addi(5, 0, 1), csr_read(6, 0xc02), csr_read(7, 0xc00), csr_read(8, 0xc01), csr_read(9, 0xc82)});
  EXPECT_EQ(m.x(6), 2u);
  EXPECT_EQ(m.x(7), 3u);
  EXPECT_EQ(m.x(8), 12345u);
  EXPECT_EQ(m.x(9), 0u);
}

TEST(Rv32Instructions, BudgetStopsExactlyAndResumes) {
  BareMachine m;
  const ContextId c = m.load({addi(5, 0, 100), addi(6, 6, 1), addi(5, 5, -1), b_type(-8, 0, 5, 1)});
  StopInfo stop = m.model.run(0, c, 7);
  EXPECT_EQ(stop.reason, StopReason::BudgetSpent);
  EXPECT_EQ(stop.used, 7);
  EXPECT_EQ(m.model.reg(c, 6), 2u);
  Cycles total = 7;
  do {
    stop = m.model.run(0, c, 13);
    total += stop.used;
  } while (stop.reason == StopReason::BudgetSpent);
  EXPECT_EQ(m.model.reg(c, 6), 100u);
  EXPECT_EQ(total, 1 + 300 + 1);  // ebreak costs its cycle
  EXPECT_EQ(m.model.instructions_retired(c), 301u);
}

TEST(Rv32Instructions, ExpensiveInstructionsCarryDebtAcrossRuns) {
  Rv32Config config;
  config.cost.divide = 10;
  BareMachine m(config);
  const ContextId c = m.load({addi(5, 0, 9), op(1, 4, 6, 5, 5), addi(7, 0, 1)});
  StopInfo stop = m.model.run(0, c, 4);
  EXPECT_EQ(stop.used, 4);  // addi (1) + div started with 3 left: 8 cycles of debt
  EXPECT_EQ(m.model.reg(c, 6), 1u);
  EXPECT_EQ(m.model.run(0, c, 5).used, 5);  // paying debt only
  EXPECT_EQ(m.model.reg(c, 7), 0u);
  stop = m.model.run(0, c, 100);
  EXPECT_EQ(stop.used, 2 + 1 + 1);  // the last 2 cycles of debt, addi, ebreak
  EXPECT_EQ(m.model.reg(c, 7), 1u);
  EXPECT_EQ(m.model.cycles(c), 1u + 10u + 1u + 1u);
}

TEST(Rv32Instructions, SelfModifyingCodeSeesItsOwnStore) {
  // The instruction at +28 runs once (so it is decoded), is overwritten by "addi x7, x0, 55",
  // and runs again: the second run must execute the new bits.
  BareMachine m;
  const Code program = li(5, BareMachine::kCodeBase + 28) + li(6, addi(7, 0, 55)) +
                       Code{jal(1, 12) /*16: call 28*/,
                            store(2, 6, 5, 0) /*20*/,
                            jal(1, 4) /*24: call 28*/,
                            addi(7, 7, 11) /*28*/,
                            b_type(8, 0, 8, 1) /*32: second time, skip 36*/,
                            addi(8, 0, 1) /*36*/,
                            jalr(0, 1, 0) /*40*/};
  m.context = m.load(program);
  m.model.run(0, m.context, 12);  // 0 4 8 12 16 28 32 36 40 20 24 28
  EXPECT_EQ(m.x(7), 55u);
}

TEST(Rv32Instructions, ProgramSpanningPagesRuns) {
  BareMachine m;
  Code code;
  for (int i = 0; i < 1500; ++i) code.push_back(addi(5, 5, 1));
  EXPECT_EQ(m.run(code).reason, StopReason::Breakpoint);
  EXPECT_EQ(m.x(5), 1500u);
}

TEST(Rv32Instructions, FetchOutsideMemoryIsAPageFault) {
  BareMachine m;
  const StopInfo stop = m.run(li(5, 0x10000000u) + Code{jalr(0, 5, 0)});
  EXPECT_EQ(stop.reason, StopReason::PageFault);
  EXPECT_EQ(stop.detail, 0x10000000);
  EXPECT_EQ(m.model.last_fault(m.context).access, AccessType::Fetch);
  EXPECT_EQ(m.model.last_fault(m.context).kind, FaultKind::Access);
}

}  // namespace
}  // namespace ks::test_rv32
