// analysis/timeline_recorder.cpp — keeping only what a timeline reads (why and the limit:
// timeline_recorder.h). A "Running -> Ready" change is held back for one event: if the same
// thread's "Ready -> Running" on the same CPU at the same tick comes next, both are dropped.
// finish() keeps one last event, of a kind the timeline does not read, to carry the end time.
#include "analysis/timeline_recorder.h"

namespace ks {
namespace {

bool is_state_change(const TraceEvent& event, ProcessState from, ProcessState to) {
  return event.kind == EventKind::StateChanged && static_cast<ProcessState>(event.a) == from &&
         static_cast<ProcessState>(event.b) == to;
}

}  // namespace

void TimelineRecorder::keep(const TraceEvent& event) {
  if (!complete_) return;
  if (events_.size() >= limit_) {
    complete_ = false;
    events_.clear();
    events_.shrink_to_fit();
    return;
  }
  events_.push_back(event);
}

void TimelineRecorder::record(const TraceEvent& event) {
  last_ = event;
  const bool wanted = event.kind == EventKind::CpuOnline || event.kind == EventKind::ProcessCreated ||
                      event.kind == EventKind::ProcessExec || event.kind == EventKind::StateChanged;
  if (!wanted) return;
  if (held_) {
    const bool undone = is_state_change(event, ProcessState::Ready, ProcessState::Running) && event.pid == held_->pid &&
                        event.cpu == held_->cpu && event.time == held_->time;
    if (undone) {
      held_.reset();
      return;
    }
    keep(*held_);
    held_.reset();
  }
  if (is_state_change(event, ProcessState::Running, ProcessState::Ready)) {
    held_ = event;
  } else {
    keep(event);
  }
}

void TimelineRecorder::finish() {
  if (held_) keep(*held_);
  held_.reset();
  if (last_ && (events_.empty() || events_.back().time < last_->time)) {
    TraceEvent end = *last_;  // a kind the timeline does not read: it only carries the end time
    if (end.kind == EventKind::StateChanged || end.kind == EventKind::CpuOnline ||
        end.kind == EventKind::ProcessCreated || end.kind == EventKind::ProcessExec) {
      end.kind = EventKind::Dispatched;
    }
    keep(end);
  }
}

}  // namespace ks
