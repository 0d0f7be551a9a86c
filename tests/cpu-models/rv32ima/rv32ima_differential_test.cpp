// Differential testing of the interpreter against qemu-riscv32 on random straight-line code.
//
// A seeded generator (ks::RandomStream, never host entropy) writes SEQUENCES of RV32IMA code:
// every register x1..x30 is set to a random value (biased toward 0, ±1, INT_MIN, INT_MAX, so
// that division by zero and signed overflow come up often), then 20..60 random units run: ALU and
// shift instructions with registers and immediates, lui/auipc, the M extension (with units that
// divide INT_MIN by -1 or by zero on purpose), loads and stores
// of every width at aligned addresses of a data buffer, AMOs and lr/sc pairs, forward branches,
// jal and auipc+jalr jumps. x31 is never written: it holds the address of the data buffer. The
// sequence then stores x1..x31 into a dump area and writes those 124 bytes to stdout (write,
// 64). Several sequences share one static ELF (they follow each other; the last one exits, 93),
// which runs in the model (Sv32 and bare, through the test harness) and under qemu-riscv32. The
// dumps must be identical; the first sequence that differs is reported with its seed, the
// registers that differ and a listing of its code.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sim-core/random.h"
#include "tests/cpu-models/rv32ima/rv32_assembler.h"
#include "tests/cpu-models/rv32ima/rv32_elf_writer.h"
#include "tests/cpu-models/rv32ima/rv32_program_harness.h"

namespace ks::test_rv32 {
namespace {

constexpr int kElfFiles = 40;
constexpr int kSequencesPerElf = 50;  // 2000 sequences in all
constexpr std::uint32_t kCodeAddress = 0x10000;
constexpr std::uint32_t kDataAddress = 0x400000;
constexpr std::uint32_t kDataBase = kDataAddress + 2048;  // x31: random accesses reach [-2048, +1024)
constexpr std::int32_t kDumpOffset = 1024;                // x1..x31 are stored at x31 + 1024 ...
constexpr std::uint32_t kDumpBytes = 31 * 4;
constexpr std::uint32_t kDataBytes = 2048 + kDumpOffset + kDumpBytes;
constexpr std::uint32_t kBase = 31;  // the register holding kDataBase

// A few instructions that belong together (a branch may only land between units).
struct Unit {
  std::vector<std::uint32_t> words;
  std::vector<std::string> text;  // one line per word
  // A forward jump over the next SKIP units: the unit is re-encoded once the distance is known.
  int skip = -1;
  std::uint32_t jump_kind = 0, f3 = 0, rd = 0, rs1 = 0, rs2 = 0;
};

enum JumpKind : std::uint32_t { kBranch = 1, kJal = 2, kJalr = 3 };

std::string x(std::uint32_t n) { return "x" + std::to_string(n); }

class SequenceGenerator {
 public:
  explicit SequenceGenerator(std::uint64_t seed) : random_("rv32-differential", seed) {}

  std::vector<Unit> generate() {
    std::vector<Unit> units;
    for (std::uint32_t r = 1; r <= 30; ++r) units.push_back(load_immediate(r, interesting_value()));
    units.push_back(load_immediate(kBase, kDataBase));
    const int count = static_cast<int>(random_.uniform(20, 60));
    const std::size_t first_random = units.size();
    for (int i = 0; i < count; ++i) units.push_back(random_unit(count - i - 1));
    resolve_jumps(units, first_random);
    for (std::uint32_t r = 1; r <= 31; ++r) {
      units.push_back({{store(2, r, kBase, kDumpOffset + static_cast<std::int32_t>(4 * (r - 1)))},
                       {"sw " + x(r) + ", " + std::to_string(kDumpOffset + 4 * (r - 1)) + "(x31)"}});
    }
    units.push_back(load_immediate(rv32::kA0, 1));
    units.push_back({{addi(rv32::kA1, kBase, kDumpOffset)}, {"addi a1, x31, " + std::to_string(kDumpOffset)}});
    units.push_back(load_immediate(rv32::kA2, kDumpBytes));
    units.push_back(load_immediate(rv32::kA7, 64));
    units.push_back({{kEcall}, {"ecall (write)"}});
    return units;
  }

 private:
  std::uint32_t pick(std::uint32_t lo, std::uint32_t hi) { return static_cast<std::uint32_t>(random_.uniform(lo, hi)); }
  std::uint32_t destination() { return pick(0, 30); }  // x0 too (the write is dropped); never x31
  std::uint32_t source() { return pick(0, 31); }
  std::uint32_t temporary() { return pick(1, 30); }

  std::uint32_t interesting_value() {
    constexpr std::array<std::uint32_t, 8> kSpecial = {0, 1, 0xffffffffu, 0x80000000u, 0x7fffffffu, 2, 0xfffffffeu, 31};
    if (random_.chance(1, 3)) return kSpecial[pick(0, kSpecial.size() - 1)];
    return static_cast<std::uint32_t>(random_.next());
  }
  std::int32_t immediate12() {
    constexpr std::array<std::int32_t, 6> kSpecial = {0, -1, 1, 2047, -2048, 31};
    if (random_.chance(1, 4)) return kSpecial[pick(0, kSpecial.size() - 1)];
    return static_cast<std::int32_t>(random_.uniform(-2048, 2047));
  }
  // An offset from x31 in [-2048, 1024) that is a multiple of SIZE.
  std::int32_t data_offset(std::uint32_t size) {
    return static_cast<std::int32_t>(
               random_.uniform(-2048 / static_cast<std::int32_t>(size), 1024 / static_cast<std::int32_t>(size) - 1)) *
           static_cast<std::int32_t>(size);
  }

  static Unit load_immediate(std::uint32_t rd, std::uint32_t value) {
    std::ostringstream text;
    text << "li " << x(rd) << ", 0x" << std::hex << value << " (lui+addi)";
    return {li(rd, value), {text.str(), ""}};
  }

  Unit random_unit(int units_after) {
    const std::uint32_t kind = pick(0, 99);
    if (kind < 18) return register_op();
    if (kind < 36) return multiply_divide();
    if (kind < 50) return immediate_op();
    if (kind < 54) {
      const std::uint32_t rd = destination(), upper = pick(0, 0xfffff);
      const bool is_lui = random_.chance(1, 2);
      std::ostringstream text;
      text << (is_lui ? "lui " : "auipc ") << x(rd) << ", 0x" << std::hex << upper;
      return {{is_lui ? lui(rd, upper) : auipc(rd, upper)}, {text.str()}};
    }
    if (kind < 58) return load_immediate(pick(1, 30), interesting_value());
    if (kind < 61) return division_corner_case();
    if (kind < 68) return memory_load();
    if (kind < 76) return memory_store();
    if (kind < 81) return atomic();
    if (kind < 83) return load_reserved_store_conditional();
    if (kind < 84) return {{0x0ff0000fu}, {"fence"}};
    Unit jump;
    jump.skip = static_cast<int>(random_.uniform(0, units_after < 4 ? units_after : 4));
    jump.rd = destination();
    jump.rs1 = source();
    jump.rs2 = source();
    if (kind < 94) {
      constexpr std::array<std::uint32_t, 6> kBranches = {0, 1, 4, 5, 6, 7};
      jump.jump_kind = kBranch;
      jump.f3 = kBranches[pick(0, 5)];
    } else if (kind < 97) {
      jump.jump_kind = kJal;
    } else {
      jump.jump_kind = kJalr;
      jump.rs1 = temporary();
    }
    jump.words.assign(jump.jump_kind == kJalr ? 2 : 1, 0);  // encoded by resolve_jumps
    return jump;
  }

  Unit register_op() {
    struct Form {
      std::uint32_t f7, f3;
      const char* name;
    };
    constexpr std::array<Form, 10> kForms = {{{0, 0, "add"},
                                              {0x20, 0, "sub"},
                                              {0, 1, "sll"},
                                              {0, 2, "slt"},
                                              {0, 3, "sltu"},
                                              {0, 4, "xor"},
                                              {0, 5, "srl"},
                                              {0x20, 5, "sra"},
                                              {0, 6, "or"},
                                              {0, 7, "and"}}};
    const Form& f = kForms[pick(0, kForms.size() - 1)];
    const std::uint32_t rd = destination(), rs1 = source(), rs2 = source();
    return {{op(f.f7, f.f3, rd, rs1, rs2)}, {std::string(f.name) + " " + x(rd) + ", " + x(rs1) + ", " + x(rs2)}};
  }
  Unit multiply_divide() {
    constexpr std::array<const char*, 8> kNames = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
    const std::uint32_t f3 = pick(0, 7), rd = destination(), rs1 = source(), rs2 = source();
    return {{op(1, f3, rd, rs1, rs2)}, {std::string(kNames[f3]) + " " + x(rd) + ", " + x(rs1) + ", " + x(rs2)}};
  }
  // INT_MIN / -1 (signed overflow) or a division by zero, whatever the registers hold.
  Unit division_corner_case() {
    constexpr std::array<const char*, 4> kNames = {"div", "divu", "rem", "remu"};
    const std::uint32_t f3 = pick(4, 7), rd = destination(), dividend = temporary();
    std::uint32_t divisor = temporary();
    if (divisor == dividend) divisor = dividend % 30 + 1;
    const bool overflow = random_.chance(1, 2);
    Unit u = load_immediate(dividend, overflow ? 0x80000000u : interesting_value());
    const Unit second = load_immediate(divisor, overflow ? 0xffffffffu : 0);
    u.words.insert(u.words.end(), second.words.begin(), second.words.end());
    u.text.insert(u.text.end(), second.text.begin(), second.text.end());
    u.words.push_back(op(1, f3, rd, dividend, divisor));
    u.text.push_back(std::string(kNames[f3 - 4]) + " " + x(rd) + ", " + x(dividend) + ", " + x(divisor));
    return u;
  }
  Unit immediate_op() {
    constexpr std::array<const char*, 8> kNames = {"addi", "slli", "slti", "sltiu", "xori", "srli/srai", "ori", "andi"};
    const std::uint32_t f3 = pick(0, 7), rd = destination(), rs1 = source();
    if (f3 == 1 || f3 == 5) {
      const std::uint32_t amount = pick(0, 31);
      const bool arithmetic = f3 == 5 && random_.chance(1, 2);
      const char* name = f3 == 1 ? "slli" : arithmetic ? "srai" : "srli";
      const auto imm = static_cast<std::int32_t>(amount | (arithmetic ? 0x400u : 0u));
      return {{i_type(imm, rs1, f3, rd, 0x13)},
              {std::string(name) + " " + x(rd) + ", " + x(rs1) + ", " + std::to_string(amount)}};
    }
    const std::int32_t imm = immediate12();
    return {{i_type(imm, rs1, f3, rd, 0x13)},
            {std::string(kNames[f3]) + " " + x(rd) + ", " + x(rs1) + ", " + std::to_string(imm)}};
  }
  Unit memory_load() {
    struct Form {
      std::uint32_t f3, size;
      const char* name;
    };
    constexpr std::array<Form, 5> kForms = {{{0, 1, "lb"}, {1, 2, "lh"}, {2, 4, "lw"}, {4, 1, "lbu"}, {5, 2, "lhu"}}};
    const Form& f = kForms[pick(0, kForms.size() - 1)];
    const std::uint32_t rd = destination();
    const std::int32_t offset = data_offset(f.size);
    return {{load(f.f3, rd, kBase, offset)},
            {std::string(f.name) + " " + x(rd) + ", " + std::to_string(offset) + "(x31)"}};
  }
  Unit memory_store() {
    constexpr std::array<const char*, 3> kNames = {"sb", "sh", "sw"};
    const std::uint32_t f3 = pick(0, 2), rs2 = source();
    const std::int32_t offset = data_offset(1u << f3);
    return {{store(f3, rs2, kBase, offset)},
            {std::string(kNames[f3]) + " " + x(rs2) + ", " + std::to_string(offset) + "(x31)"}};
  }
  Unit atomic() {
    struct Form {
      std::uint32_t funct5;
      const char* name;
    };
    constexpr std::array<Form, 9> kForms = {{{0x01, "amoswap.w"},
                                             {0x00, "amoadd.w"},
                                             {0x04, "amoxor.w"},
                                             {0x0c, "amoand.w"},
                                             {0x08, "amoor.w"},
                                             {0x10, "amomin.w"},
                                             {0x14, "amomax.w"},
                                             {0x18, "amominu.w"},
                                             {0x1c, "amomaxu.w"}}};
    const Form& f = kForms[pick(0, kForms.size() - 1)];
    const std::uint32_t address = temporary(), rd = destination(), rs2 = source();
    const std::int32_t offset = data_offset(4);
    return {{addi(address, kBase, offset), amo(f.funct5, rd, address, rs2)},
            {"addi " + x(address) + ", x31, " + std::to_string(offset),
             std::string(f.name) + " " + x(rd) + ", " + x(rs2) + ", (" + x(address) + ")"}};
  }
  // lr.w then sc.w to the same word with nothing between: the store-conditional succeeds.
  Unit load_reserved_store_conditional() {
    const std::uint32_t address = temporary(), rs2 = source(), rd2 = destination();
    std::uint32_t rd = destination();
    if (rd == address) rd = 0;  // sc.w must still see the address
    const std::int32_t offset = data_offset(4);
    return {{addi(address, kBase, offset), amo(0x02, rd, address, 0), amo(0x03, rd2, address, rs2)},
            {"addi " + x(address) + ", x31, " + std::to_string(offset), "lr.w " + x(rd) + ", (" + x(address) + ")",
             "sc.w " + x(rd2) + ", " + x(rs2) + ", (" + x(address) + ")"}};
  }

  // Encodes each jump now that the size of the units it skips is known.
  static void resolve_jumps(std::vector<Unit>& units, std::size_t first) {
    for (std::size_t i = first; i < units.size(); ++i) {
      Unit& u = units[i];
      if (u.skip < 0) continue;
      std::int32_t skipped = 0;
      for (std::size_t j = i + 1; j <= i + static_cast<std::size_t>(u.skip); ++j) {
        skipped += static_cast<std::int32_t>(units[j].words.size()) * 4;
      }
      const std::string over = " (over " + std::to_string(u.skip) + " units)";
      if (u.jump_kind == kBranch) {
        constexpr std::array<const char*, 8> kNames = {"beq", "bne", "?", "?", "blt", "bge", "bltu", "bgeu"};
        u.words = {b_type(4 + skipped, u.rs2, u.rs1, u.f3)};
        u.text = {std::string(kNames[u.f3]) + " " + x(u.rs1) + ", " + x(u.rs2) + ", +" + std::to_string(4 + skipped) +
                  over};
      } else if (u.jump_kind == kJal) {
        u.words = {jal(u.rd, 4 + skipped)};
        u.text = {"jal " + x(u.rd) + ", +" + std::to_string(4 + skipped) + over};
      } else {
        u.words = {auipc(u.rs1, 0), jalr(u.rd, u.rs1, 8 + skipped)};
        u.text = {"auipc " + x(u.rs1) + ", 0",
                  "jalr " + x(u.rd) + ", " + std::to_string(8 + skipped) + "(" + x(u.rs1) + ")" + over};
      }
    }
  }

  RandomStream random_;
};

struct Sequence {
  std::uint64_t seed = 0;
  std::uint32_t address = 0;
  std::vector<Unit> units;
};

std::string listing(const Sequence& s) {
  std::ostringstream out;
  std::uint32_t pc = s.address;
  for (const Unit& u : s.units) {
    for (std::size_t i = 0; i < u.words.size(); ++i, pc += 4) {
      char line[40];
      std::snprintf(line, sizeof line, "  %08x: %08x  ", pc, u.words[i]);
      out << line << u.text[i] << "\n";
    }
  }
  return out.str();
}

std::string register_differences(const std::string& model, const std::string& qemu) {
  std::ostringstream out;
  for (std::size_t r = 0; r < 31; ++r) {
    std::uint32_t a = 0, b = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t at = r * 4 + i;
      if (at < model.size()) a |= std::uint32_t{static_cast<std::uint8_t>(model[at])} << (8 * i);
      if (at < qemu.size()) b |= std::uint32_t{static_cast<std::uint8_t>(qemu[at])} << (8 * i);
    }
    if (a != b) {
      char line[80];
      std::snprintf(line, sizeof line, "  x%zu: kernsim 0x%08x, qemu 0x%08x\n", r + 1, a, b);
      out << line;
    }
  }
  return out.str();
}

// Runs PATH under qemu-riscv32: its standard output and exit status.
std::pair<std::string, int> run_qemu(const std::string& path) {
  const std::string command = "qemu-riscv32 '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {"", -1};
  std::string output;
  std::array<char, 4096> chunk{};
  std::size_t got = 0;
  while ((got = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) output.append(chunk.data(), got);
  const int status = pclose(pipe);
  return {output, status};
}

TEST(Rv32imaDifferential, RandomSequencesMatchQemuRiscv32) {
  if (std::system("command -v qemu-riscv32 > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "qemu-riscv32 is not installed (apt-get install qemu-user)";
  }
  const std::filesystem::path folder = std::filesystem::path(KS_BINARY_DIR) / "tests" / "rv32-differential";
  std::filesystem::create_directories(folder);
  std::uint64_t next_seed = 0;
  for (int file = 0; file < kElfFiles; ++file) {
    ElfProgram program;
    program.code_address = kCodeAddress;
    program.data_address = kDataAddress;
    RandomStream data_random("rv32-differential.data", static_cast<std::uint64_t>(file));
    program.data.resize(kDataBytes);
    for (std::uint8_t& byte : program.data) byte = static_cast<std::uint8_t>(data_random.next());
    std::vector<Sequence> sequences;
    for (int i = 0; i < kSequencesPerElf; ++i) {
      Sequence s;
      s.seed = next_seed++;
      s.address = kCodeAddress + static_cast<std::uint32_t>(program.code.size() * 4);
      s.units = SequenceGenerator(s.seed).generate();
      for (const Unit& u : s.units) program.code.insert(program.code.end(), u.words.begin(), u.words.end());
      sequences.push_back(std::move(s));
    }
    program.code = program.code + li(rv32::kA0, 0) + li(rv32::kA7, 93) + std::vector<std::uint32_t>{kEcall};
    const std::vector<std::uint8_t> elf = write_elf(program);
    const std::string path = (folder / ("random-" + std::to_string(file) + ".elf")).string();
    ASSERT_TRUE(write_executable(path, elf)) << path;

    ProgramHarness sv32(elf, path, MmuMode::Sv32);
    const ProgramResult model = sv32.run();
    ASSERT_TRUE(model.exited) << path << ": " << to_string(model.last_stop.reason) << " at pc " << model.last_stop.pc;
    ProgramHarness bare(elf, path, MmuMode::Bare);
    EXPECT_EQ(bare.run().output, model.output) << path << ": bare and Sv32 runs differ";
    const auto [qemu_output, qemu_status] = run_qemu(path);
    ASSERT_EQ(qemu_status, 0) << "qemu-riscv32 " << path << " failed: " << qemu_output.substr(0, 200);
    ASSERT_EQ(model.output.size(), kDumpBytes * kSequencesPerElf) << path;

    for (std::size_t i = 0; i < sequences.size(); ++i) {
      const std::string mine = model.output.substr(i * kDumpBytes, kDumpBytes);
      const std::string theirs = qemu_output.substr(std::min(qemu_output.size(), i * kDumpBytes), kDumpBytes);
      if (mine != theirs) {
        FAIL() << "sequence " << sequences[i].seed << " (RandomStream(\"rv32-differential\", " << sequences[i].seed
               << ")) in " << path << " ends with different registers:\n"
               << register_differences(mine, theirs) << "its code:\n"
               << listing(sequences[i]);
      }
    }
    std::filesystem::remove(path);
  }
}

}  // namespace
}  // namespace ks::test_rv32
