// Seeded chaos (design: chaos.h): the budget of every slice, and the change points of pct and
// bounded-preemption, drawn from one stream in the order the kernel asks.
#include "kernel/exec/chaos.h"

#include <algorithm>
#include <array>

#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::array<std::string_view, 3> kStrategyNames = {"random", "pct", "bounded-preemption"};
constexpr Cycles kWindowSlices = 16;   // pct: a window is this many full slices
constexpr Cycles kBoundedSlices = 64;  // bounded-preemption: its points fall within this many
constexpr Cycles kStallSlices = 4;     // a stall lasts up to this many full slices
constexpr std::uint64_t kRandomPreemptOneIn = 16;

}  // namespace

std::string_view to_string(ChaosStrategy strategy) { return kStrategyNames.at(static_cast<std::size_t>(strategy)); }

std::optional<ChaosStrategy> chaos_strategy_from_string(std::string_view name) {
  for (std::size_t i = 0; i < kStrategyNames.size(); ++i) {
    if (kStrategyNames[i] == name) return static_cast<ChaosStrategy>(i);
  }
  return std::nullopt;
}

std::string chaos_strategy_names() {
  std::string names;
  for (const std::string_view name : kStrategyNames) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

Chaos::Chaos(const ChaosConfig& config, Cycles full_slice_cycles)
    : config_(config),
      random_("chaos", config.seed),
      window_(std::max<Cycles>(1, full_slice_cycles) * kWindowSlices),
      stall_ticks_max_(std::max<Cycles>(1, full_slice_cycles * kStallSlices / kWorkPerTick)) {
  KS_ASSERT(config.depth >= 1, "chaos needs a depth of at least 1");
  if (config_.strategy == ChaosStrategy::Pct) draw_window();
  if (config_.strategy == ChaosStrategy::BoundedPreemption) {
    const Cycles horizon = std::max<Cycles>(1, full_slice_cycles) * kBoundedSlices;
    for (int i = 0; i < config_.depth; ++i) points_.push_back(random_.uniform(1, horizon));
    std::sort(points_.begin(), points_.end());
  }
}

// pct: DEPTH-1 change points in the window that begins at window_start_ (none behind steps_).
void Chaos::draw_window() {
  points_.clear();
  for (int i = 1; i < config_.depth; ++i) {
    const Cycles point = window_start_ + random_.uniform(1, window_);
    if (point > steps_) points_.push_back(point);
  }
  std::sort(points_.begin(), points_.end());
}

Cycles Chaos::next_budget(Cycles full) {
  KS_ASSERT(full > 0, "a slice has a budget");
  if (config_.strategy == ChaosStrategy::Random) return random_.uniform(1, full);
  if (!points_.empty() && points_.front() - steps_ < full) return std::max<Cycles>(1, points_.front() - steps_);
  return full;
}

ChaosAction Chaos::slice_ran(Cycles used) {
  steps_ += std::max<Cycles>(0, used);
  ChaosAction action;
  if (config_.strategy == ChaosStrategy::Random) {
    action.preempt = random_.chance(1, kRandomPreemptOneIn);
    return action;
  }
  bool reached = false;
  while (!points_.empty() && points_.front() <= steps_) {
    points_.erase(points_.begin());
    reached = true;
  }
  if (reached) {
    ++points_taken_;
    action.preempt = true;
    if (config_.strategy == ChaosStrategy::Pct) action.stall = random_.uniform(1, stall_ticks_max_);
  }
  if (config_.strategy == ChaosStrategy::Pct && steps_ >= window_start_ + window_) {
    window_start_ = steps_ - (steps_ - window_start_) % window_;
    draw_window();
  }
  return action;
}

}  // namespace ks
