// kernel/exec/chaos.h — seeded chaos: where the harts' slices of user code end, and which
// threads are set back there (kernsim exec|boot|run --chaos SEED; docs/concurrency.md).
//
// WHERE HARTS INTERLEAVE. User code runs ahead one slice at a time (user_executor.h): a hart
// executes its thread's instructions for a budget of cycles at once, and the other harts' slices
// run before or after it in event order. So the only places where another thread can come between
// two instructions of a thread are the ends of its slices, and the only places where a thread on
// the same hart can take over are the preemptions at those ends. Without chaos every slice has
// the full budget (user_slice ticks, cut by the timer), so a racy program loses its updates in one
// way only. Chaos chooses, from a seed, the budget of every slice (the exact cycle where it ends),
// whether the thread is preempted at its end, and for how many ticks it stands still there while
// the other harts run on: a schedule, chosen per slice, that the same seed chooses again.
//
// THE STRATEGIES (what they choose, and why):
//   random              every slice ends at a cycle drawn uniformly from its budget, and one slice
//                       end in 16 is a preemption: many short, varied interleavings; finds bugs
//                       that need one badly placed switch (a lost update) at once.
//   pct                 after Burckhardt et al.'s probabilistic concurrency testing: slices keep
//                       their full length, but in every window of the run's cycles (all harts
//                       counted) DEPTH-1 change points are drawn; at one, the running thread's
//                       slice ends on that exact cycle and the thread's priority drops: it stands
//                       still for a drawn number of ticks and is preempted, while the others run.
//                       A bug that needs d ordered events (the last philosopher taking his left
//                       fork while every other holds his own) is found with probability about
//                       1/(n k^(d-1)), not 1/2^k as by chance.
//   bounded-preemption  as pct's change points, but at most DEPTH of them in the whole run (the
//                       schedules with few preemptions, which CHESS showed find most bugs), each
//                       a plain preemption without standing still.
//
// Determinism: every draw comes from one RandomStream("chaos", seed), in the order the kernel
// asks (event order), with integer arithmetic only; so a seed chooses the same schedule on every
// platform, and `kernsim exec ... --chaos SEED` replays what `kernsim explore` found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim-core/random.h"
#include "sim-core/types.h"

namespace ks {

enum class ChaosStrategy : std::uint8_t { Random, Pct, BoundedPreemption };

std::string_view to_string(ChaosStrategy strategy);
std::optional<ChaosStrategy> chaos_strategy_from_string(std::string_view name);
// "random, pct, bounded-preemption": for messages.
std::string chaos_strategy_names();

struct ChaosConfig {
  bool enabled = false;
  std::uint64_t seed = 0;
  ChaosStrategy strategy = ChaosStrategy::Random;
  int depth = 3;  // pct: change points per window + 1; bounded-preemption: the most preemptions
};

// What chaos chose for the end of one slice.
struct ChaosAction {
  Tick stall = 0;        // ticks the thread stands still after the slice (its end comes later)
  bool preempt = false;  // preempt the thread at the slice's end
};

class Chaos {
 public:
  // FULL_SLICE_CYCLES: the cycles of a full slice (user_slice ticks at speed 1.0), which sets the
  // length of pct's windows (16 slices) and of a stall (up to 4 slices).
  Chaos(const ChaosConfig& config, Cycles full_slice_cycles);

  // The budget (1 .. FULL cycles) of the next slice of a hart whose full budget is FULL (> 0).
  Cycles next_budget(Cycles full);
  // The slice given the last budget ran USED cycles (it may stop early for a trap, or pass its
  // budget by the last instruction's cycles): what happens at its end.
  ChaosAction slice_ran(Cycles used);

  ChaosStrategy strategy() const { return config_.strategy; }
  std::uint64_t points_taken() const { return points_taken_; }

 private:
  void draw_window();

  ChaosConfig config_;
  RandomStream random_;
  Cycles window_;               // pct: the length of a window, in cycles
  Cycles stall_ticks_max_;      // the longest stall
  Cycles steps_ = 0;            // cycles run so far, all harts together
  Cycles window_start_ = 0;     // pct: where the current window begins
  std::vector<Cycles> points_;  // the change points still ahead, ascending
  std::uint64_t points_taken_ = 0;
};

}  // namespace ks
