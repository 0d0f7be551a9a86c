#include "kernel/sched/shortest_first.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim-core/error.h"

namespace ks {
namespace {

constexpr std::int64_t kMillion = 1'000'000;
constexpr std::int64_t kUnknownEstimate = INT64_MAX / 4;  // a burst nobody can predict runs last

}  // namespace

BurstEstimator::BurstEstimator(Mode mode, std::int64_t alpha_ppm, Tick initial)
    : mode_(mode), alpha_ppm_(alpha_ppm), initial_(initial * 1000) {}

std::int64_t& BurstEstimator::tau(Tid tid) const {
  if (tau_.size() <= tid) tau_.resize(tid + 1, -1);
  if (tau_[tid] < 0) tau_[tid] = initial_;
  return tau_[tid];
}

std::int64_t BurstEstimator::remaining(const Thread& thread, Tick ran) const {
  if (mode_ == Mode::Oracle) {
    if (thread.remaining_burst == kUnknownCycles) return kUnknownEstimate;
    return thread.remaining_burst * 1000 / kWorkPerTick;  // cycles at speed 1.0 -> thousandths of a tick
  }
  return std::max<std::int64_t>(0, tau(thread.tid) - ran * 1000);
}

void BurstEstimator::burst_completed(const Thread& thread) {
  std::int64_t& estimate = tau(thread.tid);
  const std::int64_t observed = thread.last_burst * 1000;
  estimate = (alpha_ppm_ * observed + (kMillion - alpha_ppm_) * estimate) / kMillion;
}

ShortestFirstScheduler::ShortestFirstScheduler(SchedulerContext context, std::string_view name, bool preemptive,
                                               BurstEstimator estimator)
    : context_(std::move(context)), name_(name), preemptive_(preemptive), estimator_(std::move(estimator)) {}

Tick& ShortestFirstScheduler::per_thread(std::vector<Tick>& table, Tid tid) {
  if (table.size() <= tid) table.resize(tid + 1, 0);
  return table[tid];
}

void ShortestFirstScheduler::enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) {
  const Tick ran = per_thread(ran_in_burst_, thread.tid);
  ready_.insert({estimator_.remaining(thread, ran), thread.ready_since, thread.tid});
}

Tid ShortestFirstScheduler::pick_next(CpuId cpu, Tick /*now*/) {
  for (auto it = ready_.begin(); it != ready_.end(); ++it) {
    const Tid tid = std::get<2>(*it);
    if (context_.thread(tid).may_run_on(cpu)) {
      ready_.erase(it);
      return tid;
    }
  }
  return kNoTid;
}

// STCF: preempt when a ready thread that may run here has strictly less left than RUNNING.
bool ShortestFirstScheduler::should_preempt(const Thread& running, CpuId cpu, Tick now) {
  if (!preemptive_) return false;
  const Tick ran =
      per_thread(ran_in_burst_, running.tid) + std::max<Tick>(0, now - per_thread(dispatched_at_, running.tid));
  const std::int64_t left = estimator_.remaining(running, ran);
  for (const Key& key : ready_) {
    if (std::get<0>(key) >= left) return false;
    if (context_.thread(std::get<2>(key)).may_run_on(cpu)) return true;
  }
  return false;
}

void ShortestFirstScheduler::on_dispatch(Thread& thread, CpuId /*cpu*/, Tick /*now*/) {
  per_thread(dispatched_at_, thread.tid) = thread.run_start;  // time run counts after the context switch
}

void ShortestFirstScheduler::on_stop(Thread& thread, CpuId /*cpu*/, Tick ran, StopKind why, Tick /*now*/) {
  Tick& so_far = per_thread(ran_in_burst_, thread.tid);
  if (why == StopKind::Blocked || why == StopKind::Exited) {
    estimator_.burst_completed(thread);
    so_far = 0;
  } else {
    so_far += ran;
  }
}

SchedulerView ShortestFirstScheduler::view() const {
  const bool oracle = estimator_.mode() == BurstEstimator::Mode::Oracle;
  QueueView queue{"ready", oracle ? "remaining burst (1/1000 tick)" : "estimated remaining burst (1/1000 tick)", {}};
  for (const Key& key : ready_) queue.entries.push_back({std::get<2>(key), std::get<0>(key)});
  return {{std::move(queue)}, {}};
}

std::vector<ParamSpec> shortest_first_params() {
  return {
      {"estimate",
       ParamType::Text,
       "oracle",
       "how burst lengths are known: oracle (the true length) or exponential (predicted)",
       INT64_MIN,
       INT64_MAX,
       {"oracle", "exponential"}},
      {"alpha", ParamType::Real, "0.5", "exponential: weight of the last burst in the prediction (0..1)", 0, 1},
      {"initial_estimate", ParamType::Integer, "10", "exponential: the prediction before any burst completed, in ticks",
       0, kMaxParamTicks},
  };
}

std::unique_ptr<Scheduler> make_shortest_first(const PolicyParams& params, const SchedulerContext& context,
                                               std::string_view name, bool preemptive) {
  const bool oracle = params.text("estimate") == "oracle";
  // alpha enters the arithmetic once, here, rounded to millionths: decisions stay integer.
  const auto alpha_ppm = static_cast<std::int64_t>(std::llround(params.real("alpha") * 1e6));
  BurstEstimator estimator(oracle ? BurstEstimator::Mode::Oracle : BurstEstimator::Mode::Exponential, alpha_ppm,
                           params.integer("initial_estimate"));
  return std::make_unique<ShortestFirstScheduler>(context, name, preemptive, std::move(estimator));
}

}  // namespace ks
