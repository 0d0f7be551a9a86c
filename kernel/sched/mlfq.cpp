// kernel/sched/mlfq.cpp — the Multi-Level Feedback Queue (Corbató's CTSS, 1962; OSTEP ch. 8).
//
// MLFQ learns what a thread is from how it behaves, with no oracle. There are several queues,
// level 0 the most important; the rules, as OSTEP states them:
//   1. If Priority(A) > Priority(B), A runs (B doesn't); a thread that becomes ready at a more
//      important level preempts the running one.
//   2. If Priority(A) = Priority(B), A and B run round robin, with the level's quantum.
//   3. A new thread enters at the top level.
//   4. Once a thread uses up its allotment at a level (however many times it gave up the CPU
//      before), it moves down one level. The allotment is accounted across runs, so a thread
//      cannot game the scheduler by yielding just before its quantum ends.
//   5. Every boost_interval ticks, every thread moves to the top level, with fresh allotments:
//      long jobs cannot starve, and a job whose behaviour changed is re-learned.
// "boost_on_io" restores the older, gameable rule: a thread that blocks comes back at the top
// with a fresh allotment (OSTEP Figure 8.5, left).
//
// A run is limited to min(the level's quantum, the allotment left), so a thread is demoted the
// moment its allotment is spent. A thread preempted by a more important one keeps its level and
// its remaining allotment and goes to the back of its queue. The cost of MLFQ is its many knobs
// (levels, quanta, allotments, boost interval: "voo-doo constants", OSTEP 8.6).
//
// Lab "scheduling" (labs/scheduling/handout.md): students write the marked solution regions of
// this file. In the student tree (labs/tools/make-handout) each region is its TODO and starter
// code; kgrade's runner compiles this file from a submission in place of this one
// (cmake/KsLabs.cmake).
#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "kernel/sched/fifo_queue.h"
#include "kernel/sched/registry.h"
#include "sim-core/error.h"

namespace ks {
namespace {

struct MlfqConfig {
  std::vector<Tick> quantum;    // per level
  std::vector<Tick> allotment;  // per level
  Tick boost_interval = 0;      // 0: never
  bool boost_on_io = false;
};

class MlfqScheduler final : public Scheduler {
 public:
  MlfqScheduler(SchedulerContext context, MlfqConfig config)
      : context_(std::move(context)), config_(std::move(config)), levels_(config_.quantum.size()) {}
  std::string_view name() const override { return "mlfq"; }

  void enqueue(Thread& thread, EnqueueReason why, Tick /*now*/) override {
    State& state = state_of(thread.tid);
    // BEGIN SOLUTION: TODO (rule 3, and boost_on_io): a new thread starts at level 0 with a fresh
    // allotment; so does a thread that wakes up, when config_.boost_on_io is set. Then queue the
    // thread at the back of its level.
    if (why == EnqueueReason::Arrival || (why == EnqueueReason::Wakeup && config_.boost_on_io)) reset(state, 0);
    levels_[state.level].push(thread.tid);
    //> (void)why;
    //> (void)state;
    //> levels_[0].push(thread.tid);  // starter code: one level only
    // END SOLUTION
    ++ready_;
  }

  Tid pick_next(CpuId cpu, Tick /*now*/) override {
    // BEGIN SOLUTION: TODO (rules 1 and 2): take the first thread of the most important level
    // that has one for this CPU (FifoQueue::pick respects affinity).
    for (FifoQueue& level : levels_) {
      const Tid tid = level.pick(cpu, context_);
      if (tid != kNoTid) {
        --ready_;
        return tid;
      }
    }
    return kNoTid;
    //> const Tid tid = levels_[0].pick(cpu, context_);  // starter code: one level only
    //> if (tid != kNoTid) --ready_;
    //> return tid;
    // END SOLUTION
  }

  Tick time_slice(const Thread& thread, CpuId /*cpu*/, Tick /*now*/) override {
    // BEGIN SOLUTION: TODO: the level's quantum, but never more than the allotment left (at least 1).
    const State& state = state_of(thread.tid);
    return std::max<Tick>(1, std::min(config_.quantum[state.level], state.allotment_left));
    //> (void)thread;
    //> return config_.quantum[0];  // starter code
    // END SOLUTION
  }

  bool should_preempt(const Thread& running, CpuId cpu, Tick /*now*/) override {
    // BEGIN SOLUTION: TODO (rule 1): preempt RUNNING when a thread that may run on CPU waits at a
    // more important level than RUNNING's.
    const std::size_t level = state_of(running.tid).level;
    for (std::size_t above = 0; above < level; ++above) {
      for (const Tid tid : levels_[above].items()) {
        if (context_.thread(tid).may_run_on(cpu)) return true;
      }
    }
    return false;
    //> (void)running;
    //> (void)cpu;
    //> return false;  // starter code
    // END SOLUTION
  }

  void on_dispatch(Thread& thread, CpuId /*cpu*/, Tick now) override {
    State& state = state_of(thread.tid);
    state.running = true;
    state.charge_from = now;
  }

  void on_stop(Thread& thread, CpuId /*cpu*/, Tick ran, StopKind why, Tick now) override {
    State& state = state_of(thread.tid);
    state.running = false;
    // BEGIN SOLUTION: TODO (rule 4, the anti-gaming accounting): charge the ticks this run used
    // against the thread's allotment -- only those since state.charge_from, because a boost in
    // the middle of a run gave a fresh allotment -- and when the allotment is spent, move the
    // thread down one level (not below the last) with that level's fresh allotment.
    state.allotment_left -= std::min(ran, std::max<Tick>(0, now - state.charge_from));
    if (state.allotment_left <= 0) reset(state, std::min(state.level + 1, levels_.size() - 1));
    //> (void)ran;
    //> (void)now;
    // END SOLUTION
    if (why == StopKind::Exited) state.exited = true;
  }

  Tick next_periodic(Tick now) const override {
    if (config_.boost_interval == 0) return kNever;
    return (now / config_.boost_interval + 1) * config_.boost_interval;
  }

  // Rule 5: everyone to the top level, in order of their current level, with fresh allotments.
  void on_periodic(Tick now) override {
    // BEGIN SOLUTION: TODO (rule 5): move every ready thread to level 0, keeping their order
    // (level 0's first, then level 1's, ...); give every thread that has not exited a fresh
    // level-0 allotment, and restart the charging of a running thread from NOW.
    FifoQueue top;
    for (FifoQueue& level : levels_) {
      for (const Tid tid : level.items()) top.push(tid);
      level = FifoQueue();
    }
    levels_[0] = std::move(top);
    for (State& state : states_) {
      if (state.exited) continue;
      reset(state, 0);
      if (state.running) state.charge_from = now;
    }
    //> (void)now;
    // END SOLUTION
    ++boosts_;
  }

  std::size_t ready_count() const override { return ready_; }

  SchedulerView view() const override {
    SchedulerView view;
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      QueueView queue = levels_[i].view("level " + std::to_string(i));
      queue.value_label = "allotment left (ticks)";
      for (auto& entry : queue.entries) entry.value = states_[entry.tid].allotment_left;
      view.queues.push_back(std::move(queue));
    }
    if (config_.boost_interval > 0) view.values.emplace_back("boosts so far", boosts_);
    return view;
  }

 private:
  struct State {
    std::size_t level = 0;
    Tick allotment_left = 0;
    Tick charge_from = 0;  // time from which the current run counts against the allotment
    bool running = false;
    bool exited = false;
  };

  State& state_of(Tid tid) {
    if (states_.size() <= tid) states_.resize(tid + 1, State{0, config_.allotment[0], 0, false, false});
    return states_[tid];
  }
  void reset(State& state, std::size_t level) const {
    state.level = level;
    state.allotment_left = config_.allotment[level];
  }

  SchedulerContext context_;
  MlfqConfig config_;
  std::vector<FifoQueue> levels_;
  std::vector<State> states_;  // per tid
  std::size_t ready_ = 0;
  std::int64_t boosts_ = 0;
};

// Reads KEY's TEXT: one positive number for every level, or a comma-separated list with one
// per level. EMPTY_MEANS is returned for an empty text. Throws InputError naming the key.
std::vector<Tick> per_level(const std::string& key, const std::string& text, std::size_t levels,
                            const std::vector<Tick>& empty_means) {
  if (text.empty()) return empty_means;
  const auto fail = [&](const std::string& problem) {
    throw InputError({"", 0, 0, "kernel.scheduler." + key}, problem);
  };
  std::vector<Tick> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::size_t first = start, last = comma;
    while (first < last && text[first] == ' ') ++first;
    while (last > first && text[last - 1] == ' ') --last;
    Tick value = 0;
    const auto [end, error] = std::from_chars(text.data() + first, text.data() + last, value);
    if (first == last || error != std::errc() || end != text.data() + last || value < 1) {
      fail("expected positive whole numbers of ticks separated by commas, got \"" + text + "\"");
    }
    values.push_back(value);
    start = comma + 1;
  }
  if (values.size() == 1) return std::vector<Tick>(levels, values[0]);
  if (values.size() != levels) {
    fail("gives " + std::to_string(values.size()) + " values but levels is " + std::to_string(levels) +
         " (give one value for every level, or a single value for all)");
  }
  return values;
}

MlfqConfig mlfq_config(const PolicyParams& params) {
  const auto levels = static_cast<std::size_t>(params.integer("levels"));
  std::vector<Tick> doubling;
  for (std::size_t i = 0; i < levels; ++i) doubling.push_back(Tick{2} << std::min<std::size_t>(i, 40));
  MlfqConfig config;
  config.quantum = per_level("quantum", params.text("quantum"), levels, doubling);
  config.allotment = per_level("allotment", params.text("allotment"), levels, config.quantum);
  config.boost_interval = params.integer("boost_interval");
  config.boost_on_io = params.flag("boost_on_io");
  return config;
}

std::unique_ptr<Scheduler> make_mlfq(const PolicyParams& params, const SchedulerContext& context) {
  return std::make_unique<MlfqScheduler>(context, mlfq_config(params));
}

// The quanta and allotments in force, one per level ("2,4,8"), where the defaults left them empty.
PolicyParams mlfq_in_force(const PolicyParams& params) {
  const MlfqConfig config = mlfq_config(params);
  const auto list = [](const std::vector<Tick>& values) {
    std::string text;
    for (const Tick value : values) text += (text.empty() ? "" : ",") + std::to_string(value);
    return text;
  };
  PolicyParams in_force = params;
  in_force.set("quantum", list(config.quantum));
  in_force.set("allotment", list(config.allotment));
  return in_force;
}

}  // namespace

// registry: scheduler 70
PolicyInfo mlfq_policy() {
  return {"mlfq",
          "multi-level feedback queue: priority levels learned from behaviour, with allotments and periodic boost",
          {{"levels", ParamType::Integer, "3", "number of queues (level 0 is the most important)", 1, 64},
           {"quantum", ParamType::Text, "",
            "time slice per level: \"2,4,8\" (one per level) or \"4\" (all); default 2, 4, 8, ... doubling"},
           {"allotment", ParamType::Text, "",
            "ticks a thread may use at a level before it moves down, per level as for quantum; default: the level's "
            "quantum"},
           {"boost_interval", ParamType::Integer, "0",
            "every this many ticks all threads return to level 0 (0 = never)", 0, kMaxParamTicks},
           {"boost_on_io", ParamType::Boolean, "false",
            "old gameable rule: a thread that blocks returns at level 0 with a fresh allotment"}},
          make_mlfq,
          mlfq_in_force};
}

}  // namespace ks
