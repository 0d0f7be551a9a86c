#include "cpu-models/burst/burst_model.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

TEST(BurstModel, RunsCpuBurstsAndStopsForIoThenExit) {
  BurstModel model;
  const std::vector<Burst> script = {{Burst::Kind::Cpu, 3}, {Burst::Kind::Io, 4}, {Burst::Kind::Cpu, 2}};
  const ContextId id = model.add_context(script);
  EXPECT_EQ(model.cycles_until_stop(id), 3 * kWorkPerTick);
  EXPECT_EQ(model.total_cpu_ticks(id), 5);

  StopInfo stop = model.run(0, id, 1000);
  EXPECT_EQ(stop.reason, StopReason::BudgetSpent);
  EXPECT_EQ(stop.used, 1000);
  stop = model.run(0, id, 5000);  // only 2000 left in this burst
  EXPECT_EQ(stop.reason, StopReason::IoRequest);
  EXPECT_EQ(stop.used, 2000);
  EXPECT_EQ(stop.detail, 4);
  EXPECT_EQ(model.cycles_until_stop(id), 2 * kWorkPerTick);
  stop = model.run(0, id, 2000);  // exactly the burst: the stop reason wins over the budget
  EXPECT_EQ(stop.reason, StopReason::Exit);
  EXPECT_EQ(stop.used, 2000);
}

TEST(BurstModel, ZeroBudgetDoesNothing) {
  BurstModel model;
  const std::vector<Burst> script = {{Burst::Kind::Cpu, 1}};
  const ContextId id = model.add_context(script);
  const StopInfo stop = model.run(0, id, 0);
  EXPECT_EQ(stop.reason, StopReason::BudgetSpent);
  EXPECT_EQ(stop.used, 0);
  EXPECT_EQ(model.cycles_until_stop(id), kWorkPerTick);
}

}  // namespace
}  // namespace ks
