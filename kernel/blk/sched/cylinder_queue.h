// kernel/blk/sched/cylinder_queue.h — waiting requests sorted by cylinder, for the policies that
// sweep or look for the nearest (sstf, scan, cscan, look, clook, deadline's sort order, bfq).
//
// Requests on one cylinder keep their order of arrival, so every query below returns, on the
// cylinder it finds, the request that came first. Each operation costs O(log n).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "kernel/blk/disk_scheduler.h"

namespace ks {

class CylinderQueue {
 public:
  using Key = std::pair<std::uint32_t, std::uint64_t>;  // cylinder, arrival sequence
  using Iterator = std::map<Key, DiskRequest>::const_iterator;

  void add(const DiskRequest& request) { requests_.emplace(Key{request.cylinder, sequence_++}, request); }
  std::size_t size() const { return requests_.size(); }
  bool empty() const { return requests_.empty(); }

  // The first-come request on the lowest cylinder ≥ CYLINDER, if any.
  std::optional<Iterator> at_or_above(std::uint32_t cylinder) const {
    const auto it = requests_.lower_bound({cylinder, 0});
    if (it == requests_.end()) return std::nullopt;
    return it;
  }
  // The first-come request on the highest cylinder ≤ CYLINDER, if any.
  std::optional<Iterator> at_or_below(std::uint32_t cylinder) const {
    auto it = requests_.upper_bound({cylinder, std::numeric_limits<std::uint64_t>::max()});
    if (it == requests_.begin()) return std::nullopt;
    --it;
    return requests_.lower_bound({it->first.first, 0});
  }
  std::optional<Iterator> lowest() const { return at_or_above(0); }
  std::optional<Iterator> highest() const { return at_or_below(std::numeric_limits<std::uint32_t>::max()); }

  // Removes the request at IT and returns it.
  DiskRequest take(Iterator it) {
    DiskRequest request = it->second;
    requests_.erase(it);
    return request;
  }

  // The ids in cylinder order, lowest first.
  std::vector<std::uint64_t> ids() const {
    std::vector<std::uint64_t> ids;
    ids.reserve(requests_.size());
    for (const auto& entry : requests_) ids.push_back(entry.second.id);
    return ids;
  }

 private:
  std::map<Key, DiskRequest> requests_;
  std::uint64_t sequence_ = 0;
};

}  // namespace ks
