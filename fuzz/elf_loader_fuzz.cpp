// fuzz/elf_loader_fuzz.cpp — arbitrary bytes through ks::elf_parse and, when it accepts them,
// into an AddressSpace (libFuzzer target ks-fuzz-elf-loader; see fuzz/README.md).
//
// WHAT IT CHECKS. elf_parse() may only accept the bytes or throw ks::InputError naming the file;
// any other exception escapes and libFuzzer reports it. An accepted image must keep the promises
// of kernel/proc/elf_loader.h: the entry point is 4-byte aligned inside an executable segment,
// every segment's bytes lie inside the input and fit in its memsz, no two segments overlap, no
// segment wraps past 4 GiB, the limits hold. Then the image is loaded into an address space over
// 2 MiB of physical memory: either memory runs out (nullopt) or every readable segment reads back
// as its file bytes followed by zeros. Destroying the space must give every frame back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernel/mm/address_space.h"
#include "kernel/mm/frame_table.h"
#include "kernel/proc/elf_loader.h"
#include "sim-core/error.h"
#include "sim-core/mem/physical_memory.h"

namespace {

constexpr std::uint32_t kFrames = 512;  // 2 MiB: most accepted images do not fit, some do
constexpr std::uint32_t kReadBackLimit = 1u << 20;

void check(bool condition, const char* what, std::uint64_t value = 0) {
  if (condition) return;
  std::fprintf(stderr, "elf_loader_fuzz: check failed: %s (0x%llx)\n", what, static_cast<unsigned long long>(value));
  std::abort();
}

void check_image(const ks::ElfImage& image, std::span<const std::uint8_t> file, const ks::ElfLimits& limits) {
  check(!image.segments.empty(), "an accepted image has a segment");
  check(image.segments.size() <= limits.max_segments, "at most max_segments segments", image.segments.size());
  check((image.entry & 3) == 0, "the entry point is 4-byte aligned", image.entry);
  bool entry_inside = false;
  std::uint64_t total = 0, highest = 0;
  for (std::size_t i = 0; i < image.segments.size(); ++i) {
    const ks::ElfSegment& s = image.segments[i];
    check(s.memsz > 0, "a kept segment has memory", i);
    check(s.bytes.size() <= s.memsz, "filesz <= memsz", i);
    check(s.bytes.empty() ||
              (s.bytes.data() >= file.data() && s.bytes.data() + s.bytes.size() <= file.data() + file.size()),
          "a segment's bytes lie inside the file", i);
    check(s.bytes.empty() || static_cast<std::size_t>(s.bytes.data() - file.data()) == s.file_offset,
          "a segment's bytes start at its file offset", i);
    check(std::uint64_t{s.vaddr} + s.memsz <= (std::uint64_t{1} << 32), "no segment wraps past 4 GiB", s.vaddr);
    check((s.flags & ~7u) == 0, "only R, W, X flags", s.flags);
    if ((s.flags & ks::kElfSegmentExecute) != 0 && image.entry >= s.vaddr && image.entry - s.vaddr < s.memsz) {
      entry_inside = true;
    }
    for (std::size_t j = 0; j < i; ++j) {
      const ks::ElfSegment& t = image.segments[j];
      const bool overlap = std::uint64_t{s.vaddr} < std::uint64_t{t.vaddr} + t.memsz &&
                           std::uint64_t{t.vaddr} < std::uint64_t{s.vaddr} + s.memsz;
      check(!overlap, "no two segments overlap", s.vaddr);
    }
    total += s.memsz;
    highest = std::max(highest, std::uint64_t{s.vaddr} + s.memsz);
  }
  check(entry_inside, "the entry point is inside an executable segment", image.entry);
  check(total <= limits.max_total_bytes, "the total size is within the limit", total);
  check(image.highest_address == static_cast<std::uint32_t>(highest), "highest_address is one past the last byte",
        highest);
}

void check_loaded(const ks::ElfImage& image) {
  ks::PhysicalMemory memory(kFrames);
  ks::FrameTable frames(1, kFrames - 1);
  const std::size_t free_before = frames.free_count();
  {
    const std::unique_ptr<ks::AddressSpace> made = ks::AddressSpace::create(memory, frames);
    check(made != nullptr, "an empty space fits in a machine with free frames", 0);
    ks::AddressSpace& space = *made;
    const std::optional<std::uint32_t> sp = space.load(image, {"fuzz", "argument"});
    if (sp) {
      check((*sp & 15) == 0, "the initial stack pointer is 16-byte aligned", *sp);
      std::uint32_t argc = 0;
      check(space.copy_in(*sp, std::span(reinterpret_cast<std::uint8_t*>(&argc), 4)), "argc is readable at sp", *sp);
      for (const ks::ElfSegment& s : image.segments) {
        // Only readable segments read back (X-only pages are not readable from user mode), and
        // only those whose pages no other segment shares with other permissions.
        if ((s.flags & ks::kElfSegmentRead) == 0 || s.memsz > kReadBackLimit) continue;
        std::vector<std::uint8_t> back(s.memsz);
        check(space.copy_in(s.vaddr, back), "a loaded readable segment can be read", s.vaddr);
        for (std::size_t i = 0; i < back.size(); ++i) {
          const std::uint8_t expected = i < s.bytes.size() ? s.bytes[i] : 0;
          check(back[i] == expected, "a loaded segment holds its file bytes, then zeros", s.vaddr + i);
        }
      }
    }
  }
  check(frames.free_count() == free_before, "destroying an address space frees every frame", frames.free_count());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A copy of exactly SIZE bytes, so that AddressSanitizer catches any read past the end.
  const std::vector<std::uint8_t> file(data, data + size);
  const ks::ElfLimits limits;
  ks::ElfImage image;
  try {
    image = ks::elf_parse(file, "fuzz.elf", limits);
  } catch (const ks::InputError& error) {
    check(error.where().file == "fuzz.elf", "an ELF error names the file");
    check(std::string(error.what()).find("fuzz.elf: byte ") != std::string::npos, "an ELF error gives a byte offset");
    return 0;
  }
  check_image(image, file, limits);
  check_loaded(image);
  return 0;
}
