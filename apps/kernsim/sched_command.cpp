// kernsim sched: a textbook scheduling exercise in one line, and the list of policies.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "analysis/report.h"
#include "analysis/timeline.h"
#include "apps/kernsim/commands.h"
#include "apps/kernsim/common.h"
#include "scenario/job_spec.h"
#include "sim-core/error.h"

namespace ks::cli {
namespace {

struct SchedArgs {
  std::string policy;
  std::optional<std::int64_t> quantum;
  int cpus = 1;
  std::vector<std::string> params;
  std::string jobs;
  std::string tie_rule = "arrival_first";
  Tick context_switch_cost = 0;
  bool json = false;
  bool list = false;
  bool names_only = false;
};

void list_policies(bool names_only) {
  for (const PolicyInfo& policy : policy_registry()) {
    if (names_only) {
      std::cout << policy.name << '\n';
      continue;
    }
    std::cout << policy.name << " — " << policy.summary << '\n';
    for (const ParamSpec& p : policy.params) {
      std::cout << "    " << p.name << " (" << to_string(p.type) << ", default " << p.default_value
                << "): " << p.description;
      if (!p.choices.empty()) {
        std::cout << " [";
        for (std::size_t i = 0; i < p.choices.size(); ++i) std::cout << (i ? "|" : "") << p.choices[i];
        std::cout << ']';
      }
      std::cout << '\n';
    }
  }
}

nlohmann::ordered_json sched_json(const Scenario& scenario, const MeasuredRun& run) {
  nlohmann::ordered_json jobs = nlohmann::ordered_json::array();
  double response = 0, turnaround = 0, wait = 0;
  for (const BurstProcessSpec& spec : scenario.processes) {
    for (const ProcessMetrics& m : run.metrics.processes) {
      if (m.name != spec.name) continue;
      const auto optional = [](Tick v) { return v >= 0 ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); };
      jobs.push_back({{"name", m.name},
                      {"arrival", m.arrival},
                      {"first_run", optional(m.first_run)},
                      {"completion", optional(m.completion)},
                      {"response", optional(m.response())},
                      {"turnaround", optional(m.turnaround())},
                      {"wait", m.wait_time}});
      response += static_cast<double>(m.response());
      turnaround += static_cast<double>(m.turnaround());
      wait += static_cast<double>(m.wait_time);
    }
  }
  const auto n = static_cast<double>(scenario.processes.size());
  return {{"policy", scenario.policy->name},
          {"jobs", jobs},
          {"average", {{"response", response / n}, {"turnaround", turnaround / n}, {"wait", wait / n}}}};
}

int run_sched(const SchedArgs& args) {
  if (args.list) {
    list_policies(args.names_only);
    return kExitOk;
  }
  if (args.policy.empty()) throw InputError({"", 0, 0, "--policy"}, "give a policy (kernsim sched --list shows them)");
  if (args.jobs.empty()) throw InputError({"", 0, 0, "--jobs"}, "give the jobs, e.g. --jobs 0:8,1:4,2:9");
  Scenario scenario;
  scenario.name = "sched";
  scenario.machine.cpus = args.cpus;
  scenario.kernel.context_switch_cost = args.context_switch_cost;
  if (args.tie_rule == "preempted_first") scenario.kernel.tie_rule = TieRule::PreemptedFirst;
  else if (args.tie_rule != "arrival_first")
    throw InputError({"", 0, 0, "--tie-rule"}, "expected arrival_first or preempted_first");
  apply_tie_rule(scenario.machine, scenario.kernel.tie_rule);
  std::vector<std::string> params = args.params;
  if (args.quantum) params.push_back("quantum=" + std::to_string(*args.quantum));
  override_policy(scenario, args.policy, params);
  scenario.processes = parse_job_spec(args.jobs);
  const MeasuredRun run = run_measured(scenario, {}, !args.json);
  if (args.json) {
    std::cout << sched_json(scenario, run).dump() << '\n';
    return kExitOk;
  }
  std::cout << "Policy " << describe_policy(scenario) << ", " << args.cpus << (args.cpus == 1 ? " CPU" : " CPUs")
            << "\n\n";
  std::cout << render_timeline(build_timeline(run.events, run.names)) << '\n' << render_process_table(run.metrics);
  return kExitOk;
}

}  // namespace

void add_sched_command(CLI::App& app, int& status) {
  auto args = std::make_shared<SchedArgs>();
  CLI::App* sched = app.add_subcommand("sched", "Run a one-line scheduling exercise, or list the policies");
  sched->add_option("--policy,-p", args->policy, "Scheduling policy (see --list)");
  sched->add_option("--quantum,-q", args->quantum,
                    "Time slice, for policies that have one (same as --param quantum=N)");
  sched->add_option("--cpus", args->cpus, "Number of CPUs")->check(CLI::Range(1, 64));
  sched->add_option("--param", args->params, "Policy parameter KEY=VALUE (repeatable)");
  sched->add_option("--jobs,-j", args->jobs,
                    "Jobs, comma-separated: ARRIVAL:LENGTH (named J0, J1, ...) or NAME@ARRIVAL:c10,i5,c3 (CPU and I/O "
                    "bursts); after a job, tickets=N (1..10^9), priority=N (-1000..1000, lower first) or nice=N "
                    "(-20..19) give it to that job: A@0:10,tickets=300,B@0:10,tickets=100");
  sched->add_option("--tie-rule", args->tie_rule, "arrival_first (default) or preempted_first");
  sched->add_option("--context-switch-cost", args->context_switch_cost, "Ticks per context switch")
      ->check(CLI::NonNegativeNumber);
  sched->add_flag("--json", args->json, "Print exactly one JSON object: policy, jobs (input order), averages");
  sched->add_flag("--list", args->list, "List the policies with their parameters");
  sched->add_flag("--names", args->names_only, "With --list: print the names only");
  sched->footer(
      "Examples: kernsim sched --policy fifo --jobs 0:10,0:10,0:10 (OSTEP figure 7.2)\n"
      "          kernsim sched --policy stride --jobs A@0:40,tickets=300,B@0:40,tickets=100 (3 to 1)");
  sched->callback([args, &status] { status = run_sched(*args); });
}

}  // namespace ks::cli
