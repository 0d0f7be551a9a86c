// kernsim compare: one workload and seed under several policies, one table.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "analysis/report.h"
#include "apps/kernsim/commands.h"
#include "apps/kernsim/common.h"
#include "scenario/policy_list.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

struct CompareArgs {
  std::string scenario;
  std::string policies;
  std::vector<std::string> params;
  std::optional<std::uint64_t> seed;
  std::optional<Tick> until;
  bool json = false;
};

// The parameters among PARAMS that POLICY declares ("--param quantum=2" applies to every
// policy with a quantum).
std::vector<std::string> params_for(const PolicyInfo& policy, const std::vector<std::string>& params) {
  std::vector<std::string> own;
  for (const std::string& assignment : params) {
    const std::string key = assignment.substr(0, assignment.find('='));
    for (const ParamSpec& spec : policy.params) {
      if (spec.name == key) own.push_back(assignment);
    }
  }
  return own;
}

nlohmann::ordered_json row_json(const Scenario& scenario, const MeasuredRun& run) {
  const SystemMetrics& s = run.metrics.system;
  std::int64_t dispatches = 0;
  for (const CpuMetrics& cpu : run.metrics.cpus) dispatches += cpu.dispatches;
  return {{"policy", scenario.policy->name},
          {"description", describe_policy(scenario, true)},
          {"completed", s.completed},
          {"mean_response", s.response.mean},
          {"p95_response", s.response.p95},
          {"mean_turnaround", s.turnaround.mean},
          {"p95_turnaround", s.turnaround.p95},
          {"mean_wait", s.wait.mean},
          {"makespan", s.makespan},
          {"throughput_per_1000_ticks", s.throughput_per_1000},
          {"utilisation", s.mean_utilisation},
          {"fairness", s.fairness},
          {"dispatches", dispatches},
          {"deadline_misses", s.deadline_misses},
          {"migrations", s.migrations},
          {"energy", s.energy}};
}

std::string table(const std::vector<nlohmann::ordered_json>& rows) {
  const std::vector<std::pair<const char*, const char*>> columns = {
      {"policy", "description"},       {"resp avg", "mean_response"},  {"resp p95", "p95_response"},
      {"turn avg", "mean_turnaround"}, {"turn p95", "p95_turnaround"}, {"wait avg", "mean_wait"},
      {"makespan", "makespan"},        {"util %", "utilisation"},      {"fairness", "fairness"},
      {"switches", "dispatches"},      {"misses", "deadline_misses"},  {"energy", "energy"}};
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (const auto& [title, key] : columns) {
      const auto& v = row[key];
      if (v.is_string()) line.push_back(v.get<std::string>());
      else if (std::string(key) == "utilisation") line.push_back(fixed(100 * v.get<double>(), 1));
      else if (std::string(key) == "fairness") line.push_back(fixed(v.get<double>(), 3));
      else if (v.is_number_float()) line.push_back(fixed(v.get<double>(), 2));
      else line.push_back(v.dump());
    }
    cells.push_back(line);
  }
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::size_t w = std::string(columns[c].first).size();
    for (const auto& line : cells) w = std::max(w, line[c].size());
    widths.push_back(w);
  }
  std::string out;
  const auto emit = [&](const std::vector<std::string>& line) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(widths[c] - line[c].size(), ' ');
      out += (c == 0 ? line[c] + pad : pad + line[c]) + (c + 1 < line.size() ? "  " : "\n");
    }
  };
  std::vector<std::string> header;
  for (const auto& column : columns) header.emplace_back(column.first);
  emit(header);
  for (const auto& line : cells) emit(line);
  return out;
}

int run_compare(const CompareArgs& args) {
  const Scenario base = load_scenario(args.scenario);
  std::vector<nlohmann::ordered_json> rows;
  std::uint64_t seed = 0;
  const std::vector<PolicyChoice> choices = parse_policy_list(args.policies, "--policies");
  for (const std::string& assignment : args.params) {
    std::size_t users = 0;
    for (const PolicyChoice& choice : choices) users += params_for(*find_policy(choice.policy), {assignment}).size();
    if (users == 0) {
      throw InputError({"", 0, 0, "--param " + assignment.substr(0, assignment.find('='))},
                       "none of the compared policies has this parameter");
    }
  }
  for (const PolicyChoice& choice : choices) {
    Scenario scenario = base;
    // First the --param values this policy has, then the choice's own (rr:quantum=2), which win.
    override_policy(scenario, choice.policy, params_for(*find_policy(choice.policy), args.params));
    try {
      override_policy(scenario, choice.policy, choice.params);
    } catch (const InputError& error) {
      const std::string& key = error.where().key_path;
      throw InputError({"", 0, choice.column, "--policies"},
                       choice.policy + " " + key.substr(key.find(' ') + 1) + ": " + error.problem());
    }
    const MeasuredRun run = run_measured(scenario, {args.seed, args.until}, false);
    seed = run.seed;
    rows.push_back(row_json(scenario, run));
  }
  if (args.json) {
    nlohmann::ordered_json document = {{"scenario", base.name}, {"seed", seed}, {"policies", rows}};
    std::cout << document.dump(2) << '\n';
    return kExitOk;
  }
  std::cout << "Scenario " << (base.name.empty() ? args.scenario : base.name) << ", seed " << seed
            << ": the same workload under each policy (times in ticks)\n\n"
            << table(rows);
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, int& status) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* compare = app.add_subcommand("compare", "Run one scenario under several policies; print one table");
  compare->add_option("scenario", args->scenario, "Scenario file (JSON)")->required();
  compare
      ->add_option("--policies", args->policies,
                   "Comma-separated policies, each with its own parameters after colons, e.g. "
                   "fifo,rr:quantum=2,mlfq:levels=2 (the syntax of kernsim-viz --compare)")
      ->required();
  compare->add_option("--param", args->params, "KEY=VALUE for every policy that has parameter KEY (repeatable)");
  compare->add_option("--seed", args->seed, "Seed (overrides run.seed)");
  compare->add_option("--until", args->until, "Stop at this time (overrides run.until)")->check(CLI::PositiveNumber);
  compare->add_flag("--json", args->json, "Print the comparison as JSON");
  compare->callback([args, &status] { status = run_compare(*args); });
}

}  // namespace ks::cli
