// PyRandom: CPython's `random.Random`, bit for bit, so that a seed given to a kernsim OSTEP
// simulator draws the same workload as the textbook's Python script with the same seed.
//
// The generator is the 32-bit Mersenne Twister (MT19937). What makes it *CPython's* is the rest:
// - Seeding from an int (random.seed(n), any version=): the key is the 32-bit little-endian words
//   of abs(n) (one zero word for n == 0), fed to MT's init_by_array. Seeds -5 and 5 are the same.
// - random() takes two outputs, a>>5 and b>>6, and returns (a*2^26 + b) / 2^53.
// - getrandbits(k) for k <= 32 is the top k bits of one output; for k > 32 it fills 32-bit words
//   from the least significant end, the last (most significant) word keeping its top bits only.
// - randrange/randint/choice/shuffle/sample draw integers below n with _randbelow: k =
//   bit_length(n) bits at a time, rejecting results >= n (Python 3; Python 2 scaled random()).
// - shuffle is Fisher-Yates from the end; sample is CPython 3.11's: a pool for small populations,
//   otherwise rejection against the set of picked indices.
// - uniform(a, b) = a + (b - a) * random(); expovariate(l) = -log(1 - random()) / l.
// Python raises ValueError or IndexError for empty ranges and sequences; PyRandom throws
// std::invalid_argument with Python's message, since a script that hits them is itself broken.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace ks::ostep {

class PyRandom {
 public:
  // random.Random(SEED): seeded as CPython seeds from an int.
  explicit PyRandom(std::int64_t seed);

  // random.seed(SEED) for an int SEED: init_by_array over the 32-bit words of abs(SEED).
  void seed(std::int64_t seed);

  // random.random(): a double in [0, 1) with 53 random bits.
  double random();
  // random.getrandbits(K) for 0 <= K <= 64.
  std::uint64_t getrandbits(int k);
  // Random._randbelow(N): uniform in [0, N) by rejection on bit_length(N) bits; 0 when N == 0.
  std::int64_t randbelow(std::int64_t n);
  // random.randint(A, B): uniform in [A, B].
  std::int64_t randint(std::int64_t a, std::int64_t b);
  // random.randrange(START, STOP, STEP).
  std::int64_t randrange(std::int64_t start, std::int64_t stop, std::int64_t step = 1);
  // random.uniform(A, B).
  double uniform(double a, double b);
  // random.expovariate(LAMBDA).
  double expovariate(double lambda);

  // random.choice(SEQ).
  template <class T>
  const T& choice(const std::vector<T>& seq) {
    if (seq.empty()) throw std::invalid_argument("Cannot choose from an empty sequence");
    return seq[static_cast<std::size_t>(randbelow(static_cast<std::int64_t>(seq.size())))];
  }

  // random.shuffle(SEQ): for i from len-1 down to 1, swap SEQ[i] with SEQ[randbelow(i + 1)].
  template <class T>
  void shuffle(std::vector<T>& seq) {
    for (std::size_t i = seq.size(); i-- > 1;) {
      const auto j = static_cast<std::size_t>(randbelow(static_cast<std::int64_t>(i + 1)));
      std::swap(seq[i], seq[j]);
    }
  }

  // random.sample(POPULATION, K), CPython 3.11's algorithm.
  template <class T>
  std::vector<T> sample(const std::vector<T>& population, std::size_t k) {
    const std::size_t n = population.size();
    if (k > n) throw std::invalid_argument("Sample larger than population or is negative");
    std::vector<T> result;
    result.reserve(k);
    if (n <= sample_set_size(k)) {
      std::vector<T> pool(population);
      for (std::size_t i = 0; i < k; ++i) {
        const auto j = static_cast<std::size_t>(randbelow(static_cast<std::int64_t>(n - i)));
        result.push_back(pool[j]);
        pool[j] = pool[n - i - 1];
      }
    } else {
      std::vector<bool> selected(n, false);
      for (std::size_t i = 0; i < k; ++i) {
        auto j = static_cast<std::size_t>(randbelow(static_cast<std::int64_t>(n)));
        while (selected[j]) j = static_cast<std::size_t>(randbelow(static_cast<std::int64_t>(n)));
        selected[j] = true;
        result.push_back(population[j]);
      }
    }
    return result;
  }

  // The next raw 32-bit output of MT19937 (CPython's genrand_uint32).
  std::uint32_t next_uint32();

 private:
  // sample() keeps a pool when the population is at most this size (21, plus 4^ceil(log4(3K)) for K > 5).
  static std::size_t sample_set_size(std::size_t k);
  void init_genrand(std::uint32_t s);
  void init_by_array(const std::vector<std::uint32_t>& key);

  static constexpr int kStateSize = 624;
  std::array<std::uint32_t, kStateSize> state_{};
  int index_ = kStateSize + 1;
};

}  // namespace ks::ostep
