// Kernel tasks (kernel/sync/task.h), driven by a test double of the kernel's TaskDriver over the
// real sim-core EventQueue: what resumes when, in which order, what a killed task leaves
// behind, nested awaits, and where an exception goes.
#include "kernel/sync/task.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim-core/error.h"
#include "sim-core/event_queue.h"

namespace ks {
namespace {

// The kernel's part, as the kernel will play it: resume events through the event queue, root
// tasks found by id (gone when killed), and actions at given times standing in for the rest of
// the kernel and the devices.
class QueueDriver final : public TaskDriver, public EventHandler {
 public:
  static constexpr std::uint8_t kPhase = 3;
  static constexpr std::uint32_t kResume = 1;
  static constexpr std::uint32_t kAction = 2;

  EventQueue queue;
  std::map<TaskId, KernelTask<std::int64_t>> tasks;  // the live roots
  std::map<TaskId, std::int64_t> results;            // of the roots that ended
  int stale_wakes = 0;

  void schedule_resume(Tick when, WakeToken token) override {
    queue.schedule(when, kPhase, *this, kResume, token.bits());
  }
  Tick now() const override { return queue.now(); }

  void start(TaskId id, KernelTask<std::int64_t> task) {
    tasks[id] = std::move(task);
    tasks[id].start(*this, id);
    collect(id);
  }
  void kill(TaskId id) { tasks.erase(id); }
  void at(Tick when, std::function<void()> action) {
    actions_.push_back(std::move(action));
    queue.schedule(when, kPhase, *this, kAction, actions_.size() - 1);
  }
  void run() { queue.run_until(kNever); }

  void on_event(std::uint32_t kind, std::uint64_t arg) override {
    if (kind == kAction) {
      actions_[arg]();
      return;
    }
    const WakeToken token = WakeToken::from_bits(arg);
    const auto task = tasks.find(token.task());
    if (task == tasks.end() || !task->second.resume(token)) {
      ++stale_wakes;
      return;
    }
    collect(token.task());
  }

 private:
  void collect(TaskId id) {
    if (!tasks[id].done()) return;
    results[id] = tasks[id].result();
    tasks.erase(id);
  }
  std::vector<std::function<void()>> actions_;
};

// A device whose operations take LATENCY ticks and complete through the event queue.
class FakeDisk final : public EventHandler {
 public:
  FakeDisk(EventQueue& queue, Tick latency) : queue_(queue), latency_(latency) {}
  void start(IoCompletion& done, std::int64_t result) {
    requests_.push_back({&done, result});
    ++started;
    queue_.schedule(queue_.now() + latency_, 2, *this, 0, requests_.size() - 1);
  }
  void on_event(std::uint32_t, std::uint64_t arg) override { requests_[arg].done->complete(requests_[arg].result); }
  int started = 0;

 private:
  struct Request {
    IoCompletion* done;
    std::int64_t result;
  };
  EventQueue& queue_;
  Tick latency_;
  std::vector<Request> requests_;
};

using Log = std::vector<std::string>;

KernelTask<std::int64_t> wait_then_log(QueueDriver& driver, TaskWaitQueue& queue, Log& log, std::string name) {
  log.push_back(name + " waits at " + std::to_string(driver.now()));
  co_await wait_on(queue);
  log.push_back(name + " resumes at " + std::to_string(driver.now()));
  co_return driver.now();
}

TEST(KernelTask, StartRunsThePathToItsFirstSuspensionAndAWakeResumesIt) {
  QueueDriver driver;
  TaskWaitQueue queue;
  Log log;
  driver.start(1, wait_then_log(driver, queue, log, "a"));
  EXPECT_EQ(log, Log{"a waits at 0"});
  EXPECT_TRUE(driver.tasks.at(1).waiting());
  EXPECT_EQ(queue.size(), 1U);
  driver.at(4, [&] { EXPECT_EQ(queue.wake_all(), 1U); });
  driver.run();
  EXPECT_EQ(log, (Log{"a waits at 0", "a resumes at 4"}));
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(driver.results.at(1), 4);
}

TEST(KernelTask, TasksWokenAtTheSameTickResumeInTheOrderOfTheirWakes) {
  QueueDriver driver;
  TaskWaitQueue first, second, third, shared;
  Log log;
  driver.start(0, wait_then_log(driver, first, log, "t0"));
  driver.start(1, wait_then_log(driver, second, log, "t1"));
  driver.start(2, wait_then_log(driver, third, log, "t2"));
  driver.at(3, [&] {
    third.wake_all();
    first.wake_all();
    second.wake_all();
  });
  // On one queue: the order in which they began to wait.
  driver.start(5, wait_then_log(driver, shared, log, "s5"));
  driver.start(4, wait_then_log(driver, shared, log, "s4"));
  driver.at(6, [&] { shared.wake_all(); });
  log.clear();
  driver.run();
  EXPECT_EQ(log, (Log{"t2 resumes at 3", "t0 resumes at 3", "t1 resumes at 3", "s5 resumes at 6", "s4 resumes at 6"}));
}

// One path that blocks three times, on three kinds of wait, keeping its locals across them.
KernelTask<std::int64_t> three_steps(QueueDriver& driver, TaskWaitQueue& queue, FakeDisk& disk, IoCompletion& done,
                                     Log& log) {
  std::int64_t sum = 100;
  co_await wait_on(queue);
  sum += driver.now();  // 2
  log.push_back("woken at " + std::to_string(driver.now()) + ", sum " + std::to_string(sum));
  co_await sleep_for(5);
  sum += driver.now();  // 7
  log.push_back("slept until " + std::to_string(driver.now()) + ", sum " + std::to_string(sum));
  const std::int64_t bytes = co_await device_io(done, [&] { disk.start(done, 512); });
  sum += bytes;
  log.push_back("read " + std::to_string(bytes) + " at " + std::to_string(driver.now()) + ", sum " +
                std::to_string(sum));
  co_return sum;
}

TEST(KernelTask, APathThatBlocksThreeTimesResumesEachTimeWhereItLeftOff) {
  QueueDriver driver;
  TaskWaitQueue queue;
  FakeDisk disk(driver.queue, 10);
  IoCompletion done;
  Log log;
  driver.start(1, three_steps(driver, queue, disk, done, log));
  driver.at(2, [&] { queue.wake_one(); });
  driver.run();
  EXPECT_EQ(log, (Log{"woken at 2, sum 102", "slept until 7, sum 109", "read 512 at 17, sum 621"}));
  EXPECT_EQ(driver.results.at(1), 621);
  EXPECT_EQ(disk.started, 1);
  EXPECT_FALSE(done.pending());
  EXPECT_EQ(driver.stale_wakes, 0);
}

// A file read awaits a cache read, which awaits a disk read: three levels, one chain.
struct Buffer {
  bool valid = false;
  bool busy = false;
  std::int64_t data = 0;
  TaskWaitQueue waiters;
  IoCompletion io;
};

KernelTask<std::int64_t> disk_read(FakeDisk& disk, Buffer& buffer, std::int64_t block) {
  const std::int64_t status = co_await device_io(buffer.io, [&] { disk.start(buffer.io, 1000 + block); });
  co_return status;
}

KernelTask<std::int64_t> cache_read(FakeDisk& disk, Buffer& buffer, std::int64_t block) {
  while (buffer.busy) co_await wait_on(buffer.waiters);
  if (!buffer.valid) {
    buffer.busy = true;
    buffer.data = co_await disk_read(disk, buffer, block);
    buffer.valid = true;
    buffer.busy = false;
    buffer.waiters.wake_all();
  }
  co_return buffer.data;
}

KernelTask<std::int64_t> file_read(QueueDriver& driver, FakeDisk& disk, Buffer& buffer, Log& log, std::string name) {
  const std::int64_t value = co_await cache_read(disk, buffer, 7);
  log.push_back(name + " read " + std::to_string(value) + " at " + std::to_string(driver.now()));
  co_return value + 1;
}

TEST(KernelTask, NestedAwaitsReturnThroughEveryLevel) {
  QueueDriver driver;
  FakeDisk disk(driver.queue, 10);
  Buffer buffer;
  Log log;
  const std::int64_t frames_before = task_frame_counts().live_frames;
  driver.start(1, file_read(driver, disk, buffer, log, "first"));  // misses: reads the disk
  EXPECT_EQ(task_frame_counts().live_frames, frames_before + 3);
  driver.at(4, [&] { driver.start(2, file_read(driver, disk, buffer, log, "second")); });  // waits for the same read
  driver.run();
  EXPECT_EQ(log, (Log{"first read 1007 at 10", "second read 1007 at 10"}));
  EXPECT_EQ(disk.started, 1);
  // A hit ends within start(), without suspending.
  driver.start(3, file_read(driver, disk, buffer, log, "third"));
  EXPECT_EQ(log.back(), "third read 1007 at 10");
  EXPECT_EQ((std::vector<std::int64_t>{driver.results.at(1), driver.results.at(2), driver.results.at(3)}),
            (std::vector<std::int64_t>{1008, 1008, 1008}));
  EXPECT_EQ(task_frame_counts().live_frames, frames_before);
}

TEST(KernelTask, AKilledTaskFreesItsFramesAndLeavesNoWaiterBehind) {
  QueueDriver driver;
  FakeDisk disk(driver.queue, 10);
  Buffer buffer;
  Log log;
  const TaskFrameCounts before = task_frame_counts();
  driver.start(1, file_read(driver, disk, buffer, log, "reader"));  // in the disk read
  driver.start(2, file_read(driver, disk, buffer, log, "waiter"));  // on the buffer's queue
  EXPECT_EQ(task_frame_counts().live_frames, before.live_frames + 5);
  EXPECT_EQ(buffer.waiters.size(), 1U);
  EXPECT_FALSE(driver.tasks.at(1).interruptible());  // in device_io
  EXPECT_TRUE(driver.tasks.at(2).interruptible());   // in wait_on
  TaskWaitQueue queue;
  driver.start(3, wait_then_log(driver, queue, log, "sleeper"));
  driver.at(1, [&] {
    driver.kill(2);
    driver.kill(3);
    EXPECT_TRUE(buffer.waiters.empty());
    EXPECT_TRUE(queue.empty());
    EXPECT_EQ(queue.wake_all(), 0U);
    driver.kill(1);  // the disk read stays in flight; its completion belongs to the buffer
  });
  driver.run();
  EXPECT_EQ(task_frame_counts().live_frames, before.live_frames);
  EXPECT_EQ(task_frame_counts().live_bytes, before.live_bytes);
  EXPECT_EQ(task_frame_counts().frames_allocated, before.frames_allocated + 6);
  EXPECT_FALSE(buffer.io.pending());
  EXPECT_EQ(buffer.io.result(), 1007);  // completed after its task was gone
  EXPECT_EQ(log, Log{"sleeper waits at 0"});
  EXPECT_TRUE(driver.results.empty());
}

// Stands for what a path holds across a wait (a busy buffer, a pinned frame).
struct Guard {
  std::vector<std::string>& released;
  std::string name;
  ~Guard() { released.push_back(name); }
};

KernelTask<std::int64_t> guarded_inner(TaskWaitQueue& queue, Log& released) {
  const Guard guard{released, "inner"};
  co_await wait_on(queue);
  co_return 1;
}

KernelTask<std::int64_t> guarded_outer(TaskWaitQueue& queue, Log& released) {
  const Guard guard{released, "outer"};
  co_return co_await guarded_inner(queue, released);
}

TEST(KernelTask, KillingATaskRunsTheDestructorsOfTheLocalsOfEveryLevel) {
  QueueDriver driver;
  TaskWaitQueue queue;
  Log released;
  driver.start(1, guarded_outer(queue, released));
  EXPECT_TRUE(released.empty());
  driver.kill(1);
  EXPECT_EQ(released, (Log{"inner", "outer"}));
  EXPECT_TRUE(queue.empty());
}

KernelTask<std::int64_t> sleeper(Tick ticks) {
  co_await sleep_for(ticks);
  co_return -1;
}

TEST(KernelTask, AStaleWakeDoesNotResumeTheNextTaskUnderTheSameId) {
  QueueDriver driver;
  TaskWaitQueue queue;
  Log log;
  driver.start(7, sleeper(10));  // its resume event for tick 10 is in the queue
  driver.at(2, [&] {
    driver.kill(7);
    driver.start(7, wait_then_log(driver, queue, log, "next"));
  });
  driver.at(12, [&] { queue.wake_all(); });
  driver.run();
  EXPECT_EQ(driver.stale_wakes, 1);
  EXPECT_EQ(log, (Log{"next waits at 2", "next resumes at 12"}));
  EXPECT_EQ(driver.results.at(7), 12);
}

TEST(KernelTask, WakeOneWakesTheFirstLiveWaiter) {
  QueueDriver driver;
  TaskWaitQueue queue;
  Log log;
  for (TaskId id = 0; id < 3; ++id) driver.start(id, wait_then_log(driver, queue, log, "w" + std::to_string(id)));
  driver.kill(0);
  log.clear();
  driver.at(1, [&] { EXPECT_TRUE(queue.wake_one()); });
  driver.at(2, [&] { EXPECT_TRUE(queue.wake_one()); });
  driver.at(3, [&] { EXPECT_FALSE(queue.wake_one()); });
  driver.run();
  EXPECT_EQ(log, (Log{"w1 resumes at 1", "w2 resumes at 2"}));
}

TEST(KernelTask, ASleepOfZeroTicksResumesAfterTheEventsAlreadyScheduledForTheTick) {
  QueueDriver driver;
  Log log;
  driver.at(5, [&] {
    driver.start(1, [](QueueDriver& d, Log& l) -> KernelTask<std::int64_t> {
      co_await sleep_for(0);
      l.push_back("task at " + std::to_string(d.now()));
      co_return 0;
    }(driver, log));
    EXPECT_FALSE(driver.results.contains(1));
  });
  driver.at(5, [&] { log.push_back("action at 5"); });
  driver.run();
  EXPECT_EQ(log, (Log{"action at 5", "task at 5"}));
}

TEST(KernelTask, DeviceIoThatCompletesAtOnceDoesNotSuspend) {
  QueueDriver driver;
  IoCompletion done;
  driver.start(1, [](IoCompletion& io) -> KernelTask<std::int64_t> {
    co_return co_await device_io(io, [&] { io.complete(-5); });
  }(done));
  EXPECT_EQ(driver.results.at(1), -5);
  EXPECT_TRUE(driver.queue.empty());
}

KernelTask<std::int64_t> broken_after_a_wait(TaskWaitQueue& queue) {
  co_await wait_on(queue);
  KS_ASSERT(false, "the innermost path's invariant");
  co_return 0;
}

KernelTask<std::int64_t> middle(TaskWaitQueue& queue) { co_return co_await broken_after_a_wait(queue) + 1; }

TEST(KernelTask, AnInvariantBrokenInAPathStopsTheRunWithItsMessageAndFreesTheFrames) {
  QueueDriver driver;
  TaskWaitQueue queue;
  const std::int64_t frames_before = task_frame_counts().live_frames;
  driver.start(1, middle(queue));
  driver.at(3, [&] { queue.wake_all(); });
  try {
    driver.run();
    FAIL() << "the run went on";
  } catch (const InvariantError& error) {
    EXPECT_NE(std::string(error.what()).find("the innermost path's invariant"), std::string::npos) << error.what();
  }
  EXPECT_EQ(driver.queue.now(), 3);
  ASSERT_TRUE(driver.tasks.at(1).done());
  EXPECT_THROW(static_cast<void>(driver.tasks.at(1).result()), InvariantError);  // kept, not lost
  driver.kill(1);
  EXPECT_EQ(task_frame_counts().live_frames, frames_before);
}

TEST(KernelTask, AnExceptionReachesTheAwaitingTaskAtItsCoAwait) {
  QueueDriver driver;
  TaskWaitQueue queue;
  driver.start(1, [](TaskWaitQueue& q) -> KernelTask<std::int64_t> {
    try {
      co_return co_await middle(q);
    } catch (const InvariantError&) {
      co_return -99;
    }
  }(queue));
  driver.at(1, [&] { queue.wake_all(); });
  driver.run();
  EXPECT_EQ(driver.results.at(1), -99);
}

TEST(KernelTask, AnExceptionBeforeTheFirstSuspensionLeavesStart) {
  QueueDriver driver;
  EXPECT_THROW(driver.start(1, sleeper(-1)), InvariantError);  // a negative sleep
  EXPECT_TRUE(driver.tasks.at(1).done());
}

TEST(KernelTask, MisuseIsAnInvariantError) {
  QueueDriver driver;
  TaskWaitQueue queue;
  Log log;
  KernelTask<std::int64_t> task = wait_then_log(driver, queue, log, "once");
  task.start(driver, 1);
  EXPECT_THROW(task.start(driver, 2), InvariantError);
  EXPECT_FALSE(task.resume(WakeToken(1, task.token().generation() + 1)));  // a token it never got
  EXPECT_FALSE(task.resume(WakeToken(2, task.token().generation())));      // another task's id
  EXPECT_TRUE(task.waiting());
  KernelTask<std::int64_t> never_started;
  EXPECT_FALSE(never_started.resume(WakeToken(1, 1)));
  EXPECT_THROW(static_cast<void>(never_started.result()), InvariantError);
}

TEST(KernelTaskDeathTest, DestroyingARunningTaskEndsTheProgramWithTheInvariant) {
#if defined(__GLIBCXX__)
  const char* message = "destroyed only while it is suspended or done";  // libstdc++ prints what()
#else
  const char* message = "";
#endif
  EXPECT_DEATH(
      {
        QueueDriver driver;
        driver.start(1, [](QueueDriver& d) -> KernelTask<std::int64_t> {
          d.kill(1);  // its own thread, from inside its path
          co_return 0;
        }(driver));
      },
      message);
}

TEST(KernelTask, ADestroyedQueueDetachesItsWaiters) {
  QueueDriver driver;
  Log log;
  {
    TaskWaitQueue queue;
    driver.start(1, wait_then_log(driver, queue, log, "orphan"));
  }
  EXPECT_TRUE(driver.tasks.at(1).waiting());
  driver.run();
  EXPECT_TRUE(driver.tasks.at(1).waiting());  // nothing can wake it: it waits until it is killed
  driver.kill(1);
}

TEST(KernelTask, AWakeTokenPacksIntoAnEventArgument) {
  const WakeToken token(0xfedcba98U, 0x01234567U);
  EXPECT_EQ(token.bits(), 0xfedcba9801234567ULL);
  EXPECT_EQ(WakeToken::from_bits(token.bits()), token);
}

// The frames of the three-level read above, as the compiler lays them out; the budget keeps a
// million blocked paths within a few hundred megabytes (the figures: docs/performance.md).
TEST(KernelTask, AThreeLevelPathFitsInTwoKilobytes) {
  QueueDriver driver;
  FakeDisk disk(driver.queue, 10);
  Buffer buffer;
  Log log;
  const std::int64_t bytes_before = task_frame_counts().live_bytes;
  driver.start(1, file_read(driver, disk, buffer, log, "r"));
  const std::int64_t bytes = task_frame_counts().live_bytes - bytes_before;
  EXPECT_GT(bytes, 0);
  EXPECT_LE(bytes, 2048);
  driver.run();
  EXPECT_EQ(task_frame_counts().live_bytes, bytes_before);
}

}  // namespace
}  // namespace ks
