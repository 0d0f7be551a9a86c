// machine/disk/ssd_model.cpp — the FTL: out-of-place writes, greedy GC, counted.
// THIS IS THE MACHINE, NOT THE KERNEL.
//
// ssd_model.h states the model. The state is four arrays (the mapping both ways, valid pages and
// erases per block) and a list of free blocks kept in ascending order, so that which block is
// used next does not depend on anything but the sequence of requests.
#include "machine/disk/ssd_model.h"

#include <algorithm>
#include <string>

#include "sim-core/error.h"

namespace ks {
namespace {

void check_range(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max) {
    throw InputError({"", 0, 0, field}, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                                            ", got " + std::to_string(value));
  }
}

}  // namespace

SsdModel::SsdModel(const SsdGeometry& geometry) : geometry_(geometry) {
  const SsdGeometry& g = geometry_;
  check_range("blocks", g.blocks, 3, 1'000'000);
  check_range("pages_per_block", g.pages_per_block, 1, 4096);
  check_range("sectors_per_page", g.sectors_per_page, 1, 256);
  check_range("reserve", g.reserve, 1, g.blocks - 2);
  check_range("read_latency", g.read_latency, 0, 1'000'000);
  check_range("program_latency", g.program_latency, 0, 1'000'000);
  check_range("erase_latency", g.erase_latency, 0, 1'000'000);
  const std::uint64_t room = static_cast<std::uint64_t>(g.blocks - g.reserve - 1) * g.pages_per_block;
  if (static_cast<std::uint64_t>(g.blocks) * g.pages_per_block > 0xFFFF'FFF0ULL) {
    throw InputError({"", 0, 0, "blocks"}, "the flash holds too many pages for 32-bit page numbers");
  }
  check_range("logical_pages", g.logical_pages, 1, static_cast<std::int64_t>(room));
  map_.assign(g.logical_pages, kUnmapped);
  owner_.assign(static_cast<std::size_t>(g.blocks) * g.pages_per_block, kUnmapped);
  valid_.assign(g.blocks, 0);
  erase_counts_.assign(g.blocks, 0);
  for (std::uint32_t b = 1; b < g.blocks; ++b) free_.push_back(b);
  active_ = 0;
}

Tick SsdModel::read(std::uint64_t lba, std::uint32_t count) {
  KS_ASSERT(count >= 1 && lba < sectors() && count <= sectors() - lba, "a flash request lies inside the disk");
  const std::uint64_t first = lba / geometry_.sectors_per_page;
  const std::uint64_t last = (lba + count - 1) / geometry_.sectors_per_page;
  counters_.host_reads += last - first + 1;
  return static_cast<Tick>(last - first + 1) * geometry_.read_latency;
}

Tick SsdModel::write(std::uint64_t lba, std::uint32_t count) {
  KS_ASSERT(count >= 1 && lba < sectors() && count <= sectors() - lba, "a flash request lies inside the disk");
  const std::uint64_t first = lba / geometry_.sectors_per_page;
  const std::uint64_t last = (lba + count - 1) / geometry_.sectors_per_page;
  Tick time = 0;
  for (std::uint64_t lpn = first; lpn <= last; ++lpn) time += write_page(static_cast<std::uint32_t>(lpn));
  return time;
}

Tick SsdModel::write_page(std::uint32_t lpn) {
  ++counters_.host_writes;
  Tick time = next_page_ == geometry_.pages_per_block ? open_next_block() : 0;
  program(lpn);
  return time + geometry_.program_latency;
}

void SsdModel::program(std::uint32_t lpn) {
  KS_ASSERT(next_page_ < geometry_.pages_per_block, "the active block has a free page");
  const std::uint32_t old = map_[lpn];
  if (old != kUnmapped) {
    owner_[old] = kUnmapped;
    --valid_[old / geometry_.pages_per_block];
  }
  const std::uint32_t page = active_ * geometry_.pages_per_block + next_page_++;
  owner_[page] = lpn;
  map_[lpn] = page;
  ++valid_[active_];
  ++counters_.flash_programs;
}

Tick SsdModel::open_next_block() {
  const std::uint32_t per_block = geometry_.pages_per_block;
  if (free_.size() > geometry_.reserve) {
    active_ = free_.front();
    free_.erase(free_.begin());
    next_page_ = 0;
    return 0;
  }
  // Greedy GC: the full block with the fewest valid pages (every block not free is full now).
  std::uint32_t victim = 0;
  bool found = false;
  for (std::uint32_t b = 0; b < geometry_.blocks; ++b) {
    if (std::binary_search(free_.begin(), free_.end(), b)) continue;
    if (!found || valid_[b] < valid_[victim]) {
      victim = b;
      found = true;
    }
  }
  KS_ASSERT(found && valid_[victim] < per_block, "garbage collection finds a block with an invalid page");
  active_ = free_.front();
  free_.erase(free_.begin());
  next_page_ = 0;
  Tick time = 0;
  for (std::uint32_t p = victim * per_block; p < (victim + 1) * per_block; ++p) {
    if (owner_[p] == kUnmapped) continue;
    program(owner_[p]);
    ++counters_.gc_copies;
    time += geometry_.read_latency + geometry_.program_latency;
  }
  KS_ASSERT(valid_[victim] == 0, "a collected block holds no valid page");
  ++erase_counts_[victim];
  ++counters_.erases;
  free_.insert(std::upper_bound(free_.begin(), free_.end(), victim), victim);
  return time + geometry_.erase_latency;
}

}  // namespace ks
