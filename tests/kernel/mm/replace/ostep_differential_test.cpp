// kernsim's policies against OSTEP's paging-policy simulator (`kernsim ostep paging-policy`,
// which reproduces the homework's paging-policy.py and is tested against its recorded outputs).
//
// Where the definitions agree the runs must agree reference by reference:
//   FIFO  the same victims, hits and memory on every string;
//   LRU   the same victims, hits and memory;
//   OPT   the same number of faults (both are optimal); the victims may differ on a tie, when
//         several pages have the same next use (in practice: none is used again): the script
//         takes the last such page of its list, kernsim the lowest frame.
// Where they differ no comparison is made: the script's CLOCK looks at pages drawn at random
// with a counter of -b bits per page, not at a hand sweeping A bits, and its RAND draws from
// Python's generator, kernsim's random from its own seeded stream (sim-core/random.h).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ostep/simulator.h"
#include "tests/kernel/mm/replace/replace_harness.h"

namespace ks {
namespace {

nlohmann::json ostep_run(const std::string& policy, const std::string& refs, std::uint32_t frames) {
  const ostep::Simulator* simulator = ostep::find_simulator("paging-policy");
  if (simulator == nullptr) throw std::logic_error("no paging-policy simulator");
  std::ostringstream out, err;
  const int status = simulator->run({"-a", refs, "-p", policy, "-C", std::to_string(frames), "-c", "--json"}, out, err);
  EXPECT_EQ(status, 0) << err.str();
  return nlohmann::json::parse(out.str());
}

std::string random_refs(std::uint64_t seed, std::int64_t length, std::int64_t pages) {
  const ReferenceGenerator& uniform = *find_reference_generator("uniform");
  PolicyParams params = default_params(uniform.params);
  params.set("length", length);
  params.set("pages", pages);
  std::string text;
  for (const PageKey& page : generate_references(uniform, params, seed).pages) {
    text += (text.empty() ? "" : ",") + std::to_string(page.vpn);
  }
  return text;
}

// The script's run and kernsim's agree on every hit, victim and set of resident pages.
void expect_same_steps(const std::string& ostep_policy, const std::string& policy, const std::string& refs,
                       std::uint32_t frames) {
  const nlohmann::json theirs = ostep_run(ostep_policy, refs, frames);
  const ReplayResult ours = test::run_policy(policy, refs, frames);
  ASSERT_EQ(theirs["trace"].size(), ours.steps.size());
  EXPECT_EQ(theirs["hits"].get<std::uint64_t>(), ours.hits) << policy << " on " << refs;
  for (std::size_t t = 0; t < ours.steps.size(); ++t) {
    const nlohmann::json& step = theirs["trace"][t];
    const ReplayStep& mine = ours.steps[t];
    ASSERT_EQ(step["hit"].get<bool>(), mine.hit) << policy << " step " << t << " on " << refs;
    ASSERT_EQ(step.contains("replaced"), mine.victim.has_value()) << policy << " step " << t;
    if (mine.victim) {
      EXPECT_EQ(step["replaced"].get<std::uint32_t>(), mine.victim->vpn) << policy << " step " << t;
    }
    std::set<std::uint32_t> their_memory, my_memory;
    for (const auto& page : step["memory"]) their_memory.insert(page.get<std::uint32_t>());
    for (const auto& page : mine.frames) {
      if (page) my_memory.insert(page->vpn);
    }
    ASSERT_EQ(their_memory, my_memory) << policy << " step " << t;
  }
}

TEST(ReplacementAgainstOstep, FifoAndLruAgreeStepByStep) {
  for (std::uint64_t seed = 0; seed < 15; ++seed) {
    const std::string refs = random_refs(seed, 40, 8);
    for (std::uint32_t frames = 1; frames <= 5; ++frames) {
      expect_same_steps("FIFO", "fifo", refs, frames);
      expect_same_steps("LRU", "lru", refs, frames);
    }
  }
}

TEST(ReplacementAgainstOstep, TextbookStringsAgree) {
  for (const std::string refs : {"0,1,2,0,1,3,0,3,1,2,1", "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1"}) {
    expect_same_steps("FIFO", "fifo", refs, 3);
    expect_same_steps("LRU", "lru", refs, 3);
  }
}

TEST(ReplacementAgainstOstep, OptFaultsAsOften) {
  for (std::uint64_t seed = 0; seed < 15; ++seed) {
    const std::string refs = random_refs(seed, 40, 8);
    for (std::uint32_t frames = 1; frames <= 5; ++frames) {
      EXPECT_EQ(ostep_run("OPT", refs, frames)["misses"].get<std::uint64_t>(), test::faults("opt", refs, frames))
          << refs << ", " << frames << " frames";
    }
  }
}

}  // namespace
}  // namespace ks
