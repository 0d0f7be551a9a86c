// cpu-models/cpu_model.h — how a hart executes: one small interface, several models.
//
// The kernel never executes anything itself. It hands an execution context (the state of one
// thread of user code: a burst script, a RISC-V register file, a memory-reference trace) to a
// CPU model and asks: "run this for at most BUDGET cycles on hart HART; tell me why you
// stopped". The answer is a StopInfo: the cycles actually used and the reason (the budget was
// spent, the code asked for I/O or made a system call, it faulted, it exited).
//
// Models keep their contexts themselves, in tables indexed by ContextId, so a million
// contexts cost a few words each and no allocation per thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim-core/types.h"

namespace ks {

using ContextId = std::uint32_t;

inline constexpr Cycles kUnknownCycles = -1;

enum class StopReason : std::uint8_t {
  BudgetSpent,         // ran the whole budget; the context can continue
  IoRequest,           // wants I/O for `detail` ticks (the burst model's I/O burst)
  Syscall,             // executed a system call; `detail` is its number (rv32ima: ecall)
  PageFault,           // `detail` is the faulting address
  IllegalInstruction,  // `instruction` holds the bits, `pc` the address
  Breakpoint,          // ebreak
  MisalignedAccess,    // `detail` is the address
  Exit,                // finished; `detail` is the exit status
};

struct StopInfo {
  Cycles used = 0;
  StopReason reason = StopReason::BudgetSpent;
  std::int64_t detail = 0;
  std::uint32_t pc = 0;
  std::uint32_t instruction = 0;
};

class CpuModel {
 public:
  virtual ~CpuModel() = default;
  virtual std::string_view name() const = 0;

  // Runs CONTEXT on hart HART for at most BUDGET (>= 0) cycles and says why it stopped.
  virtual StopInfo run(CpuId hart, ContextId context, Cycles budget) = 0;

  // The cycles CONTEXT will run before it stops by itself, when the model can know that
  // (a burst script can; real code cannot): kUnknownCycles otherwise.
  virtual Cycles cycles_until_stop(ContextId /*context*/) const { return kUnknownCycles; }
};

std::string_view to_string(StopReason reason);

}  // namespace ks
