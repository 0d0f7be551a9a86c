// machine/disk/ssd_model.h — the timing of a flash disk: a page-mapping FTL with greedy garbage
// collection, wear and write amplification counted. THIS IS THE MACHINE, NOT THE KERNEL.
//
// Flash is read and programmed by PAGE and erased only by ERASE BLOCK (many pages), and a page
// must be erased before it is programmed again. So the flash translation layer (FTL) never
// writes in place: a logical page's new contents go to the next free page of the ACTIVE block,
// the mapping (logical page → physical page) is updated, and the old copy becomes invalid. When
// the active block is full the next free block takes its place; when only RESERVE free blocks
// remain, garbage collection (GC) runs first: the VICTIM is the block with the fewest valid pages
// (greedy), its valid pages are copied (read and programmed) into the new active block, and the
// victim is erased and freed. The copies are writes the host never asked for:
//     write amplification = pages programmed / pages the host wrote.
// Each block counts its erases (its wear). Ties between victims go to the lower block number.
//
// Time (one tick = one µs, as the HDD model): a read costs read_latency per page, a write
// program_latency per page plus whatever GC it set off (read + program per copied page, and
// erase_latency per erased block). Pages are served one after another (one channel, one die, no
// parallelism: a stated simplification). A request's sectors map to pages of sectors_per_page.
//
// The logical capacity must leave room for GC: at most (blocks − RESERVE − 1) × pages_per_block
// logical pages, so that some full block always holds an invalid page.
#pragma once

#include <cstdint>
#include <vector>

#include "sim-core/types.h"

namespace ks {

struct SsdGeometry {
  std::uint32_t blocks = 1024;
  std::uint32_t pages_per_block = 64;
  std::uint32_t logical_pages = 58'000;  // about 12% over-provisioning
  std::uint32_t sectors_per_page = 8;    // 4 KiB pages of 512-byte sectors
  std::uint32_t reserve = 1;             // free blocks below which GC runs
  Tick read_latency = 25;
  Tick program_latency = 200;
  Tick erase_latency = 1500;
};

struct SsdCounters {
  std::uint64_t host_reads = 0;      // pages
  std::uint64_t host_writes = 0;     // pages
  std::uint64_t flash_programs = 0;  // pages, GC copies included
  std::uint64_t gc_copies = 0;       // pages
  std::uint64_t erases = 0;
  double write_amplification() const {
    return host_writes == 0 ? 0.0 : static_cast<double>(flash_programs) / static_cast<double>(host_writes);
  }
};

class SsdModel {
 public:
  // Throws InputError (naming the field) for a geometry that describes no disk or leaves GC no room.
  explicit SsdModel(const SsdGeometry& geometry);

  const SsdGeometry& geometry() const { return geometry_; }
  std::uint64_t sectors() const {
    return static_cast<std::uint64_t>(geometry_.logical_pages) * geometry_.sectors_per_page;
  }
  // Serves COUNT sectors from LBA (inside the disk, COUNT ≥ 1), changing the FTL's state on a
  // write; returns the ticks it takes.
  Tick read(std::uint64_t lba, std::uint32_t count);
  Tick write(std::uint64_t lba, std::uint32_t count);

  const SsdCounters& counters() const { return counters_; }
  const std::vector<std::uint32_t>& erase_counts() const { return erase_counts_; }  // per block
  std::uint32_t free_blocks() const { return static_cast<std::uint32_t>(free_.size()); }
  std::uint32_t valid_pages(std::uint32_t block) const { return valid_[block]; }
  // The physical page holding logical page LPN, or kUnmapped.
  std::uint32_t physical_page(std::uint32_t lpn) const { return map_[lpn]; }
  static constexpr std::uint32_t kUnmapped = 0xFFFF'FFFF;

 private:
  Tick write_page(std::uint32_t lpn);
  Tick open_next_block();  // the active block is full: a free one takes its place (GC first if needed)
  void program(std::uint32_t lpn);

  SsdGeometry geometry_;
  std::vector<std::uint32_t> map_;    // logical page → physical page
  std::vector<std::uint32_t> owner_;  // physical page → logical page (kUnmapped: free or invalid)
  std::vector<std::uint32_t> valid_;  // valid pages per block
  std::vector<std::uint32_t> erase_counts_;
  std::vector<std::uint32_t> free_;  // free blocks, the next one taken from the front
  std::uint32_t active_ = 0;
  std::uint32_t next_page_ = 0;  // in the active block
  SsdCounters counters_;
};

}  // namespace ks
