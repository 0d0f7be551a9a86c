// bench/alloc_counter.h — counts the bytes a benchmark holds on the heap, to report memory per
// simulated process. Include it in exactly one .cpp of a benchmark program: it replaces the
// global operator new and delete of that program.
#pragma once

#include <atomic>
#include <cstdlib>
#include <new>

namespace ks::bench {

inline std::atomic<long long> live_bytes{0};
inline std::atomic<long long> peak_bytes{0};

inline void note_allocation(long long bytes) {
  const long long now = live_bytes += bytes;
  long long peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
}

}  // namespace ks::bench

// Each block carries its size in a 16-byte header so that delete can subtract it.
void* operator new(std::size_t size) {
  void* block = std::malloc(size + 16);
  if (block == nullptr) throw std::bad_alloc();
  *static_cast<std::size_t*>(block) = size;
  ks::bench::note_allocation(static_cast<long long>(size));
  return static_cast<char*>(block) + 16;
}
void operator delete(void* pointer) noexcept {
  if (pointer == nullptr) return;
  void* block = static_cast<char*>(pointer) - 16;
  ks::bench::live_bytes -= static_cast<long long>(*static_cast<std::size_t*>(block));
  std::free(block);
}
void operator delete(void* pointer, std::size_t) noexcept { operator delete(pointer); }
