// sim-core/mem/tlb.h — a model of a hart's translation lookaside buffer.
//
// This is the machine, not the kernel. The TLB caches leaf translations of 4 KiB pages: virtual
// page number (VPN) -> physical frame and the leaf's permission bits. It is organised as SETS of
// WAYS: a VPN may live only in set (VPN mod sets); entries == ways means fully associative, ways
// == 1 direct-mapped. When a set is full, the replacement policy picks the victim:
//   lru    — the entry used longest ago (each lookup hit stamps the entry);
//   fifo   — the entry inserted longest ago (hits do not matter);
//   random — a way drawn from the TLB's own RandomStream, so runs repeat exactly.
// An invalid way is always filled before any valid entry is replaced.
//
// Superpages are "splintered": a 4 MiB mapping is cached one 4 KiB page at a time, so every
// entry has the same size and sets are indexed the same way. (Real designs often keep a separate
// small array for large pages; splintering is simpler and changes no translation.)
//
// ASIDs: with use_asids, entries carry the address-space identifier they were filled under and
// match only that ASID (or any ASID when the PTE had G set); switching address spaces needs no
// flush. Without ASIDs the owner must flush on every switch. Changing a page table makes cached
// entries stale: the kernel must flush (RISC-V's sfence.vma) — the TLB never snoops memory.
//
// Misses and flushes can be watched (set_observer), for the event trace: a miss is reported when
// lookup() finds nothing, a flush when it happens. Without an observer that costs one test on
// those paths only, never on a hit.
//
// Counters: hits, misses, evictions (a valid entry replaced) and flushes. generation() changes
// on every flush, so a faster cache in front of this model (the CPU model's software TLB) knows
// when to drop what it holds; touch() lets such a cache record hits it served itself, keeping
// the counters and the LRU order exactly what they would be without it.
//
// COST. lookup() and insert() are on the CPU model's miss path, which a page-strided program
// takes on every access, so they are inline, find the set with a mask when the number of sets
// is a power of two (a division otherwise), and copy no more than the entry they fill.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim-core/mem/physical_memory.h"
#include "sim-core/random.h"

namespace ks {

enum class TlbReplacement : std::uint8_t { Lru, Fifo, Random };

std::string_view to_string(TlbReplacement replacement);
// Parses "lru", "fifo" or "random"; nullopt otherwise.
std::optional<TlbReplacement> parse_tlb_replacement(std::string_view text);

struct TlbConfig {
  std::uint32_t entries = 64;  // > 0, a multiple of ways
  std::uint32_t ways = 4;      // entries == ways: fully associative
  TlbReplacement replacement = TlbReplacement::Lru;
  bool use_asids = true;
  std::uint64_t seed = 1;      // for random replacement
  std::string stream = "tlb";  // the RandomStream's name (one per hart, e.g. "tlb.hart1")
};

enum class TlbFlushScope : std::uint8_t { All, Asid, Page };

// Told of the misses and flushes of one TLB (the owner connects it; see Tlb::set_observer).
class TlbObserver {
 public:
  virtual ~TlbObserver() = default;
  virtual void tlb_missed(std::uint32_t vpn, std::uint16_t asid) = 0;
  // SCOPE All: TARGET 0; Asid: the ASID; Page: the VPN.
  virtual void tlb_flushed(TlbFlushScope scope, std::uint32_t target) = 0;
};

struct TlbEntry {
  std::uint32_t vpn = 0;      // virtual page number (va >> 12)
  std::uint32_t frame = 0;    // physical frame number
  std::uint32_t flags = 0;    // the leaf PTE's low 8 bits (V R W X U G A D)
  PhysAddr leaf_address = 0;  // where the leaf PTE lives (to set D on a first store)
  std::uint16_t asid = 0;
  bool valid = false;
  std::uint64_t stamp = 0;  // LRU: last use; FIFO: insertion
};

class Tlb {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  explicit Tlb(const TlbConfig& config);

  const TlbConfig& config() const { return config_; }
  std::uint32_t set_count() const { return sets_; }

  // Looks VPN up under ASID: the entry's index on a hit, kNone on a miss. Counts either.
  std::uint32_t lookup(std::uint32_t vpn, std::uint16_t asid) {
    const std::uint32_t first = first_way(vpn);
    TlbEntry* const set = entries_.data() + first;
    for (std::uint32_t way = 0; way < ways_; ++way) {
      if (matches(set[way], vpn, asid)) {
        ++hits_;
        if (lru_) set[way].stamp = ++clock_;
        return first + way;
      }
    }
    ++misses_;
    if (observer_ != nullptr) observer_->tlb_missed(vpn, asid);
    return kNone;
  }
  // Records a hit on entry INDEX served by a cache in front of this model.
  void touch(std::uint32_t index) {
    ++hits_;
    if (lru_) entries_[index].stamp = ++clock_;
  }

  struct Insertion {
    std::uint32_t index = kNone;
    std::uint32_t evicted_vpn = kNone;  // the VPN of the valid entry replaced; kNone if none was
  };
  // Inserts ENTRY (valid is set here), replacing per the policy. The VPN must not be present
  // under the same ASID (insert after a miss).
  Insertion insert(const TlbEntry& entry) {
    Insertion result;
    result.index = choose_way(first_way(entry.vpn));
    TlbEntry& slot = entries_[result.index];
    if (slot.valid) {
      result.evicted_vpn = slot.vpn;
      ++evictions_;
    }
    slot.vpn = entry.vpn;
    slot.frame = entry.frame;
    slot.flags = entry.flags;
    slot.leaf_address = entry.leaf_address;
    slot.asid = entry.asid;
    slot.valid = true;
    slot.stamp = ++clock_;
    return result;
  }

  // OBSERVER (or nullptr) is told of every later miss and flush; it must outlive the TLB's use.
  void set_observer(TlbObserver* observer) { observer_ = observer; }

  void flush_all();
  // Drops the non-global entries of ASID.
  void flush_asid(std::uint16_t asid);
  // Drops the entries for VPN under ASID (and global ones for VPN).
  void flush_page(std::uint32_t vpn, std::uint16_t asid);

  const TlbEntry& entry(std::uint32_t index) const { return entries_[index]; }
  // Gives entry INDEX what a new walk of its page found (after a first store set D), keeping
  // its place in the replacement order: no hit, miss or eviction is counted.
  void refresh(std::uint32_t index, std::uint32_t frame, std::uint32_t flags, PhysAddr leaf_address) {
    entries_[index].frame = frame;
    entries_[index].flags = flags;
    entries_[index].leaf_address = leaf_address;
  }
  // Raw access to entry INDEX's LRU stamp and the LRU clock, for a front cache that keeps the
  // order exactly (see touch()).
  std::uint64_t& stamp_of(std::uint32_t index) { return entries_[index].stamp; }
  std::uint64_t& clock() { return clock_; }
  void add_hits(std::uint64_t count) { hits_ += count; }

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::uint64_t evictions() const { return evictions_; }
  std::uint64_t flushes() const { return flushes_; }
  std::uint64_t generation() const { return generation_; }
  std::uint32_t valid_entries() const;

 private:
  bool matches(const TlbEntry& e, std::uint32_t vpn, std::uint16_t asid) const {
    return e.vpn == vpn && e.valid && (!use_asids_ || e.asid == asid || (e.flags & 0x20u) != 0);
  }
  std::uint32_t first_way(std::uint32_t vpn) const {
    return (sets_are_power_of_two_ ? vpn & (sets_ - 1) : vpn % sets_) * ways_;
  }
  // A free way of the set from FIRST, else the victim: the smallest stamp (LRU, FIFO) or a draw.
  std::uint32_t choose_way(std::uint32_t first) {
    const TlbEntry* const set = entries_.data() + first;
    std::uint32_t oldest = 0;
    for (std::uint32_t way = 0; way < ways_; ++way) {
      if (!set[way].valid) return first + way;
      if (set[way].stamp < set[oldest].stamp) oldest = way;
    }
    return config_.replacement == TlbReplacement::Random ? random_way(first) : first + oldest;
  }
  std::uint32_t random_way(std::uint32_t first);

  TlbConfig config_;
  // Copies of the configuration the hot paths read, as plain members the compiler can keep in
  // registers.
  std::uint32_t ways_;
  std::uint32_t sets_;
  bool sets_are_power_of_two_;  // then the set is a mask of the VPN, not a division
  bool lru_;
  bool use_asids_;
  std::vector<TlbEntry> entries_;
  RandomStream random_;
  std::uint64_t clock_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
  std::uint64_t evictions_ = 0;
  std::uint64_t flushes_ = 0;
  std::uint64_t generation_ = 0;
  TlbObserver* observer_ = nullptr;
};

}  // namespace ks
