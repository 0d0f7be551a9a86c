// The non-template parts of kernel tasks: suspending and resuming a chain, wait queues, device
// completions and the frame counts. The design is in task.h.
#include "kernel/sync/task.h"

#include <new>

#include "sim-core/error.h"

namespace ks {
namespace {

// Per host thread, so that simulations on different host threads never share a counter.
TaskFrameCounts& frame_counts() {
  thread_local TaskFrameCounts counts;
  return counts;
}

}  // namespace

const TaskFrameCounts& task_frame_counts() { return frame_counts(); }

namespace task_detail {

// NOLINTNEXTLINE(misc-new-delete-overloads): its delete is the sized one below (see task.h)
void* PromiseBase::operator new(std::size_t size) {
  void* frame = ::operator new(size);
  TaskFrameCounts& counts = frame_counts();
  ++counts.live_frames;
  ++counts.frames_allocated;
  counts.live_bytes += static_cast<std::int64_t>(size);
  return frame;
}

void PromiseBase::operator delete(void* frame, std::size_t size) noexcept {
  TaskFrameCounts& counts = frame_counts();
  --counts.live_frames;
  counts.live_bytes -= static_cast<std::int64_t>(size);
  ::operator delete(frame);
}

void assert_root(bool condition, const char* why) { KS_ASSERT(condition, why); }

}  // namespace task_detail

TaskContext::~TaskContext() {
  if (queue_ != nullptr) queue_->remove(*this);
}

void TaskContext::bind(TaskDriver& driver, TaskId id) {
  driver_ = &driver;
  id_ = id;
}

TaskDriver& TaskContext::driver() const {
  KS_ASSERT(driver_ != nullptr, "a task suspends only after it was started by a driver");
  return *driver_;
}

void TaskContext::run(std::coroutine_handle<> handle) {
  KS_ASSERT(!running_, "a task chain runs once at a time (nothing resumes it from inside)");
  running_ = true;
  handle.resume();  // never throws: the promises keep what escapes the bodies
  running_ = false;
}

bool TaskContext::resume(WakeToken token) {
  if (!suspended_ || token != this->token()) return false;
  KS_ASSERT(queue_ == nullptr, "a task resumes only after it has left its wait queue");
  run(std::exchange(suspended_, {}));
  return true;
}

WakeToken TaskContext::suspend(std::coroutine_handle<> handle, bool interruptible) {
  TaskDriver& owner = driver();
  KS_ASSERT(!suspended_, "a task chain suspends at one place at a time");
  KS_ASSERT(owner.last_generation_ != UINT32_MAX, "a driver's wait generations fit in 32 bits");
  generation_ = ++owner.last_generation_;
  suspended_ = handle;
  interruptible_ = interruptible;
  return token();
}

void TaskContext::wait_on(TaskWaitQueue& queue, std::coroutine_handle<> handle, bool interruptible) {
  suspend(handle, interruptible);
  queue.push(*this);
}

void TaskContext::sleep_for(Tick ticks, std::coroutine_handle<> handle) {
  TaskDriver& owner = driver();
  const Tick now = owner.now();
  KS_ASSERT(ticks >= 0 && ticks <= kNever - 1 - now, "a task sleeps for a time from 0 ticks up to the end of time");
  owner.schedule_resume(now + ticks, suspend(handle, true));
}

TaskWaitQueue::~TaskWaitQueue() {
  while (head_ != nullptr) remove(*head_);
}

void TaskWaitQueue::push(TaskContext& waiter) {
  KS_ASSERT(waiter.queue_ == nullptr, "a task waits on one queue at a time");
  waiter.queue_ = this;
  waiter.previous_ = tail_;
  waiter.next_ = nullptr;
  (tail_ != nullptr ? tail_->next_ : head_) = &waiter;
  tail_ = &waiter;
  ++size_;
}

void TaskWaitQueue::remove(TaskContext& waiter) {
  (waiter.previous_ != nullptr ? waiter.previous_->next_ : head_) = waiter.next_;
  (waiter.next_ != nullptr ? waiter.next_->previous_ : tail_) = waiter.previous_;
  waiter.queue_ = nullptr;
  waiter.previous_ = waiter.next_ = nullptr;
  --size_;
}

void TaskWaitQueue::schedule(TaskContext& waiter) {
  TaskDriver& owner = waiter.driver();
  owner.schedule_resume(owner.now(), waiter.token());
}

std::size_t TaskWaitQueue::wake_all() {
  std::size_t woken = 0;
  while (wake_one()) ++woken;
  return woken;
}

bool TaskWaitQueue::wake_one() {
  if (head_ == nullptr) return false;
  TaskContext& waiter = *head_;
  remove(waiter);
  schedule(waiter);
  return true;
}

void IoCompletion::begin() {
  KS_ASSERT(!pending_, "an IoCompletion serves one operation at a time");
  pending_ = true;
}

void IoCompletion::complete(std::int64_t result) {
  KS_ASSERT(pending_, "a device completes only an operation that was started");
  pending_ = false;
  result_ = result;
  waiters_.wake_all();
}

}  // namespace ks
