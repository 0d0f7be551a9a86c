// kernel/proc/process_table.h — every process and thread, by pid and by tid.
//
// Pids and tids are indexes, handed out in order from 1 (slot 0 is never used) and never reused
// within a run, so a trace names every process and thread once. The storage is a list of
// fixed-size chunks: adding an entry never moves the others, so a Thread& or Process& held by a
// caller stays valid while fork or thread_create add entries (a plain vector would move them).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "kernel/proc/process.h"
#include "kernel/proc/thread.h"

namespace ks {

// A vector whose elements never move: chunks of kChunk elements, allocated as it grows.
template <typename T>
class StableVector {
 public:
  static constexpr std::size_t kChunk = 1024;

  T& operator[](std::size_t index) { return starts_[index / kChunk][index % kChunk]; }
  const T& operator[](std::size_t index) const { return starts_[index / kChunk][index % kChunk]; }
  std::size_t size() const { return size_; }
  // Builds a T from ARGS at the end and returns it in its place. A chunk is a vector whose
  // capacity is reserved once, so appending never moves what it holds; and only the slots in use
  // are ever built (a chunk of default-built slots cost a million-process run 3% more
  // instructions in zeroing). When the list of chunks itself grows, the chunks move as vectors
  // do, keeping their storage, so their elements stay where they are.
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == chunks_.size() * kChunk) {
      chunks_.emplace_back().reserve(kChunk);
      starts_.push_back(chunks_.back().data());
    }
    ++size_;
    return chunks_.back().emplace_back(std::forward<Args>(args)...);
  }
  void reserve(std::size_t count) {
    chunks_.reserve((count + kChunk - 1) / kChunk);
    starts_.reserve((count + kChunk - 1) / kChunk);
  }

 private:
  std::vector<std::vector<T>> chunks_;
  std::vector<T*> starts_;  // chunks_[i].data(), so that a lookup is one load and an index
  std::size_t size_ = 0;
};

class ProcessTable {
 public:
  ProcessTable() {  // slot 0 of each is never used
    processes_.emplace_back();
    threads_.emplace_back();
  }

  Thread& thread(Tid tid) { return threads_[tid]; }
  const Thread& thread(Tid tid) const { return threads_[tid]; }
  Process& process(Pid pid) { return processes_[pid]; }
  const Process& process(Pid pid) const { return processes_[pid]; }
  // One past the highest tid and pid handed out (the next ones).
  Tid thread_end() const { return static_cast<Tid>(threads_.size()); }
  Pid process_end() const { return static_cast<Pid>(processes_.size()); }

  // Adds THREAD and PROCESS with the next tid and pid, which the caller has written into them.
  Thread& add_thread(const Thread& thread) { return threads_.emplace_back(thread); }
  Process& add_process(Process&& process) { return processes_.emplace_back(std::move(process)); }
  void reserve(std::size_t processes, std::size_t threads) {
    processes_.reserve(processes_.size() + processes);
    threads_.reserve(threads_.size() + threads);
  }

 private:
  StableVector<Process> processes_;
  StableVector<Thread> threads_;
};

}  // namespace ks
