// visualizer/app/policy_editor.cpp — which policies run (compare mode: 1 to 4, same workload and
// seed, cursors locked) and their parameters, edited live. The list of policies and their
// parameters come from the registry, so a policy added to kernel/sched appears here by itself.
#include <cstring>

#include "kernel/sched/registry.h"
#include "visualizer/app/app.h"

namespace ks::viz {

namespace {

std::string current_value(const PolicySlot& slot, const ParamSpec& spec) {
  for (const std::string& p : slot.params) {
    if (p.rfind(spec.name + "=", 0) == 0) return p.substr(spec.name.size() + 1);
  }
  return spec.default_value;
}

void set_slots(App& app, const std::vector<PolicySlot>& slots) {
  try {
    app.workspace.set_policies(slots);
    app.log_dirty = true;
    app.status.clear();
  } catch (const std::exception& error) {
    app.status = error.what();
  }
}

void param_input(App& app, std::size_t s, const PolicySlot& slot, const ParamSpec& spec) {
  const std::string value = current_value(slot, spec);
  ImGui::SetNextItemWidth(app.font_size() * 6);
  std::string edited;
  if (spec.type == ParamType::Boolean) {
    bool on = value == "true" || value == "1";
    if (ImGui::Checkbox(spec.name.c_str(), &on)) edited = on ? "true" : "false";
  } else if (spec.type == ParamType::Integer) {
    long long v = std::atoll(value.c_str());
    if (ImGui::InputScalar(spec.name.c_str(), ImGuiDataType_S64, &v, nullptr, nullptr, "%lld",
                           ImGuiInputTextFlags_EnterReturnsTrue)) {
      edited = std::to_string(v);
    }
  } else {
    char text[128];
    std::snprintf(text, sizeof text, "%s", value.c_str());
    if (ImGui::InputText(spec.name.c_str(), text, sizeof text, ImGuiInputTextFlags_EnterReturnsTrue)) edited = text;
  }
  if (ImGui::IsItemHovered() && !spec.description.empty()) ImGui::SetTooltip("%s", spec.description.c_str());
  if (edited.empty()) return;
  try {
    app.workspace.set_param(s, spec.name, edited);
    app.log_dirty = true;
    app.status.clear();
  } catch (const std::exception& error) {
    app.status = error.what();
  }
}

void slot_editor(App& app, std::size_t s) {
  const std::vector<PolicySlot> slots = app.workspace.policies();
  const PolicySlot& slot = slots[s];
  ImGui::SetNextItemWidth(app.font_size() * 7);
  if (ImGui::BeginCombo("policy", slot.policy.c_str())) {
    for (const PolicyInfo& info : policy_registry()) {
      if (ImGui::Selectable(info.name.c_str(), info.name == slot.policy)) {
        std::vector<PolicySlot> next = slots;
        next[s] = {info.name, {}};
        set_slots(app, next);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.summary.c_str());
    }
    ImGui::EndCombo();
  }
  if (slots.size() > 1) {
    ImGui::SameLine();
    if (ImGui::Button("remove")) {
      std::vector<PolicySlot> next = slots;
      next.erase(next.begin() + static_cast<std::ptrdiff_t>(s));
      set_slots(app, next);
      return;
    }
  }
  if (const PolicyInfo* info = find_policy(slot.policy)) {
    for (const ParamSpec& spec : info->params) param_input(app, s, slot, spec);
  }
}

}  // namespace

void draw_policy_editor(App& app) {
  if (!app.workspace.has_scenario()) {
    ImGui::TextWrapped("A replayed trace was recorded under one policy; open a scenario to compare policies.");
    return;
  }
  for (std::size_t s = 0; s < app.workspace.policies().size(); ++s) {
    ImGui::PushID(static_cast<int>(s));
    ImGui::TextDisabled("run %zu", s + 1);
    slot_editor(app, s);
    ImGui::Separator();
    ImGui::PopID();
  }
  if (app.workspace.policies().size() < kMaxCompared && ImGui::Button("Compare with another policy")) {
    std::vector<PolicySlot> next = app.workspace.policies();
    next.push_back(next.back());
    set_slots(app, next);
  }
  unsigned long long seed = app.workspace.seed();
  ImGui::SetNextItemWidth(app.font_size() * 6);
  if (ImGui::InputScalar("seed", ImGuiDataType_U64, &seed, nullptr, nullptr, "%llu",
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
    app.workspace.set_seed(seed);
    app.log_dirty = true;
  }
}

}  // namespace ks::viz
