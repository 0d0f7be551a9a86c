// kernel/event_args.h — two 32-bit numbers in one event argument.
//
// A kernel event carries one 64-bit argument (sim-core/event_queue.h). Many need two numbers:
// a tid and the wait generation it is for, a CPU and its dispatch generation, a tid and a job
// number. These pack them the same way everywhere: HIGH in the upper half, LOW in the lower.
#pragma once

#include <cstdint>

namespace ks {

inline constexpr std::uint64_t pack_event_arg(std::uint32_t high, std::uint32_t low) {
  return (std::uint64_t{high} << 32) | low;
}
inline constexpr std::uint32_t event_arg_high(std::uint64_t arg) { return static_cast<std::uint32_t>(arg >> 32); }
inline constexpr std::uint32_t event_arg_low(std::uint64_t arg) { return static_cast<std::uint32_t>(arg); }

}  // namespace ks
