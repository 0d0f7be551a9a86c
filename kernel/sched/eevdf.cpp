// kernel/sched/eevdf.cpp — Earliest Eligible Virtual Deadline First (Stoica and Abdel-Wahab,
// 1995; Linux's fair scheduler since 6.6, replacing CFS).
//
// Like CFS, each thread has a weight from its nice value and a vruntime that grows by
// ran * 1024 / weight. EEVDF adds two ideas:
//   - eligibility: the weighted average V of the runnable threads' vruntimes is where an ideal
//     fair processor would have them all. A thread whose vruntime is at most V has received no
//     more than its share (its lag V - vruntime is >= 0) and is eligible;
//   - virtual deadlines: each thread asks for a slice (base_slice ticks); its deadline is
//     vruntime + base_slice * 1024 / weight. Among the eligible threads the earliest deadline
//     runs, so a thread with a short slice gets low latency without getting more CPU.
// A thread runs until it reaches its deadline (time_slice converts the virtual distance back to
// ticks); then its next deadline is set one slice further. A thread that blocks remembers its lag
// (clamped to two slices) and is placed back with the same lag when it wakes; a new thread enters
// at V with lag 0. A woken thread preempts the running one if EEVDF would now pick it: it is
// eligible and its deadline is earlier than the running thread's, or the running thread is no
// longer eligible.
//
// HOW V IS KEPT. V = sum(v_i * w_i) / sum(w_i) over the runnable threads (ready and running).
// The ready threads' part is kept as a running sum relative to a reference vruntime Z (moved to
// the smallest ready vruntime whenever it is read, so the products stay small): adding or
// removing a thread is O(1). The running threads (at most one a CPU) are added at each read,
// with the vruntime they have reached by then. The result does not depend on Z: floor((X - Z W)
// / W) + Z = floor(X / W) for an integer Z. The ready queue is ordered by (vruntime, tid), so
// the eligible threads (vruntime <= V) are a prefix of it; the pick scans that prefix for the
// earliest deadline. Linux instead augments its red-black tree with each subtree's earliest
// deadline, making the pick O(log n) even when many threads are eligible.
//
// Simplified against Linux 6.6: one queue serves all CPUs and, if no ready thread that may run
// on a CPU is eligible, the one with the smallest vruntime runs (work conservation before strict
// eligibility); new threads get a full slice (no PLACE_DEADLINE_INITIAL halving); no
// RUN_TO_PARITY, no per-thread slice requests (sched_attr), no group scheduling. Ties: earlier
// deadline, then lower tid.
#include <algorithm>
#include <array>
#include <set>
#include <utility>
#include <vector>

#include "kernel/sched/node_pool.h"
#include "kernel/sched/registry.h"
#include "kernel/sched/weights.h"
#include "sim-core/error.h"

namespace ks {
namespace {

class EevdfScheduler final : public Scheduler {
 public:
  EevdfScheduler(SchedulerContext context, Tick base_slice) : context_(std::move(context)), base_slice_(base_slice) {}
  std::string_view name() const override { return "eevdf"; }

  void enqueue(Thread& thread, EnqueueReason why, Tick now) override {
    State& s = state_of(thread.tid);
    const std::int64_t weight = weight_of_nice(thread.nice);
    if (why == EnqueueReason::Arrival || why == EnqueueReason::Wakeup) {
      place(s, weight, why == EnqueueReason::Arrival ? 0 : s.lag, now);
    } else if (s.vruntime >= s.deadline) {
      s.deadline = s.vruntime + virtual_slice(weight);
    }
    ready_.insert({s.vruntime, thread.tid});
    ready_sum_ += (s.vruntime - zero_) * weight;
    ready_weight_ += weight;
    changed();
  }

  Tid pick_next(CpuId cpu, Tick now) override {
    const Tid tid = choose(cpu, now);
    if (tid == kNoTid) return tid;
    const State& s = state_at(tid);
    const std::int64_t weight = weight_of(tid);
    ready_.erase({s.vruntime, tid});
    ready_sum_ -= (s.vruntime - zero_) * weight;
    ready_weight_ -= weight;
    KS_ASSERT(running_.size() < kMaxRunning, "eevdf: more running threads than CPUs the model supports");
    running_.push_back({tid, weight, now});
    changed();
    return tid;
  }

  // Ticks until the thread's vruntime reaches its virtual deadline (at least 1).
  Tick time_slice(const Thread& thread, CpuId /*cpu*/, Tick /*now*/) override {
    const State& s = state_of(thread.tid);
    const std::int64_t virtual_left = std::max<std::int64_t>(0, s.deadline - s.vruntime);
    const std::int64_t scale = 1000 * kNiceZeroWeight;
    return std::max<Tick>(1, (virtual_left * weight_of(thread.tid) + scale - 1) / scale);
  }

  bool should_preempt(const Thread& running, CpuId cpu, Tick now) override {
    const Tid candidate = choose(cpu, now);
    if (candidate == kNoTid) return false;
    const Average average = average_at(now);
    const State& c = state_of(candidate);
    if (!average.eligible(c.vruntime)) return false;
    const State& r = state_of(running.tid);
    return !average.eligible(running_vruntime(running.tid, now)) || c.deadline < r.deadline;
  }

  void on_dispatch(Thread& thread, CpuId /*cpu*/, Tick /*now*/) override {
    running_entry(thread.tid).since = thread.run_start;
    changed();
  }

  void on_stop(Thread& thread, CpuId /*cpu*/, Tick ran, StopKind why, Tick now) override {
    State& s = state_of(thread.tid);
    const std::int64_t weight = weight_of(thread.tid);
    s.vruntime += virtual_time(ran, weight);
    auto& entry = running_entry(thread.tid);
    entry.since = now;  // its vruntime is now up to date: V counts it as it is, once more
    changed();
    if (why == StopKind::Blocked) {
      const std::int64_t limit = 2 * virtual_slice(weight);
      s.lag = std::clamp(average_at(now).value() - s.vruntime, -limit, limit);
    }
    entry = running_.back();
    running_.pop_back();
    changed();
    if (s.vruntime >= s.deadline) s.deadline = s.vruntime + virtual_slice(weight);
    last_now_ = now;
  }

  std::size_t ready_count() const override { return ready_.size(); }
  SchedulerView view() const override;

 private:
  static constexpr std::size_t kMaxRunning = 64;  // CPUs of the largest machine
  struct State {
    std::int64_t vruntime = 0;  // thousandths of a tick of a nice-0 thread
    std::int64_t deadline = 0;  // virtual deadline, same unit
    std::int64_t lag = 0;       // V - vruntime when it last blocked
  };

  // The weighted average of the runnable vruntimes, kept as ZERO + SUM / WEIGHT, exactly; ZERO
  // is the smallest runnable vruntime, so SUM >= 0 and the division rounds down.
  struct Average {
    std::int64_t zero = 0, sum = 0, weight = 0;
    std::int64_t value() const { return weight == 0 ? zero : zero + sum / weight; }
    bool eligible(std::int64_t vruntime) const { return weight == 0 || (vruntime - zero) * weight <= sum; }
  };

  State& state_of(Tid tid) {
    if (states_.size() <= tid) states_.resize(tid + 1);
    return states_[tid];
  }
  const State& state_at(Tid tid) const { return states_[tid]; }
  // The weight comes from the thread's nice value each time (a table look-up), not stored.
  std::int64_t weight_of(Tid tid) const { return weight_of_nice(context_.thread(tid).nice); }
  std::int64_t virtual_slice(std::int64_t weight) const { return virtual_time(base_slice_, weight); }
  struct Running {
    Tid tid = kNoTid;
    std::int64_t weight = kNiceZeroWeight;
    Tick since = 0;  // when it began running
  };
  Running& running_entry(Tid tid) {
    const auto it = std::find_if(running_.begin(), running_.end(), [tid](const Running& e) { return e.tid == tid; });
    KS_ASSERT(it != running_.end(), "eevdf: a stopping or dispatched thread was picked");
    return *it;
  }
  // The vruntime a running thread has reached by NOW.
  std::int64_t running_vruntime(Tid tid, Tick now) const {
    for (const Running& r : running_) {
      if (r.tid == tid) return state_at(tid).vruntime + virtual_time(std::max<Tick>(0, now - r.since), r.weight);
    }
    return state_at(tid).vruntime;
  }

  // V at NOW. Decisions ask for it several times a tick (a pick, then should_preempt for each
  // busy CPU), so the last answer is kept until the time or the runnable set changes.
  Average average_at(Tick now) const {
    if (cached_valid_ && cached_now_ == now) return cached_;
    if (!ready_.empty()) {  // move the reference to the smallest ready vruntime
      const std::int64_t smallest = ready_.begin()->first;
      ready_sum_ -= (smallest - zero_) * ready_weight_;
      zero_ = smallest;
    }
    std::array<std::int64_t, kMaxRunning> reached;  // the running threads' vruntimes by now; [0, count) set
    std::size_t count = 0;
    Average average;
    average.zero = zero_;
    for (const Running& r : running_) {
      const std::int64_t v = state_at(r.tid).vruntime + virtual_time(std::max<Tick>(0, now - r.since), r.weight);
      average.zero = (count == 0 && ready_.empty()) ? v : std::min(average.zero, v);
      reached[count++] = v;
    }
    if (count == 0 && ready_.empty()) {
      average.zero = last_average_;
    } else {
      average.sum = ready_sum_ + (zero_ - average.zero) * ready_weight_;
      average.weight = ready_weight_;
      for (std::size_t i = 0; i < count; ++i) {
        average.sum += (reached[i] - average.zero) * running_[i].weight;
        average.weight += running_[i].weight;
      }
    }
    cached_ = average;
    cached_now_ = now;
    cached_valid_ = true;
    return average;
  }
  void changed() { cached_valid_ = cached_choice_valid_ = false; }

  // Places a thread that joins with LAG: at V - LAG, the lag scaled by (W + w) / W so that its
  // own arrival, which moves V, does not shrink it (Linux place_entity).
  void place(State& s, std::int64_t weight, std::int64_t lag, Tick now) {
    const Average average = average_at(now);
    if (average.weight > 0) lag = lag * (average.weight + weight) / average.weight;
    s.vruntime = average.value() - lag;
    s.deadline = s.vruntime + virtual_slice(weight);
    last_average_ = average.value();
  }

  // The ready thread EEVDF runs next on CPU: the eligible one with the earliest deadline (then
  // the lower tid), else the one with the smallest vruntime (then the lower tid). The eligible
  // ones are the front of the queue, up to the first that is not. The choice for any CPU is
  // kept for the tick (until changed()): when it may run on CPU it is also CPU's choice, as the
  // threads allowed on CPU are a subset; only otherwise is the queue scanned for CPU.
  Tid choose(CpuId cpu, Tick now) {
    last_now_ = now;
    const Average average = average_at(now);
    last_average_ = average.value();
    if (!cached_choice_valid_ || cached_choice_now_ != now) {
      cached_choice_ = scan(average, kNoCpu);
      cached_choice_now_ = now;
      cached_choice_valid_ = true;
    }
    if (cached_choice_ == kNoTid || context_.thread(cached_choice_).may_run_on(cpu)) return cached_choice_;
    return scan(average, cpu);
  }

  // The choice among the threads that may run on CPU (kNoCpu: among all).
  Tid scan(const Average& average, CpuId cpu) const {
    Tid best = kNoTid, fallback = kNoTid;
    for (const auto& [vruntime, tid] : ready_) {
      const bool eligible = average.eligible(vruntime);
      if (!eligible && fallback != kNoTid) break;
      if (cpu != kNoCpu && !context_.thread(tid).may_run_on(cpu)) continue;
      if (fallback == kNoTid) fallback = tid;
      if (!eligible) break;
      const State& s = state_at(tid);
      if (best == kNoTid || s.deadline < state_at(best).deadline ||
          (s.deadline == state_at(best).deadline && tid < best))
        best = tid;
    }
    return best != kNoTid ? best : fallback;
  }

  SchedulerContext context_;
  Tick base_slice_;
  std::set<std::pair<std::int64_t, Tid>, std::less<>, NodePool<std::pair<std::int64_t, Tid>>>
      ready_;                     // (vruntime, tid)
  std::vector<Running> running_;  // one a busy CPU
  std::vector<State> states_;     // per tid
  // The ready threads' part of V: sum of (vruntime - zero_) * weight, and the sum of weights.
  // average_at moves zero_ (and so ready_sum_), which is why they are mutable.
  mutable std::int64_t zero_ = 0, ready_sum_ = 0;
  std::int64_t ready_weight_ = 0;
  std::int64_t last_average_ = 0;  // V when nothing is runnable
  Tick last_now_ = 0;
  mutable Average cached_;  // average_at's last answer, valid at cached_now_ until changed()
  mutable Tick cached_now_ = 0;
  mutable bool cached_valid_ = false;
  Tid cached_choice_ = kNoTid;  // choose's answer for any CPU, valid at cached_choice_now_
  Tick cached_choice_now_ = 0;
  bool cached_choice_valid_ = false;
};

SchedulerView EevdfScheduler::view() const {
  const Average average = average_at(last_now_);
  std::set<std::pair<std::int64_t, Tid>> eligible, waiting;
  for (const auto& [vruntime, tid] : ready_) {
    const State& s = state_at(tid);
    if (average.eligible(s.vruntime)) eligible.insert({s.deadline, tid});
    else waiting.insert({s.vruntime, tid});
  }
  SchedulerView view;
  view.queues.push_back({"eligible, by virtual deadline", "virtual deadline (1/1000 tick of nice 0)", {}});
  for (const auto& [deadline, tid] : eligible) view.queues.back().entries.push_back({tid, deadline});
  view.queues.push_back({"not yet eligible, by vruntime", "vruntime (1/1000 tick of nice 0)", {}});
  for (const auto& [vruntime, tid] : waiting) view.queues.back().entries.push_back({tid, vruntime});
  view.values = {{"average vruntime V", average.value()}, {"base slice", base_slice_}};
  return view;
}

}  // namespace

// registry: scheduler 110
PolicyInfo eevdf_policy() {
  return {"eevdf",
          "earliest eligible virtual deadline first (Linux 6.6+): fair shares by weight, latency by slice",
          {{"base_slice", ParamType::Integer, "3", "ticks a thread asks for at a time; sets its virtual deadline", 1,
            100'000}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            return std::make_unique<EevdfScheduler>(context, params.integer("base_slice"));
          }};
}

}  // namespace ks
