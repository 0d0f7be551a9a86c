// kernel/sched/shortest_first.h — what Shortest Job First (sjf.cpp) and Shortest Time-to-
// Completion First (stcf.cpp) share: a ready set ordered by the estimated length of what is
// left of each thread's CPU burst, and the two ways to estimate it.
//
// "oracle" reads the true remaining burst from the kernel (thread.remaining_burst), which only a
// simulator can know; it is the textbook's idealisation. "exponential" predicts the next burst
// from the past ones by exponential averaging (Silberschatz 5.3.2):
//     tau_{n+1} = alpha * t_n + (1 - alpha) * tau_n
// where t_n is the length of the burst that just completed (thread.last_burst). Estimates are
// kept in thousandths of a tick, and alpha in millionths, so every decision is integer.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "kernel/sched/registry.h"

namespace ks {

class BurstEstimator {
 public:
  enum class Mode : std::uint8_t { Oracle, Exponential };
  // ALPHA_PPM: alpha in millionths; INITIAL: the first estimate, in ticks.
  BurstEstimator(Mode mode, std::int64_t alpha_ppm, Tick initial);

  // The estimate of what is left of THREAD's current burst, in thousandths of a tick, after it
  // has run RAN ticks of it.
  std::int64_t remaining(const Thread& thread, Tick ran) const;
  // THREAD's burst just completed (thread.last_burst holds its length): update its prediction.
  void burst_completed(const Thread& thread);
  Mode mode() const { return mode_; }

 private:
  std::int64_t& tau(Tid tid) const;

  Mode mode_;
  std::int64_t alpha_ppm_;
  std::int64_t initial_;                   // thousandths of a tick
  mutable std::vector<std::int64_t> tau_;  // per tid, thousandths of a tick; -1 = none yet
};

class ShortestFirstScheduler final : public Scheduler {
 public:
  ShortestFirstScheduler(SchedulerContext context, std::string_view name, bool preemptive, BurstEstimator estimator);
  std::string_view name() const override { return name_; }
  void enqueue(Thread& thread, EnqueueReason why, Tick now) override;
  Tid pick_next(CpuId cpu, Tick now) override;
  bool should_preempt(const Thread& running, CpuId cpu, Tick now) override;
  void on_dispatch(Thread& thread, CpuId cpu, Tick now) override;
  void on_stop(Thread& thread, CpuId cpu, Tick ran, StopKind why, Tick now) override;
  std::size_t ready_count() const override { return ready_.size(); }
  SchedulerView view() const override;

 private:
  // (estimated remaining burst, ready since, tid): the set's order is the order of picking.
  using Key = std::tuple<std::int64_t, Tick, Tid>;
  Tick& per_thread(std::vector<Tick>& table, Tid tid);

  SchedulerContext context_;
  std::string name_;
  bool preemptive_;
  BurstEstimator estimator_;
  std::set<Key> ready_;
  std::vector<Tick> ran_in_burst_;   // per tid: ticks of the current burst run before this dispatch
  std::vector<Tick> dispatched_at_;  // per tid: when it was last dispatched
};

// The parameters both policies declare, and the factory both use.
std::vector<ParamSpec> shortest_first_params();
std::unique_ptr<Scheduler> make_shortest_first(const PolicyParams& params, const SchedulerContext& context,
                                               std::string_view name, bool preemptive);

}  // namespace ks
