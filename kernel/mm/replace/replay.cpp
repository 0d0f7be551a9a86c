// kernel/mm/replace/replay.cpp — replaying a reference string (replay.h).
#include "kernel/mm/replace/replay.h"

#include "kernel/mm/replace/page_numbering.h"

namespace ks {
namespace {

constexpr Slot kNoFrame = UINT32_MAX;

// The A and D bits of each frame, set as the MMU would set them.
class ReplayBits final : public ReferenceBits {
 public:
  explicit ReplayBits(std::uint32_t frames) : bits_(frames, 0) {}
  bool accessed(Slot slot) const override { return (bits_[slot] & kAccessed) != 0; }
  void clear_accessed(Slot slot) override { bits_[slot] = static_cast<std::uint8_t>(bits_[slot] & ~kAccessed); }
  bool dirty(Slot slot) const override { return (bits_[slot] & kDirty) != 0; }
  // The replay sets the bits itself, through this, as the MMU writes them in a page-table entry.
  std::uint8_t* data() { return bits_.data(); }
  static constexpr std::uint8_t kAccessed = kStepAccessed, kDirty = kStepDirty;

 private:
  std::vector<std::uint8_t> bits_;
};

struct Machine {
  ReplacementPolicy& policy;
  ReplayBits& bits;
  std::vector<Slot> frame_of;          // by page number: its frame, or kNoFrame
  std::vector<std::uint32_t> page_in;  // by frame: the page number it holds
};

// The replay loop, compiled once for each combination of what it must do per reference, so that
// the common case (no steps) pays for nothing it does not use.
template <bool kEveryReference, bool kSteps, bool kDirect>
void run(Machine& machine, const ReferenceString& refs, const PageNumbering& numbering, std::uint32_t frames,
         bool views, ReplayResult& result) {
  ReplacementPolicy& policy = machine.policy;
  const std::uint64_t interval = policy.tick_interval();
  std::uint64_t until_tick = interval;
  const Eligible every_frame;
  std::vector<std::optional<PageKey>> resident;
  if constexpr (kSteps) resident.resize(frames);
  // Plain pointers and local counts: the compiler keeps them in registers across the policy's
  // virtual calls, which it must assume could change any vector's contents.
  const PageKey* const pages = refs.pages.data();
  const std::uint8_t* const writes = refs.writes.data();
  const std::uint32_t* const ids = numbering.ids.data();
  Slot* const frame_of = machine.frame_of.data();
  std::uint32_t* const page_in = machine.page_in.data();
  std::uint8_t* const bits = machine.bits.data();
  std::uint64_t hits = 0, misses = 0, dirty_evictions = 0;
  std::uint32_t used = 0;
  const std::size_t n = refs.pages.size();
  for (std::size_t t = 0; t < n; ++t) {
    const std::uint32_t id = kDirect ? pages[t].vpn : ids[t];
    const auto touch = static_cast<std::uint8_t>(ReplayBits::kAccessed | (writes[t] != 0 ? ReplayBits::kDirty : 0));
    Slot slot = frame_of[id];
    if (slot != kNoFrame) {
      ++hits;
      bits[slot] = static_cast<std::uint8_t>(bits[slot] | touch);
      if constexpr (kEveryReference) policy.referenced(slot, writes[t] != 0, t);
      if constexpr (kSteps)
        result.steps.push_back({pages[t], writes[t] != 0, true, slot, std::nullopt, false, resident, {}, {}});
    } else {
      ++misses;
      std::optional<PageKey> victim;
      bool victim_dirty = false;
      if (used < frames) {
        slot = used++;
      } else {
        slot = policy.choose_victim(every_frame, t);
        KS_ASSERT(slot < frames, "a policy's victim is one of its frames");
        victim_dirty = (bits[slot] & ReplayBits::kDirty) != 0;
        dirty_evictions += victim_dirty ? 1 : 0;
        frame_of[page_in[slot]] = kNoFrame;
        if constexpr (kSteps) victim = resident[slot];
      }
      bits[slot] = 0;
      frame_of[id] = slot;
      page_in[slot] = id;
      policy.inserted(slot, pages[t], t);
      bits[slot] = static_cast<std::uint8_t>(bits[slot] | touch);
      if constexpr (kSteps) {
        resident[slot] = pages[t];
        result.steps.push_back({pages[t], writes[t] != 0, false, slot, victim, victim_dirty, resident, {}, {}});
      }
    }
    if (interval != 0 && --until_tick == 0) {
      policy.tick(t + 1);
      until_tick = interval;
    }
    if constexpr (kSteps) {
      if (views) {
        result.steps.back().bits.assign(bits, bits + frames);
        result.steps.back().view = policy.view();
      }
    }
  }
  result.hits = hits;
  result.misses = misses;
  result.dirty_evictions = dirty_evictions;
}

template <bool kEveryReference, bool kSteps>
void run_numbered(Machine& machine, const ReferenceString& refs, const PageNumbering& numbering, std::uint32_t frames,
                  bool views, ReplayResult& result) {
  if (numbering.direct) run<kEveryReference, kSteps, true>(machine, refs, numbering, frames, views, result);
  else run<kEveryReference, kSteps, false>(machine, refs, numbering, frames, views, result);
}

}  // namespace

ReplayResult replay(const ReplacementInfo& policy, const PolicyParams& params, const ReferenceString& refs,
                    std::uint32_t frames, const ReplayOptions& options) {
  if (frames == 0) throw InputError({"", 0, 0, "frames"}, "must be at least 1");
  KS_ASSERT(refs.writes.size() == refs.pages.size(), "a reference string has a read or write for every page");
  ReplayBits bits(frames);
  const ReplacementContext context{frames, &bits, options.seed, &refs.pages};
  const std::unique_ptr<ReplacementPolicy> instance = policy.make(params, context);
  const PageNumbering numbering = number_pages(refs.pages);
  Machine machine{*instance, bits, std::vector<Slot>(numbering.table_size, kNoFrame),
                  std::vector<std::uint32_t>(frames, 0)};
  ReplayResult result;
  if (options.record_steps) result.steps.reserve(refs.pages.size());
  const bool every = instance->wants_every_reference();
  const bool views = options.record_views;
  if (every && options.record_steps) run_numbered<true, true>(machine, refs, numbering, frames, views, result);
  else if (every) run_numbered<true, false>(machine, refs, numbering, frames, views, result);
  else if (options.record_steps) run_numbered<false, true>(machine, refs, numbering, frames, views, result);
  else run_numbered<false, false>(machine, refs, numbering, frames, views, result);
  result.view = instance->view();
  return result;
}

std::string page_text(PageKey page) {
  return page.space == 0 ? std::to_string(page.vpn) : std::to_string(page.space) + ":" + std::to_string(page.vpn);
}

}  // namespace ks
