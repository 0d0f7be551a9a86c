// visualizer/app/workload_editor.cpp — the workload editor (add, remove, edit jobs; a seeded
// random workload) and the policy editor (compare 1 to 4 policies; parameters edited live).
// Every change re-runs at once: the Workspace does it and keeps the cursor's time.
#include <cstring>
#include <sstream>

#include "kernel/sched/registry.h"
#include "sim-core/error.h"
#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

// "8" or "3 io4 5": CPU bursts as numbers, I/O bursts prefixed with "io".
std::string bursts_text(const std::vector<Burst>& bursts) {
  std::string text;
  for (const Burst& b : bursts) {
    if (!text.empty()) text += ' ';
    text += (b.kind == Burst::Kind::Io ? "io" : "") + std::to_string(b.length);
  }
  return text;
}

std::optional<std::vector<Burst>> parse_bursts(const std::string& text) {
  std::vector<Burst> bursts;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    const bool io = word.rfind("io", 0) == 0;
    try {
      const Tick length = std::stoll(io ? word.substr(2) : word);
      if (length <= 0) return std::nullopt;
      bursts.push_back({io ? Burst::Kind::Io : Burst::Kind::Cpu, length});
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (bursts.empty() || bursts.front().kind != Burst::Kind::Cpu || bursts.back().kind != Burst::Kind::Cpu)
    return std::nullopt;
  for (std::size_t i = 1; i < bursts.size(); ++i) {
    if (bursts[i].kind == bursts[i - 1].kind) return std::nullopt;
  }
  return bursts;
}

void apply(App& app, std::vector<BurstProcessSpec> jobs) {
  try {
    app.workspace.set_workload(std::move(jobs));
    app.log_dirty = true;
  } catch (const std::exception& error) {
    app.status = error.what();
  }
}

bool job_row(App& app, std::vector<BurstProcessSpec>& jobs, std::size_t i) {
  BurstProcessSpec& job = jobs[i];
  bool changed = false;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  char name[64];
  std::snprintf(name, sizeof name, "%s", job.name.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##name", name, sizeof name, ImGuiInputTextFlags_EnterReturnsTrue) && std::strlen(name) > 0) {
    job.name = name;
    changed = true;
  }
  ImGui::TableNextColumn();
  long long arrival = job.arrival;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputScalar("##arrival", ImGuiDataType_S64, &arrival, nullptr, nullptr, "%lld",
                         ImGuiInputTextFlags_EnterReturnsTrue) &&
      arrival >= 0) {
    job.arrival = arrival;
    changed = true;
  }
  ImGui::TableNextColumn();
  char bursts[256];
  std::snprintf(bursts, sizeof bursts, "%s", bursts_text(job.bursts).c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##bursts", bursts, sizeof bursts, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (auto parsed = parse_bursts(bursts)) {
      job.bursts = *parsed;
      changed = true;
    } else {
      app.status = "bursts: CPU lengths and io lengths alternating, starting and ending with CPU, e.g. \"3 io4 5\"";
    }
  }
  ImGui::TableNextColumn();
  if (ImGui::Button("remove")) {
    jobs.erase(jobs.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
  }
  return changed;
}

void random_workload(App& app) {
  static RandomWorkload settings;
  ImGui::SetNextItemWidth(app.font_size() * 4);
  ImGui::InputInt("jobs", &settings.count);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(app.font_size() * 4);
  ImGui::InputScalar("seed", ImGuiDataType_U64, &settings.seed);
  ImGui::SetNextItemWidth(app.font_size() * 4);
  ImGui::InputDouble("mean CPU", &settings.mean_cpu_burst, 0, 0, "%.1f");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(app.font_size() * 4);
  ImGui::InputDouble("mean I/O", &settings.mean_io_burst, 0, 0, "%.1f");
  ImGui::SetNextItemWidth(app.font_size() * 4);
  ImGui::InputDouble("mean gap", &settings.mean_interarrival, 0, 0, "%.1f");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(app.font_size() * 4);
  ImGui::InputInt("max CPU bursts", &settings.max_cpu_bursts);
  settings.count = std::clamp(settings.count, 1, 100000);
  if (ImGui::Button("Generate random workload")) {
    try {
      app.workspace.generate_workload(settings);
      app.log_dirty = true;
      app.window_fitted = false;
    } catch (const std::exception& error) {
      app.status = error.what();
    }
  }
}

}  // namespace

void draw_workload_editor(App& app) {
  if (!app.workspace.has_scenario()) {
    ImGui::TextWrapped("A replayed trace has no workload to edit. Open a scenario.");
    return;
  }
  std::vector<BurstProcessSpec> jobs = app.workspace.workload();
  bool changed = false;
  ImGui::TextDisabled("Enter applies a change; bursts: \"8\" or \"3 io4 5\"");
  if (jobs.size() <= 200 && ImGui::BeginTable("jobs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                                              {0, ImGui::GetContentRegionAvail().y * 0.6f})) {
    ImGui::TableSetupColumn("name");
    ImGui::TableSetupColumn("arrival");
    ImGui::TableSetupColumn("bursts", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < jobs.size() && !changed; ++i) {
      ImGui::PushID(static_cast<int>(i));
      changed = job_row(app, jobs, i);
      ImGui::PopID();
    }
    ImGui::EndTable();
  } else if (jobs.size() > 200) {
    ImGui::Text("%zu jobs (too many to edit one by one)", jobs.size());
  }
  if (ImGui::Button("Add job")) {
    BurstProcessSpec job;
    job.name = "J" + std::to_string(jobs.size() + 1);
    job.arrival = jobs.empty() ? 0 : jobs.back().arrival;
    job.bursts = {{Burst::Kind::Cpu, 5}};
    jobs.push_back(job);
    changed = true;
  }
  if (changed) apply(app, std::move(jobs));
  ImGui::Separator();
  random_workload(app);
}

}  // namespace ks::viz
