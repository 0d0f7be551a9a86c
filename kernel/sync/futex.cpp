// futex(2) (design: futex.h): the waiters of each word in the order they came, and each waiting
// thread's record, which says what its ecall, executed again, returns.
#include "kernel/sync/futex.h"

#include <algorithm>
#include <array>
#include <optional>

#include "kernel/proc/resources.h"

namespace ks {

namespace {

// The little-endian word at user address ADDRESS, or nothing when it cannot be read.
std::optional<std::uint32_t> read_word(const SyscallContext& call, std::uint32_t address) {
  std::array<std::uint8_t, 4> bytes{};
  if (!call.space().copy_in(address, bytes)) return std::nullopt;
  return static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
         static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
}

}  // namespace

SyscallOutcome Futexes::wait(const SyscallContext& call, std::uint32_t address, std::uint32_t expected,
                             std::uint32_t timeout_at) {
  if (const auto found = waiters_.find(call.tid); found != waiters_.end()) {
    // The ecall executed again after a wake (see RESTART AT THE ECALL): no second look at the word.
    Waiter& waiter = found->second;
    if (waiter.woken) {
      waiters_.erase(found);
      return syscall_result(0);
    }
    if (call.now >= waiter.deadline) {
      leave_queue(call.tid, waiter.address);
      waiters_.erase(found);
      return syscall_error(err::kTimedOut);
    }
    waiter.queue.waiters.clear();  // the stale entry of the wake that was not for us
    SyscallOutcome again = syscall_block(waiter.queue, BlockReason::Lock);
    again.wake_at = waiter.deadline;
    return again;
  }
  Tick timeout = kNever;
  if (timeout_at != 0) {
    const std::optional<std::uint32_t> ticks = read_word(call, timeout_at);
    if (!ticks) return syscall_error(err::kFault);
    timeout = *ticks;
  }
  const std::optional<std::uint32_t> word = read_word(call, address);
  if (!word) return syscall_error(err::kFault);
  if (*word != expected) return syscall_error(err::kAgain);
  if (timeout == 0) return syscall_error(err::kTimedOut);
  Waiter& waiter = waiters_[call.tid];
  waiter = Waiter{};
  waiter.address = address;
  waiter.deadline = timeout == kNever ? kNever : call.now + timeout;
  queues_[address].push_back(call.tid);
  SyscallOutcome block = syscall_block(waiter.queue, BlockReason::Lock);
  block.wake_at = waiter.deadline;
  return block;
}

std::int64_t Futexes::wake(const SyscallContext& call, std::uint32_t address, std::int32_t count) {
  const auto queue = queues_.find(address);
  if (queue == queues_.end() || count <= 0) return 0;
  std::int64_t woken = 0;
  std::deque<Tid>& tids = queue->second;
  while (!tids.empty() && woken < count) {
    Waiter& waiter = waiters_.at(tids.front());
    tids.pop_front();
    waiter.woken = true;
    call.wake(waiter.queue);
    ++woken;
  }
  if (tids.empty()) queues_.erase(queue);
  return woken;
}

void Futexes::leave_queue(Tid tid, std::uint32_t address) {
  const auto queue = queues_.find(address);
  if (queue == queues_.end()) return;
  std::erase(queue->second, tid);
  if (queue->second.empty()) queues_.erase(queue);
}

void Futexes::forget(Tid tid) {
  const auto found = waiters_.find(tid);
  if (found == waiters_.end()) return;
  if (!found->second.woken) leave_queue(tid, found->second.address);
  waiters_.erase(found);
}

bool Futexes::in_wait(Tid tid) const { return waiters_.contains(tid); }

// futex(uaddr, op, val, timeout, uaddr2, val3): uaddr2 and val3 belong to operations kernsim does
// not have. TIMEOUT points to a u32 count of ticks (kernsim's virtual time, as sleep counts it).
SyscallOutcome sys_futex(const SyscallContext& call) {
  const std::uint32_t address = call.args[0], op = call.args[1], value = call.args[2], timeout_at = call.args[3];
  Futexes& futexes = call.process->futexes;
  // The ecall executed again after a wake returns what the wake says, whatever its arguments now
  // point to (another thread may have unmapped them meanwhile).
  if (futexes.in_wait(call.tid)) return futexes.wait(call, address, value, timeout_at);
  const std::uint32_t command = op & ~futex_op::kPrivateFlag;
  if (command != futex_op::kWait && command != futex_op::kWake) return syscall_error(err::kNoSystemCall);
  if (address % 4 != 0) return syscall_error(err::kInvalid);
  if (!call.space().can_access(address, 4, false)) return syscall_error(err::kFault);
  if (command == futex_op::kWake) return syscall_result(futexes.wake(call, address, static_cast<std::int32_t>(value)));
  return futexes.wait(call, address, value, timeout_at);
}

}  // namespace ks
