// sim-core/mem/tlb.cpp — the cold parts of the set-associative TLB: construction, the random
// draw and the flushes (its organisation and the replacement policies: tlb.h; lookup and insert,
// which are on every miss, are inline there).
//
// Every entry carries a stamp from the TLB's own clock: set when it is filled and, under LRU,
// again on each hit, so one "smallest stamp" search serves both LRU and FIFO. A free way is always
// taken before a victim is chosen. flush_asid keeps global entries (G set). Every flush bumps the
// generation, so a CPU model that cached a translation outside the TLB knows to drop it.
#include "sim-core/mem/tlb.h"

#include <bit>

#include "sim-core/error.h"

namespace ks {

std::string_view to_string(TlbReplacement replacement) {
  switch (replacement) {
    case TlbReplacement::Lru: return "lru";
    case TlbReplacement::Fifo: return "fifo";
    case TlbReplacement::Random: return "random";
  }
  return "unknown";
}

std::optional<TlbReplacement> parse_tlb_replacement(std::string_view text) {
  if (text == "lru") return TlbReplacement::Lru;
  if (text == "fifo") return TlbReplacement::Fifo;
  if (text == "random") return TlbReplacement::Random;
  return std::nullopt;
}

Tlb::Tlb(const TlbConfig& config)
    : config_(config),
      ways_(config.ways),
      sets_(config.ways == 0 ? 0 : config.entries / config.ways),
      sets_are_power_of_two_(std::has_single_bit(sets_)),
      lru_(config.replacement == TlbReplacement::Lru),
      use_asids_(config.use_asids),
      entries_(config.entries),
      random_(config.stream, config.seed) {
  KS_ASSERT(config.entries > 0 && config.ways > 0 && config.entries % config.ways == 0,
            "a TLB has entries > 0 that are a multiple of its ways");
}

std::uint32_t Tlb::random_way(std::uint32_t first) {
  return first + static_cast<std::uint32_t>(random_.uniform(0, ways_ - 1));
}

void Tlb::flush_all() {
  for (TlbEntry& e : entries_) e.valid = false;
  ++flushes_;
  ++generation_;
  if (observer_ != nullptr) observer_->tlb_flushed(TlbFlushScope::All, 0);
}

void Tlb::flush_asid(std::uint16_t asid) {
  for (TlbEntry& e : entries_) {
    if ((e.flags & 0x20u) == 0 && (!config_.use_asids || e.asid == asid)) e.valid = false;
  }
  ++flushes_;
  ++generation_;
  if (observer_ != nullptr) observer_->tlb_flushed(TlbFlushScope::Asid, asid);
}

void Tlb::flush_page(std::uint32_t vpn, std::uint16_t asid) {
  const std::uint32_t first = first_way(vpn);
  for (std::uint32_t i = first; i < first + config_.ways; ++i) {
    if (matches(entries_[i], vpn, asid)) entries_[i].valid = false;
  }
  ++flushes_;
  ++generation_;
  if (observer_ != nullptr) observer_->tlb_flushed(TlbFlushScope::Page, vpn);
}

std::uint32_t Tlb::valid_entries() const {
  std::uint32_t count = 0;
  for (const TlbEntry& e : entries_) count += e.valid ? 1u : 0u;
  return count;
}

}  // namespace ks
