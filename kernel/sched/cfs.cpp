// kernel/sched/cfs.cpp — the Completely Fair Scheduler (Linux 2.6.23 to 6.5; OSTEP 9.7).
//
// CFS shares the CPU in proportion to weights derived from nice values. Each thread accumulates
// virtual runtime: RAN ticks of CPU add RAN * 1024 / weight (kept in thousandths of a tick), so
// an important thread's clock runs slowly. The scheduler always runs the thread with the least
// vruntime, the leftmost of a tree ordered by (vruntime, tid). A running thread gets a slice of
// the target latency in proportion to its weight,
//     slice = max(min_granularity, target_latency * weight / total runnable weight),
// so every runnable thread runs once per target latency unless there are so many that the
// minimum granularity wins (OSTEP: sched_latency 48 ms, min_granularity 6 ms).
//
// min_vruntime, the smallest vruntime among runnable threads (never decreasing), anchors the
// newcomers: a new thread starts at min_vruntime, and a thread waking from I/O at
//     max(its own vruntime, min_vruntime - target_latency / 2),
// so that sleeping earns a small bonus but cannot be banked to monopolise the CPU afterwards
// (GENTLE_FAIR_SLEEPERS). A woken thread preempts the running one if its vruntime is smaller by
// more than wakeup_granularity.
//
// Simplified: one queue serves all CPUs (total weight counts threads running anywhere), no group
// scheduling, no load tracking, no START_DEBIT for new threads, and the wakeup granularity is not
// scaled by weight.
#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "kernel/sched/node_pool.h"
#include "kernel/sched/registry.h"
#include "kernel/sched/weights.h"

namespace ks {
namespace {

struct CfsConfig {
  Tick target_latency = 20;
  Tick min_granularity = 3;
  Tick wakeup_granularity = 1;
};

class CfsScheduler final : public Scheduler {
 public:
  CfsScheduler(SchedulerContext context, const CfsConfig& config) : context_(std::move(context)), config_(config) {}
  std::string_view name() const override { return "cfs"; }

  void enqueue(Thread& thread, EnqueueReason why, Tick /*now*/) override {
    State& state = state_of(thread.tid);
    state.weight = weight_of_nice(thread.nice);
    if (why == EnqueueReason::Arrival) state.vruntime = min_vruntime_;
    if (why == EnqueueReason::Wakeup) {
      state.vruntime = std::max(state.vruntime, min_vruntime_ - config_.target_latency * 1000 / 2);
    }
    ready_.insert({state.vruntime, thread.tid});
    ready_weight_ += state.weight;
    update_min_vruntime();
  }

  Tid pick_next(CpuId cpu, Tick /*now*/) override {
    for (auto it = ready_.begin(); it != ready_.end(); ++it) {
      if (!context_.thread(it->second).may_run_on(cpu)) continue;
      const auto [vruntime, tid] = *it;
      ready_.erase(it);
      const State& state = state_of(tid);
      ready_weight_ -= state.weight;
      running_.emplace_back(vruntime, tid);
      running_weight_ += state.weight;
      return tid;
    }
    return kNoTid;
  }

  Tick time_slice(const Thread& thread, CpuId /*cpu*/, Tick /*now*/) override {
    return slice_of(state_of(thread.tid).weight);
  }

  bool should_preempt(const Thread& running, CpuId cpu, Tick now) override {
    const State& state = state_of(running.tid);
    const std::int64_t current =
        state.vruntime + virtual_time(std::max<Tick>(0, now - state.dispatched_at), state.weight);
    for (const auto& [vruntime, tid] : ready_) {
      if (current - vruntime <= config_.wakeup_granularity * 1000) return false;
      if (context_.thread(tid).may_run_on(cpu)) return true;
    }
    return false;
  }

  void on_dispatch(Thread& thread, CpuId /*cpu*/, Tick /*now*/) override {
    state_of(thread.tid).dispatched_at = thread.run_start;
  }

  void on_stop(Thread& thread, CpuId /*cpu*/, Tick ran, StopKind /*why*/, Tick /*now*/) override {
    State& state = state_of(thread.tid);
    for (auto& entry : running_) {
      if (entry.second != thread.tid) continue;
      entry = running_.back();
      running_.pop_back();
      break;
    }
    running_weight_ -= state.weight;
    state.vruntime += virtual_time(ran, state.weight);
    update_min_vruntime();
  }

  std::size_t ready_count() const override { return ready_.size(); }

  SchedulerView view() const override {
    QueueView queue{"by vruntime", "vruntime (1/1000 tick of a nice-0 thread)", {}};
    for (const auto& [vruntime, tid] : ready_) queue.entries.push_back({tid, vruntime});
    return {{std::move(queue)},
            {{"min vruntime", min_vruntime_},
             {"runnable weight", ready_weight_ + running_weight_},
             {"target latency", config_.target_latency}}};
  }

 private:
  struct State {
    std::int64_t vruntime = 0;  // thousandths of a tick of a nice-0 thread
    std::int64_t weight = kNiceZeroWeight;
    Tick dispatched_at = 0;
  };

  State& state_of(Tid tid) {
    if (states_.size() <= tid) states_.resize(tid + 1);
    return states_[tid];
  }

  Tick slice_of(std::int64_t weight) const {
    const std::int64_t total = std::max<std::int64_t>(weight, ready_weight_ + running_weight_);
    return std::max(config_.min_granularity, config_.target_latency * weight / total);
  }

  void update_min_vruntime() {
    std::int64_t lowest = INT64_MAX;
    if (!ready_.empty()) lowest = ready_.begin()->first;
    for (const auto& [vruntime, tid] : running_) lowest = std::min(lowest, vruntime);
    if (lowest != INT64_MAX) min_vruntime_ = std::max(min_vruntime_, lowest);
  }

  SchedulerContext context_;
  CfsConfig config_;
  using Entry = std::pair<std::int64_t, Tid>;
  std::set<Entry, std::less<Entry>, NodePool<Entry>> ready_;  // (vruntime, tid): the order of picking
  std::vector<Entry> running_;                                // (vruntime at dispatch, tid): one per busy CPU
  std::int64_t ready_weight_ = 0;
  std::int64_t running_weight_ = 0;
  std::int64_t min_vruntime_ = 0;
  std::vector<State> states_;  // per tid
};

}  // namespace

// registry: scheduler 100
PolicyInfo cfs_policy() {
  return {"cfs",
          "completely fair scheduler (Linux): run the least vruntime, slices shared by nice weights",
          {{"target_latency", ParamType::Integer, "20", "ticks in which every runnable thread should run once", 1,
            kMaxParamTicks},
           {"min_granularity", ParamType::Integer, "3", "the shortest slice, in ticks", 1, kMaxParamTicks},
           {"wakeup_granularity", ParamType::Integer, "1",
            "a woken thread preempts if its vruntime is smaller by more than this (ticks)", 0, kMaxParamTicks}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            CfsConfig config;
            config.target_latency = params.integer("target_latency");
            config.min_granularity = params.integer("min_granularity");
            config.wakeup_granularity = params.integer("wakeup_granularity");
            return std::make_unique<CfsScheduler>(context, config);
          }};
}

}  // namespace ks
