// The visualizer's view-model, without a window: runs, the cursor, step back, snapshots.
#include <gtest/gtest.h>

#include "sim-core/error.h"
#include "visualizer/model/cursor.h"
#include "visualizer/model/event_log.h"
#include "visualizer/model/workspace.h"

namespace ks::viz {
namespace {

const std::string kIntro = std::string(KS_SOURCE_DIR) + "/labs/demos/intro.json";

Workspace intro(const std::string& policies = "rr:quantum=2") {
  Workspace workspace;
  workspace.open_scenario(kIntro);
  workspace.set_policies(parse_policy_list(policies));
  return workspace;
}

TEST(VizRun, IntroUnderRoundRobinEndsAt28WithFiveProcesses) {
  Workspace w = intro();
  ASSERT_EQ(w.run_count(), 1u);
  const viz::Run& run = w.run(0);
  EXPECT_EQ(run.end(), 28);
  EXPECT_EQ(run.cpu_count(), 1u);
  EXPECT_EQ(run.label(), "rr");
  EXPECT_EQ(run.process_name(1), "A");
  EXPECT_EQ(run.events().back().kind, EventKind::RunEnd);
}

TEST(VizCursor, JumpAppliesEveryEventAtOrBeforeTheTime) {
  Workspace w = intro();
  Cursor& cursor = w.cursor();
  cursor.jump_to(10);
  EXPECT_EQ(cursor.time(), 10);
  const auto& events = w.run(0).events();
  const std::size_t applied = cursor.applied(0);
  ASSERT_GT(applied, 0u);
  EXPECT_LE(events[applied - 1].time, 10);
  if (applied < events.size()) {
    EXPECT_GT(events[applied].time, 10);
  }
}

TEST(VizCursor, StepForwardThenBackReturnsToTheSameState) {
  Workspace w = intro();
  Cursor& cursor = w.cursor();
  cursor.jump_to(5);
  const std::size_t before = cursor.applied(0);
  const Tick time = cursor.time();
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(cursor.step_event_forward());
  EXPECT_EQ(cursor.applied(0), before + 7);
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(cursor.step_event_back());
  EXPECT_EQ(cursor.applied(0), before);
  EXPECT_LE(cursor.time(), time);
}

TEST(VizCursor, StepBackAtTheStartStops) {
  Workspace w = intro();
  w.cursor().jump_to(0);
  while (w.cursor().step_event_back()) {
  }
  EXPECT_EQ(w.cursor().applied(0), 0u);
  EXPECT_EQ(w.cursor().time(), 0);
}

TEST(VizCursor, ComparedRunsShareTheTimeAndStepInEventOrder) {
  Workspace w = intro("fifo,rr:quantum=2");
  ASSERT_EQ(w.run_count(), 2u);
  Cursor& cursor = w.cursor();
  cursor.jump_to(0);
  while (cursor.step_event_back()) {
  }
  Tick last = 0;
  std::size_t steps = 0;
  while (cursor.step_event_forward()) {
    EXPECT_GE(cursor.time(), last);
    last = cursor.time();
    ++steps;
  }
  EXPECT_EQ(steps, w.run(0).events().size() + w.run(1).events().size());
  EXPECT_TRUE(cursor.at_end());
}

TEST(VizSnapshots, ReadyQueueAtTimeFourUnderFifoHoldsBCDE) {
  Workspace w = intro("fifo");
  w.cursor().jump_to(4);
  const SchedulerView* view = w.scheduler_view(0);
  ASSERT_NE(view, nullptr);
  ASSERT_FALSE(view->queues.empty());
  std::vector<std::string> names;
  for (const auto& entry : view->queues[0].entries)
    names.push_back(w.run(0).process_name(w.run(0).pid_of_thread(entry.tid)));
  EXPECT_EQ(names, (std::vector<std::string>{"B", "C", "D", "E"}));
}

// At a tick where one job completes and the next is dispatched, the view is the one after the
// whole tick: the dispatched job is running, not still in the ready queue.
TEST(VizSnapshots, AJobDispatchedAtTheCursorIsNoLongerReady) {
  Workspace w = intro("fifo");
  for (const auto& [time, expected] : std::vector<std::pair<Tick, std::vector<std::string>>>{
           {8, {"C", "D", "E"}}, {12, {"D", "E"}}, {21, {"E"}}, {26, {}}}) {
    w.cursor().jump_to(time);
    const SchedulerView* view = w.scheduler_view(0);
    ASSERT_NE(view, nullptr);
    ASSERT_FALSE(view->queues.empty());
    std::vector<std::string> names;
    for (const auto& entry : view->queues[0].entries)
      names.push_back(w.run(0).process_name(w.run(0).pid_of_thread(entry.tid)));
    EXPECT_EQ(names, expected) << "at t = " << time;
  }
}

TEST(VizSnapshots, GoingBackGivesTheSameViewAsGoingForward) {
  Workspace w = intro();
  w.cursor().jump_to(9);
  const SchedulerView forward = *w.scheduler_view(0);
  w.cursor().jump_to(20);
  w.scheduler_view(0);
  w.cursor().jump_to(9);
  const SchedulerView back = *w.scheduler_view(0);
  ASSERT_EQ(forward.queues.size(), back.queues.size());
  for (std::size_t q = 0; q < forward.queues.size(); ++q) {
    ASSERT_EQ(forward.queues[q].entries.size(), back.queues[q].entries.size());
    for (std::size_t e = 0; e < forward.queues[q].entries.size(); ++e) {
      EXPECT_EQ(forward.queues[q].entries[e].tid, back.queues[q].entries[e].tid);
    }
  }
}

TEST(VizMetrics, AtTheEndTheyMatchTheCommandLine) {
  Workspace w = intro();
  w.cursor().jump_to(w.end());
  const RunMetrics& m = w.metrics_at_cursor(0);
  EXPECT_EQ(m.system.completed, 5);
  EXPECT_DOUBLE_EQ(m.system.response.mean, 2.8);
  EXPECT_DOUBLE_EQ(m.system.turnaround.mean, 18.6);
}

TEST(VizMetrics, MidRunCountsOnlyWhatHasHappened) {
  Workspace w = intro("fifo");
  w.cursor().jump_to(9);  // fifo: A ran 0..8, B from 8
  const RunMetrics& m = w.metrics_at_cursor(0);
  EXPECT_EQ(m.system.completed, 1);
  const auto& series = w.series(0);
  ASSERT_GE(series.size(), 2u);
  EXPECT_EQ(series.back().completed, 5);
  EXPECT_EQ(series.front().completed, 0);
}

TEST(VizEventLog, FiltersByProcessAndKindAndFollowsTheCursor) {
  Workspace w = intro();
  EventFilter filter;
  filter.pid = 2;  // B
  filter.kinds.fill(false);
  filter.kinds[static_cast<std::size_t>(EventKind::Dispatched)] = true;
  const auto rows = filter_events(w.run(0), filter);
  ASSERT_EQ(rows.size(), 2u);  // B is dispatched twice under rr quantum 2
  for (const auto row : rows) EXPECT_EQ(w.run(0).events()[row].pid, 2u);
  EXPECT_FALSE(row_at_cursor(rows, 0).has_value());
  EXPECT_EQ(row_at_cursor(rows, rows[1] + 1), 1u);
  EXPECT_NE(describe_event(w.run(0), w.run(0).events()[rows[0]]).find("B dispatched"), std::string::npos);
}

TEST(VizWorkspace, EditingTheWorkloadRerunsAndKeepsTheCursor) {
  Workspace w = intro();
  w.cursor().jump_to(6);
  auto jobs = w.workload();
  ASSERT_EQ(jobs.size(), 5u);
  jobs.pop_back();
  w.set_workload(jobs);
  EXPECT_EQ(w.cursor().time(), 6);
  EXPECT_EQ(w.run(0).end(), 26);
  EXPECT_TRUE(w.workload_edited());
}

TEST(VizWorkspace, ARandomWorkloadIsSeeded) {
  Workspace a = intro();
  Workspace b = intro();
  RandomWorkload settings;
  settings.count = 20;
  settings.seed = 7;
  a.generate_workload(settings);
  b.generate_workload(settings);
  EXPECT_EQ(a.run(0).events(), b.run(0).events());
  EXPECT_EQ(a.workload().size(), 20u);
}

TEST(VizWorkspace, ParametersChangeLive) {
  Workspace w = intro();
  const auto before = w.run(0).events().size();
  w.set_param(0, "quantum", "100");
  EXPECT_NE(w.run(0).events().size(), before);
  EXPECT_EQ(w.run(0).end(), 28);
}

TEST(VizWorkspace, PolicyListParsing) {
  const auto slots = parse_policy_list("fifo,rr:quantum=4");
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[1].policy, "rr");
  EXPECT_EQ(slots[1].params, std::vector<std::string>{"quantum=4"});
  EXPECT_THROW(parse_policy_list("a,b,c,d,e"), InputError);
  EXPECT_THROW(parse_policy_list(""), InputError);
}

}  // namespace
}  // namespace ks::viz
