// sim-core/mem/tlb.cpp — lookup, fill and flushes of the set-associative TLB (its organisation
// and the replacement policies: tlb.h).
//
// Every entry carries a stamp from the TLB's own clock: set when it is filled and, under LRU,
// again on each hit, so one "smallest stamp" search serves both LRU and FIFO. A free way is always
// taken before a victim is chosen. flush_asid keeps global entries (G set). Every flush bumps the
// generation, so a CPU model that cached a translation outside the TLB knows to drop it.
#include "sim-core/mem/tlb.h"

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
      sets_(config.ways == 0 ? 0 : config.entries / config.ways),
      entries_(config.entries),
      random_(config.stream, config.seed) {
  KS_ASSERT(config.entries > 0 && config.ways > 0 && config.entries % config.ways == 0,
            "a TLB has entries > 0 that are a multiple of its ways");
}

std::uint32_t Tlb::lookup(std::uint32_t vpn, std::uint16_t asid) {
  const std::uint32_t first = (vpn % sets_) * config_.ways;
  for (std::uint32_t i = first; i < first + config_.ways; ++i) {
    if (matches(entries_[i], vpn, asid)) {
      ++hits_;
      if (config_.replacement == TlbReplacement::Lru) entries_[i].stamp = ++clock_;
      return i;
    }
  }
  ++misses_;
  if (observer_ != nullptr) observer_->tlb_missed(vpn, asid);
  return kNone;
}

std::uint32_t Tlb::choose_way(std::uint32_t first) {
  for (std::uint32_t i = first; i < first + config_.ways; ++i) {
    if (!entries_[i].valid) return i;
  }
  if (config_.replacement == TlbReplacement::Random) {
    return first + static_cast<std::uint32_t>(random_.uniform(0, config_.ways - 1));
  }
  std::uint32_t oldest = first;
  for (std::uint32_t i = first + 1; i < first + config_.ways; ++i) {
    if (entries_[i].stamp < entries_[oldest].stamp) oldest = i;
  }
  return oldest;
}

Tlb::Insertion Tlb::insert(TlbEntry entry) {
  const std::uint32_t first = (entry.vpn % sets_) * config_.ways;
  Insertion result;
  result.index = choose_way(first);
  TlbEntry& slot = entries_[result.index];
  if (slot.valid) {
    result.evicted = slot;
    ++evictions_;
  }
  entry.valid = true;
  entry.stamp = ++clock_;
  slot = entry;
  return result;
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
  const std::uint32_t first = (vpn % sets_) * config_.ways;
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
