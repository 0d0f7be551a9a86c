// Seeded chaos (kernel/exec/chaos.h): a seed chooses the same slices again; seeds differ.
#include "kernel/exec/chaos.h"

#include <gtest/gtest.h>

#include <vector>

namespace ks {
namespace {

constexpr Cycles kFull = 10'000;

// The budgets and actions of 200 slices that each run the budget they were given.
std::vector<std::int64_t> choices(ChaosStrategy strategy, std::uint64_t seed) {
  Chaos chaos({true, seed, strategy, 3}, kFull);
  std::vector<std::int64_t> out;
  for (int i = 0; i < 200; ++i) {
    const Cycles budget = chaos.next_budget(kFull);
    const ChaosAction action = chaos.slice_ran(budget);
    out.push_back(budget);
    out.push_back(action.stall * 2 + (action.preempt ? 1 : 0));
  }
  return out;
}

TEST(Chaos, TheSameSeedChoosesTheSameSlices) {
  for (const ChaosStrategy strategy : {ChaosStrategy::Random, ChaosStrategy::Pct, ChaosStrategy::BoundedPreemption})
    EXPECT_EQ(choices(strategy, 7), choices(strategy, 7));
}

TEST(Chaos, DifferentSeedsChooseDifferentSlices) {
  for (const ChaosStrategy strategy : {ChaosStrategy::Random, ChaosStrategy::Pct, ChaosStrategy::BoundedPreemption})
    EXPECT_NE(choices(strategy, 7), choices(strategy, 8));
}

TEST(Chaos, BudgetsStayWithinTheFullSlice) {
  Chaos chaos({true, 3, ChaosStrategy::Random, 3}, kFull);
  for (int i = 0; i < 1000; ++i) {
    const Cycles budget = chaos.next_budget(kFull);
    EXPECT_GE(budget, 1);
    EXPECT_LE(budget, kFull);
    chaos.slice_ran(budget);
  }
}

TEST(Chaos, BoundedPreemptionTakesAtMostDepthPoints) {
  Chaos chaos({true, 5, ChaosStrategy::BoundedPreemption, 2}, kFull);
  int preemptions = 0;
  for (int i = 0; i < 1000; ++i) preemptions += chaos.slice_ran(chaos.next_budget(kFull)).preempt ? 1 : 0;
  EXPECT_LE(preemptions, 2);
  EXPECT_GE(preemptions, 1);  // its points fall within the first 64 full slices
}

TEST(Chaos, StrategyNamesRoundTrip) {
  for (const ChaosStrategy strategy : {ChaosStrategy::Random, ChaosStrategy::Pct, ChaosStrategy::BoundedPreemption})
    EXPECT_EQ(chaos_strategy_from_string(to_string(strategy)), strategy);
  EXPECT_FALSE(chaos_strategy_from_string("fastest"));
}

}  // namespace
}  // namespace ks
