// kernel/mm/replace/mglru.cpp — the multi-generational LRU (MGLRU) of Linux 6.1, simplified.
//
// The problem. LRU needs the order of last use, which hardware does not give: it only sets a
// page's accessed (A) bit. Linux's older two lists (lru-2list) sort pages into "used twice" and
// "not yet", one A bit at a time, from the reclaim path, which scans the same cold pages again and
// again under pressure. MGLRU sorts pages into a few *generations* instead, by age: every page is
// in exactly one generation, and a generation is the set of pages found in use in the same sweep.
//
// Generations. Each has a sequence number; min_seq is the oldest, max_seq the youngest, and there
// are between min_generations (Linux's MIN_NR_GENS, 2) and max_generations (MAX_NR_GENS, 4) of
// them. A page faulted in joins the youngest. Two walks move pages between generations:
//   aging     reads and clears the A bit of every resident page, as a walk of the page tables
//             would (frame order here), and moves each page found accessed to the youngest
//             generation; then it opens a new, empty youngest generation (max_seq + 1). Pages not
//             used since the last aging are thereby one generation older, without being touched.
//   eviction  takes victims from the oldest generation only, from its tail. It looks at each
//             page's A bit once more (Linux's look-around in the reverse map): a page used since
//             the aging is promoted to the youngest generation instead of evicted. When the oldest
//             generation is empty, min_seq moves up.
// Aging is lazy: it runs only when eviction needs it, when the generations are down to
// min_generations (eviction must never take the youngest pages), or, with one more than that, when
// the youngest holds more than 1 / min_generations of the pages or the oldest fewer than
// 1 / (min_generations + 2) (Linux's should_run_aging()). When aging would exceed max_generations
// the oldest generation is merged into the next one first.
//
// Tiers. Within a generation, pages are sorted by how often they have been used: a page whose A
// bit was found set N times since it came in is in tier order_base_2(N) (tier 0 for N <= 1,
// tier 1 for 2, tier 2 for 3..4, tier 3 for 5..8), up to `tiers` tiers. Eviction records, per
// tier, the pages it evicts, and for each victim a *shadow entry*: the page's name with min_seq at
// that moment and its count. A page that faults back in while min_seq has not moved is a
// *refault*: it was evicted too early, and its tier's refault counter grows (the page gets its
// count back). A feedback loop, which Linux likens to a PID controller, compares each tier's
// refault rate, refaults / (evictions + protections), with tier 0's: tier 0 (pages used about
// once, such as a scan's) is the set point, and a tier that refaults more than twice as often is
// *protected* together with every tier above it. Eviction moves a protected page to the next
// generation (min_seq + 1) instead of evicting it, and counts the protection. The rates are the
// current generation's counts (the proportional term) plus a running average over the earlier
// generations, halved each time min_seq moves (the integral term); there is no derivative term.
// A tier needs at least `min_refaults` refaults before it can be protected, so that a few
// unlucky evictions do not protect anything.
//
// Why it helps under a scan mixed with a hot set: scan pages are used once, stay in tier 0, age
// through the generations and leave; hot pages are found accessed by the aging and promoted, and
// those evicted anyway come back as refaults in high tiers, which the feedback loop then protects.
// (docs/mglru-experiment.md measures how much better than clock that is, and where Linux's two
// lists still do better.)
//
// What is simplified against Linux, and why:
//   - One list of pages. Linux keeps generations per type (anonymous and file), per memory zone and
//     per cgroup, and uses the feedback loop also to choose between anonymous and file pages; the
//     exercise has one kind of page and one pool of frames.
//   - Linux counts tiers from accesses through file descriptors (read(), write()), and leaves
//     page-table accesses to the generations; kernsim's pages are only ever mapped, so the tier
//     counts the sweeps (aging or eviction) that found the page's A bit set, which is the
//     frequency information the A bit can give.
//   - Every faulted-in page joins the youngest generation, as Linux does for a page mapped by a
//     fault. Linux puts a page read through read() into the oldest generation, which is what makes
//     a file scan leave at once; the exercise has no such pages.
//   - The aging walk visits every resident frame; Linux walks the page tables of the processes
//     that ran since the last walk and uses Bloom filters to skip page-table pages without young
//     entries. The pages found accessed are nearly the same; the cost is what differs.
//   - No time-based thrashing protection (min_ttl_ms) and no batching: Linux reclaims in batches
//     of 64 pages (MIN_LRU_BATCH) and asks a tier for a batch's worth of refaults before it may be
//     protected; here one page is reclaimed at a time, so `min_refaults` defaults to 1.
//   - A shadow entry counts only while min_seq is the one it recorded, as in Linux; shadows are
//     dropped when min_seq moves, where Linux leaves them to be overwritten.
// Deterministic: the walks follow frame order and list order. With a filter on the eligible
// frames, eviction looks at the oldest generation that holds an eligible page (never the youngest);
// after a bounded number of rounds the victim is the first eligible page in generation order.
#include <algorithm>
#include <array>
#include <memory>
#include <unordered_map>

#include "kernel/mm/replace/multi_slot_list.h"

namespace ks {
namespace {

constexpr std::uint32_t kMaxTiers = 4;

std::uint64_t page_id(PageKey page) { return (std::uint64_t{page.space} << 32) | page.vpn; }

struct MglruSettings {
  std::uint32_t min_generations = 2;
  std::uint32_t max_generations = 4;
  std::uint32_t tiers = 4;
  std::uint64_t min_refaults = 1;
};

class MglruPolicy final : public ReplacementPolicy {
 public:
  MglruPolicy(const ReplacementContext& context, const MglruSettings& settings)
      : bits_(*context.bits),
        frames_(context.frames),
        settings_(settings),
        lists_(frames_, settings.max_generations),
        generation_(frames_, 0),
        uses_(frames_, 0),
        page_(frames_, 0),
        protected_in_call_(frames_, 0),
        max_seq_(settings.min_generations - 1) {}

  std::string_view name() const override { return "mglru"; }

  void inserted(Slot slot, PageKey page, std::uint64_t /*t*/) override {
    lists_.erase(slot);  // the caller reused a frame without asking (defensive)
    const std::uint64_t id = page_id(page);
    page_[slot] = id;
    uses_[slot] = 0;
    if (const auto shadow = shadows_.find(id); shadow != shadows_.end()) {
      if (shadow->second.min_seq == min_seq_) {  // a refault: evicted too early
        uses_[slot] = shadow->second.uses;
        ++current_.refaulted[tier_of(shadow->second.uses)];
        ++refaults_;
      }
      shadows_.erase(shadow);
    }
    join(slot, max_seq_, /*at_front=*/true);
  }

  void removed(Slot slot) override { lists_.erase(slot); }

  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    ++call_;
    const std::uint32_t floor = protected_above();
    for (std::uint32_t round = 0; round < 2 * settings_.max_generations + 4; ++round) {
      drop_empty_oldest();
      if (should_age()) {
        age();
        drop_empty_oldest();
      }
      const Slot victim = evict_from_oldest(eligible, floor);
      if (victim != MultiSlotList::kNone) return evict(victim);
    }
    for (std::uint64_t seq = min_seq_; seq <= max_seq_; ++seq) {  // a filter left nothing else
      for (Slot slot = lists_.back(list(seq)); slot != MultiSlotList::kNone; slot = lists_.newer(slot)) {
        if (eligible(slot)) return evict(slot);
      }
    }
    KS_ASSERT(false, "choose_victim is called with a full pool and an eligible frame");
    return 0;
  }

  ReplacementView view() const override {
    ReplacementView view;
    view.order_name = "oldest generation first, each from its tail";
    for (std::uint64_t seq = min_seq_; seq <= max_seq_; ++seq) lists_.append_from_back(list(seq), view.order);
    std::vector<std::int64_t> generation(frames_, -1);
    std::vector<std::int64_t> tier(frames_, -1);
    for (Slot slot = 0; slot < frames_; ++slot) {
      if (!lists_.listed(slot)) continue;
      generation[slot] = static_cast<std::int64_t>(generation_[slot]);
      tier[slot] = tier_of(uses_[slot]);
    }
    view.per_slot.emplace_back("generation", std::move(generation));
    view.per_slot.emplace_back("tier", std::move(tier));
    view.values = {{"min_seq", static_cast<std::int64_t>(min_seq_)},
                   {"max_seq", static_cast<std::int64_t>(max_seq_)},
                   {"protected above tier", protected_above()},
                   {"shadow entries", static_cast<std::int64_t>(shadows_.size())},
                   {"refaults", static_cast<std::int64_t>(refaults_)},
                   {"protections", static_cast<std::int64_t>(protections_)}};
    return view;
  }

 private:
  // Per tier: what the feedback loop reads.
  struct TierCounts {
    std::array<std::uint64_t, kMaxTiers> refaulted{};
    std::array<std::uint64_t, kMaxTiers> evicted{};
    std::array<std::uint64_t, kMaxTiers> protected_pages{};
  };
  struct Shadow {
    std::uint64_t min_seq;
    std::uint32_t uses;
  };

  std::uint32_t list(std::uint64_t seq) const { return static_cast<std::uint32_t>(seq % settings_.max_generations); }
  std::uint64_t generations() const { return max_seq_ - min_seq_ + 1; }

  std::uint32_t tier_of(std::uint32_t uses) const {
    std::uint32_t tier = 0;
    while ((1U << tier) < uses) ++tier;  // order_base_2
    return std::min(tier, settings_.tiers - 1);
  }

  void join(Slot slot, std::uint64_t seq, bool at_front) {
    lists_.erase(slot);
    generation_[slot] = seq;
    if (at_front) {
      lists_.push_front(list(seq), slot);
    } else {
      lists_.push_back(list(seq), slot);
    }
  }

  void seen_accessed(Slot slot) {
    bits_.clear_accessed(slot);
    uses_[slot] = std::min(uses_[slot] + 1, 1U << (settings_.tiers - 1));
  }

  // Linux's should_run_aging(), with the number of generations as parameters.
  bool should_age() const {
    const std::uint64_t min = settings_.min_generations;
    if (generations() <= min) return true;
    if (generations() > min + 1) return false;
    std::uint64_t total = 0;
    for (std::uint64_t seq = min_seq_; seq <= max_seq_; ++seq) total += lists_.size(list(seq));
    const std::uint64_t young = lists_.size(list(max_seq_));
    const std::uint64_t old = lists_.size(list(min_seq_));
    return young * min > total || old * (min + 2) < total;
  }

  // The aging walk: every frame's A bit, in frame order; the accessed pages join the youngest
  // generation, and a new, empty youngest generation opens.
  void age() {
    if (generations() == settings_.max_generations) {  // no room: the oldest merges into the next
      for (Slot slot = lists_.front(list(min_seq_)); slot != MultiSlotList::kNone;) {
        const Slot older = lists_.older(slot);
        join(slot, min_seq_ + 1, /*at_front=*/false);
        slot = older;
      }
      advance_min_seq();
    }
    for (Slot slot = 0; slot < frames_; ++slot) {
      if (!lists_.listed(slot) || !bits_.accessed(slot)) continue;
      seen_accessed(slot);
      join(slot, max_seq_, /*at_front=*/true);
    }
    ++max_seq_;
  }

  // The eviction walk over the oldest generation that holds an eligible page (never the
  // youngest): accessed pages are promoted, protected tiers move on one generation, and the first
  // page that is neither is the victim.
  Slot evict_from_oldest(const Eligible& eligible, std::uint32_t floor) {
    for (std::uint64_t seq = min_seq_; seq < max_seq_; ++seq) {
      bool any_eligible = false;
      for (Slot slot = lists_.back(list(seq)); slot != MultiSlotList::kNone;) {
        const Slot next = lists_.newer(slot);
        if (eligible(slot)) {
          any_eligible = true;
          if (bits_.accessed(slot)) {
            seen_accessed(slot);
            join(slot, max_seq_, /*at_front=*/true);
          } else if (const std::uint32_t tier = tier_of(uses_[slot]);
                     tier > floor && protected_in_call_[slot] != call_) {
            protected_in_call_[slot] = call_;
            ++current_.protected_pages[tier];
            ++protections_;
            join(slot, seq + 1, /*at_front=*/false);
          } else {
            return slot;
          }
        }
        slot = next;
      }
      if (any_eligible) return MultiSlotList::kNone;  // the next round may age first
    }
    return MultiSlotList::kNone;
  }

  Slot evict(Slot slot) {
    const std::uint32_t uses = uses_[slot];
    ++current_.evicted[tier_of(uses)];
    shadows_[page_[slot]] = Shadow{min_seq_, uses};
    lists_.erase(slot);
    drop_empty_oldest();
    return slot;
  }

  void drop_empty_oldest() {
    while (generations() > settings_.min_generations && lists_.size(list(min_seq_)) == 0) advance_min_seq();
  }

  // min_seq moves up: the current counts join the running averages, and the shadows, which can no
  // longer match, are dropped.
  void advance_min_seq() {
    for (std::uint32_t tier = 0; tier < kMaxTiers; ++tier) {
      average_refaulted_[tier] = (average_refaulted_[tier] + current_.refaulted[tier]) / 2;
      average_total_[tier] = (average_total_[tier] + current_.evicted[tier] + current_.protected_pages[tier]) / 2;
    }
    current_ = TierCounts{};
    shadows_.clear();
    ++min_seq_;
  }

  // The feedback loop (Linux's get_tier_idx()): tiers above the returned one are protected.
  std::uint32_t protected_above() const {
    const std::uint64_t min_refaults = settings_.min_refaults;
    const std::uint64_t base_refaulted = average_refaulted_[0] + current_.refaulted[0];
    const std::uint64_t base_total = average_total_[0] + current_.evicted[0];
    for (std::uint32_t tier = 1; tier < settings_.tiers; ++tier) {
      const std::uint64_t refaulted = average_refaulted_[tier] + current_.refaulted[tier];
      const std::uint64_t total = average_total_[tier] + current_.evicted[tier] + current_.protected_pages[tier];
      // Tier 0 has gain 1, this tier gain 2: protect only past twice tier 0's rate.
      const bool like_base =
          refaulted < min_refaults || refaulted * (base_total + min_refaults) <= (base_refaulted + 1) * total * 2;
      if (!like_base) return tier - 1;
    }
    return settings_.tiers - 1;
  }

  ReferenceBits& bits_;
  std::uint32_t frames_;
  MglruSettings settings_;
  MultiSlotList lists_;                    // one list per generation, by seq % max_generations
  std::vector<std::uint64_t> generation_;  // each frame's page's generation (seq)
  std::vector<std::uint32_t> uses_;        // sweeps that found its A bit set: its tier
  std::vector<std::uint64_t> page_;        // the page in each frame
  std::vector<std::uint64_t> protected_in_call_;
  std::uint64_t call_ = 0;
  std::uint64_t min_seq_ = 0;
  std::uint64_t max_seq_;
  TierCounts current_;
  std::array<std::uint64_t, kMaxTiers> average_refaulted_{};
  std::array<std::uint64_t, kMaxTiers> average_total_{};
  std::unordered_map<std::uint64_t, Shadow> shadows_;
  std::uint64_t refaults_ = 0;  // since the start, for the view
  std::uint64_t protections_ = 0;
};

}  // namespace

// registry: replacement 220
ReplacementInfo mglru_replacement() {
  return {
      "mglru",
      "Linux 6.1's multi-generational LRU: generations by aging walks, tiers protected by refaults",
      {{"min_generations", ParamType::Integer, "2", "fewest generations: aging runs when eviction gets down to them", 2,
        8},
       {"max_generations", ParamType::Integer, "4", "most generations: aging merges the oldest two beyond it", 2, 16},
       {"tiers", ParamType::Integer, "4", "tiers by use count (1 turns the refault feedback off)", 1, kMaxTiers},
       {"min_refaults", ParamType::Integer, "1", "refaults a tier needs before the feedback loop may protect it", 1,
        1'000'000}},
      [](const PolicyParams& params, const ReplacementContext& context) {
        MglruSettings settings;
        settings.min_generations = static_cast<std::uint32_t>(params.integer("min_generations"));
        settings.max_generations = static_cast<std::uint32_t>(params.integer("max_generations"));
        settings.tiers = static_cast<std::uint32_t>(params.integer("tiers"));
        settings.min_refaults = static_cast<std::uint64_t>(params.integer("min_refaults"));
        if (settings.max_generations < settings.min_generations) {
          throw InputError({"", 0, 0, "max_generations"},
                           "must be at least min_generations (" + std::to_string(settings.min_generations) + ")");
        }
        return std::make_unique<MglruPolicy>(context, settings);
      }};
}

}  // namespace ks
