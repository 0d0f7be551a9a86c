// visualizer/model/workspace.cpp — the Workspace's changes (what it holds: workspace.h). Each one
// ends in rerun(), which simulates every policy slot again with the same workload and seed,
// rebuilds the snapshots and metrics of each run, and puts the cursor back at its time (or at the
// end, if it was there). A replayed trace has no scenario, so it cannot be rerun.
#include "visualizer/model/workspace.h"

#include "scenario/policy_list.h"
#include "sim-core/error.h"

namespace ks::viz {

void Workspace::open_scenario(const std::string& file) { open_scenario(load_scenario(file)); }

void Workspace::open_scenario(Scenario scenario) {
  seed_ = scenario.seed;
  slots_.clear();
  PolicySlot slot{scenario.policy ? scenario.policy->name : "fifo", {}};
  for (const auto& [key, value] : scenario.policy_params.values()) slot.params.push_back(key + "=" + to_string(value));
  slots_.push_back(slot);
  scenario_ = std::move(scenario);
  trace_file_.clear();
  workload_edited_ = false;
  rerun();
}

void Workspace::open_trace(const std::string& file) {
  auto run = Run::from_trace_file(file);
  scenario_.reset();
  slots_.clear();
  trace_file_ = file;
  runs_.clear();
  RunState state;
  state.run = std::move(run);
  state.metrics = std::make_unique<CursorMetrics>(*state.run);
  state.series = metrics_series(*state.run);
  runs_.push_back(std::move(state));
  cursor_ = Cursor(run_list());
  cursor_.jump_to(cursor_.end());
}

void Workspace::set_policies(const std::vector<PolicySlot>& slots) {
  if (slots.empty() || slots.size() > kMaxCompared)
    throw InputError({"", 0, 0, "--compare"}, "compare 1 to 4 policies");
  if (!scenario_) return;
  for (const PolicySlot& slot : slots) {
    Scenario check = *scenario_;
    override_policy(check, slot.policy, slot.params);  // throws for an unknown policy or parameter
  }
  slots_ = slots;
  rerun();
}

void Workspace::set_param(std::size_t slot, const std::string& key, const std::string& value) {
  std::vector<PolicySlot> slots = slots_;
  auto& params = slots.at(slot).params;
  std::erase_if(params, [&](const std::string& p) { return p.rfind(key + "=", 0) == 0; });
  params.push_back(key + "=" + value);
  set_policies(slots);
}

void Workspace::set_seed(std::uint64_t seed) {
  seed_ = seed;
  if (scenario_) rerun();
}

std::vector<BurstProcessSpec> Workspace::workload() const {
  return scenario_ ? build_workload(*scenario_, seed_) : std::vector<BurstProcessSpec>{};
}

void Workspace::set_workload(std::vector<BurstProcessSpec> workload) {
  if (!scenario_) return;
  scenario_->processes = std::move(workload);
  scenario_->generator.reset();
  workload_edited_ = true;
  rerun();
}

void Workspace::generate_workload(const RandomWorkload& settings) {
  if (!scenario_) return;
  using Kind = LengthDistribution::Kind;
  ProcessClass jobs;
  jobs.name_prefix = "P";
  jobs.cpu_burst = {Kind::Exponential, settings.mean_cpu_burst, 1, 1, 1'000'000};
  jobs.io_burst = {Kind::Exponential, settings.mean_io_burst, 1, 1, 1'000'000};
  jobs.min_cpu_bursts = 1;
  jobs.max_cpu_bursts = std::max(1, settings.max_cpu_bursts);
  WorkloadGenerator generator;
  generator.count = settings.count;
  generator.interarrival = {Kind::Exponential, settings.mean_interarrival, 1, 0, 1'000'000};
  generator.classes = {jobs};
  set_workload(generate_processes(generator, settings.seed));
}

void Workspace::rerun() {
  const Tick keep = cursor_.time();
  const bool was_at_end = runs_.empty() || cursor_.at_end();
  runs_.clear();
  if (!scenario_) return;
  for (const PolicySlot& slot : slots_) {
    Scenario scenario = *scenario_;
    override_policy(scenario, slot.policy, slot.params);
    RunState state;
    state.run = Run::from_scenario(scenario, seed_);
    state.snapshots = std::make_unique<SchedulerSnapshots>(scenario, seed_);
    state.metrics = std::make_unique<CursorMetrics>(*state.run);
    state.series = metrics_series(*state.run);
    runs_.push_back(std::move(state));
  }
  cursor_ = Cursor(run_list());
  cursor_.jump_to(was_at_end ? cursor_.end() : keep);
}

std::vector<const Run*> Workspace::run_list() const {
  std::vector<const Run*> list;
  for (const RunState& state : runs_) list.push_back(state.run.get());
  return list;
}

const SchedulerView* Workspace::scheduler_view(std::size_t i) {
  RunState& state = runs_.at(i);
  if (!state.snapshots) return nullptr;
  return &state.snapshots->view_at(cursor_.time(), cursor_.applied(i));
}

const RunMetrics& Workspace::metrics_at_cursor(std::size_t i) {
  return runs_.at(i).metrics->at(cursor_.applied(i), cursor_.time());
}

Session Workspace::to_session() const {
  Session session;
  session.scenario_file = scenario_ ? scenario_->file : "";
  session.trace_file = trace_file_;
  session.policies = slots_;
  session.seed = seed_;
  if (workload_edited_ && scenario_) session.workload = scenario_->processes;
  session.cursor = cursor_.time();
  return session;
}

void Workspace::restore(const Session& session) {
  if (!session.trace_file.empty()) {
    open_trace(session.trace_file);
  } else {
    Scenario scenario = load_scenario(session.scenario_file);
    if (session.seed) scenario.seed = *session.seed;
    if (session.workload) {
      scenario.processes = *session.workload;
      scenario.generator.reset();
    }
    open_scenario(std::move(scenario));
    workload_edited_ = session.workload.has_value();
    if (!session.policies.empty()) set_policies(session.policies);
  }
  cursor_.jump_to(session.cursor);
}

std::vector<PolicySlot> parse_policy_list(const std::string& text) {
  std::vector<PolicySlot> slots;
  for (PolicyChoice& choice : ks::parse_policy_list(text, "--compare"))
    slots.push_back({std::move(choice.policy), std::move(choice.params)});
  if (slots.size() > kMaxCompared)
    throw InputError({"", 0, 0, "--compare"}, "give 1 to 4 policies, e.g. fifo,rr:quantum=2");
  return slots;
}

}  // namespace ks::viz
