#include "sim-core/event_queue.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim-core/error.h"

namespace ks {
namespace {

struct Recorder : EventHandler {
  EventQueue* queue = nullptr;
  std::vector<std::pair<Tick, std::uint64_t>> seen;
  void on_event(std::uint32_t /*kind*/, std::uint64_t arg) override { seen.emplace_back(queue->now(), arg); }
};

TEST(EventQueue, RunsEventsInTimeOrder) {
  EventQueue queue;
  Recorder r;
  r.queue = &queue;
  queue.schedule(30, 0, r, 0, 3);
  queue.schedule(10, 0, r, 0, 1);
  queue.schedule(20, 0, r, 0, 2);
  EXPECT_EQ(queue.run_until(kNever), 3u);
  ASSERT_EQ(r.seen.size(), 3u);
  EXPECT_EQ(r.seen[0], (std::pair<Tick, std::uint64_t>{10, 1}));
  EXPECT_EQ(r.seen[1], (std::pair<Tick, std::uint64_t>{20, 2}));
  EXPECT_EQ(r.seen[2], (std::pair<Tick, std::uint64_t>{30, 3}));
  EXPECT_EQ(queue.now(), 30);
}

TEST(EventQueue, SameTickRunsLowerPhaseFirstThenSchedulingOrder) {
  EventQueue queue;
  Recorder r;
  r.queue = &queue;
  queue.schedule(5, 2, r, 0, 20);
  queue.schedule(5, 1, r, 0, 10);
  queue.schedule(5, 2, r, 0, 21);
  queue.schedule(5, 0, r, 0, 0);
  queue.schedule(5, 1, r, 0, 11);
  queue.run_until(kNever);
  std::vector<std::uint64_t> order;
  for (const auto& [time, arg] : r.seen) order.push_back(arg);
  EXPECT_EQ(order, (std::vector<std::uint64_t>{0, 10, 11, 20, 21}));
}

TEST(EventQueue, EventScheduledForNowDuringAnEventRunsInTheSameTickAfterEarlierOnes) {
  EventQueue queue;
  struct Chain : EventHandler {
    EventQueue* q = nullptr;
    std::vector<std::uint64_t> order;
    void on_event(std::uint32_t, std::uint64_t arg) override {
      order.push_back(arg);
      if (arg == 1) q->schedule(q->now(), 0, *this, 0, 3);  // same tick, scheduled later
    }
  } chain;
  chain.q = &queue;
  queue.schedule(7, 0, chain, 0, 1);
  queue.schedule(7, 0, chain, 0, 2);
  queue.run_until(kNever);
  EXPECT_EQ(chain.order, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(EventQueue, RunUntilLeavesLaterEventsQueued) {
  EventQueue queue;
  Recorder r;
  r.queue = &queue;
  queue.schedule(10, 0, r, 0, 1);
  queue.schedule(11, 0, r, 0, 2);
  EXPECT_EQ(queue.run_until(10), 1u);
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.next_time(), 11);
  EXPECT_TRUE(queue.step(kNever));
  EXPECT_FALSE(queue.step(kNever));
}

// A stepping front end (the visualizer's snapshots, kernsim boot) asks next_time() whether the
// tick is over: a pending end-of-tick callback belongs to the tick, so it is not.
TEST(EventQueue, NextTimeIsNowWhileAnEndOfTickCallbackWaits) {
  struct EndOfTick : EventHandler {
    EventQueue* queue = nullptr;
    std::vector<std::uint32_t> seen;
    void on_event(std::uint32_t kind, std::uint64_t /*arg*/) override {
      seen.push_back(kind);
      if (kind == 1) queue->at_end_of_tick(*this, 9);
    }
  } handler;
  EventQueue queue;
  handler.queue = &queue;
  queue.schedule(5, 0, handler, 1, 0);
  queue.schedule(8, 0, handler, 2, 0);
  ASSERT_TRUE(queue.step(kNever));
  EXPECT_EQ(queue.next_time(), 5) << "the end-of-tick callback of tick 5 is still to run";
  ASSERT_TRUE(queue.step(5));
  EXPECT_EQ(handler.seen, (std::vector<std::uint32_t>{1, 9}));
  EXPECT_EQ(queue.next_time(), 8);
}

TEST(EventQueue, RefusesEventsInThePast) {
  EventQueue queue;
  Recorder r;
  r.queue = &queue;
  queue.schedule(10, 0, r, 0, 1);
  queue.run_until(kNever);
  EXPECT_THROW(queue.schedule(9, 0, r, 0, 2), InvariantError);
}

TEST(EventQueue, StopEndsRunAfterTheCurrentEvent) {
  EventQueue queue;
  struct Stopper : EventHandler {
    EventQueue* q = nullptr;
    int count = 0;
    void on_event(std::uint32_t, std::uint64_t) override {
      if (++count == 2) q->stop();
    }
  } stopper;
  stopper.q = &queue;
  for (int i = 0; i < 5; ++i) queue.schedule(i, 0, stopper, 0, 0);
  EXPECT_EQ(queue.run_until(kNever), 2u);
  EXPECT_EQ(queue.size(), 3u);
}

}  // namespace
}  // namespace ks
