// kernel/blk/sched/cylinder_queue.h — waiting requests sorted by cylinder, for the policies that
// sweep or look for the nearest (sstf, scan, cscan, look, clook, deadline, bfq).
//
// One bucket per cylinder that has requests, in a tree ordered by cylinder; a bucket keeps its
// requests in order of arrival, so every query below returns, on the cylinder it finds, the
// request that came first. Finding a cylinder costs O(log c) for the c cylinders that have
// requests (never more than the disk's cylinders, however many requests wait); adding and taking
// a request cost O(1) more. A bucket is a vector read from a moving front, compacted when more
// than half of it has been taken, and removed when empty.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <vector>

#include "kernel/blk/disk_scheduler.h"

namespace ks {

class CylinderQueue {
 public:
  struct Bucket {
    std::vector<DiskRequest> requests;
    std::size_t first = 0;  // requests before it have been taken
  };
  using Position = std::map<std::uint32_t, Bucket>::iterator;

  void add(const DiskRequest& request) {
    buckets_[request.cylinder].requests.push_back(request);
    ++size_;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The lowest cylinder ≥ CYLINDER that has a request, if any.
  std::optional<Position> at_or_above(std::uint32_t cylinder) {
    const auto it = buckets_.lower_bound(cylinder);
    if (it == buckets_.end()) return std::nullopt;
    return it;
  }
  // The highest cylinder ≤ CYLINDER that has a request, if any.
  std::optional<Position> at_or_below(std::uint32_t cylinder) {
    auto it = buckets_.upper_bound(cylinder);
    if (it == buckets_.begin()) return std::nullopt;
    return --it;
  }
  std::optional<Position> lowest() { return at_or_above(0); }
  std::optional<Position> highest() {
    if (buckets_.empty()) return std::nullopt;
    return std::prev(buckets_.end());
  }
  // CYLINDER's bucket, if it has requests.
  std::optional<Position> at(std::uint32_t cylinder) {
    const auto it = buckets_.find(cylinder);
    if (it == buckets_.end()) return std::nullopt;
    return it;
  }
  static std::uint32_t cylinder(Position at) { return at->first; }
  // The first-come request on the cylinder AT, left in place.
  static const DiskRequest& front(Position at) { return at->second.requests[at->second.first]; }

  // Removes the first-come request on the cylinder AT and returns it.
  DiskRequest take(Position at) {
    Bucket& bucket = at->second;
    DiskRequest request = bucket.requests[bucket.first++];
    --size_;
    if (bucket.first == bucket.requests.size()) {
      buckets_.erase(at);
    } else if (bucket.first > 32 && 2 * bucket.first > bucket.requests.size()) {
      bucket.requests.erase(bucket.requests.begin(),
                            bucket.requests.begin() + static_cast<std::ptrdiff_t>(bucket.first));
      bucket.first = 0;
    }
    return request;
  }

  // The ids in cylinder order, lowest first (on one cylinder, in order of arrival).
  std::vector<std::uint64_t> ids() const {
    std::vector<std::uint64_t> ids;
    ids.reserve(size_);
    for (const auto& [cylinder, bucket] : buckets_) {
      for (std::size_t i = bucket.first; i < bucket.requests.size(); ++i) ids.push_back(bucket.requests[i].id);
    }
    return ids;
  }

 private:
  std::map<std::uint32_t, Bucket> buckets_;
  std::size_t size_ = 0;
};

}  // namespace ks
