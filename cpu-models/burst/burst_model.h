// cpu-models/burst/burst_model.h — a synthetic process: a script of CPU and I/O bursts.
//
// This is the process of scheduling textbooks: "A runs for 5, does I/O for 3, runs for 2".
// A script alternates CPU and I/O bursts and starts and ends with a CPU burst. CPU bursts are
// stored in cycles (ticks at speed 1.0 times kWorkPerTick), I/O bursts in ticks.
//
// run() consumes cycles of the current CPU burst. When the burst is used up it stops: with
// IoRequest (detail = the I/O burst's ticks) and moves past that I/O burst, so the next run()
// continues with the following CPU burst; or with Exit (detail 0) after the last burst.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cpu-models/cpu_model.h"

namespace ks {

struct Burst {
  enum class Kind : std::uint8_t { Cpu, Io };
  Kind kind = Kind::Cpu;
  Tick length = 0;  // ticks, at speed 1.0 for CPU bursts

  friend bool operator==(const Burst&, const Burst&) = default;
};

class BurstModel : public CpuModel {
 public:
  std::string_view name() const override { return "burst"; }

  // Adds a context that runs SCRIPT (which must alternate, start and end with CPU, and have
  // positive lengths; the scenario reader checks this for user input).
  ContextId add_context(std::span<const Burst> script);
  // Makes room for COUNT more contexts with BURSTS bursts in all.
  void reserve(std::size_t count, std::size_t bursts) {
    contexts_.reserve(contexts_.size() + count);
    lengths_.reserve(lengths_.size() + bursts);
  }

  StopInfo run(CpuId hart, ContextId id, Cycles budget) override;
  Cycles cycles_until_stop(ContextId context) const override { return contexts_[context].remaining; }

  // The total CPU ticks (at speed 1.0) the script of context ID asks for, in all its bursts.
  Tick total_cpu_ticks(ContextId id) const;
  std::size_t context_count() const { return contexts_.size(); }

 private:
  struct Context {
    std::uint32_t first = 0;  // index of its first burst in lengths_
    std::uint32_t count = 0;  // bursts in its script
    std::uint32_t next = 0;   // index within the script of the burst after the current CPU burst
    Cycles remaining = 0;     // cycles left in the current CPU burst
  };
  std::vector<Context> contexts_;
  std::vector<Tick> lengths_;  // all scripts back to back; even positions are CPU bursts
};

}  // namespace ks
