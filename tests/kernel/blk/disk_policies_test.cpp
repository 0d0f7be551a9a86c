// Deadline's expiry and starvation rules, BFQ's budgets, SPTF on the disk model, and properties
// every disk scheduler must have on random streams. Expected orders are worked by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "kernel/blk/replay.h"
#include "sim-core/random.h"

namespace ks {
namespace {

std::vector<std::uint32_t> served_cylinders(const DiskReplayResult& result, const std::vector<DiskRequest>& requests) {
  std::vector<std::uint32_t> order;
  for (const std::uint64_t id : result.order) order.push_back(requests[id].cylinder);
  return order;
}

DiskRequest read_at(std::uint32_t cylinder, bool write = false, Pid pid = 0) {
  DiskRequest request;
  request.cylinder = cylinder;
  request.write = write;
  request.pid = pid;
  return request;
}

DiskReplayResult replay_with(const std::string& policy, const std::vector<std::string>& settings,
                             const std::vector<DiskRequest>& requests, std::uint32_t head = 0) {
  const DiskSchedulerInfo* info = find_disk_scheduler(policy);
  PolicyParams params = default_params(*info);
  for (const std::string& setting : settings) {
    const auto equals = setting.find('=');
    params.set(setting.substr(0, equals), std::int64_t{std::stoll(setting.substr(equals + 1))});
  }
  DiskReplayOptions options;
  options.cylinders = 200;
  options.head = head;
  return replay_disk(*info, params, requests, options);
}

using Order = std::vector<std::uint32_t>;

TEST(DeadlineDiskScheduler, AnExpiredReadIsServedAtTheNextBatch) {
  // Reads at 150, 10, 20, 30 (arrival order), head 0, one request a batch, reads expire after 15
  // ticks (a tick a cylinder). t=0: 150 is due at 15, not yet: the batch goes up from 0, to 10.
  // t=10: still not due: 20. t=20: 150 is overdue: it goes next (t=150), then 30.
  const std::vector<DiskRequest> requests = {read_at(150), read_at(10), read_at(20), read_at(30)};
  const DiskReplayResult expired = replay_with("deadline", {"read_expire=15", "fifo_batch=1"}, requests);
  EXPECT_EQ(served_cylinders(expired, requests), (Order{10, 20, 150, 30}));
  // Without the expiry the same stream is one upward sweep.
  const DiskReplayResult patient = replay_with("deadline", {"fifo_batch=1"}, requests);
  EXPECT_EQ(served_cylinders(patient, requests), (Order{10, 20, 30, 150}));
}

TEST(DeadlineDiskScheduler, ExpiryIsLookedAtOnlyBetweenBatches) {
  // Reads at 150, 10, 20, 30, 40, expiring after 15 ticks, batches of 3: 10, 20, 30 go out as one
  // batch although 150 falls due at t=15 in the middle of it; at t=30 the next batch starts at the
  // overdue 150, then 40. One request a batch: 150 goes at t=20, after 10 and 20. No expiry: one
  // sweep up.
  const std::vector<DiskRequest> requests = {read_at(150), read_at(10), read_at(20), read_at(30), read_at(40)};
  const DiskReplayResult batched = replay_with("deadline", {"read_expire=15", "fifo_batch=3"}, requests);
  EXPECT_EQ(served_cylinders(batched, requests), (Order{10, 20, 30, 150, 40}));
  const DiskReplayResult single = replay_with("deadline", {"read_expire=15", "fifo_batch=1"}, requests);
  EXPECT_EQ(served_cylinders(single, requests), (Order{10, 20, 150, 30, 40}));
  const DiskReplayResult patient = replay_with("deadline", {"fifo_batch=3"}, requests);
  EXPECT_EQ(served_cylinders(patient, requests), (Order{10, 20, 30, 40, 150}));
}

TEST(DeadlineDiskScheduler, ReadsComeFirstUntilWritesHaveStarvedLongEnough) {
  // A write at 10; reads at 20, 30, 40; one request a batch; writes_starved 2. Batch 1: reads
  // (the write has waited 1 batch) → 20; batch 2: reads (2) → 30; batch 3: the write's turn → 10;
  // batch 4: 40.
  const std::vector<DiskRequest> requests = {read_at(10, true), read_at(20), read_at(30), read_at(40)};
  const DiskReplayResult result = replay_with("deadline", {"fifo_batch=1", "writes_starved=2"}, requests);
  EXPECT_EQ(served_cylinders(result, requests), (Order{20, 30, 10, 40}));
}

TEST(BfqDiskScheduler, EachProcessHasTheDiskForItsBudgetInTurn) {
  // Process 1 at 10, 11, 12, 13; process 2 at 100, 101, 102; one sector each, budget 2. Process 1
  // first (busy first): 10, 11; budget spent: process 2: 100, 101; process 1: 12, 13, its queue
  // empty; process 2: 102. Movement from 0: 10 + 1 + 89 + 1 + 89 + 1 + 89 = 280.
  std::vector<DiskRequest> requests;
  for (const std::uint32_t c : {10U, 11U, 12U, 13U}) requests.push_back(read_at(c, false, 1));
  for (const std::uint32_t c : {100U, 101U, 102U}) requests.push_back(read_at(c, false, 2));
  const DiskReplayResult result = replay_with("bfq", {"budget=2"}, requests);
  EXPECT_EQ(served_cylinders(result, requests), (Order{10, 11, 100, 101, 12, 13, 102}));
  EXPECT_EQ(result.movement, 280u);
  // A budget of 4 sectors lets process 1 finish first: 13 + 87 + 2 = 102.
  const DiskReplayResult wide = replay_with("bfq", {"budget=4"}, requests);
  EXPECT_EQ(served_cylinders(wide, requests), (Order{10, 11, 12, 13, 100, 101, 102}));
  EXPECT_EQ(wide.movement, 102u);
}

TEST(SptfDiskScheduler, ChoosesByRotationTooOnTheDiskModel) {
  // hdd_model_test.cpp's disk: 6000 RPM (10,000 µs a turn, 100 µs a sector), 2 heads, 100
  // sectors a track, seek 1000 + 100 × √D µs. Head on cylinder 0 at time 0.
  //   A: cylinder 1, sector 0 (LBA 200): seek 1100, then the head is 11 sectors past sector 0:
  //      wait 8900, positioning 10,000.
  //   B: cylinder 4, sector 30 (LBA 830): seek 1200, wait 3000 − 1200 = 1800, positioning 3000.
  // SSTF takes A (nearer); SPTF takes B (sooner under the head).
  HddGeometry g;
  g.cylinders = 1000;
  g.heads = 2;
  g.sectors_per_track = 100;
  g.rpm = 6000;
  g.settle = 1000;
  g.short_per_sqrt = 100;
  g.long_from = 400;
  g.long_base = 3000;
  g.long_per_cylinder = 5;
  const HddModel disk(g);
  std::vector<DiskRequest> requests(2);
  requests[0].lba = 200;
  requests[1].lba = 830;
  DiskReplayOptions options;
  options.model = &disk;
  const DiskSchedulerInfo* sptf = find_disk_scheduler("sptf");
  const DiskSchedulerInfo* sstf = find_disk_scheduler("sstf");
  EXPECT_EQ(replay_disk(*sptf, {}, requests, options).order, (std::vector<std::uint64_t>{1, 0}));
  const DiskReplayResult greedy = replay_disk(*sstf, {}, requests, options);
  EXPECT_EQ(greedy.order, (std::vector<std::uint64_t>{0, 1}));
  // SSTF's times: A ends at 1100 + 8900 + 100 = 10,100 on cylinder 1. B: seek 3 = 1000 +
  // ⌊√30,000⌋ = 1173, ending at 11,273, 12.73 sectors into the turn: wait 3000 − 1273 = 1727;
  // transfer 100: done at 13,100.
  EXPECT_EQ(greedy.seek, 1100 + 1173);
  EXPECT_EQ(greedy.rotation, 8900 + 1727);
  EXPECT_EQ(greedy.transfer, 200);
  EXPECT_EQ(greedy.finish, 13'100);
  ASSERT_EQ(greedy.steps.size(), 2u);
  EXPECT_EQ(greedy.steps[1].start, 10'100);
}

TEST(DiskReplay, ARequestArrivingLaterWaitsForItsTime) {
  // Cylinders only, a tick a cylinder. Head 0; a request at 50 at time 0 and one at 10 arriving
  // at time 100. SSTF sees only 50 at time 0: 0 → 50 ends at 50; idle until 100; 50 → 10 ends
  // at 140.
  std::vector<DiskRequest> requests = {read_at(50), read_at(10)};
  requests[1].arrival = 100;
  const DiskReplayResult result = replay_with("sstf", {}, requests);
  EXPECT_EQ(served_cylinders(result, requests), (Order{50, 10}));  // 10 had not arrived yet
  EXPECT_EQ(result.finish, 140);
  EXPECT_EQ(result.total_latency, 50 + 40);  // (50 − 0) + (140 − 100)
  requests[1].arrival = 20;                  // now before the first finishes, still after the choice
  EXPECT_EQ(served_cylinders(replay_with("sstf", {}, requests), requests), (Order{50, 10}));
  std::swap(requests[0], requests[1]);  // arrivals must not go back in time
  EXPECT_THROW(replay_with("sstf", {}, requests), InputError);
}

// Random strings: every policy serves every request exactly once, whether the requests are all
// pending at time 0 or arrive over time; the steps add up. When every request is pending from the
// start, LOOK never moves more than SCAN, nor C-LOOK more than C-SCAN (each turns at or before the
// edge the other runs to, on the same order of service).
TEST(DiskSchedulers, PropertiesOnRandomStrings) {
  RandomStream random("disk-properties", 7);
  for (int round = 0; round < 200; ++round) {
    const auto cylinders = static_cast<std::uint32_t>(random.uniform(1, 500));
    const auto count = static_cast<std::size_t>(random.uniform(1, 60));
    std::vector<std::uint32_t> stream;
    for (std::size_t i = 0; i < count; ++i)
      stream.push_back(static_cast<std::uint32_t>(random.uniform(0, cylinders - 1)));
    DiskReplayOptions options;
    options.cylinders = cylinders;
    options.head = static_cast<std::uint32_t>(random.uniform(0, cylinders - 1));
    options.direction = random.chance(1, 2) ? HeadDirection::Up : HeadDirection::Down;
    std::vector<DiskRequest> requests = requests_at_cylinders(stream, nullptr, 1);
    for (std::size_t i = 0; i < count; ++i) {
      requests[i].pid = static_cast<Pid>(random.uniform(1, 3));
      requests[i].write = random.chance(1, 3);
    }
    // Every other round the requests arrive over time instead (then only the first checks hold).
    const bool arriving = round % 2 == 1;
    Tick arrival = 0;
    for (std::size_t i = 0; arriving && i < count; ++i) {
      arrival += random.uniform(0, cylinders / 4);
      requests[i].arrival = arrival;
    }
    std::map<std::string, std::uint64_t> movement;
    for (const DiskSchedulerInfo& info : disk_scheduler_registry().entries()) {
      const DiskReplayResult result = replay_disk(info, default_params(info), requests, options);
      std::vector<std::uint64_t> sorted = result.order;
      std::sort(sorted.begin(), sorted.end());
      std::vector<std::uint64_t> all(count);
      for (std::size_t i = 0; i < count; ++i) all[i] = i;
      ASSERT_EQ(sorted, all) << info.name << " round " << round;
      std::uint64_t sum = 0;
      for (const DiskReplayStep& step : result.steps) sum += step.distance;
      EXPECT_EQ(sum, result.movement) << info.name;
      EXPECT_LE(result.return_movement, result.movement) << info.name;
      movement[info.name] = result.movement;
    }
    if (arriving) continue;
    EXPECT_LE(movement["look"], movement["scan"]) << "round " << round;
    EXPECT_LE(movement["clook"], movement["cscan"]) << "round " << round;
    EXPECT_EQ(movement["sptf"], movement["sstf"]) << "round " << round;  // no disk model
  }
}

}  // namespace
}  // namespace ks

namespace ks {
namespace {

std::unique_ptr<DiskScheduler> make_scheduler(const std::string& name, std::uint32_t cylinders = 200) {
  const DiskSchedulerInfo* info = find_disk_scheduler(name);
  return info->make(default_params(*info), {cylinders, nullptr});
}

DiskRequest numbered(std::uint64_t id, std::uint32_t cylinder, Pid pid = 0) {
  DiskRequest request = read_at(cylinder, false, pid);
  request.id = id;
  return request;
}

TEST(DiskSchedulerView, ShowsWhatWaitsInThePolicysOwnOrder) {
  auto fcfs = make_scheduler("fcfs");
  auto look = make_scheduler("look");
  for (auto* s : {fcfs.get(), look.get()}) {
    s->add(numbered(0, 98));
    s->add(numbered(1, 14));
    s->add(numbered(2, 14));
    s->add(numbered(3, 60));
  }
  EXPECT_EQ(fcfs->view().order, (std::vector<std::uint64_t>{0, 1, 2, 3}));  // arrival order
  EXPECT_EQ(look->view().order, (std::vector<std::uint64_t>{1, 2, 3, 0}));  // by cylinder, then arrival
  // Head 50 moving up: look serves 60 (id 3), and forgets it.
  const DiskChoice choice = look->next_request({50, HeadDirection::Up, 0});
  EXPECT_EQ(choice.id, 3u);
  EXPECT_EQ(look->pending(), 3u);
  EXPECT_EQ(look->view().order, (std::vector<std::uint64_t>{1, 2, 0}));
}

TEST(DiskSchedulerView, BfqShowsTheQueueInServiceAndItsBudget) {
  auto bfq = make_scheduler("bfq");  // budget 64 sectors
  DiskRequest big = numbered(0, 10, 1);
  big.count = 24;
  bfq->add(big);
  bfq->add(numbered(1, 11, 1));
  bfq->add(numbered(2, 100, 2));
  EXPECT_EQ(bfq->next_request({0, HeadDirection::Up, 0}).id, 0u);
  const DiskSchedulerView view = bfq->view();
  EXPECT_EQ(view.order, (std::vector<std::uint64_t>{2}));  // process 2 waits for its turn
  ASSERT_EQ(view.values.size(), 2u);
  EXPECT_EQ(view.values[0].second, 1);        // process 1 in service
  EXPECT_EQ(view.values[1].second, 64 - 24);  // its budget left
}

}  // namespace
}  // namespace ks
