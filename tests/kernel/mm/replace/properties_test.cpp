// Properties every replacement policy must have, on seeded random reference strings: none faults
// less than OPT, the stack algorithms never fault more with more frames, the frames always hold
// distinct pages with the referenced one among them, and the replay is reproducible.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/kernel/mm/replace/replace_harness.h"

namespace ks {
namespace {

ReferenceString random_string(std::uint64_t seed, std::int64_t length, std::int64_t pages) {
  const ReferenceGenerator& uniform = *find_reference_generator("uniform");
  PolicyParams params = default_params(uniform.params);
  params.set("length", length);
  params.set("pages", pages);
  params.set("write_percent", std::int64_t{30});
  return generate_references(uniform, params, seed);
}

ReplayResult run(const ReplacementInfo& info, const ReferenceString& refs, std::uint32_t frames, bool steps = false) {
  return replay(info, default_params(info.params), refs, frames, {steps, 5});
}

TEST(ReplacementProperties, NoPolicyFaultsLessThanOpt) {
  const ReplacementInfo& opt = test::replacement("opt");
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const ReferenceString refs = random_string(seed, 60, 9);
    for (std::uint32_t frames = 1; frames <= 8; ++frames) {
      const std::uint64_t least = run(opt, refs, frames).misses;
      for (const ReplacementInfo& info : replacement_registry().entries()) {
        EXPECT_GE(run(info, refs, frames).misses, least)
            << info.name << ", seed " << seed << ", " << frames << " frames";
      }
    }
  }
}

TEST(ReplacementProperties, StackAlgorithmsNeverFaultMoreWithMoreFrames) {
  for (const std::string name : {"lru", "opt"}) {
    const ReplacementInfo& info = test::replacement(name);
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      const ReferenceString refs = random_string(seed, 80, 12);
      std::uint64_t previous = UINT64_MAX;
      for (std::uint32_t frames = 1; frames <= 13; ++frames) {
        const std::uint64_t misses = run(info, refs, frames).misses;
        EXPECT_LE(misses, previous) << name << ", seed " << seed << ", " << frames << " frames";
        previous = misses;
      }
    }
  }
}

// OPT written the slow way: at each fault with memory full, scan the frames for the page whose
// next use is furthest (never used again: furthest of all), the lowest frame on a tie.
std::string naive_opt_victims(const ReferenceString& refs, std::uint32_t frames) {
  std::vector<PageKey> resident;
  std::string victims;
  for (std::size_t t = 0; t < refs.size(); ++t) {
    if (std::find(resident.begin(), resident.end(), refs.pages[t]) != resident.end()) continue;
    if (resident.size() < frames) {
      resident.push_back(refs.pages[t]);
      continue;
    }
    std::size_t chosen = 0, furthest = 0;
    for (std::size_t slot = 0; slot < resident.size(); ++slot) {
      std::size_t next = t + 1;
      while (next < refs.size() && refs.pages[next] != resident[slot]) ++next;
      if (next > furthest) {
        furthest = next;
        chosen = slot;
      }
    }
    victims += (victims.empty() ? "" : ",") + page_text(resident[chosen]);
    resident[chosen] = refs.pages[t];
  }
  return victims;
}

TEST(ReplacementProperties, OptChoosesTheVictimsOfTheSlowScan) {
  const ReplacementInfo& opt = test::replacement("opt");
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const ReferenceString refs = random_string(seed, 120, 14);
    for (std::uint32_t frames = 1; frames <= 9; ++frames) {
      EXPECT_EQ(test::victims(run(opt, refs, frames, true)), naive_opt_victims(refs, frames))
          << "seed " << seed << ", " << frames << " frames";
    }
  }
}

TEST(ReplacementProperties, ClockAndSecondChanceChooseTheSameVictims) {
  const ReplacementInfo& clock = test::replacement("clock");
  const ReplacementInfo& second = test::replacement("second-chance");
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const ReferenceString refs = random_string(seed, 100, 10);
    for (std::uint32_t frames = 1; frames <= 6; ++frames) {
      EXPECT_EQ(test::victims(run(clock, refs, frames, true)), test::victims(run(second, refs, frames, true)))
          << "seed " << seed << ", " << frames << " frames";
    }
  }
}

TEST(ReplacementProperties, FramesHoldDistinctPagesAndTheReferencedOne) {
  const ReferenceString refs = random_string(3, 200, 12);
  for (const ReplacementInfo& info : replacement_registry().entries()) {
    for (std::uint32_t frames : {1U, 4U, 7U}) {
      const ReplayResult result = run(info, refs, frames, true);
      ASSERT_EQ(result.steps.size(), refs.size()) << info.name;
      EXPECT_EQ(result.hits + result.misses, refs.size()) << info.name;
      for (std::size_t t = 0; t < refs.size(); ++t) {
        const ReplayStep& step = result.steps[t];
        std::set<PageKey> seen;
        for (const auto& page : step.frames) {
          if (page) {
            EXPECT_TRUE(seen.insert(*page).second) << info.name << ": page twice at step " << t;
          }
        }
        ASSERT_LT(step.slot, frames);
        EXPECT_EQ(step.frames[step.slot], refs.pages[t]) << info.name << " at step " << t;
        if (step.victim) {
          EXPECT_FALSE(seen.count(*step.victim)) << info.name << ": the victim stayed at step " << t;
        }
      }
    }
  }
}

TEST(ReplacementProperties, EnoughFramesForEveryPageFaultOncePerPage) {
  const ReferenceString refs = random_string(11, 300, 10);
  const std::set<PageKey> distinct(refs.pages.begin(), refs.pages.end());
  for (const ReplacementInfo& info : replacement_registry().entries()) {
    EXPECT_EQ(run(info, refs, 10).misses, distinct.size()) << info.name;
  }
}

TEST(ReplacementProperties, ReplaysAreReproducible) {
  const ReferenceString refs = random_string(8, 300, 20);
  for (const ReplacementInfo& info : replacement_registry().entries()) {
    EXPECT_EQ(test::victims(run(info, refs, 5, true)), test::victims(run(info, refs, 5, true))) << info.name;
  }
}

TEST(ReplacementProperties, StepsDoNotChangeTheTotals) {
  const ReferenceString refs = random_string(4, 500, 30);
  for (const ReplacementInfo& info : replacement_registry().entries()) {
    const ReplayResult fast = run(info, refs, 8, false);
    const ReplayResult slow = run(info, refs, 8, true);
    EXPECT_EQ(fast.misses, slow.misses) << info.name;
    EXPECT_EQ(fast.dirty_evictions, slow.dirty_evictions) << info.name;
    EXPECT_TRUE(fast.steps.empty());
  }
}

}  // namespace
}  // namespace ks
