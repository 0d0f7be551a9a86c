// kernel/blk/replay.h — a stream of disk requests run through a disk scheduler.
//
// The disk-scheduling exercise (`kernsim disk`), the tests and the benchmarks play the block
// layer and the disk around a policy (kernel/blk/disk_scheduler.h): requests join the queue at
// their arrival times (all at time 0 in the textbook exercise), and whenever the disk is free and
// requests wait, the policy chooses one and the head goes to it along the policy's path (the run
// to an edge, the return sweep), which the replay counts. Two models of the disk:
//   cylinders only (no model)  movement is counted in cylinders; time advances one tick per
//                              cylinder moved, and serving takes no time of its own, so arrival
//                              times still mean something;
//   the HDD model               each leg of the path is a seek (machine/disk/hdd_model.h); then the
//                              rotational wait for the request's first sector, at the time the
//                              seeks end, and the transfer; a request's cylinder is its LBA's.
// The head starts at time 0 on the given cylinder, moving in the given direction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/blk/disk_scheduler.h"

namespace ks {

struct DiskReplayOptions {
  std::uint32_t cylinders = 200;    // the disk's cylinders when there is no model
  const HddModel* model = nullptr;  // the HDD model; null: cylinders only
  std::uint32_t head = 0;
  HeadDirection direction = HeadDirection::Up;
  bool record_steps = true;
};

struct DiskReplayStep {
  std::uint64_t id = 0;  // the request's position in the stream
  std::uint32_t from = 0;
  std::uint32_t to = 0;  // the request's cylinder
  std::optional<std::uint32_t> edge;
  std::optional<std::uint32_t> return_to;
  std::uint64_t distance = 0;                 // cylinders moved for this request, edge trip and return included
  std::uint64_t return_distance = 0;          // of those, the return sweep's
  Tick start = 0;                             // when the head set off
  Tick seek = 0, rotation = 0, transfer = 0;  // the HDD model's parts (0 without a model)
  Tick finish = 0;
};

struct DiskReplayResult {
  std::vector<std::uint64_t> order;  // request ids in the order served
  std::uint64_t movement = 0;        // cylinders, return sweeps included
  std::uint64_t return_movement = 0;
  Tick seek = 0, rotation = 0, transfer = 0;  // sums over every request (HDD model)
  Tick finish = 0;                            // when the last request completed
  Tick total_latency = 0;                     // sum of (finish − arrival)
  Tick max_latency = 0;
  std::vector<DiskReplayStep> steps;  // when asked for
  DiskSchedulerView view;             // the policy's state at the end
};

// Replays REQUESTS (ids are replaced by their positions; with a model, each cylinder by its LBA's)
// through POLICY built with PARAMS. Throws InputError, naming "requests[i]" or the option, for a
// request outside the disk, arrivals that go back in time, a head outside the disk, or no cylinders.
DiskReplayResult replay_disk(const DiskSchedulerInfo& policy, const PolicyParams& params,
                             std::vector<DiskRequest> requests, const DiskReplayOptions& options);

// Requests for a list of CYLINDERS, all at time 0: on the HDD model each at its cylinder's first
// sector, COUNT sectors long.
std::vector<DiskRequest> requests_at_cylinders(const std::vector<std::uint32_t>& cylinders, const HddModel* model,
                                               std::uint32_t count);

// A generated stream of COUNT cylinders on a disk of CYLINDERS: "uniform" (any cylinder),
// "sequential" (runs of 16 neighbouring cylinders from random starting points) or "hotspot" (nine
// in ten within the tenth of the disk around a random centre). The same seed gives the same stream.
std::vector<std::uint32_t> generate_cylinders(const std::string& kind, std::size_t count, std::uint32_t cylinders,
                                              std::uint64_t seed);
const std::vector<std::string>& cylinder_generators();

}  // namespace ks
