// The process table's storage (kernel/proc/process_table.h): entries never move while others
// are added, so a Thread& held across a fork stays valid, and every index reads its own entry.
#include "kernel/proc/process_table.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace ks {
namespace {

// 3 chunks and a bit (kChunk = 1024): the list of chunks grows past its first capacity, which
// moves the chunk vectors themselves; the elements must stay where they were built.
TEST(StableVector, ElementsStayInPlaceAsChunksAreAdded) {
  StableVector<std::size_t> values;
  const std::size_t count = 3 * StableVector<std::size_t>::kChunk + 5;
  std::vector<const std::size_t*> addresses;
  for (std::size_t i = 0; i < count; ++i) addresses.push_back(&values.emplace_back(i * 7));
  ASSERT_EQ(values.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    ASSERT_EQ(&values[i], addresses[i]) << "element " << i << " moved";
    ASSERT_EQ(values[i], i * 7) << "element " << i;
  }
}

// emplace_back builds the element from its arguments in place: a move-only type works, and
// what it owns is the same object afterwards.
TEST(StableVector, BuildsMoveOnlyElementsInPlace) {
  StableVector<std::unique_ptr<int>> owners;
  std::vector<const int*> owned;
  for (int i = 0; i < 2100; ++i) owned.push_back(owners.emplace_back(std::make_unique<int>(i)).get());
  for (int i = 0; i < 2100; ++i) {
    const auto index = static_cast<std::size_t>(i);
    ASSERT_EQ(owners[index].get(), owned[index]);
    ASSERT_EQ(*owners[index], i);
  }
}

// Slot 0 is never used; tids and pids are the indexes; a reference taken early survives the
// addition of thousands more threads and processes.
TEST(ProcessTable, ReferencesSurviveGrowthAndIndexesAreTheIds) {
  ProcessTable table;
  EXPECT_EQ(table.thread_end(), 1U);
  EXPECT_EQ(table.process_end(), 1U);
  Thread first;
  first.tid = table.thread_end();
  first.priority = 42;
  Thread& kept = table.add_thread(first);
  for (Tid tid = 2; tid < 5000; ++tid) {
    Thread thread;
    thread.tid = tid;
    table.add_thread(thread);
    Process process;
    process.pid = table.process_end();
    table.add_process(std::move(process));
  }
  EXPECT_EQ(&table.thread(1), &kept);
  EXPECT_EQ(table.thread(1).priority, 42);
  EXPECT_EQ(table.thread_end(), 5000U);
  EXPECT_EQ(table.process_end(), 4999U);
  for (Tid tid = 1; tid < table.thread_end(); ++tid) ASSERT_EQ(table.thread(tid).tid, tid);
  for (Pid pid = 1; pid < table.process_end(); ++pid) ASSERT_EQ(table.process(pid).pid, pid);
}

}  // namespace
}  // namespace ks
