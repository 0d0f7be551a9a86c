// visualizer/app/scheduler_panel.cpp — the scheduler's own state at the cursor: what each CPU
// runs, then each queue of the policy's read-only view (ready queue, MLFQ levels with the
// allotment left, CFS order by vruntime, tickets, passes) as coloured chips, first to run first.
#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

void chip(App& app, const Run& run, Pid pid, const std::string& value) {
  const std::string name = pid == kNoPid ? "?" : run.process_name(pid);
  const std::string text = value.empty() ? name : name + " " + value;
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const float pad = app.font_size() * 0.35f;
  const ImVec2 box{size.x + pad * 2, size.y + pad};
  if (ImGui::GetContentRegionAvail().x < box.x) ImGui::NewLine();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const Rgb fill = process_colour(pid);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, {at.x + box.x, at.y + box.y}, colour(fill), 4);
  draw->AddText({at.x + pad, at.y + pad / 2}, colour(text_on(fill)), text.c_str());
  ImGui::Dummy(box);
  ImGui::SameLine();
}

void running_line(App& app, const Run& run) {
  const Tick t = app.workspace.cursor().time();
  for (std::size_t cpu = 0; cpu < run.cpu_count(); ++cpu) {
    ImGui::Text("%s:", shown(app, run.cpu_label(cpu)).c_str());
    ImGui::SameLine();
    const Segment* s = segment_at(run.timeline().cpus[cpu], t);
    if (s && t < app.workspace.end()) {
      chip(app, run, s->pid, "");
    } else {
      ImGui::TextDisabled("idle");
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
}

void queue_view(App& app, const Run& run, const QueueView& queue) {
  ImGui::TextUnformatted(queue.name.c_str());
  if (!queue.value_label.empty()) {
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);  // a long label wraps at the panel's edge
    ImGui::TextDisabled("(%s)", queue.value_label.c_str());
    ImGui::PopTextWrapPos();
  }
  if (queue.entries.empty()) {
    ImGui::TextDisabled("  empty");
    return;
  }
  for (const QueueView::Entry& entry : queue.entries) {
    chip(app, run, run.pid_of_thread(entry.tid), queue.value_label.empty() ? "" : std::to_string(entry.value));
  }
  ImGui::NewLine();
}

void one_run(App& app, std::size_t r) {
  const Run& run = app.workspace.run(r);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour(app.theme->accent)), "%s", run.label().c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("at t = %lld", static_cast<long long>(app.workspace.cursor().time()));
  running_line(app, run);
  const SchedulerView* view = app.workspace.scheduler_view(r);
  if (!view) {
    ImGui::TextWrapped(
        "The scheduler's state is not available for a replayed trace: a trace holds events, not the "
        "policy's queues. Open the scenario to see them.");
    return;
  }
  for (const QueueView& queue : view->queues) queue_view(app, run, queue);
  ImGui::PushTextWrapPos(0.0f);
  for (const auto& [name, value] : view->values) ImGui::Text("%s: %lld", name.c_str(), static_cast<long long>(value));
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_scheduler_panel(App& app) {
  for (std::size_t r = 0; r < app.workspace.run_count(); ++r) {
    ImGui::PushID(static_cast<int>(r));
    one_run(app, r);
    ImGui::PopID();
    ImGui::Separator();
  }
}

}  // namespace ks::viz
