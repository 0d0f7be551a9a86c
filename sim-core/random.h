// sim-core/random.h — deterministic random streams.
//
// Every random draw in kernsim comes from a named stream: RandomStream("workload", seed).
// Streams with different names are independent, so adding draws to one consumer (say, the
// lottery scheduler) never changes what another (the workload generator) sees.
//
// THE ALGORITHM (implemented here, never taken from <random>, whose distributions differ
// between standard libraries):
//   - the stream's 64-bit key is SplitMix64(seed XOR FNV-1a-64(name));
//   - the four words of xoshiro256** state are the next four outputs of SplitMix64 from that key;
//   - next() is xoshiro256** (Blackman and Vigna, 2018);
//   - uniform(lo, hi) is Lemire's multiply-and-reject method over next(), exact for any range;
//   - unit() is (next() >> 11) * 2^-53, a double in [0, 1);
//   - exponential() and pareto() invert the distribution with ks::det_log / ks::det_exp, which
//     use only +, -, *, / and exact scaling, so every IEEE-754 platform computes the same bits
//     (the build turns off FMA contraction for the same reason).
#pragma once

#include <cstdint>
#include <string_view>

namespace ks {

std::uint64_t fnv1a64(std::string_view text);
std::uint64_t splitmix64(std::uint64_t& state);

class RandomStream {
 public:
  RandomStream(std::string_view name, std::uint64_t seed);

  std::uint64_t next();
  // A uniformly distributed integer in [LO, HI]; requires LO <= HI.
  std::int64_t uniform(std::int64_t lo, std::int64_t hi);
  // A double in [0, 1).
  double unit();
  // Exponentially distributed with the given MEAN (> 0).
  double exponential(double mean);
  // Pareto (type I) with minimum SCALE (> 0) and tail index SHAPE (> 0): heavy-tailed lengths.
  double pareto(double scale, double shape);
  // True with probability NUMERATOR / DENOMINATOR.
  bool chance(std::uint64_t numerator, std::uint64_t denominator);

 private:
  std::uint64_t state_[4];
};

// Natural logarithm and exponential computed with basic arithmetic only (deterministic across
// platforms, unlike std::log and std::exp). det_log requires X > 0.
double det_log(double x);
double det_exp(double x);

}  // namespace ks
