// kernel/sync/task.h — kernel paths that block more than once, written as C++20 coroutines.
//
// WHY. A system call that does nothing visible before it blocks is restarted at its ecall
// (kernel/trap/trap.h, kernel/sync/wait.h) and needs nothing here. A path that changes things and then
// waits, perhaps several times (a page fault that waits for a swap-in, a read that misses the
// buffer cache, a journal commit), must keep its place. A KernelTask keeps it in a coroutine
// frame, so the path reads like the textbook's:
//
//   KernelTask<std::int64_t> read_block(BufferCache& cache, BlockNo block) {
//     Buffer& buffer = cache.lookup(block);
//     while (buffer.busy) co_await wait_on(buffer.waiters);           // another task reads it
//     if (!buffer.valid) co_await device_io(buffer.io, [&] { disk.start(buffer); });
//     co_return buffer.status;
//   }
//
// and a caller awaits it as a sub-task: `const std::int64_t status = co_await read_block(...)`.
//
// DRIVING. A task is lazy: nothing runs until the kernel calls start(DRIVER, ID), which runs the
// path, in the current kernel event, up to its first suspension (or its end). After that the
// task moves only through the simulation's event queue: a suspension asks the TaskDriver (the
// kernel) to schedule a resume event, the event's handler finds the task by ID and calls
// resume(TOKEN). Nothing else resumes a task, so tasks woken at the same tick resume in the
// order of their events, (time, phase, sequence), as every other thing in the simulation.
//
// WAKING AND STALE WAKES. Each suspension gets a new generation from its driver (unique among
// all the driver's tasks), and its resume event carries a WakeToken (task id, generation): a
// token that names a task no longer suspended there (killed, or since woken another way) finds
// nothing to do, whether or not its id has been given to a new task meanwhile. This is the wait
// generation of kernel/sync/wait.h, made unique per driver instead of per thread.
//
// KILLING. Destroying a suspended root task (its thread is killed) destroys its frame and the
// frames of the sub-tasks it awaits, running their locals' destructors (a guard releases what
// the path held), and takes it off the wait queue it was on (a task waits on one queue at most,
// through a link in the root's frame, unlinked when the frame goes): no queue is left holding a
// waiter that is gone. An I/O in flight is left to complete into its IoCompletion, which belongs
// to what outlives the task (a buffer, a request), never to the task's frame. Whether to destroy
// a task that waits for a device, or to let it finish first as Unix does with a disk sleep, is
// the kernel's choice: interruptible() tells the two kinds of wait apart. A task must not be
// destroyed while it runs (the kernel ends a thread at its next kernel entry, as today).
//
// EXCEPTIONS. A kernel path reports errors by its result (-errno), never by throwing. What
// escapes a body anyway (an InvariantError from KS_ASSERT, std::bad_alloc) is stored by the
// promise and rethrown where the task's result is taken: into the awaiting task at its
// co_await, and for a root out of the start() or resume() that ran it, i.e. out of the kernel's
// event handler and EventQueue::run_until, so the run stops as for a KS_ASSERT anywhere else in
// the kernel. No exception is ever in flight across a suspension.
//
// COST. A frame is allocated once per task (counted: task_frame_counts()); waiting allocates
// nothing. Figures: docs/performance.md ("Kernel tasks").
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "sim-core/types.h"

namespace ks {

// Which task a driver means: the kernel's choice (a thread id, for example). Ids may be reused.
using TaskId = std::uint32_t;

// One suspension of one task, as its resume event carries it (bits() fits an event's argument).
class WakeToken {
 public:
  WakeToken() = default;
  WakeToken(TaskId task, std::uint32_t generation) : task_(task), generation_(generation) {}
  static WakeToken from_bits(std::uint64_t bits) {
    return {static_cast<TaskId>(bits >> 32), static_cast<std::uint32_t>(bits & 0xffffffffU)};
  }
  std::uint64_t bits() const { return (std::uint64_t{task_} << 32) | generation_; }
  TaskId task() const { return task_; }
  std::uint32_t generation() const { return generation_; }
  friend bool operator==(const WakeToken&, const WakeToken&) = default;

 private:
  TaskId task_ = 0;
  std::uint32_t generation_ = 0;  // 0: no suspension
};

// What the kernel implements so that tasks can suspend: schedule_resume(WHEN, TOKEN) must make
// the simulation's event queue call, at virtual time WHEN (never before now()), resume(TOKEN) on
// the root task whose id is TOKEN.task(), if there still is one. The driver chooses the phase.
class TaskDriver {
 public:
  virtual void schedule_resume(Tick when, WakeToken token) = 0;
  virtual Tick now() const = 0;

  virtual ~TaskDriver() = default;

 private:
  friend class TaskContext;
  std::uint32_t last_generation_ = 0;
};

class TaskWaitQueue;
class IoCompletion;

// Frames held by this host thread's tasks: what a path costs in memory.
struct TaskFrameCounts {
  std::int64_t live_frames = 0;
  std::int64_t live_bytes = 0;        // as the compiler asked for them
  std::int64_t frames_allocated = 0;  // ever
};
const TaskFrameCounts& task_frame_counts();

// The state one chain of tasks shares (a root and the sub-tasks it awaits, innermost last): who
// drives it, where it is suspended, and its place on a wait queue. It lives in the root's frame.
class TaskContext {
 public:
  TaskContext() = default;
  TaskContext(const TaskContext&) = delete;
  TaskContext& operator=(const TaskContext&) = delete;
  ~TaskContext();

  void bind(TaskDriver& driver, TaskId id);
  bool bound() const { return driver_ != nullptr; }
  bool running() const { return running_; }
  bool suspended() const { return static_cast<bool>(suspended_); }
  bool interruptible() const { return interruptible_; }
  WakeToken token() const { return {id_, generation_}; }
  TaskDriver& driver() const;

  // Runs the chain from HANDLE (the root's start) until it suspends or ends.
  void run(std::coroutine_handle<> handle);
  // Resumes the chain where it is suspended if TOKEN names that suspension; false otherwise.
  bool resume(WakeToken token);

  // The suspensions: the awaitables below call them from await_suspend with the innermost
  // coroutine's handle. An INTERRUPTIBLE wait holds nothing the kernel needs back (see KILLING).
  void wait_on(TaskWaitQueue& queue, std::coroutine_handle<> handle, bool interruptible);
  void sleep_for(Tick ticks, std::coroutine_handle<> handle);

 private:
  friend class TaskWaitQueue;
  WakeToken suspend(std::coroutine_handle<> handle, bool interruptible);

  TaskDriver* driver_ = nullptr;
  std::coroutine_handle<> suspended_;  // the innermost task, while suspended
  TaskId id_ = 0;
  std::uint32_t generation_ = 0;
  bool running_ = false;
  bool interruptible_ = false;      // of the current suspension
  TaskWaitQueue* queue_ = nullptr;  // the queue it waits on, if any
  TaskContext* previous_ = nullptr;
  TaskContext* next_ = nullptr;
};

// Tasks waiting for a condition, first come first woken. A waker changes the condition, then
// calls wake_all (or wake_one): each woken task leaves the queue at once, and resumes in its own
// event at the current time. As with any sleep, a woken task checks its condition again
// (`while (!ready) co_await wait_on(queue);`). A queue has a fixed address while tasks wait on it
// (it is part of what they wait for: a pipe, a buffer, an inode); destroying it detaches its
// waiters, which then wait until they are killed.
class TaskWaitQueue {
 public:
  TaskWaitQueue() = default;
  TaskWaitQueue(const TaskWaitQueue&) = delete;
  TaskWaitQueue& operator=(const TaskWaitQueue&) = delete;
  ~TaskWaitQueue();

  bool empty() const { return head_ == nullptr; }
  std::size_t size() const { return size_; }
  // Wakes every waiter (in the order they came); returns how many.
  std::size_t wake_all();
  // Wakes the first waiter; false when there was none.
  bool wake_one();

 private:
  friend class TaskContext;
  void push(TaskContext& waiter);
  void remove(TaskContext& waiter);
  static void schedule(TaskContext& waiter);

  TaskContext* head_ = nullptr;
  TaskContext* tail_ = nullptr;
  std::size_t size_ = 0;
};

// The end of one device operation at a time, with its result (bytes moved, or -errno). It belongs
// to whatever outlives the task (a buffer, a request), so a device can complete it after the task
// that started the operation was killed. The device's interrupt handler calls complete().
class IoCompletion {
 public:
  bool pending() const { return pending_; }
  std::int64_t result() const { return result_; }
  // Ends the pending operation with RESULT and wakes the tasks waiting for it.
  void complete(std::int64_t result);

 private:
  template <class Start>
  friend class DeviceIo;
  void begin();

  TaskWaitQueue waiters_;
  std::int64_t result_ = 0;
  bool pending_ = false;
};

namespace task_detail {

// What every KernelTask's promise holds, whatever its result type.
class PromiseBase {
 public:
  // A frame's size is counted in and out, so its delete is the sized one: a class's usual
  // deallocation function, which clang-tidy 14's check does not pair with new (LLVM issue 39521).
  static void* operator new(std::size_t size);  // NOLINT(misc-new-delete-overloads)
  static void operator delete(void* frame, std::size_t size) noexcept;

  std::suspend_always initial_suspend() const noexcept { return {}; }

  // The end of a task: the task that awaits it goes on at once (symmetric transfer); a root
  // returns to whoever ran it (start() or resume()).
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> handle) const noexcept {
      const std::coroutine_handle<> next = handle.promise().continuation;
      return next ? next : std::noop_coroutine();
    }
    void await_resume() const noexcept {}
  };
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { exception = std::current_exception(); }
  void rethrow_if_failed() const {
    if (exception) std::rethrow_exception(exception);
  }

  TaskContext* context = nullptr;        // the chain's (the root's own, or the awaiter's)
  std::coroutine_handle<> continuation;  // the task that awaits this one; none for a root
  std::exception_ptr exception;
  TaskContext root_context;  // used when this task is a root
};

// The context of the task whose promise is PROMISE (an awaitable's await_suspend uses it).
template <class Promise>
TaskContext& context_of(std::coroutine_handle<Promise> handle) {
  static_assert(std::is_base_of_v<PromiseBase, Promise>, "the kernel's awaitables are awaited in a KernelTask");
  return *handle.promise().context;
}

template <class T>
class Promise;

}  // namespace task_detail

// A kernel path that may suspend: a coroutine returning T (void by default).
template <class T = void>
class [[nodiscard]] KernelTask {
 public:
  using promise_type = task_detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  KernelTask() = default;
  explicit KernelTask(Handle handle) : handle_(handle) {}
  KernelTask(KernelTask&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  KernelTask& operator=(KernelTask&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  ~KernelTask() { destroy(); }

  bool valid() const { return static_cast<bool>(handle_); }
  bool done() const { return handle_ && handle_.done(); }
  // Suspended, waiting for its resume event.
  bool waiting() const { return handle_ && handle_.promise().root_context.suspended(); }
  // The token the pending resume must carry (the generation is 0 when not waiting).
  WakeToken token() const { return handle_.promise().root_context.token(); }
  // Waiting in wait_on or sleep_for, where its path holds nothing the kernel needs back; not in
  // device_io, whose path may hold a buffer in I/O (as Unix's uninterruptible disk sleep).
  bool interruptible() const { return waiting() && handle_.promise().root_context.interruptible(); }

  // Makes this task a root driven by DRIVER under ID and runs it until it suspends or ends.
  // Rethrows what escaped the body if it ended that way.
  void start(TaskDriver& driver, TaskId id);
  // Resumes the task if TOKEN names its current suspension (else false: a stale wake) and runs
  // it until it suspends again or ends. Rethrows what escaped the body if it ended that way.
  bool resume(WakeToken token);

  // The value of a root that is done (rethrows what escaped its body).
  T result();

  // Awaiting a sub-task runs it at once, in the awaiting task's chain; the awaiting task goes on
  // with its result when it ends (however often it suspended meanwhile).
  auto operator co_await() && noexcept { return SubTaskAwaiter{handle_}; }

 private:
  struct SubTaskAwaiter {
    Handle child;
    bool await_ready() const noexcept { return false; }
    template <class Parent>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Parent> parent) {
      promise_type& promise = child.promise();
      TaskContext& context = task_detail::context_of(parent);
      if (promise.context != nullptr || child.done()) assert_awaited_once();
      promise.context = &context;
      promise.continuation = parent;
      return child;
    }
    T await_resume() { return child.promise().take_value(); }
  };

  void destroy() {
    if (!handle_) return;
    if (handle_.promise().root_context.running()) assert_not_running();
    handle_.destroy();
    handle_ = {};
  }
  [[noreturn]] static void assert_awaited_once();
  [[noreturn]] static void assert_not_running() noexcept;

  Handle handle_;
};

namespace task_detail {

void assert_root(bool condition, const char* why);

template <class T>
class Promise : public PromiseBase {
 public:
  KernelTask<T> get_return_object() { return KernelTask<T>(std::coroutine_handle<Promise>::from_promise(*this)); }
  template <class U>
  void return_value(U&& value) {
    value_.emplace(std::forward<U>(value));
  }
  T take_value() {
    rethrow_if_failed();
    assert_root(value_.has_value(), "a task's value is taken once, after it ended");
    T value = std::move(*value_);
    value_.reset();
    return value;
  }

 private:
  std::optional<T> value_;
};

template <>
class Promise<void> : public PromiseBase {
 public:
  KernelTask<void> get_return_object() { return KernelTask<void>(std::coroutine_handle<Promise>::from_promise(*this)); }
  void return_void() const noexcept {}
  void take_value() const { rethrow_if_failed(); }
};

}  // namespace task_detail

template <class T>
void KernelTask<T>::start(TaskDriver& driver, TaskId id) {
  task_detail::assert_root(handle_ && handle_.promise().context == nullptr, "a task is started once, as a root");
  promise_type& promise = handle_.promise();
  promise.root_context.bind(driver, id);
  promise.context = &promise.root_context;
  promise.root_context.run(handle_);
  if (handle_.done()) promise.rethrow_if_failed();
}

template <class T>
bool KernelTask<T>::resume(WakeToken token) {
  if (!handle_ || handle_.promise().context != &handle_.promise().root_context) return false;
  const bool resumed = handle_.promise().root_context.resume(token);
  if (resumed && handle_.done()) handle_.promise().rethrow_if_failed();
  return resumed;
}

template <class T>
T KernelTask<T>::result() {
  task_detail::assert_root(done(), "a task's result is taken after it ended");
  return handle_.promise().take_value();
}

template <class T>
void KernelTask<T>::assert_awaited_once() {
  task_detail::assert_root(false, "a sub-task is awaited once, before it ran");
  std::terminate();  // not reached: assert_root threw
}

template <class T>
void KernelTask<T>::assert_not_running() noexcept {
  // Thrown from a destructor, so it ends the program with the invariant's message.
  task_detail::assert_root(false, "a task is destroyed only while it is suspended or done, never while it runs");
  std::terminate();
}

// co_await wait_on(QUEUE): sleeps on QUEUE until a wake_all or wake_one of it.
class WaitOn {
 public:
  explicit WaitOn(TaskWaitQueue& queue) : queue_(queue) {}
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  void await_suspend(std::coroutine_handle<Promise> handle) const {
    task_detail::context_of(handle).wait_on(queue_, handle, true);
  }
  void await_resume() const noexcept {}

 private:
  TaskWaitQueue& queue_;
};
inline WaitOn wait_on(TaskWaitQueue& queue) { return WaitOn(queue); }

// co_await sleep_for(TICKS): resumes TICKS ticks of virtual time later (0: later in this tick,
// after the events already scheduled for it).
class SleepFor {
 public:
  explicit SleepFor(Tick ticks) : ticks_(ticks) {}
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  void await_suspend(std::coroutine_handle<Promise> handle) const {
    task_detail::context_of(handle).sleep_for(ticks_, handle);
  }
  void await_resume() const noexcept {}

 private:
  Tick ticks_;
};
inline SleepFor sleep_for(Tick ticks) { return SleepFor(ticks); }

// co_await device_io(DONE, START): begins an operation on DONE, calls START() to hand it to the
// device, and sleeps until the device completes DONE (at once if START completed it); the
// co_await gives DONE's result.
template <class Start>
class DeviceIo {
 public:
  DeviceIo(IoCompletion& done, Start start) : done_(done), start_(std::move(start)) {}
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    TaskContext& context = task_detail::context_of(handle);
    done_.begin();
    start_();
    if (!done_.pending()) return false;
    context.wait_on(done_.waiters_, handle, false);
    return true;
  }
  std::int64_t await_resume() const noexcept { return done_.result(); }

 private:
  IoCompletion& done_;
  Start start_;
};
template <class Start>
DeviceIo<Start> device_io(IoCompletion& done, Start start) {
  return DeviceIo<Start>(done, std::move(start));
}

}  // namespace ks
