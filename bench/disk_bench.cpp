// bench/disk_bench.cpp — the cost of disk scheduling over a million requests, and of the disk
// model's service-time function.
//
//   Schedule/P/N      N requests (uniform over 10,000 cylinders, 3 processes, one write in four),
//                     all pending at time 0, through policy P on the cylinders-only model,
//                     steps off: the whole of replay_disk(); the stream is built once, outside
//                     the timing. sptf looks at every waiting request for each choice (O(n) a
//                     choice), so it runs on 10^4 requests, not 10^6
//   ScheduleHdd/P/N   the same on the HDD model (1962 cylinders, its default geometry), with
//                     seek, rotation and transfer computed for every request
//   HddService        HddModel::service for one request: seek curve, rotational position, transfer
// Counter: req/s = requests scheduled per second. Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include "kernel/blk/replay.h"
#include "sim-core/random.h"

namespace {

std::vector<ks::DiskRequest> stream(std::int64_t count, std::uint32_t cylinders, const ks::HddModel* model) {
  ks::RandomStream random("disk-bench", 1);
  std::vector<ks::DiskRequest> requests(static_cast<std::size_t>(count));
  for (ks::DiskRequest& request : requests) {
    request.cylinder = static_cast<std::uint32_t>(random.uniform(0, cylinders - 1));
    request.pid = static_cast<ks::Pid>(random.uniform(1, 3));
    request.write = random.chance(1, 4);
    request.count = 8;
    if (model != nullptr) request.lba = model->first_lba(request.cylinder);
  }
  return requests;
}

const ks::HddModel& hdd() {
  static const ks::HddModel model{ks::HddGeometry{}};
  return model;
}

void Schedule(benchmark::State& state, const std::string& policy, bool on_hdd) {
  const ks::HddModel* model = on_hdd ? &hdd() : nullptr;
  const std::uint32_t cylinders = on_hdd ? hdd().cylinders() : 10'000;
  const std::vector<ks::DiskRequest> requests = stream(state.range(0), cylinders, model);
  const ks::DiskSchedulerInfo& info = *ks::find_disk_scheduler(policy);
  const ks::PolicyParams params = ks::default_params(info);
  ks::DiskReplayOptions options;
  options.cylinders = cylinders;
  options.model = model;
  options.head = cylinders / 2;
  options.record_steps = false;
  std::uint64_t movement = 0;
  for (auto _ : state) {
    const ks::DiskReplayResult result = ks::replay_disk(info, params, requests, options);
    movement = result.movement;
    benchmark::DoNotOptimize(movement);
  }
  state.counters["req/s"] =
      benchmark::Counter(static_cast<double>(requests.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["cyl/req"] = static_cast<double>(movement) / static_cast<double>(requests.size());
}

void HddService(benchmark::State& state) {
  const ks::HddModel& model = hdd();
  ks::RandomStream random("disk-bench-service", 1);
  std::vector<std::uint64_t> lbas(4096);
  for (std::uint64_t& lba : lbas) lba = static_cast<std::uint64_t>(random.uniform(0, model.sectors() - 9));
  std::uint32_t head = 0;
  ks::Tick now = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const ks::HddService service = model.service(head, now, lbas[i++ & 4095], 8);
    head = service.cylinder;
    now += service.total();
    benchmark::DoNotOptimize(now);
  }
}

const bool registered = [] {
  for (const std::string policy : {"fcfs", "sstf", "scan", "cscan", "look", "clook", "sptf", "deadline", "bfq"}) {
    const std::int64_t n = policy == "sptf" ? 10'000 : 1'000'000;
    benchmark::RegisterBenchmark(("Schedule/" + policy).c_str(), Schedule, policy, false)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("ScheduleHdd/" + policy).c_str(), Schedule, policy, true)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("HddService", HddService);
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
