// tests/cpu-models/rv32ima/rv32_elf_writer.h — writes a minimal static RISC-V ELF32 executable
// in memory: the 52-byte header, one PT_LOAD program header for the code (R+X) and, when there
// is data, one for the data (R+W), each segment on its own 4 KiB-aligned file offset so that
// offset and address agree modulo the page size (as qemu-riscv32 and ks::elf_parse require).
// No section headers. Used by the random differential test against qemu-riscv32 and by the
// system-call fuzz target (fuzz/). Header-only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace ks::test_rv32 {

struct ElfProgram {
  std::uint32_t code_address = 0x10000;  // the entry point is the first instruction
  std::vector<std::uint32_t> code;
  std::uint32_t data_address = 0x400000;
  std::vector<std::uint8_t> data;    // no data segment when empty
  std::uint32_t data_zero_tail = 0;  // extra zero bytes (.bss) after DATA
};

inline void put_le(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t value, unsigned size) {
  for (unsigned i = 0; i < size; ++i) out[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

// The bytes of an ELF file for PROGRAM.
inline std::vector<std::uint8_t> write_elf(const ElfProgram& program) {
  constexpr std::uint32_t kHeader = 52, kProgramHeader = 32, kAlign = 0x1000;
  const bool has_data = !program.data.empty() || program.data_zero_tail != 0;
  const std::uint32_t code_bytes = static_cast<std::uint32_t>(program.code.size() * 4);
  const std::uint32_t code_offset = kAlign;
  const std::uint32_t data_offset = code_offset + (code_bytes + kAlign - 1) / kAlign * kAlign;
  const std::uint32_t data_bytes = static_cast<std::uint32_t>(program.data.size());
  std::vector<std::uint8_t> out(has_data ? data_offset + data_bytes : code_offset + code_bytes, 0);

  const std::uint8_t ident[8] = {0x7f, 'E', 'L', 'F', 1 /* ELF32 */, 1 /* little-endian */, 1 /* version */, 0};
  for (std::size_t i = 0; i < sizeof ident; ++i) out[i] = ident[i];
  put_le(out, 16, 2, 2);    // ET_EXEC
  put_le(out, 18, 243, 2);  // EM_RISCV
  put_le(out, 20, 1, 4);    // EV_CURRENT
  put_le(out, 24, program.code_address, 4);
  put_le(out, 28, kHeader, 4);  // program headers right after the header
  put_le(out, 32, 0, 4);        // no section headers
  put_le(out, 36, 0, 4);        // flags: soft-float ABI, no RVC
  put_le(out, 40, kHeader, 2);
  put_le(out, 42, kProgramHeader, 2);
  put_le(out, 44, has_data ? 2 : 1, 2);
  put_le(out, 46, 40, 2);
  put_le(out, 48, 0, 2);
  put_le(out, 50, 0, 2);

  const auto program_header = [&](std::size_t at, std::uint32_t offset, std::uint32_t vaddr, std::uint32_t filesz,
                                  std::uint32_t memsz, std::uint32_t flags) {
    put_le(out, at, 1, 4);  // PT_LOAD
    put_le(out, at + 4, offset, 4);
    put_le(out, at + 8, vaddr, 4);
    put_le(out, at + 12, vaddr, 4);
    put_le(out, at + 16, filesz, 4);
    put_le(out, at + 20, memsz, 4);
    put_le(out, at + 24, flags, 4);
    put_le(out, at + 28, kAlign, 4);
  };
  program_header(kHeader, code_offset, program.code_address, code_bytes, code_bytes, 4 | 1);  // R+X
  if (has_data) {
    program_header(kHeader + kProgramHeader, data_offset, program.data_address, data_bytes,
                   data_bytes + program.data_zero_tail, 4 | 2);  // R+W
  }
  for (std::size_t i = 0; i < program.code.size(); ++i) put_le(out, code_offset + 4 * i, program.code[i], 4);
  for (std::size_t i = 0; i < program.data.size(); ++i) out[data_offset + i] = program.data[i];
  return out;
}

// Writes BYTES to the file PATH (replacing it) and makes it executable by its owner (qemu-riscv32
// refuses to run a file without the execute permission); false when it cannot.
inline bool write_executable(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) return false;
  }
  std::error_code error;
  std::filesystem::permissions(path, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add, error);
  return !error;
}

}  // namespace ks::test_rv32
