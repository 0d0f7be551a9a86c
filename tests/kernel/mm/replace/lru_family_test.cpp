// The LRU family of real kernels (arc, lru-2list, mglru): hand-checked strings, their behaviour on
// a one-time scan and on a scan mixed with a hot set, and OPT as a lower bound.
//
// The replay here is the test's own, small and explicit, because it checks more than
// kernel/mm/replace/replay.h needs to: a pool of frames, the accessed and dirty bits set as the
// MMU sets them (on every access, the faulting one too, after the page is in), the lowest free
// frame taken first, victims optionally restricted to some frames (local replacement), each victim
// checked to be eligible, and the policy's view checked after every miss of the first 2,000
// references (then after every 50th, to keep the sanitizer build quick).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/mm/replacement.h"
#include "sim-core/error.h"
#include "sim-core/random.h"

namespace ks {
namespace {

const ReplacementInfo& registered(std::string_view name) {
  const ReplacementInfo* info = replacement_registry().find(name);
  if (info == nullptr) throw std::logic_error("no replacement policy " + std::string(name));
  return *info;
}
const ReplacementInfo& arc() { return registered("arc"); }
const ReplacementInfo& lru_2list() { return registered("lru-2list"); }
const ReplacementInfo& mglru() { return registered("mglru"); }

using Refs = std::vector<std::uint32_t>;

class VectorBits final : public ReferenceBits {
 public:
  explicit VectorBits(std::uint32_t frames) : accessed_(frames, 0), dirty_(frames, 0) {}
  bool accessed(Slot slot) const override { return accessed_[slot] != 0; }
  void clear_accessed(Slot slot) override { accessed_[slot] = 0; }
  bool dirty(Slot slot) const override { return dirty_[slot] != 0; }
  void access(Slot slot, bool write) {
    if (!hardware_sets_bits) return;
    accessed_[slot] = 1;
    if (write) dirty_[slot] = 1;
  }
  void reset(Slot slot) { accessed_[slot] = dirty_[slot] = 0; }
  bool hardware_sets_bits = true;

 private:
  std::vector<std::uint8_t> accessed_;
  std::vector<std::uint8_t> dirty_;
};

class Replay {
 public:
  Replay(const ReplacementInfo& info, std::uint32_t frames, const std::map<std::string, std::int64_t>& params = {},
         bool hardware_sets_bits = true)
      : bits_(frames), frames_(frames), page_in_(frames) {
    bits_.hardware_sets_bits = hardware_sets_bits;
    PolicyParams values = default_params(info);
    for (const auto& [name, value] : params) values.set(name, value);
    ReplacementContext context;
    context.frames = frames;
    context.bits = &bits_;
    policy_ = info.make(values, context);
  }

  // Victims only among the frames ALLOWED marks (local replacement), or all when null.
  void restrict_to(const std::vector<bool>* allowed) { allowed_ = allowed; }

  // One reference; true on a hit.
  bool reference(std::uint32_t page, bool write = false) {
    ++t_;
    const auto found = slot_of_.find(page);
    if (found != slot_of_.end()) {
      bits_.access(found->second, write);
      if (policy_->wants_every_reference()) policy_->referenced(found->second, write, t_);
      tick();
      return true;
    }
    ++misses_;
    Slot slot = 0;
    while (slot < frames_ && page_in_[slot].has_value()) ++slot;
    if (slot == frames_) {
      slot = policy_->choose_victim(Eligible(allowed_), t_);
      EXPECT_LT(slot, frames_);
      EXPECT_TRUE(allowed_ == nullptr || (*allowed_)[slot]) << "victim " << slot << " is not eligible";
      victims_.push_back(slot);
      slot_of_.erase(*page_in_[slot]);
    }
    page_in_[slot] = page;
    slot_of_[page] = slot;
    bits_.reset(slot);
    policy_->inserted(slot, PageKey{0, page}, t_);
    bits_.access(slot, write);                          // the faulting access completes
    if (t_ <= 2000 || misses_ % 50 == 0) check_view();  // every miss early on, then a sample
    tick();
    return false;
  }

  std::uint64_t run(const Refs& refs) {
    const std::uint64_t before = misses_;
    for (const std::uint32_t page : refs) reference(page);
    return misses_ - before;
  }

  std::uint64_t misses() const { return misses_; }
  const std::vector<Slot>& victims() const { return victims_; }
  ReplacementView view() const { return policy_->view(); }
  std::int64_t value(const std::string& name) const {
    for (const auto& [key, value] : view().values) {
      if (key == name) return value;
    }
    ADD_FAILURE() << "no value " << name;
    return -1;
  }
  std::vector<std::int64_t> per_slot(const std::string& name) const {
    for (const auto& [key, values] : view().per_slot) {
      if (key == name) return values;
    }
    ADD_FAILURE() << "no per-slot value " << name;
    return {};
  }
  Slot slot_of(std::uint32_t page) const { return slot_of_.at(page); }

 private:
  void tick() {
    const std::uint64_t interval = policy_->tick_interval();
    if (interval != 0 && t_ % interval == 0) policy_->tick(t_);
  }

  // The view's order names every resident frame exactly once.
  void check_view() const {
    std::vector<Slot> order = policy_->view().order;
    std::sort(order.begin(), order.end());
    std::vector<Slot> resident;
    for (Slot slot = 0; slot < frames_; ++slot) {
      if (page_in_[slot].has_value()) resident.push_back(slot);
    }
    EXPECT_EQ(order, resident) << "at reference " << t_;
  }

  VectorBits bits_;
  std::uint32_t frames_;
  std::unique_ptr<ReplacementPolicy> policy_;
  std::vector<std::optional<std::uint32_t>> page_in_;
  std::map<std::uint32_t, Slot> slot_of_;
  const std::vector<bool>* allowed_ = nullptr;
  std::vector<Slot> victims_;
  std::uint64_t misses_ = 0;
  std::uint64_t t_ = 0;
};

// Belady's OPT by next use: the lower bound on misses for any policy.
std::uint64_t opt_misses(std::uint32_t frames, const Refs& refs) {
  std::vector<std::size_t> next_use(refs.size(), refs.size());
  std::map<std::uint32_t, std::size_t> seen_at;
  for (std::size_t i = refs.size(); i-- > 0;) {
    if (const auto found = seen_at.find(refs[i]); found != seen_at.end()) next_use[i] = found->second;
    seen_at[refs[i]] = i;
  }
  std::map<std::uint32_t, std::size_t> resident;  // page -> its next use
  std::uint64_t misses = 0;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (resident.count(refs[i]) == 0) {
      ++misses;
      if (resident.size() == frames) {
        auto farthest = resident.begin();
        for (auto it = resident.begin(); it != resident.end(); ++it) {
          if (it->second > farthest->second) farthest = it;
        }
        resident.erase(farthest);
      }
    }
    resident[refs[i]] = next_use[i];
  }
  return misses;
}

// The two simplest policies, as baselines: FIFO (victims in the order pages came in) and the
// clock (second chance by the use bit, which the loading access sets).
struct Baseline {
  std::uint64_t misses = 0;
  std::vector<Slot> victims;
};
Baseline fifo(std::uint32_t frames, const Refs& refs) {
  Baseline result;
  std::map<std::uint32_t, Slot> slot_of;
  std::vector<std::uint32_t> page_in;
  Slot next = 0;
  for (const std::uint32_t page : refs) {
    if (slot_of.count(page) != 0) continue;
    ++result.misses;
    if (page_in.size() < frames) {
      slot_of[page] = static_cast<Slot>(page_in.size());
      page_in.push_back(page);
      continue;
    }
    result.victims.push_back(next);
    slot_of.erase(page_in[next]);
    page_in[next] = page;
    slot_of[page] = next;
    next = (next + 1) % frames;
  }
  return result;
}
std::uint64_t clock_misses(std::uint32_t frames, const Refs& refs) {
  std::map<std::uint32_t, Slot> slot_of;
  std::vector<std::uint32_t> page_in;
  std::vector<bool> used;
  Slot hand = 0;
  std::uint64_t misses = 0;
  for (const std::uint32_t page : refs) {
    if (const auto found = slot_of.find(page); found != slot_of.end()) {
      used[found->second] = true;
      continue;
    }
    ++misses;
    if (page_in.size() < frames) {
      slot_of[page] = static_cast<Slot>(page_in.size());
      page_in.push_back(page);
      used.push_back(true);
      continue;
    }
    while (used[hand]) {
      used[hand] = false;
      hand = (hand + 1) % frames;
    }
    slot_of.erase(page_in[hand]);
    page_in[hand] = page;
    slot_of[page] = hand;
    used[hand] = true;
    hand = (hand + 1) % frames;
  }
  return misses;
}

Refs uniform_refs(std::uint64_t seed, std::size_t count, std::int64_t pages) {
  RandomStream random("lru-family-test", seed);
  Refs refs;
  for (std::size_t i = 0; i < count; ++i) refs.push_back(static_cast<std::uint32_t>(random.uniform(0, pages - 1)));
  return refs;
}

// A sequential scan mixed with a hot set: each reference is one of HOT pages (uniformly) with
// probability HOT_PERCENT %, else the scan's next page, never seen before.
Refs scan_with_hot_set(std::uint64_t seed, std::size_t count, std::int64_t hot, std::uint64_t hot_percent) {
  RandomStream random("lru-family-test-scan", seed);
  Refs refs;
  std::uint32_t scan = static_cast<std::uint32_t>(hot);
  for (std::size_t i = 0; i < count; ++i) {
    refs.push_back(random.chance(hot_percent, 100) ? static_cast<std::uint32_t>(random.uniform(0, hot - 1)) : scan++);
  }
  return refs;
}

Refs range(std::uint32_t first, std::uint32_t last) {
  Refs refs;
  for (std::uint32_t page = first; page <= last; ++page) refs.push_back(page);
  return refs;
}

Refs concat(std::initializer_list<Refs> parts) {
  Refs refs;
  for (const Refs& part : parts) refs.insert(refs.end(), part.begin(), part.end());
  return refs;
}

std::vector<bool> hits_of(Replay& replay, const Refs& refs) {
  std::vector<bool> hits;
  for (const std::uint32_t page : refs) hits.push_back(replay.reference(page));
  return hits;
}

std::vector<ReplacementInfo> family() { return {arc(), lru_2list(), mglru()}; }

// --- arc ---------------------------------------------------------------------------------------

// Two frames, 1 2 1 3 2 1 3, by hand (T lists written most recent first):
//   1 miss T1=[1]; 2 miss T1=[2,1]; 1 hit T1=[2] T2=[1];
//   3 miss: |T1| = 1 > p = 0, T1's 2 goes to B1; 3 is new: T1=[3]
//   2 miss: T1's 3 goes to B1=[3,2]; 2 was in B1: p = 0 + max(1, 0/2) = 1, T2=[2,1], B1=[3]
//   1 hit T2=[1,2]
//   3 miss: T1 is empty, T2's 2 goes to B2=[2]; 3 was in B1: p = 1 + max(1, 1/1) = 2, T2=[3,1]
// (The paper adapts p before it chooses the victim of the second "2" and would evict 1 there.)
TEST(ArcPolicy, FollowsTheHandCheckedListsOnAShortString) {
  Replay replay(arc(), 2);
  const Refs refs = {1, 2, 1, 3, 2, 1, 3};
  EXPECT_EQ(hits_of(replay, refs), (std::vector<bool>{false, false, true, false, false, true, false}));
  EXPECT_EQ(replay.victims(), (std::vector<Slot>{1, 1, 1}));
  EXPECT_EQ(replay.value("p"), 2);
  EXPECT_EQ(replay.value("T1"), 0);
  EXPECT_EQ(replay.value("T2"), 2);
  EXPECT_EQ(replay.value("B1"), 0);
  EXPECT_EQ(replay.value("B2"), 1);
  EXPECT_EQ(replay.view().order, (std::vector<Slot>{replay.slot_of(1), replay.slot_of(3)}));
  EXPECT_EQ(replay.per_slot("list (1 = T1, 2 = T2)"), (std::vector<std::int64_t>{2, 2}));
}

TEST(ArcPolicy, AOneTimeScanDoesNotFlushAHotSetThatFits) {
  const Refs hot = {1, 2, 3, 4};
  const Refs refs = concat({hot, hot, range(100, 199)});
  Replay replay(arc(), 8);
  replay.run(refs);
  EXPECT_EQ(replay.run(hot), 0U) << "the hot set, used twice, is in T2; the scan went through T1";
  EXPECT_GT(fifo(8, concat({refs, hot})).misses, fifo(8, refs).misses) << "the scan does flush FIFO";
}

TEST(ArcPolicy, ALoopThatMissesInB1MovesTheTargetTowardsRecency) {
  // Two pages used twice hold half of T2's frames; a loop of four pages over the other two frames
  // misses on pages just evicted from T1, which B1 remembers: each such miss grows p.
  Replay replay(arc(), 4);
  replay.run({1, 2, 1, 2});
  EXPECT_EQ(replay.value("p"), 0);
  Refs loop;
  for (int round = 0; round < 5; ++round) loop = concat({loop, range(10, 13)});
  replay.run(loop);
  EXPECT_GT(replay.value("p"), 0);
  EXPECT_LE(replay.value("p"), 4);
}

// --- lru-2list ---------------------------------------------------------------------------------

// Three frames, ratio 1, 1 2 3 1 4 2 5 1, by hand (lists from the tail; "r" = referenced once):
//   1 2 3 miss: inactive = 1 2 3, A bits set by the faults; 1 hit (its A bit is already set)
//   4 miss: 1, 2 and 3 have A set: each is marked r and goes to the head; 1 again, A clear: victim
//           (the hit on 1 and its fault left one A bit: reclaim cannot tell them apart)
//   2 hit; 5 miss: 2 has A set and r: promoted to active; 3 has A clear: victim
//   1 miss: 4 and 5 (A set by their faults) are marked r and rotated; 4 again: victim
// End: inactive = 5(r) 1, active = 2.
TEST(TwoListPolicy, FollowsTheHandCheckedListsOnAShortString) {
  Replay replay(lru_2list(), 3);
  const Refs refs = {1, 2, 3, 1, 4, 2, 5, 1};
  EXPECT_EQ(hits_of(replay, refs), (std::vector<bool>{false, false, false, true, false, true, false, false}));
  EXPECT_EQ(replay.victims(), (std::vector<Slot>{0, 2, 0}));
  EXPECT_EQ(replay.view().order, (std::vector<Slot>{replay.slot_of(5), replay.slot_of(1), replay.slot_of(2)}));
  EXPECT_EQ(replay.per_slot("active"), (std::vector<std::int64_t>{0, 1, 0}));
  EXPECT_EQ(replay.per_slot("referenced once"), (std::vector<std::int64_t>{0, 0, 1}));
  EXPECT_EQ(replay.value("active"), 1);
  EXPECT_EQ(replay.value("inactive"), 2);
}

TEST(TwoListPolicy, AOneTimeScanDoesNotFlushAHotSetThatFits) {
  // Warm-up under pressure, so that reclaim sees the hot pages referenced twice and promotes them.
  Refs warm_up;
  for (std::uint32_t round = 0; round < 12; ++round) warm_up = concat({warm_up, {1, 2, 3, 1000 + round}});
  Replay replay(lru_2list(), 8);
  replay.run(warm_up);
  const std::vector<std::int64_t> active = replay.per_slot("active");
  for (const std::uint32_t page : {1, 2, 3}) EXPECT_EQ(active[replay.slot_of(page)], 1) << "page " << page;
  replay.run(range(100, 199));
  EXPECT_EQ(replay.run({1, 2, 3}), 0U);
  const Refs refs = concat({warm_up, range(100, 199)});
  EXPECT_GT(fifo(8, concat({refs, {1, 2, 3}})).misses, fifo(8, refs).misses) << "the scan does flush FIFO";
}

TEST(TwoListPolicy, LearnsOfReferencesOnlyFromTheAccessedBits) {
  // Without A bits nothing is ever promoted or rotated: the inactive list is a FIFO queue.
  const Refs refs = uniform_refs(7, 2000, 12);
  Replay blind(lru_2list(), 5, {}, /*hardware_sets_bits=*/false);
  blind.run(refs);
  const Baseline expected = fifo(5, refs);
  EXPECT_EQ(blind.misses(), expected.misses);
  EXPECT_EQ(blind.victims(), expected.victims);
  // With them, the same policy beats FIFO on a hot set mixed with a scan.
  const Refs mixed = scan_with_hot_set(3, 20000, 20, 50);
  Replay seeing(lru_2list(), 32);
  EXPECT_LT(seeing.run(mixed), fifo(32, mixed).misses);
}

TEST(TwoListPolicy, ALargerRatioKeepsALargerHotSet) {
  // 16 frames: ratio 1 lets at most 8 pages be active, ratio 3 up to 12; a hot set of 11 pages
  // mixed with a scan fits in the active list only with the larger ratio.
  for (const std::uint64_t seed : {1, 2, 3}) {
    const Refs refs = scan_with_hot_set(seed, 20000, 11, 70);
    Replay one(lru_2list(), 16, {{"ratio", 1}});
    Replay three(lru_2list(), 16, {{"ratio", 3}});
    EXPECT_LT(three.run(refs), one.run(refs)) << "seed " << seed;
    EXPECT_GT(three.value("active"), 8) << "seed " << seed;
  }
}

// --- mglru -------------------------------------------------------------------------------------

// Three frames, default parameters (2 to 4 generations), 1 2 3 1 4 2 5 1, by hand:
//   1 2 3 miss: generation 1 (min_seq 0, max_seq 1); 1 hit
//   4 miss: only two generations, so aging first: all three A bits set (the faults, the hit), all
//           join generation 1, generation 2 opens; empty generation 0 is dropped (min_seq 1);
//           eviction from 1's tail: 1 (A clear now, used once: tier 0) is the victim; 4 joins 2
//   2 hit; 5 miss: aging: 4 and 2 have A set and join generation 2 (2 is now used twice: tier 1),
//           3 stays in 1; generation 3 opens; 3 is the victim; generation 1 is empty: min_seq 2
//   1 miss: aging: only 5 (its fault) has A set, it stays in 3; generation 4 opens; the tail of 2
//           is 4 (unused since the last aging): the victim; 1 joins generation 4
TEST(MglruPolicy, FollowsTheHandCheckedGenerationsOnAShortString) {
  Replay replay(mglru(), 3);
  const Refs refs = {1, 2, 3, 1, 4, 2, 5, 1};
  EXPECT_EQ(hits_of(replay, refs), (std::vector<bool>{false, false, false, true, false, true, false, false}));
  EXPECT_EQ(replay.victims(), (std::vector<Slot>{0, 2, 0}));
  EXPECT_EQ(replay.value("min_seq"), 2);
  EXPECT_EQ(replay.value("max_seq"), 4);
  EXPECT_EQ(replay.per_slot("generation"), (std::vector<std::int64_t>{4, 2, 3}));
  EXPECT_EQ(replay.per_slot("tier"), (std::vector<std::int64_t>{0, 1, 0}));
  EXPECT_EQ(replay.view().order, (std::vector<Slot>{replay.slot_of(2), replay.slot_of(5), replay.slot_of(1)}));
}

TEST(MglruPolicy, AScanMixedWithAHotSetFaultsLessThanFifoAndClock) {
  for (const std::uint64_t seed : {1, 2, 3}) {
    const Refs refs = scan_with_hot_set(seed, 20000, 48, 60);
    Replay replay(mglru(), 64);
    const std::uint64_t misses = replay.run(refs);
    EXPECT_LT(misses, fifo(64, refs).misses) << "seed " << seed;
    EXPECT_LT(misses, clock_misses(64, refs)) << "seed " << seed;
  }
}

TEST(MglruPolicy, RefaultsOfOftenUsedPagesTurnOnTheProtectionOfTheirTiers) {
  for (const std::uint64_t seed : {1, 2, 3}) {
    const Refs refs = scan_with_hot_set(seed, 20000, 48, 80);
    Replay feedback(mglru(), 64);
    Replay one_tier(mglru(), 64, {{"tiers", 1}});
    const std::uint64_t with = feedback.run(refs);
    const std::uint64_t without = one_tier.run(refs);
    EXPECT_GT(feedback.value("refaults"), 0) << "seed " << seed;
    EXPECT_GT(feedback.value("protections"), 0) << "seed " << seed;
    EXPECT_EQ(one_tier.value("protections"), 0) << "seed " << seed;
    EXPECT_LT(with, without) << "seed " << seed;
  }
}

TEST(MglruPolicy, NeverHoldsMoreThanMaxGenerations) {
  for (const auto& [min, max] : std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 2}, {2, 4}, {3, 3}, {2, 8}}) {
    Replay replay(mglru(), 16, {{"min_generations", min}, {"max_generations", max}});
    for (const std::uint32_t page : scan_with_hot_set(9, 4000, 10, 50)) {
      replay.reference(page);
      const std::int64_t generations = replay.value("max_seq") - replay.value("min_seq") + 1;
      ASSERT_GE(generations, min);
      ASSERT_LE(generations, max);
    }
  }
}

TEST(MglruPolicy, RefusesFewerMaxGenerationsThanMin) {
  PolicyParams params = default_params(mglru());
  params.set("min_generations", std::int64_t{4});
  params.set("max_generations", std::int64_t{3});
  VectorBits bits(4);
  EXPECT_THROW(mglru().make(params, ReplacementContext{4, &bits, 0, nullptr}), InputError);
}

// --- the three ---------------------------------------------------------------------------------

TEST(LruFamily, IsListedInTheRegistryInItsOrder) {
  std::vector<std::string> names;
  for (const ReplacementInfo& info : replacement_registry().entries()) {
    if (info.name == "arc" || info.name == "lru-2list" || info.name == "mglru") names.push_back(info.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"arc", "lru-2list", "mglru"}));
}

TEST(LruFamily, NeverFaultsLessThanOpt) {
  for (const ReplacementInfo& info : family()) {
    for (const std::uint64_t seed : {1, 2, 3, 4}) {
      for (const std::uint32_t frames : {1U, 2U, 3U, 5U, 8U}) {
        for (const Refs& refs : {uniform_refs(seed, 600, 12), scan_with_hot_set(seed, 600, 6, 50)}) {
          Replay replay(info, frames);
          EXPECT_GE(replay.run(refs), opt_misses(frames, refs)) << info.name << " frames " << frames;
        }
      }
    }
  }
}

TEST(LruFamily, ChoosesOnlyEligibleVictims) {
  std::vector<bool> even(6);
  for (std::size_t slot = 0; slot < even.size(); slot += 2) even[slot] = true;
  for (const ReplacementInfo& info : family()) {
    Replay replay(info, 6);
    replay.restrict_to(&even);
    replay.run(uniform_refs(11, 3000, 14));  // Replay checks each victim
    EXPECT_GT(replay.victims().size(), 0U) << info.name;
  }
}

TEST(LruFamily, IsDeterministic) {
  const Refs refs = scan_with_hot_set(4, 3000, 10, 50);
  for (const ReplacementInfo& info : family()) {
    Replay first(info, 12);
    Replay second(info, 12);
    first.run(refs);
    second.run(refs);
    EXPECT_EQ(first.victims(), second.victims()) << info.name;
  }
}

}  // namespace
}  // namespace ks
