// The disk driver (design: disk.h): a tag per request in flight, reused when it completes, so the
// table stays as small as the number of requests in flight.
#include "kernel/drivers/disk.h"

#include "kernel/sync/task.h"
#include "sim-core/error.h"

namespace ks {

void DiskDriver::submit(IoDirection direction, std::uint64_t sector, std::uint32_t count, std::uint64_t buffer,
                        IoCompletion* done, Pid pid, Tid tid) {
  std::uint64_t tag = pending_.size();
  if (free_.empty()) {
    pending_.emplace_back();
  } else {
    tag = free_.back();
    free_.pop_back();
  }
  pending_[tag] = Pending{done, std::int64_t{count} * kSectorSize, true};
  ++in_flight_;
  IoRequest request;
  request.pid = pid;
  request.tid = tid;
  request.tag = tag;
  request.direction = direction;
  request.sector = sector;
  request.count = count;
  request.buffer = buffer;
  drive_.submit(request);
}

void DiskDriver::complete(std::uint64_t tag) {
  KS_ASSERT(tag < pending_.size() && pending_[tag].busy, "a disk completion is for a request in flight");
  const Pending done = pending_[tag];
  pending_[tag] = Pending{};
  free_.push_back(tag);
  --in_flight_;
  if (done.done != nullptr) done.done->complete(done.bytes);
}

}  // namespace ks
