// sim-core/random.cpp — the random streams' algorithms, as random.h specifies them, in portable
// integer arithmetic: FNV-1a and SplitMix64 to key a stream, xoshiro256** to draw, Lemire's
// method for uniform ranges, and det_log / det_exp, whose series use only + - * / and exact
// scaling so that every IEEE-754 platform computes the same bits.
#include "sim-core/random.h"

#include <cmath>

#include "sim-core/error.h"

namespace ks {
namespace {

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// The 128-bit product A * B as (high, low) words, portably (MSVC has no __int128).
void multiply_wide(std::uint64_t a, std::uint64_t b, std::uint64_t& high, std::uint64_t& low) {
  const std::uint64_t a_lo = a & 0xffffffffULL, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xffffffffULL, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t middle = (lo_lo >> 32) + (hi_lo & 0xffffffffULL) + lo_hi;
  high = hi_hi + (hi_lo >> 32) + (middle >> 32);
  low = (middle << 32) | (lo_lo & 0xffffffffULL);
}

constexpr double kLn2 = 0.693147180559945309417232121458176568;

}  // namespace

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

RandomStream::RandomStream(std::string_view name, std::uint64_t seed) {
  std::uint64_t key = seed ^ fnv1a64(name);
  key = splitmix64(key);
  for (auto& word : state_) word = splitmix64(key);
}

std::uint64_t RandomStream::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::int64_t RandomStream::uniform(std::int64_t lo, std::int64_t hi) {
  KS_ASSERT(lo <= hi, "uniform() needs lo <= hi");
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == UINT64_MAX) return static_cast<std::int64_t>(next());
  const std::uint64_t range = span + 1;
  // Lemire: take the high 64 bits of next() * range, rejecting the biased low part.
  while (true) {
    std::uint64_t high = 0, low = 0;
    multiply_wide(next(), range, high, low);
    if (low >= (0 - range) % range) return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + high);
  }
}

double RandomStream::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double RandomStream::exponential(double mean) {
  KS_ASSERT(mean > 0, "exponential() needs a positive mean");
  return -mean * det_log(1.0 - unit());  // 1 - unit() lies in (0, 1]
}

double RandomStream::pareto(double scale, double shape) {
  KS_ASSERT(scale > 0 && shape > 0, "pareto() needs positive scale and shape");
  return scale * det_exp(-det_log(1.0 - unit()) / shape);
}

bool RandomStream::chance(std::uint64_t numerator, std::uint64_t denominator) {
  KS_ASSERT(denominator > 0, "chance() needs a positive denominator");
  return static_cast<std::uint64_t>(uniform(0, static_cast<std::int64_t>(denominator) - 1)) < numerator;
}

double det_log(double x) {
  KS_ASSERT(x > 0, "det_log() needs a positive argument");
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);  // x = mantissa * 2^exponent, mantissa in [0.5, 1)
  if (mantissa < 0.70710678118654752440) {
    mantissa *= 2;
    --exponent;
  }
  // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172: the series converges fast.
  const double s = (mantissa - 1) / (mantissa + 1);
  const double s2 = s * s;
  double term = s;
  double sum = 0;
  for (int k = 1; k < 40; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return 2 * sum + exponent * kLn2;
}

double det_exp(double x) {
  if (x > 709) return HUGE_VAL;
  if (x < -745) return 0;
  // x = n ln2 + r with |r| <= ln2 / 2; exp(x) = 2^n exp(r), exp(r) by its Taylor series.
  const double n = std::floor(x / kLn2 + 0.5);
  const double r = x - n * kLn2;
  double term = 1;
  double sum = 1;
  for (int k = 1; k < 30; ++k) {
    term = term * r / k;
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(n));
}

}  // namespace ks
