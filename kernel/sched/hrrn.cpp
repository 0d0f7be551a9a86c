// kernel/sched/hrrn.cpp — Highest Response Ratio Next (Brinch Hansen, 1971).
//
// A non-preemptive compromise between FIFO and SJF. When a CPU is free it runs the ready thread
// with the highest response ratio
//     R = (waiting time + service time) / service time,
// where the service time is the length of the thread's CPU burst. A short burst has a high ratio
// from the start, as in SJF; but every thread's ratio grows while it waits, so a long job
// cannot starve, as it can under SJF (Stallings, Operating Systems, 9.2). Like SJF it needs the
// burst lengths: here it reads the true ones from the kernel (thread.remaining_burst).
//
// R1 > R2 is decided exactly with integers: (w1 + s1) / s1 > (w2 + s2) / s2 <=> w1 * s2 > w2 * s1,
// products computed in 128 bits built from 64-bit halves (portable to every compiler).
// Ties: earlier ready_since, then lower tid. A decision reads each ready thread from the thread
// table once (a Candidate) and compares the copies.
#include <algorithm>
#include <utility>

#include "kernel/sched/fifo_queue.h"
#include "kernel/sched/registry.h"

namespace ks {
namespace {

struct Wide {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees a literal 0 in the defaulted comparison
  friend auto operator<=>(const Wide&, const Wide&) = default;
};

// The exact 128-bit product of A and B.
Wide multiply(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t a_low = a & 0xffffffffU, a_high = a >> 32, b_low = b & 0xffffffffU, b_high = b >> 32;
  const std::uint64_t low_low = a_low * b_low, low_high = a_low * b_high, high_low = a_high * b_low;
  const std::uint64_t middle = (low_low >> 32) + (low_high & 0xffffffffU) + (high_low & 0xffffffffU);
  Wide product;
  product.low = (middle << 32) | (low_low & 0xffffffffU);
  product.high = a_high * b_high + (low_high >> 32) + (high_low >> 32) + (middle >> 32);
  return product;
}

class HrrnScheduler final : public Scheduler {
 public:
  explicit HrrnScheduler(SchedulerContext context) : context_(std::move(context)) {}
  std::string_view name() const override { return "hrrn"; }
  void enqueue(Thread& thread, EnqueueReason /*why*/, Tick /*now*/) override { ready_.push(thread.tid); }

  Tid pick_next(CpuId cpu, Tick now) override {
    last_now_ = now;
    Candidate best;
    for (const Tid tid : ready_.items()) {
      const Thread& thread = context_.thread(tid);
      if (!thread.may_run_on(cpu)) continue;
      const Candidate candidate = candidate_of(tid, thread, now);
      if (best.tid == kNoTid || before(candidate, best)) best = candidate;
    }
    if (best.tid != kNoTid) ready_.remove(best.tid);
    return best.tid;
  }

  std::size_t ready_count() const override { return ready_.size(); }

  SchedulerView view() const override {
    std::vector<Candidate> order;
    for (const Tid tid : ready_.items()) order.push_back(candidate_of(tid, context_.thread(tid), last_now_));
    std::stable_sort(order.begin(), order.end(), before);
    QueueView queue{"by response ratio", "response ratio x1000 (at last decision)", {}};
    for (const Candidate& candidate : order) {
      const auto wait = static_cast<std::int64_t>(candidate.waiting),
                 burst = static_cast<std::int64_t>(candidate.service);
      queue.entries.push_back({candidate.tid, (wait + burst) * 1000 / burst});
    }
    return {{std::move(queue)}, {}};
  }

 private:
  // What a decision compares of a ready thread, read from the thread table once per decision.
  // Waiting and service time are in thousandths of a tick, so that they share a unit.
  struct Candidate {
    Tid tid = kNoTid;
    std::uint64_t waiting = 0;
    std::uint64_t service = 0;
    Tick ready_since = 0;
  };
  static Candidate candidate_of(Tid tid, const Thread& thread, Tick now) {
    Candidate candidate{tid, 0, 0, thread.ready_since};
    candidate.waiting = static_cast<std::uint64_t>(std::max<Tick>(0, now - thread.ready_since)) * 1000;
    if (thread.remaining_burst == kUnknownCycles) {
      candidate.service = UINT64_MAX / 2;  // unknown bursts look very long
    } else {
      candidate.service = static_cast<std::uint64_t>(std::max<Cycles>(1, thread.remaining_burst * 1000 / kWorkPerTick));
    }
    return candidate;
  }
  // Whether X goes before Y: higher ratio, then earlier ready_since, then lower tid.
  static bool before(const Candidate& x, const Candidate& y) {
    const Wide ratio_x = multiply(x.waiting, y.service);
    const Wide ratio_y = multiply(y.waiting, x.service);
    if (ratio_x != ratio_y) return ratio_x > ratio_y;
    if (x.ready_since != y.ready_since) return x.ready_since < y.ready_since;
    return x.tid < y.tid;
  }

  SchedulerContext context_;
  FifoQueue ready_;
  Tick last_now_ = 0;
};

}  // namespace

// registry: scheduler 60
PolicyInfo hrrn_policy() {
  return {
      "hrrn",
      "highest response ratio next: non-preemptive, (wait + burst) / burst, favours short jobs without starving long "
      "ones",
      {},
      [](const PolicyParams&, const SchedulerContext& context) { return std::make_unique<HrrnScheduler>(context); }};
}

}  // namespace ks
