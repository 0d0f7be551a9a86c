// MT19937 as CPython's _randommodule.c runs it, and the Random methods built on it (see pyrandom.h).
#include "ostep/pyrandom.h"

#include <cmath>
#include <limits>
#include <string>

namespace ks::ostep {
namespace {

constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpperMask = 0x80000000U;
constexpr std::uint32_t kLowerMask = 0x7fffffffU;

int bit_length(std::uint64_t n) {
  int bits = 0;
  while (n != 0) {
    ++bits;
    n >>= 1;
  }
  return bits;
}

}  // namespace

PyRandom::PyRandom(std::int64_t seed_value) { seed(seed_value); }

void PyRandom::init_genrand(std::uint32_t s) {
  state_[0] = s;
  for (int i = 1; i < kStateSize; ++i) {
    const std::uint32_t prev = state_[static_cast<std::size_t>(i - 1)];
    state_[static_cast<std::size_t>(i)] = 1812433253U * (prev ^ (prev >> 30)) + static_cast<std::uint32_t>(i);
  }
  index_ = kStateSize;
}

void PyRandom::init_by_array(const std::vector<std::uint32_t>& key) {
  init_genrand(19650218U);
  std::size_t i = 1;
  std::size_t j = 0;
  const std::size_t n = kStateSize;
  for (std::size_t k = (n > key.size() ? n : key.size()); k != 0; --k) {
    const std::uint32_t prev = state_[i - 1];
    state_[i] = (state_[i] ^ ((prev ^ (prev >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= n) {
      state_[0] = state_[n - 1];
      i = 1;
    }
    if (j >= key.size()) j = 0;
  }
  for (std::size_t k = n - 1; k != 0; --k) {
    const std::uint32_t prev = state_[i - 1];
    state_[i] = (state_[i] ^ ((prev ^ (prev >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
    ++i;
    if (i >= n) {
      state_[0] = state_[n - 1];
      i = 1;
    }
  }
  state_[0] = 0x80000000U;  // MSB is 1, assuring a non-zero initial array
}

void PyRandom::seed(std::int64_t seed_value) {
  // abs() in unsigned arithmetic, so that INT64_MIN has a magnitude too.
  std::uint64_t magnitude =
      seed_value < 0 ? 0 - static_cast<std::uint64_t>(seed_value) : static_cast<std::uint64_t>(seed_value);
  std::vector<std::uint32_t> key;
  do {
    key.push_back(static_cast<std::uint32_t>(magnitude & 0xffffffffU));
    magnitude >>= 32;
  } while (magnitude != 0);
  init_by_array(key);
}

std::uint32_t PyRandom::next_uint32() {
  if (index_ >= kStateSize) {
    int k = 0;
    for (; k < kStateSize - 397; ++k) {
      const std::uint32_t y = (state_[k] & kUpperMask) | (state_[k + 1] & kLowerMask);
      state_[k] = state_[k + 397] ^ (y >> 1) ^ ((y & 1U) != 0 ? kMatrixA : 0U);
    }
    for (; k < kStateSize - 1; ++k) {
      const std::uint32_t y = (state_[k] & kUpperMask) | (state_[k + 1] & kLowerMask);
      state_[k] = state_[k + (397 - kStateSize)] ^ (y >> 1) ^ ((y & 1U) != 0 ? kMatrixA : 0U);
    }
    const std::uint32_t y = (state_[kStateSize - 1] & kUpperMask) | (state_[0] & kLowerMask);
    state_[kStateSize - 1] = state_[396] ^ (y >> 1) ^ ((y & 1U) != 0 ? kMatrixA : 0U);
    index_ = 0;
  }
  std::uint32_t y = state_[static_cast<std::size_t>(index_++)];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

double PyRandom::random() {
  const std::uint32_t a = next_uint32() >> 5;
  const std::uint32_t b = next_uint32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

std::uint64_t PyRandom::getrandbits(int k) {
  if (k < 0 || k > 64) throw std::invalid_argument("getrandbits: k must be in 0..64, got " + std::to_string(k));
  if (k == 0) return 0;
  if (k <= 32) return next_uint32() >> (32 - k);
  const std::uint64_t low = next_uint32();
  const std::uint64_t high = next_uint32() >> (64 - k);
  return low | (high << 32);
}

std::int64_t PyRandom::randbelow(std::int64_t n) {
  if (n <= 0) return 0;
  const int k = bit_length(static_cast<std::uint64_t>(n));
  std::uint64_t r = getrandbits(k);
  while (r >= static_cast<std::uint64_t>(n)) r = getrandbits(k);
  return static_cast<std::int64_t>(r);
}

std::int64_t PyRandom::randrange(std::int64_t start, std::int64_t stop, std::int64_t step) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if ((start < 0 && stop > kMax + start) || (start > 0 && stop < kMin + start)) {
    throw std::invalid_argument("randrange(): the range is too wide for 64-bit integers");
  }
  const std::int64_t width = stop - start;
  if (step == 1) {
    if (width > 0) return start + randbelow(width);
    throw std::invalid_argument("empty range for randrange() (" + std::to_string(start) + ", " + std::to_string(stop) +
                                ", " + std::to_string(width) + ")");
  }
  std::int64_t n = 0;
  if (step > 0) {
    n = (width + step - 1);
    n = n / step - ((n % step != 0 && (n < 0) != (step < 0)) ? 1 : 0);  // Python's floor division
  } else if (step < 0) {
    n = (width + step + 1);
    n = n / step - ((n % step != 0 && (n < 0) != (step < 0)) ? 1 : 0);
  } else {
    throw std::invalid_argument("zero step for randrange()");
  }
  if (n <= 0) throw std::invalid_argument("empty range for randrange()");
  return start + step * randbelow(n);
}

std::int64_t PyRandom::randint(std::int64_t a, std::int64_t b) { return randrange(a, b + 1); }

double PyRandom::uniform(double a, double b) { return a + (b - a) * random(); }

double PyRandom::expovariate(double lambda) { return -std::log(1.0 - random()) / lambda; }

std::size_t PyRandom::sample_set_size(std::size_t k) {
  std::size_t setsize = 21;
  if (k > 5) {
    const double exponent = std::ceil(std::log(static_cast<double>(k * 3)) / std::log(4.0));
    setsize += static_cast<std::size_t>(std::pow(4.0, exponent));
  }
  return setsize;
}

}  // namespace ks::ostep
