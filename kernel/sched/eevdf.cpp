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
// Simplified against Linux 6.6: V is recomputed by a scan of the runnable threads at each
// decision (Linux keeps running sums in an augmented red-black tree, so this costs O(n) a
// decision); one queue serves all CPUs and, if no ready thread that may run on a CPU is eligible,
// the one with the smallest vruntime runs (work conservation before strict eligibility); new
// threads get a full slice (no PLACE_DEADLINE_INITIAL halving); no RUN_TO_PARITY, no per-thread
// slice requests (sched_attr), no group scheduling. Ties: earlier deadline, then lower tid.
#include <algorithm>
#include <set>
#include <vector>

#include "kernel/sched/policies.h"
#include "kernel/sched/weights.h"

namespace ks {
namespace {

class EevdfScheduler final : public Scheduler {
 public:
  EevdfScheduler(const SchedulerContext& context, Tick base_slice) : context_(context), base_slice_(base_slice) {}
  std::string_view name() const override { return "eevdf"; }

  void enqueue(Thread& thread, EnqueueReason why, Tick now) override {
    State& s = state_of(thread.tid);
    s.weight = weight_of_nice(thread.nice);
    if (why == EnqueueReason::Arrival || why == EnqueueReason::Wakeup) {
      place(s, why == EnqueueReason::Arrival ? 0 : s.lag, now);
    } else if (s.vruntime >= s.deadline) {
      s.deadline = s.vruntime + virtual_slice(s.weight);
    }
    ready_.insert(thread.tid);
  }

  Tid pick_next(CpuId cpu, Tick now) override {
    const Tid tid = choose(cpu, now);
    if (tid == kNoTid) return tid;
    ready_.erase(tid);
    running_.insert(tid);
    State& s = state_of(tid);
    s.running = true;
    s.dispatched_at = now;
    return tid;
  }

  // Ticks until the thread's vruntime reaches its virtual deadline (at least 1).
  Tick time_slice(const Thread& thread, CpuId /*cpu*/, Tick /*now*/) override {
    const State& s = state_of(thread.tid);
    const std::int64_t virtual_left = std::max<std::int64_t>(0, s.deadline - s.vruntime);
    const std::int64_t scale = 1000 * kNiceZeroWeight;
    return std::max<Tick>(1, (virtual_left * s.weight + scale - 1) / scale);
  }

  bool should_preempt(const Thread& running, CpuId cpu, Tick now) override {
    const Tid candidate = choose(cpu, now);
    if (candidate == kNoTid) return false;
    const Average average = average_at(now);
    const State& c = state_of(candidate);
    if (!average.eligible(current(c, now))) return false;
    const State& r = state_of(running.tid);
    return !average.eligible(current(r, now)) || c.deadline < r.deadline;
  }

  void on_dispatch(Thread& thread, CpuId /*cpu*/, Tick /*now*/) override { state_of(thread.tid).dispatched_at = thread.run_start; }

  void on_stop(Thread& thread, CpuId /*cpu*/, Tick ran, StopKind why, Tick now) override {
    State& s = state_of(thread.tid);
    s.vruntime += virtual_time(ran, s.weight);
    s.running = false;
    if (why == StopKind::Blocked) {
      const std::int64_t limit = 2 * virtual_slice(s.weight);
      s.lag = std::clamp(average_at(now).value() - s.vruntime, -limit, limit);
    }
    running_.erase(thread.tid);
    if (s.vruntime >= s.deadline) s.deadline = s.vruntime + virtual_slice(s.weight);
    last_now_ = now;
  }

  std::size_t ready_count() const override { return ready_.size(); }
  SchedulerView view() const override;

 private:
  struct State {
    std::int64_t vruntime = 0;  // thousandths of a tick of a nice-0 thread
    std::int64_t deadline = 0;  // virtual deadline, same unit
    std::int64_t weight = kNiceZeroWeight;
    std::int64_t lag = 0;       // V - vruntime when it last blocked
    Tick dispatched_at = 0;
    bool running = false;
  };

  // The weighted average of the runnable vruntimes, kept as ZERO + SUM / WEIGHT, exactly.
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
  std::int64_t virtual_slice(std::int64_t weight) const { return virtual_time(base_slice_, weight); }
  static std::int64_t current(const State& s, Tick now) {
    return s.running ? s.vruntime + virtual_time(std::max<Tick>(0, now - s.dispatched_at), s.weight) : s.vruntime;
  }

  Average average_at(Tick now) const {
    Average average;
    bool first = true;
    for (const auto* set : {&ready_, &running_}) {
      for (const Tid tid : *set) {
        const std::int64_t v = current(state_at(tid), now);
        average.zero = first ? v : std::min(average.zero, v);
        first = false;
      }
    }
    if (first) average.zero = last_average_;
    for (const auto* set : {&ready_, &running_}) {
      for (const Tid tid : *set) {
        const State& s = state_at(tid);
        average.sum += (current(s, now) - average.zero) * s.weight;
        average.weight += s.weight;
      }
    }
    return average;
  }

  // Places a thread that joins with LAG: at V - LAG, the lag scaled by (W + w) / W so that its
  // own arrival, which moves V, does not shrink it (Linux place_entity).
  void place(State& s, std::int64_t lag, Tick now) {
    const Average average = average_at(now);
    if (average.weight > 0) lag = lag * (average.weight + s.weight) / average.weight;
    s.vruntime = average.value() - lag;
    s.deadline = s.vruntime + virtual_slice(s.weight);
    last_average_ = average.value();
  }

  // The ready thread EEVDF runs next on CPU: the eligible one with the earliest deadline, else
  // the one with the smallest vruntime.
  Tid choose(CpuId cpu, Tick now) {
    last_now_ = now;
    const Average average = average_at(now);
    last_average_ = average.value();
    Tid best = kNoTid, fallback = kNoTid;
    for (const Tid tid : ready_) {
      if (!context_.thread(tid).may_run_on(cpu)) continue;
      const State& s = state_at(tid);
      if (fallback == kNoTid || s.vruntime < state_at(fallback).vruntime) fallback = tid;
      if (average.eligible(s.vruntime) && (best == kNoTid || s.deadline < state_at(best).deadline)) best = tid;
    }
    return best != kNoTid ? best : fallback;
  }

  SchedulerContext context_;
  Tick base_slice_;
  std::set<Tid> ready_;    // tid order, so that equal deadlines go to the lower tid
  std::set<Tid> running_;
  std::vector<State> states_;  // per tid
  std::int64_t last_average_ = 0;  // V when nothing is runnable
  Tick last_now_ = 0;
};

SchedulerView EevdfScheduler::view() const {
  const Average average = average_at(last_now_);
  std::set<std::pair<std::int64_t, Tid>> eligible, waiting;
  for (const Tid tid : ready_) {
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

PolicyInfo eevdf_policy() {
  return {"eevdf",
          "earliest eligible virtual deadline first (Linux 6.6+): fair shares by weight, latency by slice",
          {{"base_slice", ParamType::Integer, "3", "ticks a thread asks for at a time; sets its virtual deadline", 1}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            return std::make_unique<EevdfScheduler>(context, params.integer("base_slice"));
          }};
}

}  // namespace ks
