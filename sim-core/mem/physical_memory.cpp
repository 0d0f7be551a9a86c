// sim-core/mem/physical_memory.cpp — RAM's bounds-checked accesses from the host and the code
// watch (physical_memory.h).
//
// Every host write goes through note_write, which unwatches each watched frame it touches and
// bumps that frame's epoch: that is how a CPU model's decode cache learns its copy is stale.
// Writes through frame_data()'s raw pointer do not pass here. frame_data() itself is inline (the
// TLB-miss path calls it for every PTE it reads), with its failure out of line.
#include "sim-core/mem/physical_memory.h"

#include <algorithm>

#include "sim-core/error.h"

namespace ks {

PhysicalMemory::PhysicalMemory(std::uint32_t frame_count)
    : frame_count_(frame_count),
      bytes_(std::uint64_t{frame_count} << kPageShift, 0),
      watched_(frame_count, 0),
      epoch_(frame_count, 0) {
  KS_ASSERT(frame_count > 0, "physical memory has at least one frame");
}

void PhysicalMemory::check(PhysAddr addr, std::uint64_t length) const {
  KS_ASSERT(contains(addr, length), "a host access to physical memory lies inside memory");
}

void PhysicalMemory::note_write(PhysAddr addr, std::uint64_t length) {
  if (length == 0) return;
  const std::uint64_t first = addr >> kPageShift;
  const std::uint64_t last = (addr + length - 1) >> kPageShift;
  for (std::uint64_t frame = first; frame <= last; ++frame) {
    if (watched_[frame] != 0) {
      watched_[frame] = 0;
      ++epoch_[frame];
      ++code_writes_;
    }
  }
}

std::uint8_t PhysicalMemory::read8(PhysAddr addr) const {
  check(addr, 1);
  return bytes_[addr];
}

std::uint16_t PhysicalMemory::read16(PhysAddr addr) const {
  check(addr, 2);
  return load_le16(&bytes_[addr]);
}

std::uint32_t PhysicalMemory::read32(PhysAddr addr) const {
  check(addr, 4);
  return load_le32(&bytes_[addr]);
}

void PhysicalMemory::write8(PhysAddr addr, std::uint8_t value) {
  check(addr, 1);
  note_write(addr, 1);
  bytes_[addr] = value;
}

void PhysicalMemory::write16(PhysAddr addr, std::uint16_t value) {
  check(addr, 2);
  note_write(addr, 2);
  store_le16(&bytes_[addr], value);
}

void PhysicalMemory::write32(PhysAddr addr, std::uint32_t value) {
  check(addr, 4);
  note_write(addr, 4);
  store_le32(&bytes_[addr], value);
}

void PhysicalMemory::read_bytes(PhysAddr addr, std::span<std::uint8_t> out) const {
  check(addr, out.size());
  std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(addr), out.size(), out.begin());
}

void PhysicalMemory::write_bytes(PhysAddr addr, std::span<const std::uint8_t> bytes) {
  check(addr, bytes.size());
  note_write(addr, bytes.size());
  std::copy(bytes.begin(), bytes.end(), bytes_.begin() + static_cast<std::ptrdiff_t>(addr));
}

void PhysicalMemory::fill(PhysAddr addr, std::uint64_t length, std::uint8_t value) {
  check(addr, length);
  note_write(addr, length);
  std::fill_n(bytes_.begin() + static_cast<std::ptrdiff_t>(addr), length, value);
}

void PhysicalMemory::frame_outside() {
  assert_failed("frame < frame_count()", "a frame number lies inside memory", __FILE__, __LINE__);
}

}  // namespace ks
