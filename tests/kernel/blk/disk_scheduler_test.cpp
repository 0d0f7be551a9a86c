// Every disk scheduler on the textbook string (Silberschatz 11.2): head at cylinder 53 of 200,
// requests 98, 183, 37, 122, 14, 124, 65, 67, all pending at time 0, movement in cylinders.
// Each total is worked by hand in the comments, from the conventions in kernel/blk/sched/sweep.h.
#include <gtest/gtest.h>

#include <vector>

#include "kernel/blk/replay.h"

namespace ks {
namespace {

const std::vector<std::uint32_t> kTextbook = {98, 183, 37, 122, 14, 124, 65, 67};

struct Outcome {
  std::vector<std::uint32_t> order;  // cylinders, in the order served
  std::uint64_t movement = 0;
  std::uint64_t return_movement = 0;
};

Outcome run_policy(const std::string& policy, std::uint32_t head, const std::vector<std::uint32_t>& cylinders,
                   HeadDirection direction = HeadDirection::Up, std::uint32_t disk = 200) {
  const DiskSchedulerInfo* info = find_disk_scheduler(policy);
  EXPECT_NE(info, nullptr) << policy;
  DiskReplayOptions options;
  options.cylinders = disk;
  options.head = head;
  options.direction = direction;
  const DiskReplayResult result =
      replay_disk(*info, default_params(*info), requests_at_cylinders(cylinders, nullptr, 1), options);
  Outcome out;
  for (const std::uint64_t id : result.order) out.order.push_back(cylinders[id]);
  out.movement = result.movement;
  out.return_movement = result.return_movement;
  std::uint64_t sum = 0;
  for (const DiskReplayStep& step : result.steps) sum += step.distance;
  EXPECT_EQ(sum, result.movement) << policy << ": the steps add up to the total";
  return out;
}

using Order = std::vector<std::uint32_t>;

TEST(DiskSchedulers, AllNineAreRegisteredInOrder) {
  EXPECT_EQ(disk_scheduler_names(), "fcfs, sstf, scan, cscan, look, clook, sptf, deadline, bfq");
}

TEST(DiskSchedulers, FcfsOnTheTextbookString) {
  // 45 + 85 + 146 + 85 + 108 + 110 + 59 + 2 = 640
  const Outcome r = run_policy("fcfs", 53, kTextbook);
  EXPECT_EQ(r.order, kTextbook);
  EXPECT_EQ(r.movement, 640u);
  EXPECT_EQ(r.return_movement, 0u);
}

TEST(DiskSchedulers, SstfOnTheTextbookString) {
  // 53→65 12, →67 2, →37 30, →14 23, →98 84, →122 24, →124 2, →183 59: 236
  const Outcome r = run_policy("sstf", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 37, 14, 98, 122, 124, 183}));
  EXPECT_EQ(r.movement, 236u);
}

TEST(DiskSchedulers, ScanGoesToTheEdgeBeforeReversing) {
  // Up: 53 → 183 serving, on to the edge 199 (146), back to 14 (185): 331.
  Outcome r = run_policy("scan", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 98, 122, 124, 183, 37, 14}));
  EXPECT_EQ(r.movement, 331u);
  EXPECT_EQ(r.return_movement, 0u);
  // Down: 53 → 37 → 14 → edge 0 (53), then up to 183 (183): 236, the textbook's figure.
  r = run_policy("scan", 53, kTextbook, HeadDirection::Down);
  EXPECT_EQ(r.order, (Order{37, 14, 65, 67, 98, 122, 124, 183}));
  EXPECT_EQ(r.movement, 236u);
}

TEST(DiskSchedulers, LookReversesAtTheLastRequest) {
  // Up: 53 → 183 (130), back to 14 (169): 299. Down: 53 → 14 (39), up to 183 (169): 208.
  Outcome r = run_policy("look", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 98, 122, 124, 183, 37, 14}));
  EXPECT_EQ(r.movement, 299u);
  r = run_policy("look", 53, kTextbook, HeadDirection::Down);
  EXPECT_EQ(r.order, (Order{37, 14, 65, 67, 98, 122, 124, 183}));
  EXPECT_EQ(r.movement, 208u);
}

TEST(DiskSchedulers, CscanReturnsToTheOtherEdge) {
  // Up: 53 → 199 (146), return 199 → 0 (199), 0 → 37 (37): 382, return 199.
  Outcome r = run_policy("cscan", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 98, 122, 124, 183, 14, 37}));
  EXPECT_EQ(r.movement, 382u);
  EXPECT_EQ(r.return_movement, 199u);
  // Down: 53 → 0 (53), return 0 → 199 (199), 199 → 65 (134): 386, return 199.
  r = run_policy("cscan", 53, kTextbook, HeadDirection::Down);
  EXPECT_EQ(r.order, (Order{37, 14, 183, 124, 122, 98, 67, 65}));
  EXPECT_EQ(r.movement, 386u);
  EXPECT_EQ(r.return_movement, 199u);
}

TEST(DiskSchedulers, ClookReturnsToTheFarthestPendingRequest) {
  // Up: 53 → 183 (130), return 183 → 14 (169), 14 → 37 (23): 322, return 169.
  Outcome r = run_policy("clook", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 98, 122, 124, 183, 14, 37}));
  EXPECT_EQ(r.movement, 322u);
  EXPECT_EQ(r.return_movement, 169u);
  // Down: 53 → 14 (39), return 14 → 183 (169), 183 → 65 (118): 326, return 169.
  r = run_policy("clook", 53, kTextbook, HeadDirection::Down);
  EXPECT_EQ(r.order, (Order{37, 14, 183, 124, 122, 98, 67, 65}));
  EXPECT_EQ(r.movement, 326u);
  EXPECT_EQ(r.return_movement, 169u);
}

TEST(DiskSchedulers, SptfWithoutADiskModelIsSstf) {
  const Outcome r = run_policy("sptf", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 37, 14, 98, 122, 124, 183}));
  EXPECT_EQ(r.movement, 236u);
}

TEST(DiskSchedulers, DeadlineWithNothingExpiredBatchesUpwardThenTakesTheOldest) {
  // All reads, nothing expires (500,000 ticks): the first batch runs up from 53: 65 ... 183
  // (130). Nothing lies above 183, so the next batch starts at the oldest waiting, 37 (146),
  // and the last at 14 (23): 299.
  const Outcome r = run_policy("deadline", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 98, 122, 124, 183, 37, 14}));
  EXPECT_EQ(r.movement, 299u);
}

TEST(DiskSchedulers, BfqWithOneProcessIsClookWithoutAReturnSweep) {
  // One queue, budget 64 ≥ 8 requests: up from 53 to 183 (130), then its lowest, 14 (169), and
  // on up to 37 (23): 322; bfq moves there as an ordinary seek, so no return is counted.
  const Outcome r = run_policy("bfq", 53, kTextbook);
  EXPECT_EQ(r.order, (Order{65, 67, 98, 122, 124, 183, 14, 37}));
  EXPECT_EQ(r.movement, 322u);
  EXPECT_EQ(r.return_movement, 0u);
}

TEST(DiskSchedulers, SstfBreaksATieTowardTheLowerCylinder) {
  // Head 50: 40 and 60 are both 10 away; 40 first (10), then 60 (20): 30.
  Outcome r = run_policy("sstf", 50, {60, 40});
  EXPECT_EQ(r.order, (Order{40, 60}));
  EXPECT_EQ(r.movement, 30u);
  // On one cylinder, the first to arrive: the ids tell them apart.
  const DiskSchedulerInfo* sstf = find_disk_scheduler("sstf");
  DiskReplayOptions options;
  options.head = 50;
  const DiskReplayResult same =
      replay_disk(*sstf, default_params(*sstf), requests_at_cylinders({70, 30, 70}, nullptr, 1), options);
  EXPECT_EQ(same.order, (std::vector<std::uint64_t>{1, 0, 2}));  // 30 (tie with 70: lower), then 70, 70
}

TEST(DiskSchedulers, ARequestAtTheHeadIsServedFirstWithNoMovement) {
  for (const std::string policy : {"sstf", "scan", "cscan", "look", "clook", "sptf", "deadline", "bfq"}) {
    const Outcome r = run_policy(policy, 50, {70, 50});
    EXPECT_EQ(r.order, (Order{50, 70})) << policy;
    EXPECT_EQ(r.movement, 20u) << policy;
  }
  EXPECT_EQ(run_policy("fcfs", 50, {70, 50}).movement, 40u);  // 20 up, 20 back
}

TEST(DiskSchedulers, OneRequestBehindTheHead) {
  // Head 50 moving up, one request at 10. scan: requests remain behind, so to the edge 199
  // (149) and back to 10 (189): 338. look: straight there, 40. cscan: to 199 (149), return to
  // 0 (199), up to 10: 358, return 199. clook: the return sweep is the whole way, 40.
  EXPECT_EQ(run_policy("scan", 50, {10}).movement, 338u);
  EXPECT_EQ(run_policy("look", 50, {10}).movement, 40u);
  const Outcome c = run_policy("cscan", 50, {10});
  EXPECT_EQ(c.movement, 358u);
  EXPECT_EQ(c.return_movement, 199u);
  const Outcome cl = run_policy("clook", 50, {10});
  EXPECT_EQ(cl.movement, 40u);
  EXPECT_EQ(cl.return_movement, 40u);
  // Nothing behind: scan does not run to the edge. Head 50 up, one request at 60: 10.
  EXPECT_EQ(run_policy("scan", 50, {60}).movement, 10u);
  EXPECT_EQ(run_policy("cscan", 50, {60}).movement, 10u);
}

TEST(DiskSchedulers, RequestsAtBothEdges) {
  // Head 100 up; requests 0 and 199. scan: 199 (99), already at the edge, reverses to 0 (199):
  // 298. cscan: 199 (99), at the edge, returns to 0 (199, the return) and serves 0 there: 298,
  // return 199. clook: 199 (99), return to the farthest, 0 (199): 298, return 199.
  const Outcome s = run_policy("scan", 100, {0, 199});
  EXPECT_EQ(s.order, (Order{199, 0}));
  EXPECT_EQ(s.movement, 298u);
  EXPECT_EQ(s.return_movement, 0u);
  for (const std::string policy : {"cscan", "clook"}) {
    const Outcome r = run_policy(policy, 100, {0, 199});
    EXPECT_EQ(r.order, (Order{199, 0})) << policy;
    EXPECT_EQ(r.movement, 298u) << policy;
    EXPECT_EQ(r.return_movement, 199u) << policy;
  }
}

TEST(DiskReplay, RefusesRequestsAndHeadsOutsideTheDisk) {
  const DiskSchedulerInfo* fcfs = find_disk_scheduler("fcfs");
  DiskReplayOptions options;
  options.cylinders = 200;
  options.head = 53;
  try {
    replay_disk(*fcfs, {}, requests_at_cylinders({10, 200}, nullptr, 1), options);
    FAIL() << "cylinder 200 of 200 was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().key_path, "requests[1]");
  }
  options.head = 200;
  EXPECT_THROW(replay_disk(*fcfs, {}, requests_at_cylinders({10}, nullptr, 1), options), InputError);
}

}  // namespace
}  // namespace ks
