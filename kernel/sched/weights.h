// kernel/sched/weights.h — Linux's nice-to-weight table, shared by CFS (cfs.cpp) and EEVDF
// (eevdf.cpp). sched_prio_to_weight[] from kernel/sched/core.c: nice 0 is 1024 and each nice
// level is worth about 10% of CPU time against a neighbour (the ratio between levels is ~1.25).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

namespace ks {

inline constexpr std::int64_t kNiceZeroWeight = 1024;

inline std::int64_t weight_of_nice(std::int32_t nice) {
  static constexpr std::array<std::int64_t, 40> kWeights = {
      /* -20 */ 88761, 71755, 56483, 46273, 36291,
      /* -15 */ 29154, 23254, 18705, 14949, 11916,
      /* -10 */ 9548,  7620,  6100,  4904,  3906,
      /*  -5 */ 3121,  2501,  1991,  1586,  1277,
      /*   0 */ 1024,  820,   655,   526,   423,
      /*   5 */ 335,   272,   215,   172,   137,
      /*  10 */ 110,   87,    70,    56,    45,
      /*  15 */ 36,    29,    23,    18,    15,
  };
  const int index = std::clamp(nice, -20, 19) + 20;  // 0 .. 39
  return kWeights[static_cast<std::size_t>(index)];
}

// Virtual time for RAN ticks of a thread of WEIGHT, in thousandths of a tick of a nice-0 thread.
inline std::int64_t virtual_time(std::int64_t ran, std::int64_t weight) {
  // Nice 0 is the common case; its exact result needs no division.
  return weight == kNiceZeroWeight ? ran * 1000 : ran * 1000 * kNiceZeroWeight / weight;
}

}  // namespace ks
