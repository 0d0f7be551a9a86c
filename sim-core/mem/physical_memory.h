// sim-core/mem/physical_memory.h — the machine's RAM: an array of 4 KiB frames.
//
// This is the machine, not the kernel. Physical memory is a flat byte array divided into frames
// of kPageSize bytes; a physical address is a byte index into it (Sv32 physical addresses have 34
// bits, so PhysAddr is 64 bits wide). Multi-byte values are little-endian, as on RISC-V, whatever
// the host's byte order.
//
// Accesses from the host (the kernel, loaders, tests) are bounds-checked: an address outside
// memory is a bug in the caller and throws InvariantError. The CPU model checks contains() first
// and turns a bad address into a fault for the simulated program instead.
//
// CODE WATCH. A CPU model may keep decoded copies of instructions (a decode cache). It asks
// memory to watch_frame() the frames it decoded; the first write that touches a watched frame
// through this class unwatches it and bumps the frame's epoch, so the model sees that its decoded
// copy is stale. frame_data() hands out a raw host pointer for fast paths; writes through that
// pointer bypass the watch, so a fast path must never write through it into a watched frame.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace ks {

inline constexpr std::uint32_t kPageShift = 12;
inline constexpr std::uint32_t kPageSize = 1u << kPageShift;
inline constexpr std::uint32_t kPageOffsetMask = kPageSize - 1;

using PhysAddr = std::uint64_t;

// Little-endian loads and stores on host bytes (P must have room for the value).
inline std::uint16_t load_le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
inline std::uint32_t load_le32(const std::uint8_t* p) {
  if constexpr (std::endian::native == std::endian::little) {
    std::uint32_t value;
    std::memcpy(&value, p, 4);
    return value;
  } else {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
  }
}
inline void store_le16(std::uint8_t* p, std::uint16_t value) {
  p[0] = static_cast<std::uint8_t>(value);
  p[1] = static_cast<std::uint8_t>(value >> 8);
}
inline void store_le32(std::uint8_t* p, std::uint32_t value) {
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(p, &value, 4);
  } else {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(value >> (8 * i));
  }
}

class PhysicalMemory {
 public:
  // Memory of FRAME_COUNT (> 0) zeroed frames.
  explicit PhysicalMemory(std::uint32_t frame_count);

  std::uint32_t frame_count() const { return frame_count_; }
  std::uint64_t size() const { return bytes_.size(); }
  // True when the LENGTH bytes from ADDR all lie inside memory.
  bool contains(PhysAddr addr, std::uint64_t length) const {
    return addr <= bytes_.size() && length <= bytes_.size() - addr;
  }

  // Reads and writes of 1, 2 and 4 bytes at ADDR; the whole value must lie inside memory.
  // Alignment is not required here (the CPU model enforces the ISA's rules).
  std::uint8_t read8(PhysAddr addr) const;
  std::uint16_t read16(PhysAddr addr) const;
  std::uint32_t read32(PhysAddr addr) const;
  void write8(PhysAddr addr, std::uint8_t value);
  void write16(PhysAddr addr, std::uint16_t value);
  void write32(PhysAddr addr, std::uint32_t value);

  // Copies OUT.size() bytes from ADDR into OUT, or BYTES into memory at ADDR.
  void read_bytes(PhysAddr addr, std::span<std::uint8_t> out) const;
  void write_bytes(PhysAddr addr, std::span<const std::uint8_t> bytes);
  // Sets LENGTH bytes from ADDR to VALUE (zeroing a frame is fill(frame << kPageShift, kPageSize, 0)).
  void fill(PhysAddr addr, std::uint64_t length, std::uint8_t value);

  // The host bytes of FRAME (< frame_count()); see CODE WATCH above before writing through them.
  std::uint8_t* frame_data(std::uint32_t frame) {
    if (frame >= frame_count_) [[unlikely]]
      frame_outside();
    return bytes_.data() + (std::uint64_t{frame} << kPageShift);
  }
  const std::uint8_t* frame_data(std::uint32_t frame) const {
    if (frame >= frame_count_) [[unlikely]]
      frame_outside();
    return bytes_.data() + (std::uint64_t{frame} << kPageShift);
  }

  // Code watch (see above). FRAME must be < frame_count().
  void watch_frame(std::uint32_t frame) { watched_[frame] = 1; }
  bool is_watched(std::uint32_t frame) const { return watched_[frame] != 0; }
  std::uint32_t frame_epoch(std::uint32_t frame) const { return epoch_[frame]; }
  // How many writes have hit a watched frame since memory was made.
  std::uint64_t code_writes() const { return code_writes_; }

 private:
  void check(PhysAddr addr, std::uint64_t length) const;
  [[noreturn]] static void frame_outside();
  void note_write(PhysAddr addr, std::uint64_t length);

  std::uint32_t frame_count_;
  std::vector<std::uint8_t> bytes_;
  std::vector<std::uint8_t> watched_;
  std::vector<std::uint32_t> epoch_;
  std::uint64_t code_writes_ = 0;
};

}  // namespace ks
