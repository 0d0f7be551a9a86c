// The I/O driver (design: io.h): a tag per request in flight, reused when it completes, so the
// table stays as small as the number of requests in flight.
#include "kernel/drivers/io.h"

#include "kernel/kernel.h"
#include "kernel/proc/process_table.h"
#include "kernel/sched/dispatcher.h"
#include "sim-core/error.h"

namespace ks {

void IoDriver::submit(const Thread& thread, Tick service) {
  std::uint64_t tag = waiting_.size();
  if (free_.empty()) {
    waiting_.push_back(thread.tid);
  } else {
    tag = free_.back();
    free_.pop_back();
    waiting_[tag] = thread.tid;
  }
  kernel_.machine_.io_device().submit({thread.pid, thread.tid, service, tag});
}

void IoDriver::complete(std::uint64_t tag) {
  KS_ASSERT(tag < waiting_.size() && waiting_[tag] != kNoTid, "a completion is for a request in flight");
  Thread& thread = kernel_.table_->thread(waiting_[tag]);
  waiting_[tag] = kNoTid;
  free_.push_back(tag);
  KS_ASSERT(thread.state == ProcessState::Blocked, "an I/O completion wakes a blocked thread");
  kernel_.emit(EventKind::Woken, kNoCpu, &thread, static_cast<std::int64_t>(BlockReason::Io), 0);
  kernel_.dispatcher_->make_ready(thread, EnqueueReason::Wakeup);
}

}  // namespace ks
