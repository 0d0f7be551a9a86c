// kernel/blk/replay.cpp — the block layer and the disk, played around one disk scheduler.
//
// replay.h states the model. The loop is the block layer's: admit every request that has arrived,
// and if none waits let time jump to the next arrival; otherwise ask the policy, walk the head
// along the path it names (start → edge → return → request), and advance time by the walk (one
// tick a cylinder) or by the HDD model's seek, rotation and transfer. The policy's answer is
// checked: naming a request that is not waiting is a broken invariant (a student's policy gets a
// clear message rather than a wrong table).
#include "kernel/blk/replay.h"

#include <algorithm>
#include <memory>

#include "sim-core/error.h"
#include "sim-core/random.h"

namespace ks {
namespace {

std::uint64_t distance(std::uint32_t a, std::uint32_t b) { return a > b ? a - b : b - a; }

void check_requests(std::vector<DiskRequest>& requests, const DiskReplayOptions& options, std::uint32_t cylinders) {
  for (std::size_t i = 0; i < requests.size(); ++i) {
    DiskRequest& request = requests[i];
    const std::string where = "requests[" + std::to_string(i) + "]";
    request.id = i;
    if (request.count == 0) throw InputError({"", 0, 0, where}, "a request moves at least one sector");
    if (options.model != nullptr) {
      if (request.lba >= options.model->sectors() || request.count > options.model->sectors() - request.lba) {
        throw InputError({"", 0, 0, where}, "sectors " + std::to_string(request.lba) + " to " +
                                                std::to_string(request.lba + request.count - 1) +
                                                " lie beyond the disk's " + std::to_string(options.model->sectors()));
      }
      request.cylinder = options.model->locate(request.lba).cylinder;
    } else if (request.cylinder >= cylinders) {
      throw InputError({"", 0, 0, where}, "cylinder " + std::to_string(request.cylinder) +
                                              " is outside the disk (cylinders 0 to " + std::to_string(cylinders - 1) +
                                              ")");
    }
    if (request.arrival < 0 || (i > 0 && request.arrival < requests[i - 1].arrival)) {
      throw InputError({"", 0, 0, where},
                       "arrival times must not go back (arrival " + std::to_string(request.arrival) + ")");
    }
  }
}

// Walks the head from HEAD along CHOICE's path to REQUEST and serves it, starting at NOW: the
// step it makes, with HEAD and NOW moved on to where and when it ends.
DiskReplayStep serve(const DiskChoice& choice, const DiskRequest& request, const DiskReplayOptions& options,
                     std::uint32_t& head, Tick& now) {
  DiskReplayStep step;
  step.id = choice.id;
  step.from = head;
  step.to = request.cylinder;
  step.edge = choice.edge;
  step.return_to = choice.return_to;
  step.start = now;
  // The legs of the path: to the edge, the return sweep, to the request.
  std::uint32_t at = head;
  Tick seek = 0;
  const auto walk = [&](std::uint32_t to) {
    const std::uint64_t d = distance(at, to);
    step.distance += d;
    if (options.model != nullptr && d != 0) seek += options.model->seek_time(static_cast<std::uint32_t>(d));
    at = to;
  };
  if (choice.edge) walk(*choice.edge);
  if (choice.return_to) {
    const std::uint32_t before = at;
    walk(*choice.return_to);
    step.return_distance = distance(before, at);
  }
  walk(request.cylinder);
  if (options.model != nullptr) {
    const DiskAddress where = options.model->locate(request.lba);
    step.seek = seek;
    step.rotation = options.model->rotation_wait(where.cylinder, where.sector, now + seek);
    step.transfer = options.model->transfer_time(where.cylinder, request.count);
    now += step.seek + step.rotation + step.transfer;
    head = options.model->locate(request.lba + request.count - 1).cylinder;
  } else {
    now += static_cast<Tick>(step.distance);
    head = request.cylinder;
  }
  step.finish = now;
  return step;
}

}  // namespace

DiskReplayResult replay_disk(const DiskSchedulerInfo& policy, const PolicyParams& params,
                             std::vector<DiskRequest> requests, const DiskReplayOptions& options) {
  const std::uint32_t cylinders = options.model != nullptr ? options.model->cylinders() : options.cylinders;
  if (cylinders == 0) throw InputError({"", 0, 0, "cylinders"}, "the disk needs at least one cylinder");
  if (options.head >= cylinders) {
    throw InputError({"", 0, 0, "head"}, "cylinder " + std::to_string(options.head) +
                                             " is outside the disk (cylinders 0 to " + std::to_string(cylinders - 1) +
                                             ")");
  }
  check_requests(requests, options, cylinders);
  const std::unique_ptr<DiskScheduler> scheduler = policy.make(params, {cylinders, options.model});
  DiskReplayResult result;
  result.order.reserve(requests.size());
  if (options.record_steps) result.steps.reserve(requests.size());
  std::vector<bool> served(requests.size(), false);
  std::uint32_t head = options.head;
  HeadDirection direction = options.direction;
  Tick now = 0;
  std::size_t next = 0;
  while (result.order.size() < requests.size()) {
    while (next < requests.size() && requests[next].arrival <= now) scheduler->add(requests[next++]);
    if (scheduler->pending() == 0) {
      now = requests[next].arrival;
      continue;
    }
    const DiskChoice choice = scheduler->next_request({head, direction, now});
    KS_ASSERT(choice.id < requests.size() && !served[choice.id], "a disk scheduler names a waiting request");
    const DiskRequest& request = requests[choice.id];
    KS_ASSERT((!choice.edge || *choice.edge < cylinders) && (!choice.return_to || *choice.return_to < cylinders),
              "a disk scheduler's path stays on the disk");
    served[choice.id] = true;
    const DiskReplayStep step = serve(choice, request, options, head, now);
    direction = choice.direction;
    result.order.push_back(choice.id);
    result.movement += step.distance;
    result.return_movement += step.return_distance;
    result.seek += step.seek;
    result.rotation += step.rotation;
    result.transfer += step.transfer;
    const Tick latency = now - request.arrival;
    result.total_latency += latency;
    result.max_latency = std::max(result.max_latency, latency);
    if (options.record_steps) result.steps.push_back(step);
  }
  result.finish = now;
  result.view = scheduler->view();
  return result;
}

std::vector<DiskRequest> requests_at_cylinders(const std::vector<std::uint32_t>& cylinders, const HddModel* model,
                                               std::uint32_t count) {
  std::vector<DiskRequest> requests(cylinders.size());
  for (std::size_t i = 0; i < cylinders.size(); ++i) {
    requests[i].cylinder = cylinders[i];
    requests[i].count = count;
    if (model != nullptr && cylinders[i] < model->cylinders()) requests[i].lba = model->first_lba(cylinders[i]);
  }
  return requests;
}

const std::vector<std::string>& cylinder_generators() {
  static const std::vector<std::string> kinds = {"uniform", "sequential", "hotspot"};
  return kinds;
}

std::vector<std::uint32_t> generate_cylinders(const std::string& kind, std::size_t count, std::uint32_t cylinders,
                                              std::uint64_t seed) {
  KS_ASSERT(cylinders > 0, "a generated stream is for a disk with cylinders");
  RandomStream random("disk-" + kind, seed);
  const std::int64_t last = static_cast<std::int64_t>(cylinders) - 1;
  std::vector<std::uint32_t> stream;
  stream.reserve(count);
  if (kind == "uniform") {
    for (std::size_t i = 0; i < count; ++i) stream.push_back(static_cast<std::uint32_t>(random.uniform(0, last)));
  } else if (kind == "sequential") {
    std::int64_t at = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (i % 16 == 0) at = random.uniform(0, last);
      stream.push_back(static_cast<std::uint32_t>(std::min(at + static_cast<std::int64_t>(i % 16), last)));
    }
  } else if (kind == "hotspot") {
    const std::int64_t centre = random.uniform(0, last);
    const std::int64_t half = std::max<std::int64_t>(1, cylinders / 20);
    for (std::size_t i = 0; i < count; ++i) {
      const std::int64_t c =
          random.chance(9, 10) ? random.uniform(centre - half, centre + half) : random.uniform(0, last);
      stream.push_back(static_cast<std::uint32_t>(std::clamp<std::int64_t>(c, 0, last)));
    }
  } else {
    std::string known;
    for (const std::string& name : cylinder_generators()) known += (known.empty() ? "" : ", ") + name;
    throw InputError({"", 0, 0, "generate"}, "unknown request stream \"" + kind + "\" (known: " + known + ")");
  }
  return stream;
}

}  // namespace ks
