// kernel/sched/stride.cpp — Stride scheduling (Waldspurger and Weihl, 1995; OSTEP 9.6).
//
// The deterministic twin of lottery scheduling. Each thread has a stride, inversely proportional
// to its tickets (stride = stride_constant / tickets), and a pass, its progress in virtual time.
// The scheduler runs the thread with the smallest pass; after it ran for RAN ticks its pass
// grows by stride * RAN. Over any interval each thread's share of the CPU matches its share of
// the tickets to within one quantum, where lottery is only right on average.
//
// The price is global state: a thread that arrives must be given a pass. Given 0 it would
// monopolise the CPU until it caught up. So it joins at global_pass, the smallest pass of the
// threads competing now (ready or running), as in Waldspurger's paper. A thread that wakes from
// I/O keeps its own pass if it is ahead (it cannot gain by sleeping) and joins at global_pass if
// it fell behind (it cannot bank the time it slept). The paper instead remembers the distance
// to global_pass at leaving and restores it at joining; this simpler rule is what Linux CFS does.
//
// stride_constant / tickets is an integer division (at least 1): choose tickets that divide the
// constant for exact shares. Ties: lower pass, then lower tid.
//
// Lab "scheduling" (labs/scheduling/handout.md): students write the marked solution regions of
// this file. In the student tree (labs/tools/make-handout) each region is its TODO and starter
// code; kgrade's runner compiles this file from a submission in place of this one
// (cmake/KsLabs.cmake).
#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "kernel/sched/registry.h"

namespace ks {
namespace {

class StrideScheduler final : public Scheduler {
 public:
  StrideScheduler(SchedulerContext context, Tick quantum, std::int64_t stride_constant)
      : context_(std::move(context)), quantum_(quantum), stride_constant_(stride_constant) {}
  std::string_view name() const override { return "stride"; }

  void enqueue(Thread& thread, EnqueueReason why, Tick /*now*/) override {
    State& state = state_of(thread.tid);
    // BEGIN SOLUTION: TODO: compute the thread's stride from its tickets; bring global_pass up to
    // date (update_global_pass); an arriving thread starts at global_pass, a waking one at
    // max(its pass, global_pass). Then insert it into ready_ as (pass, tid).
    state.stride = std::max<std::int64_t>(1, stride_constant_ / std::max<std::int64_t>(1, thread.tickets));
    update_global_pass();
    if (why == EnqueueReason::Arrival) state.pass = global_pass_;
    if (why == EnqueueReason::Wakeup) state.pass = std::max(state.pass, global_pass_);
    //> (void)why;
    // END SOLUTION
    ready_.insert({state.pass, thread.tid});
  }

  Tid pick_next(CpuId cpu, Tick /*now*/) override {
    for (auto it = ready_.begin(); it != ready_.end(); ++it) {
      if (context_.thread(it->second).may_run_on(cpu)) {
        const Tid tid = it->second;
        ready_.erase(it);
        running_.insert({state_of(tid).pass, tid});
        return tid;
      }
    }
    return kNoTid;
  }

  Tick time_slice(const Thread& /*thread*/, CpuId /*cpu*/, Tick /*now*/) override { return quantum_; }

  void on_stop(Thread& thread, CpuId /*cpu*/, Tick ran, StopKind /*why*/, Tick /*now*/) override {
    State& state = state_of(thread.tid);
    running_.erase({state.pass, thread.tid});
    // BEGIN SOLUTION: TODO: advance the thread's pass by stride * RAN; update global_pass.
    state.pass += state.stride * ran;
    update_global_pass();
    //> (void)ran;
    // END SOLUTION
  }

  std::size_t ready_count() const override { return ready_.size(); }

  SchedulerView view() const override {
    QueueView queue{"by pass", "pass", {}};
    for (const auto& [pass, tid] : ready_) queue.entries.push_back({tid, pass});
    return {{std::move(queue)}, {{"global pass", global_pass_}, {"quantum", quantum_}}};
  }

 private:
  struct State {
    std::int64_t pass = 0;
    std::int64_t stride = 1;
  };

  State& state_of(Tid tid) {
    if (states_.size() <= tid) states_.resize(tid + 1);
    return states_[tid];
  }

  // global_pass: the smallest pass among ready and running threads; it never moves back.
  void update_global_pass() {
    std::int64_t lowest = INT64_MAX;
    if (!ready_.empty()) lowest = ready_.begin()->first;
    if (!running_.empty()) lowest = std::min(lowest, running_.begin()->first);
    if (lowest != INT64_MAX) global_pass_ = std::max(global_pass_, lowest);
  }

  SchedulerContext context_;
  Tick quantum_;
  std::int64_t stride_constant_;
  std::set<std::pair<std::int64_t, Tid>> ready_;    // (pass, tid): the order of picking
  std::set<std::pair<std::int64_t, Tid>> running_;  // (pass at dispatch, tid)
  std::vector<State> states_;                       // per tid
  std::int64_t global_pass_ = 0;
};

}  // namespace

// registry: scheduler 80
PolicyInfo stride_policy() {
  return {"stride",
          "stride: deterministic proportional share, run the smallest pass, pass += stride per tick run",
          {{"quantum", ParamType::Integer, "1", "ticks a thread runs before the next decision", 1, kMaxParamTicks},
           {"stride_constant", ParamType::Integer, "10000", "stride = stride_constant / tickets", 1, INT64_C(1) << 40}},
          [](const PolicyParams& params, const SchedulerContext& context) {
            return std::make_unique<StrideScheduler>(context, params.integer("quantum"),
                                                     params.integer("stride_constant"));
          }};
}

}  // namespace ks
