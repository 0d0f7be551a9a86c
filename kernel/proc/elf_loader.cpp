// The ELF loader (design: elf_loader.h): an ELF32 RISC-V executable is untrusted input, so every
// field is checked against the file's size and the limits before a segment is accepted, and a
// bad file is an InputError naming the file and the field, never a crash.
#include "kernel/proc/elf_loader.h"

#include <algorithm>
#include <string>

#include "kernel/mm/address_space.h"
#include "sim-core/error.h"

namespace ks {
namespace {

static_assert(ElfLimits{}.end_address == kUserStackTop - kUserStackPages * kPageSize,
              "by default, programs end where the user stack of an address space begins");

constexpr std::uint32_t kHeaderSize = 52;
constexpr std::uint32_t kProgramHeaderSize = 32;
constexpr std::uint32_t kSectionHeaderSize = 40;
constexpr std::uint16_t kTypeExecutable = 2;
constexpr std::uint16_t kTypeShared = 3;
constexpr std::uint16_t kMachineRiscv = 243;
constexpr std::uint32_t kLoad = 1, kDynamic = 2, kInterpreter = 3, kTls = 7;
constexpr std::uint32_t kFlagRvc = 0x1, kFlagFloatAbi = 0x6, kFlagRve = 0x8;

// Reads fields of an ELF file that is already known to be long enough; throws with location.
class Reader {
 public:
  Reader(std::span<const std::uint8_t> file, std::string_view name) : file_(file), name_(name) {}

  [[noreturn]] void fail(std::uint64_t offset, const std::string& problem) const {
    throw InputError(InputLocation{std::string(name_), 0, 0, {}}, "byte " + std::to_string(offset) + ": " + problem);
  }
  std::uint8_t u8(std::uint64_t at) const { return file_[at]; }
  std::uint16_t u16(std::uint64_t at) const { return static_cast<std::uint16_t>(file_[at] | (file_[at + 1] << 8)); }
  std::uint32_t u32(std::uint64_t at) const {
    return std::uint32_t{file_[at]} | (std::uint32_t{file_[at + 1]} << 8) | (std::uint32_t{file_[at + 2]} << 16) |
           (std::uint32_t{file_[at + 3]} << 24);
  }
  std::uint64_t size() const { return file_.size(); }
  std::span<const std::uint8_t> bytes(std::uint64_t at, std::uint64_t length) const {
    return file_.subspan(static_cast<std::size_t>(at), static_cast<std::size_t>(length));
  }

 private:
  std::span<const std::uint8_t> file_;
  std::string_view name_;
};

std::string hex(std::uint64_t value) {
  constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  do {
    text.insert(text.begin(), kDigits[value & 15]);
    value >>= 4;
  } while (value != 0);
  return "0x" + text;
}

void check_identification(const Reader& r) {
  if (r.size() < kHeaderSize) {
    r.fail(r.size(), "truncated: an ELF32 header needs 52 bytes, the file has " + std::to_string(r.size()));
  }
  if (r.u8(0) != 0x7f || r.u8(1) != 'E' || r.u8(2) != 'L' || r.u8(3) != 'F') r.fail(0, "not an ELF file (bad magic)");
  if (r.u8(4) != 1) r.fail(4, "ELF class is " + std::to_string(r.u8(4)) + ", not 1 (32-bit)");
  if (r.u8(5) != 1) r.fail(5, "data encoding is " + std::to_string(r.u8(5)) + ", not 1 (little-endian)");
  if (r.u8(6) != 1) r.fail(6, "ELF identification version is " + std::to_string(r.u8(6)) + ", not 1");
  const std::uint16_t type = r.u16(16);
  if (type == kTypeShared) r.fail(16, "type is ET_DYN (position-independent or shared); only static ET_EXEC runs");
  if (type != kTypeExecutable) r.fail(16, "type is " + std::to_string(type) + ", not 2 (ET_EXEC)");
  const std::uint16_t machine = r.u16(18);
  if (machine != kMachineRiscv) r.fail(18, "machine is " + std::to_string(machine) + ", not 243 (RISC-V)");
  if (r.u32(20) != 1) r.fail(20, "ELF version is " + std::to_string(r.u32(20)) + ", not 1");
  const std::uint32_t flags = r.u32(36);
  if ((flags & kFlagRvc) != 0) r.fail(36, "built for compressed instructions (RVC); rebuild with -march=rv32ima");
  if ((flags & kFlagFloatAbi) != 0) r.fail(36, "uses a hardware floating-point ABI; rebuild with -mabi=ilp32");
  if ((flags & kFlagRve) != 0) r.fail(36, "built for RV32E; rebuild with -march=rv32ima");
  if (r.u16(40) != kHeaderSize) r.fail(40, "header size is " + std::to_string(r.u16(40)) + ", not 52");
  const std::uint32_t shoff = r.u32(32);
  const std::uint16_t shentsize = r.u16(46);
  const std::uint16_t shnum = r.u16(48);
  if (shoff != 0 && shnum != 0) {
    if (shentsize != kSectionHeaderSize) r.fail(46, "section header size is " + std::to_string(shentsize) + ", not 40");
    if (std::uint64_t{shoff} + std::uint64_t{shnum} * kSectionHeaderSize > r.size()) {
      r.fail(32, "section header table " + hex(shoff) + "+" + std::to_string(shnum) +
                     "*40 runs past the end of the file (" + std::to_string(r.size()) + " bytes): truncated?");
    }
  }
}

ElfSegment read_load_segment(const Reader& r, std::uint64_t at, const ElfLimits& limits) {
  ElfSegment s;
  s.file_offset = r.u32(at + 4);
  s.vaddr = r.u32(at + 8);
  const std::uint32_t filesz = r.u32(at + 16);
  s.memsz = r.u32(at + 20);
  s.flags = r.u32(at + 24);
  const std::uint32_t align = r.u32(at + 28);
  if (std::uint64_t{s.file_offset} + filesz > r.size()) {
    r.fail(at + 4, "segment file range " + hex(s.file_offset) + "+" + hex(filesz) + " runs past the end of the file (" +
                       std::to_string(r.size()) + " bytes)");
  }
  if (filesz > s.memsz) r.fail(at + 16, "segment filesz " + hex(filesz) + " exceeds its memsz " + hex(s.memsz));
  if (std::uint64_t{s.vaddr} + s.memsz > (std::uint64_t{1} << 32)) {
    r.fail(at + 8, "segment " + hex(s.vaddr) + "+" + hex(s.memsz) + " wraps past the 4 GiB address space");
  }
  if (std::uint64_t{s.vaddr} + s.memsz > limits.end_address) {
    r.fail(at + 8, "segment " + hex(s.vaddr) + "+" + hex(s.memsz) + " reaches past " + hex(limits.end_address) +
                       ", where the user stack begins");
  }
  if ((s.flags & ~7u) != 0) r.fail(at + 24, "segment flags " + hex(s.flags) + " have bits other than R, W, X");
  if (align > 1 && ((align & (align - 1)) != 0 || (s.vaddr - s.file_offset) % align != 0)) {
    r.fail(at + 28, "segment alignment " + hex(align) + " is not a power of two dividing vaddr - offset");
  }
  s.bytes = r.bytes(s.file_offset, filesz);
  return s;
}

void check_layout(const Reader& r, const ElfImage& image, const std::vector<std::uint64_t>& where,
                  const ElfLimits& limits) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < image.segments.size(); ++i) {
    const ElfSegment& a = image.segments[i];
    total += a.memsz;
    if (total > limits.max_total_bytes) {
      r.fail(where[i] + 20, "segments need " + std::to_string(total) + " bytes of memory, more than the limit of " +
                                std::to_string(limits.max_total_bytes));
    }
    for (std::size_t j = 0; j < i; ++j) {
      const ElfSegment& b = image.segments[j];
      if (std::uint64_t{a.vaddr} < std::uint64_t{b.vaddr} + b.memsz &&
          std::uint64_t{b.vaddr} < std::uint64_t{a.vaddr} + a.memsz) {
        r.fail(where[i] + 8, "segment at " + hex(a.vaddr) + " overlaps the segment at " + hex(b.vaddr));
      }
    }
  }
  const auto holds_entry = [&](const ElfSegment& s) {
    return (s.flags & kElfSegmentExecute) != 0 && image.entry >= s.vaddr && image.entry - s.vaddr < s.memsz;
  };
  if (std::none_of(image.segments.begin(), image.segments.end(), holds_entry)) {
    r.fail(24, "entry point " + hex(image.entry) + " is not inside an executable loadable segment");
  }
  if ((image.entry & 3) != 0) r.fail(24, "entry point " + hex(image.entry) + " is not 4-byte aligned");
}

}  // namespace

ElfImage elf_parse(std::span<const std::uint8_t> file, std::string_view file_name, const ElfLimits& limits) {
  const Reader r(file, file_name);
  check_identification(r);
  ElfImage image;
  image.entry = r.u32(24);
  const std::uint32_t phoff = r.u32(28);
  const std::uint16_t phentsize = r.u16(42);
  const std::uint16_t phnum = r.u16(44);
  if (phnum == 0) r.fail(44, "no program headers: nothing to load");
  if (phentsize != kProgramHeaderSize) r.fail(42, "program header size is " + std::to_string(phentsize) + ", not 32");
  if (std::uint64_t{phoff} + std::uint64_t{phnum} * kProgramHeaderSize > r.size()) {
    r.fail(28, "program header table " + hex(phoff) + "+" + std::to_string(phnum) +
                   "*32 runs past the end of the file (" + std::to_string(r.size()) + " bytes)");
  }
  std::vector<std::uint64_t> where;
  for (std::uint32_t i = 0; i < phnum; ++i) {
    const std::uint64_t at = std::uint64_t{phoff} + std::uint64_t{i} * kProgramHeaderSize;
    const std::uint32_t type = r.u32(at);
    if (type == kDynamic || type == kInterpreter)
      r.fail(at, "dynamically linked (PT_DYNAMIC/PT_INTERP); link with -static");
    if (type == kTls) r.fail(at, "uses thread-local storage (PT_TLS), which is not supported");
    if (type != kLoad) continue;
    ElfSegment segment = read_load_segment(r, at, limits);
    if (segment.memsz == 0) continue;
    if (image.segments.size() == limits.max_segments) {
      r.fail(at, "more than " + std::to_string(limits.max_segments) + " loadable segments");
    }
    image.highest_address = std::max(image.highest_address, segment.vaddr + segment.memsz);
    image.segments.push_back(segment);
    where.push_back(at);
  }
  if (image.segments.empty()) r.fail(28, "no loadable (PT_LOAD) segment with memory");
  check_layout(r, image, where, limits);
  return image;
}

}  // namespace ks
