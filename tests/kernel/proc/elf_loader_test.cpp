// The ELF loader accepts the prebuilt programs and rejects every kind of broken file with an
// InputError that names the file, the byte offset and the problem — never a crash.
#include "kernel/proc/elf_loader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim-core/error.h"

namespace ks {
namespace {

std::vector<std::uint8_t> prebuilt(const std::string& name) {
  std::ifstream in(std::string(KS_SOURCE_DIR) + "/userland/prebuilt/" + name, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void put16(std::vector<std::uint8_t>& f, std::size_t at, std::uint16_t v) {
  f[at] = static_cast<std::uint8_t>(v);
  f[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(std::vector<std::uint8_t>& f, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) f[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint32_t get32(const std::vector<std::uint8_t>& f, std::size_t at) {
  return std::uint32_t{f[at]} | (std::uint32_t{f[at + 1]} << 8) | (std::uint32_t{f[at + 2]} << 16) |
         (std::uint32_t{f[at + 3]} << 24);
}

// The error text of parsing FILE, or "" when it parses.
std::string problem(const std::vector<std::uint8_t>& file) {
  try {
    elf_parse(file, "prog.elf");
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, "prog.elf");
    return error.what();
  }
  return "";
}

// Offset of the first PT_LOAD program header with the execute flag.
std::size_t text_header(const std::vector<std::uint8_t>& f) {
  const std::uint32_t phoff = get32(f, 28);
  for (std::size_t i = 0;; ++i) {
    const std::size_t at = phoff + i * 32;
    if (get32(f, at) == 1 && (get32(f, at + 24) & 1) != 0) return at;
  }
}

TEST(ElfLoader, ParsesThePrebuiltPrograms) {
  for (const char* name : {"crc32.elf", "matmul.elf", "list_walk.elf", "state_machine.elf"}) {
    const std::vector<std::uint8_t> file = prebuilt(name);
    ASSERT_FALSE(file.empty()) << name;
    const ElfImage image = elf_parse(file, name);
    EXPECT_GE(image.segments.size(), 2u);
    bool entry_found = false;
    for (const ElfSegment& s : image.segments) {
      EXPECT_LE(s.bytes.size(), s.memsz);
      if ((s.flags & kElfSegmentExecute) != 0 && image.entry >= s.vaddr && image.entry < s.vaddr + s.memsz) {
        entry_found = true;
      }
    }
    EXPECT_TRUE(entry_found);
  }
}

TEST(ElfLoader, RejectsEveryTruncation) {
  const std::vector<std::uint8_t> file = prebuilt("crc32.elf");
  for (std::size_t length = 0; length < file.size(); length += 7) {
    const std::vector<std::uint8_t> cut(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(length));
    const std::string text = problem(cut);
    EXPECT_NE(text, "") << "truncated to " << length;
    EXPECT_NE(text.find("prog.elf: byte "), std::string::npos) << text;
  }
  EXPECT_NE(problem({}).find("truncated"), std::string::npos);
}

TEST(ElfLoader, RejectsBadIdentification) {
  const std::vector<std::uint8_t> good = prebuilt("crc32.elf");
  auto with = [&](std::size_t at, std::uint8_t value) {
    std::vector<std::uint8_t> f = good;
    f[at] = value;
    return problem(f);
  };
  EXPECT_NE(with(1, 'X').find("bad magic"), std::string::npos);
  EXPECT_NE(with(4, 2).find("byte 4: ELF class"), std::string::npos);
  EXPECT_NE(with(5, 2).find("byte 5: data encoding"), std::string::npos);
  EXPECT_NE(with(6, 0).find("byte 6"), std::string::npos);
}

TEST(ElfLoader, RejectsWrongMachineTypeAndFlags) {
  std::vector<std::uint8_t> f = prebuilt("crc32.elf");
  put16(f, 18, 62);
  EXPECT_NE(problem(f).find("byte 18: machine is 62, not 243 (RISC-V)"), std::string::npos) << problem(f);
  f = prebuilt("crc32.elf");
  put16(f, 16, 3);
  EXPECT_NE(problem(f).find("byte 16: type is ET_DYN"), std::string::npos);
  f = prebuilt("crc32.elf");
  put16(f, 16, 1);
  EXPECT_NE(problem(f).find("not 2 (ET_EXEC)"), std::string::npos);
  f = prebuilt("crc32.elf");
  put32(f, 36, 1);
  EXPECT_NE(problem(f).find("RVC"), std::string::npos);
  f = prebuilt("crc32.elf");
  put32(f, 36, 4);
  EXPECT_NE(problem(f).find("floating-point"), std::string::npos);
}

TEST(ElfLoader, RejectsBadProgramHeaderTable) {
  std::vector<std::uint8_t> f = prebuilt("crc32.elf");
  put32(f, 28, 0xfffffff0u);
  EXPECT_NE(problem(f).find("byte 28: program header table"), std::string::npos) << problem(f);
  f = prebuilt("crc32.elf");
  put16(f, 44, 0xffff);
  EXPECT_NE(problem(f).find("runs past the end of the file"), std::string::npos);
  f = prebuilt("crc32.elf");
  put16(f, 44, 0);
  EXPECT_NE(problem(f).find("no program headers"), std::string::npos);
  f = prebuilt("crc32.elf");
  put16(f, 42, 40);
  EXPECT_NE(problem(f).find("byte 42"), std::string::npos);
}

TEST(ElfLoader, RejectsBadSegments) {
  const std::vector<std::uint8_t> good = prebuilt("crc32.elf");
  const std::size_t text = text_header(good);
  std::vector<std::uint8_t> f = good;
  put32(f, text + 4, 0x7ffffff0u);  // p_offset far past the file
  EXPECT_NE(problem(f).find("byte " + std::to_string(text + 4)), std::string::npos) << problem(f);
  f = good;
  put32(f, text + 16, 0xffffffffu);  // filesz huge
  EXPECT_NE(problem(f).find("past the end of the file"), std::string::npos);
  f = good;
  put32(f, text + 20, 0xfffffff0u);  // memsz huge: wraps past 4 GiB
  EXPECT_NE(problem(f).find("wraps past the 4 GiB"), std::string::npos) << problem(f);
  f = good;
  put32(f, text + 20, 0x20000000u);  // memsz 512 MiB: over the limit
  EXPECT_NE(problem(f).find("more than the limit"), std::string::npos) << problem(f);
  f = good;
  put32(f, text + 8, 0x7ffff000u);  // vaddr inside the user stack (entry point checks come later)
  EXPECT_NE(problem(f).find("byte " + std::to_string(text + 8) + ": segment 0x7ffff000+"), std::string::npos)
      << problem(f);
  EXPECT_NE(problem(f).find("reaches past 0x7ffe0000, where the user stack begins"), std::string::npos) << problem(f);
  f = good;
  put32(f, text + 20, 1);  // memsz < filesz
  EXPECT_NE(problem(f).find("exceeds its memsz"), std::string::npos);
  f = good;
  put32(f, text + 24, 0x15);  // unknown flag bits
  EXPECT_NE(problem(f).find("flags"), std::string::npos);
  f = good;
  put32(f, text, 3);  // PT_INTERP
  EXPECT_NE(problem(f).find("dynamically linked"), std::string::npos);
}

TEST(ElfLoader, RejectsOverlapsAndBadEntry) {
  const std::vector<std::uint8_t> good = prebuilt("crc32.elf");
  std::size_t first = get32(good, 28);
  while (get32(good, first) != 1) first += 32;
  std::vector<std::uint8_t> f = good;
  put32(f, first + 20, 0x2000);  // the first segment grows over the text that follows it
  EXPECT_NE(problem(f).find("overlaps"), std::string::npos) << problem(f);
  f = good;
  put32(f, 24, 0x10);
  EXPECT_NE(problem(f).find("byte 24: entry point 0x10 is not inside an executable"), std::string::npos) << problem(f);
  f = good;
  put32(f, 24, get32(good, 24) + 2);
  EXPECT_NE(problem(f).find("not 4-byte aligned"), std::string::npos);
}

TEST(ElfLoader, RandomCorruptionNeverCrashes) {
  const std::vector<std::uint8_t> good = prebuilt("matmul.elf");
  std::uint32_t seed = 1;
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<std::uint8_t> f = good;
    for (int k = 0; k < 3; ++k) {
      seed = seed * 1664525u + 1013904223u;
      const std::size_t at = (seed >> 8) % 160;  // header and program headers
      f[at] = static_cast<std::uint8_t>(seed >> 24);
    }
    try {
      const ElfImage image = elf_parse(f, "fuzz.elf");
      for (const ElfSegment& s : image.segments) EXPECT_LE(s.file_offset + s.bytes.size(), f.size());
    } catch (const InputError&) {
    }
  }
}

}  // namespace
}  // namespace ks
