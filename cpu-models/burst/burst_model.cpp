// cpu-models/burst/burst_model.cpp — running burst scripts (what a script is: burst_model.h).
//
// Every context's bursts sit in one shared array of lengths; a context keeps where its script
// starts, its length, the next burst and the cycles left in the current CPU burst. A run that
// uses up a CPU burst stops with the following I/O burst and already loads the CPU burst after
// it, so the kernel only has to wait out the I/O and run the context again.
#include "cpu-models/burst/burst_model.h"

#include <algorithm>

#include "sim-core/error.h"

namespace ks {

std::string_view to_string(StopReason reason) {
  switch (reason) {
    case StopReason::BudgetSpent: return "budget_spent";
    case StopReason::IoRequest: return "io_request";
    case StopReason::Syscall: return "syscall";
    case StopReason::PageFault: return "page_fault";
    case StopReason::IllegalInstruction: return "illegal_instruction";
    case StopReason::Breakpoint: return "breakpoint";
    case StopReason::MisalignedAccess: return "misaligned_access";
    case StopReason::Exit: return "exit";
  }
  return "unknown";
}

ContextId BurstModel::add_context(std::span<const Burst> script) {
  KS_ASSERT(!script.empty() && script.size() % 2 == 1, "a burst script has an odd number of bursts");
  Context context;
  context.first = static_cast<std::uint32_t>(lengths_.size());
  context.count = static_cast<std::uint32_t>(script.size());
  for (std::size_t i = 0; i < script.size(); ++i) {
    KS_ASSERT(script[i].kind == (i % 2 == 0 ? Burst::Kind::Cpu : Burst::Kind::Io),
              "a burst script alternates CPU and I/O, starting with CPU");
    KS_ASSERT(script[i].length > 0, "bursts have positive lengths");
    lengths_.push_back(script[i].length);
  }
  context.next = 1;
  context.remaining = script[0].length * kWorkPerTick;
  contexts_.push_back(context);
  return static_cast<ContextId>(contexts_.size() - 1);
}

StopInfo BurstModel::run(CpuId /*hart*/, ContextId id, Cycles budget) {
  KS_ASSERT(id < contexts_.size(), "run() is given a context this model made");
  Context& context = contexts_[id];
  KS_ASSERT(context.remaining > 0, "a context that exited is not run again");
  StopInfo stop;
  stop.used = std::min(budget, context.remaining);
  context.remaining -= stop.used;
  if (context.remaining > 0) return stop;  // BudgetSpent
  if (context.next >= context.count) {
    stop.reason = StopReason::Exit;
    return stop;
  }
  stop.reason = StopReason::IoRequest;
  stop.detail = lengths_[context.first + context.next];
  context.remaining = lengths_[context.first + context.next + 1] * kWorkPerTick;
  context.next += 2;
  return stop;
}

Tick BurstModel::total_cpu_ticks(ContextId id) const {
  const Context& context = contexts_[id];
  Tick total = 0;
  for (std::uint32_t i = 0; i < context.count; i += 2) total += lengths_[context.first + i];
  return total;
}

}  // namespace ks
