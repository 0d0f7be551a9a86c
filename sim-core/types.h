// sim-core/types.h — the units of the simulated machine.
//
// Virtual time is counted in ticks (Tick). A tick has no fixed meaning in seconds: for scheduling
// lectures it is "one time unit" of the textbook; for real programs it is the time a CPU of speed
// 1.0 needs for kWorkPerTick cycles. Work (what a CPU model consumes) is counted in cycles; a CPU
// of speed S (in thousandths) retires S cycles per tick, so speed 1000 means kWorkPerTick = 1000
// cycles per tick. Everything is integer so that every platform computes the same numbers.
#pragma once

#include <cstdint>
#include <limits>

namespace ks {

using Tick = std::int64_t;
using Cycles = std::int64_t;
using CpuId = std::uint16_t;
using Pid = std::uint32_t;

inline constexpr Tick kNever = std::numeric_limits<Tick>::max();
inline constexpr Cycles kWorkPerTick = 1000;     // cycles a speed-1.0 CPU retires per tick
inline constexpr std::int32_t kSpeedOne = 1000;  // CPU speed 1.0, in thousandths
inline constexpr Pid kNoPid = std::numeric_limits<Pid>::max();
inline constexpr CpuId kNoCpu = std::numeric_limits<CpuId>::max();

}  // namespace ks
