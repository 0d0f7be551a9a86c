#include "sim-core/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace ks {
namespace {

TEST(Random, SplitMix64MatchesTheReferenceSequence) {
  // Reference outputs of Vigna's splitmix64.c for seed 1234567.
  std::uint64_t state = 1234567;
  EXPECT_EQ(splitmix64(state), 6457827717110365317ULL);
  EXPECT_EQ(splitmix64(state), 3203168211198807973ULL);
  EXPECT_EQ(splitmix64(state), 9817491932198370423ULL);
  EXPECT_EQ(splitmix64(state), 4593380528125082431ULL);
  EXPECT_EQ(splitmix64(state), 16408922859458223821ULL);
}

TEST(Random, Fnv1aMatchesTheReferenceValues) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
}

TEST(Random, SameNameAndSeedGiveTheSameStream) {
  RandomStream a("workload", 42), b("workload", 42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
}

TEST(Random, DifferentNamesOrSeedsGiveDifferentStreams) {
  RandomStream a("workload", 42), b("lottery", 42), c("workload", 43);
  int same_name = 0, same_seed = 0;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    same_name += x == b.next();
    same_seed += x == c.next();
  }
  EXPECT_EQ(same_name, 0);
  EXPECT_EQ(same_seed, 0);
}

TEST(Random, UniformStaysInRangeAndCoversIt) {
  RandomStream stream("test", 1);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto v = stream.uniform(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(stream.uniform(5, 5), 5);
}

TEST(Random, UnitIsInHalfOpenInterval) {
  RandomStream stream("test", 2);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    const double u = stream.unit();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 10000, 0.5, 0.02);
}

TEST(Random, ExponentialHasTheRequestedMean) {
  RandomStream stream("test", 3);
  double sum = 0;
  for (int i = 0; i < 20000; ++i) sum += stream.exponential(10);
  EXPECT_NEAR(sum / 20000, 10.0, 0.4);
}

TEST(Random, ParetoNeverGoesBelowItsScale) {
  RandomStream stream("test", 4);
  for (int i = 0; i < 5000; ++i) ASSERT_GE(stream.pareto(2.0, 1.5), 2.0);
}

TEST(Random, DeterministicLogAndExpAgreeWithTheLibrary) {
  for (double x : {1e-300, 1e-10, 0.1, 0.5, 0.999, 1.0, 1.5, 2.0, 10.0, 12345.678, 1e300}) {
    EXPECT_NEAR(det_log(x), std::log(x), 1e-13 * std::max(1.0, std::abs(std::log(x)))) << x;
  }
  for (double x : {-700.0, -20.0, -1.0, -0.1, 0.0, 0.3, 1.0, 5.0, 100.0, 700.0}) {
    EXPECT_NEAR(det_exp(x) / std::exp(x), 1.0, 1e-13) << x;
  }
}

}  // namespace
}  // namespace ks
