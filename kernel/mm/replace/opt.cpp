// kernel/mm/replace/opt.cpp — Belady's optimal policy (OPT, MIN).
//
// The page whose next use lies furthest in the future leaves; a page never used again leaves
// before any other. No policy faults less on any reference string (Belady, 1966), which makes OPT
// the lower bound every other policy is measured against, and it is a stack algorithm. It cannot
// run in a live kernel, which does not know the future: it runs on a replayed reference string,
// whose whole future the caller passes in (ReplacementContext::future), and refuses to be built
// without one.
//
// Next-use precomputation: one backward pass over the string gives, for each position, the next
// position where the same page is referenced (or "never"). Each frame then only keeps the next
// use of its page, renewed at every reference to it (so opt asks for every reference). Finding
// the frame with the furthest next use is a tournament over the frames: a binary tree whose
// leaves are the frames and whose every node holds the winner of its two children (the later
// next use; on a tie, the lower slot), so a renewal replays one path to the root (a hit, which
// only postpones a next use, usually stops after a level or two) and the victim is read at the
// root. Ties — several pages never used again — go to the lowest slot.
#include <algorithm>

#include "kernel/mm/replace/page_numbering.h"
#include "kernel/mm/replace/slot_list.h"

namespace ks {
namespace {

constexpr std::uint32_t kNever = UINT32_MAX;

class OptReplacement final : public ReplacementPolicy {
 public:
  explicit OptReplacement(const ReplacementContext& context) : future_(*context.future) {
    const PageNumbering numbering = number_pages(future_);
    next_use_.resize(future_.size());
    std::vector<std::uint32_t> later(numbering.table_size, kNever);
    for (std::size_t i = future_.size(); i-- > 0;) {
      const std::uint32_t id = numbering.id(future_, i);
      next_use_[i] = later[id];
      later[id] = static_cast<std::uint32_t>(i);
    }
    leaves_ = 1;
    while (leaves_ < context.frames) leaves_ *= 2;
    next_.assign(context.frames, 0);
    tree_.assign(2 * static_cast<std::size_t>(leaves_), SlotList::kNone);
    for (Slot slot = 0; slot < context.frames; ++slot) tree_[leaves_ + slot] = slot;
    for (std::size_t node = leaves_ - 1; node >= 1; --node) tree_[node] = winner(tree_[2 * node], tree_[2 * node + 1]);
  }
  std::string_view name() const override { return "opt"; }
  void inserted(Slot slot, PageKey page, std::uint64_t t) override {
    KS_ASSERT(t < future_.size() && future_[t] == page, "opt is told the references of its future, in order");
    renew(slot, next_use_[t]);
  }
  void referenced(Slot slot, bool /*write*/, std::uint64_t t) override {
    KS_ASSERT(t < future_.size(), "opt is told the references of its future, in order");
    postpone(slot, next_use_[t]);
  }
  void removed(Slot slot) override { renew(slot, 0); }
  Slot choose_victim(const Eligible& eligible, std::uint64_t /*t*/) override {
    Slot victim = tree_[1];
    if (!eligible(victim)) {
      victim = SlotList::kNone;
      for (Slot slot = 0; slot < next_.size(); ++slot) {
        if (eligible(slot)) victim = winner(victim, slot);
      }
    }
    KS_ASSERT(victim != SlotList::kNone, "choose_victim is called with an eligible frame");
    return victim;
  }
  bool wants_every_reference() const override { return true; }
  ReplacementView view() const override {
    ReplacementView view;
    std::vector<std::int64_t> next;
    for (const std::uint32_t when : next_) next.push_back(when == kNever ? -1 : static_cast<std::int64_t>(when));
    view.per_slot.emplace_back("next use (-1: never)", std::move(next));
    return view;
  }

 private:
  // The better victim of A and B: the later next use, the lower slot on a tie; kNone loses.
  Slot winner(Slot a, Slot b) const {
    if (a == SlotList::kNone) return b;
    if (b == SlotList::kNone) return a;
    if (next_[a] != next_[b]) return next_[a] > next_[b] ? a : b;
    return std::min(a, b);
  }

  void renew(Slot slot, std::uint32_t next_use) {
    next_[slot] = next_use;
    for (std::size_t node = (leaves_ + slot) / 2; node >= 1; node /= 2) {
      tree_[node] = winner(tree_[2 * node], tree_[2 * node + 1]);
    }
  }

  // A hit moves its page's next use later (it was now, the earliest of all), so the page can only
  // win more matches: going up, it replaces each winner it now beats, and where it still loses
  // every match above is decided as before.
  void postpone(Slot slot, std::uint32_t next_use) {
    next_[slot] = next_use;
    for (std::size_t node = (leaves_ + slot) / 2; node >= 1; node /= 2) {
      if (tree_[node] == slot) continue;
      if (winner(tree_[node], slot) != slot) return;
      tree_[node] = slot;
    }
  }

  const std::vector<PageKey>& future_;
  std::vector<std::uint32_t> next_use_;  // by position: the next position of the same page
  std::vector<std::uint32_t> next_;      // by slot: the next use of its page
  std::vector<Slot> tree_;               // the tournament: node 1 is the root, leaves from leaves_
  std::uint32_t leaves_ = 1;
};

}  // namespace

// registry: replacement 110
ReplacementInfo opt_replacement() {
  return {"opt",
          "Belady's optimal: the page used furthest in the future leaves (replayed strings only)",
          {},
          [](const PolicyParams& /*params*/, const ReplacementContext& context) -> std::unique_ptr<ReplacementPolicy> {
            if (context.future == nullptr) {
              throw InputError({"", 0, 0, "replacement"},
                               "opt needs the whole reference string in advance, so it runs only on a replayed "
                               "reference string (kernsim paging), not in a running kernel");
            }
            if (context.future->size() >= kNever) {
              throw InputError({"", 0, 0, "replacement"}, "opt replays at most 4294967294 references");
            }
            return std::make_unique<OptReplacement>(context);
          }};
}

}  // namespace ks
