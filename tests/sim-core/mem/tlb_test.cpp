// The TLB model: hits and misses, set-associative placement, LRU/FIFO/random replacement, ASIDs.
#include "sim-core/mem/tlb.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TlbEntry entry_for(std::uint32_t vpn, std::uint16_t asid = 0, std::uint32_t flags = 0x5f) {
  TlbEntry e;
  e.vpn = vpn;
  e.frame = vpn + 100;
  e.asid = asid;
  e.flags = flags;
  return e;
}

// Looks VPN up and inserts it on a miss; true on a hit.
bool access(Tlb& tlb, std::uint32_t vpn, std::uint16_t asid = 0) {
  if (tlb.lookup(vpn, asid) != Tlb::kNone) return true;
  tlb.insert(entry_for(vpn, asid));
  return false;
}

TEST(Tlb, CountsHitsAndMisses) {
  Tlb tlb(TlbConfig{4, 4, TlbReplacement::Lru, true, 1, "t"});
  EXPECT_FALSE(access(tlb, 1));
  EXPECT_TRUE(access(tlb, 1));
  EXPECT_FALSE(access(tlb, 2));
  EXPECT_EQ(tlb.hits(), 1u);
  EXPECT_EQ(tlb.misses(), 2u);
  EXPECT_EQ(tlb.valid_entries(), 2u);
}

TEST(Tlb, LruEvictsTheLeastRecentlyUsed) {
  Tlb tlb(TlbConfig{2, 2, TlbReplacement::Lru, true, 1, "t"});
  access(tlb, 1);
  access(tlb, 2);
  access(tlb, 1);  // 2 is now least recent
  access(tlb, 3);  // evicts 2
  EXPECT_TRUE(access(tlb, 1));
  EXPECT_FALSE(access(tlb, 2));
  EXPECT_EQ(tlb.evictions(), 2u);
}

TEST(Tlb, FifoIgnoresHits) {
  Tlb tlb(TlbConfig{2, 2, TlbReplacement::Fifo, true, 1, "t"});
  access(tlb, 1);
  access(tlb, 2);
  access(tlb, 1);
  access(tlb, 3);  // evicts 1, the oldest insertion
  EXPECT_TRUE(access(tlb, 2));
  EXPECT_FALSE(access(tlb, 1));
}

TEST(Tlb, DirectMappedConflictsInOneSet) {
  Tlb tlb(TlbConfig{4, 1, TlbReplacement::Lru, true, 1, "t"});
  access(tlb, 0);
  access(tlb, 4);  // same set as 0
  EXPECT_FALSE(access(tlb, 0));
  access(tlb, 1);  // another set: no conflict
  EXPECT_TRUE(access(tlb, 0));
  EXPECT_EQ(tlb.set_count(), 4u);
}

TEST(Tlb, RandomReplacementRepeatsWithTheSeed) {
  auto trace = [](std::uint64_t seed) {
    Tlb tlb(TlbConfig{4, 4, TlbReplacement::Random, true, seed, "t"});
    std::string hits;
    for (std::uint32_t i = 0; i < 200; ++i) hits += access(tlb, (i * 7) % 9) ? 'h' : 'm';
    return hits;
  };
  EXPECT_EQ(trace(5), trace(5));
  EXPECT_NE(trace(5), trace(6));
}

TEST(Tlb, AsidsSeparateAddressSpacesAndFlushSelectively) {
  Tlb tlb(TlbConfig{8, 8, TlbReplacement::Lru, true, 1, "t"});
  access(tlb, 1, 1);
  EXPECT_FALSE(access(tlb, 1, 2));  // same page, other address space
  EXPECT_TRUE(access(tlb, 1, 1));
  tlb.insert(entry_for(9, 1, 0x5f | 0x20));  // global
  EXPECT_NE(tlb.lookup(9, 2), Tlb::kNone);
  tlb.flush_asid(1);
  EXPECT_EQ(tlb.lookup(1, 1), Tlb::kNone);
  EXPECT_NE(tlb.lookup(1, 2), Tlb::kNone);
  EXPECT_NE(tlb.lookup(9, 1), Tlb::kNone);  // global entries survive an ASID flush
  tlb.flush_page(1, 2);
  EXPECT_EQ(tlb.lookup(1, 2), Tlb::kNone);
  const std::uint64_t generation = tlb.generation();
  tlb.flush_all();
  EXPECT_EQ(tlb.valid_entries(), 0u);
  EXPECT_GT(tlb.generation(), generation);
}

TEST(Tlb, WithoutAsidsEveryAddressSpaceMatches) {
  Tlb tlb(TlbConfig{4, 4, TlbReplacement::Lru, false, 1, "t"});
  access(tlb, 3, 1);
  EXPECT_TRUE(access(tlb, 3, 2));
}

TEST(Tlb, ParsesPolicyNames) {
  EXPECT_EQ(parse_tlb_replacement("fifo"), TlbReplacement::Fifo);
  EXPECT_EQ(parse_tlb_replacement("LRU"), std::nullopt);
}

}  // namespace
}  // namespace ks
